"""The API's interactive docs render in headless Chromium with every host but the API's own
unreachable: Swagger UI and ReDoc come from the fastapi-offline package, not a CDN. A screenshot
is left in build/test-artifacts/api-docs.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from api.app import create_app
from graph.embedded_store import EmbeddedStore
from graph.settings import Settings
from tests.browser.conftest import TIMEOUT
from tests.live_server import live_server

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).resolve().parents[2] / "build" / "test-artifacts" / "api-docs.png"
CHROMIUM_EXTRA_FLAGS = ("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",)
"""Offline: no host resolves but the API's."""


@pytest.fixture
def api_url(seeds_store: EmbeddedStore) -> Iterator[str]:
    with live_server(create_app(Settings(), store=seeds_store)) as url:
        yield url


def _count(browser: WebDriver, selector: str, at_least: int) -> int:
    def enough(driver: WebDriver) -> int:
        found = len(driver.find_elements(By.CSS_SELECTOR, selector))
        return found if found >= at_least else 0

    try:
        return int(WebDriverWait(browser, TIMEOUT, poll_frequency=0.2).until(enough))
    except TimeoutException:
        pytest.fail(f"fewer than {at_least} {selector!r} within {TIMEOUT} s", pytrace=False)


def test_docs_and_redoc_render_their_operations_offline(browser: WebDriver, api_url: str) -> None:
    browser.get(f"{api_url}/redoc")
    assert _count(browser, "[data-section-id^='tag/']", 3)
    browser.get(f"{api_url}/docs")
    assert _count(browser, ".opblock", 15)
    assert "/programs/{name}/regions" in browser.page_source
