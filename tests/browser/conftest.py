"""Headless Chromium for the browser tests: Debian's chromium and chromium-driver (installed by
scripts/install-browser-deps), given to Selenium so nothing is downloaded. Missing pieces skip a
test, except in CI (``CI=true``), where they fail it. Each test module names the screenshot the
``browser`` fixture leaves behind (``SCREENSHOT``), pass or fail."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
except ImportError as exc:  # the dev extra was not installed
    SELENIUM_MISSING: str | None = f"selenium is not installed ({exc}); pip install -e '.[dev]'"
else:
    SELENIUM_MISSING = None

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--window-size=1440,1000",
)
TIMEOUT = 30
"""Seconds for any one thing a page has to do (load, connect, answer, lay out)."""


def unavailable(reason: str) -> NoReturn:
    """The rule of tests/neo4j_server.py: skip on a developer's machine, fail in CI."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"headless Chromium is required in CI: {reason}", pytrace=False)
    pytest.skip(f"no headless Chromium: {reason}")


@pytest.fixture(scope="session")
def chromium() -> tuple[Path, Path]:
    """Chromium and its driver, checked before the session's Neo4j is started for nothing."""
    if SELENIUM_MISSING:
        unavailable(SELENIUM_MISSING)
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        unavailable(
            f"{' and '.join(missing)} not found; run scripts/install-browser-deps (as root)"
        )
    return CHROMIUM, CHROMEDRIVER


@pytest.fixture
def browser(chromium: tuple[Path, Path], request: pytest.FixtureRequest) -> Iterator[WebDriver]:
    """A headless Chromium; at the end, pass or fail, a screenshot of where it got to."""
    binary, driver_path = chromium
    options = webdriver.ChromeOptions()
    options.binary_location = str(binary)
    for flag in (*CHROMIUM_FLAGS, *getattr(request.module, "CHROMIUM_EXTRA_FLAGS", ())):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(
            service=Service(executable_path=str(driver_path)), options=options
        )
    except WebDriverException as exc:
        pytest.fail(f"{driver_path} could not start {binary}: {exc.msg}", pytrace=False)
    driver.set_page_load_timeout(TIMEOUT)
    try:
        yield driver
    finally:
        try:
            screenshot: Path = request.module.SCREENSHOT
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            if not driver.save_screenshot(str(screenshot)):
                raise AssertionError(f"Chromium could not write the screenshot {screenshot}")
        finally:
            driver.quit()
