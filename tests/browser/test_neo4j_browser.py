"""Neo4j Browser, end to end, in headless Chromium: the five plans are loaded into the session's
real server, and a person's path through the Browser — connect form, editor, Run — shows the
regions and the plans they issued, as a graph and as a table.

Debian's chromium and chromium-driver are used (scripts/install-browser-deps installs them), so
nothing is downloaded: the driver path is given to Selenium, which then skips Selenium Manager.
Missing browser pieces skip the test, except in CI (``CI=true``), where they fail it. A screenshot
of the page is left in build/test-artifacts/neo4j-browser.png whether the test passes or fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from api.app import create_app
from api.browser_guide import read_starters
from graph.embedded_store import EmbeddedStore
from graph.model import PlanExtraction
from graph.neo4j_store import Neo4jStore
from graph.settings import Neo4jSettings, Settings
from loaders.gazetteer import Gazetteer
from loaders.pipeline import build_knowledge_graph
from tests.browser.conftest import TIMEOUT, unavailable
from tests.live_server import live_server

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

SCREENSHOT = Path(__file__).resolve().parents[2] / "build" / "test-artifacts" / "neo4j-browser.png"
QUERY = "MATCH (r:Region)-[:ISSUED]->(p:Plan) RETURN r, p"
POLL = 0.2
NO_RECORDS = "(no changes, no records)"
"""What the Browser shows for a query that returned no rows."""
ELLIPSIS = "…"
"""What the Browser puts at the end of a caption too long for its circle."""

T = TypeVar("T")


def _wait(
    driver: WebDriver,
    what: str,
    condition: Callable[[WebDriver], T],
    detail: Callable[[], str] = str,
) -> T:
    """``condition`` once it is truthy, else fail after TIMEOUT seconds saying what never happened."""
    try:
        return WebDriverWait(
            driver,
            TIMEOUT,
            poll_frequency=POLL,
            ignored_exceptions=(StaleElementReferenceException,),
        ).until(condition)
    except TimeoutException:
        pass  # fail outside the handler, so the report is the message alone
    extra = detail()
    pytest.fail(
        f"Neo4j Browser: {what} did not happen within {TIMEOUT} s"
        + (f"; {extra}" if extra else ""),
        pytrace=False,
    )


def _one(root: WebDriver | WebElement, test_id: str) -> WebElement | None:
    found = root.find_elements(By.CSS_SELECTOR, f"[data-testid='{test_id}']")
    return found[0] if found else None


def _frame_texts(driver: WebDriver) -> str:
    return "frames on the page: " + json.dumps(
        [f.text[:300] for f in driver.find_elements(By.CSS_SELECTOR, "[data-testid='frame']")],
        ensure_ascii=False,
    )


def _connect(driver: WebDriver, browser_url: str, settings: Neo4jSettings) -> None:
    """Fill in the connect form as a person would, and wait until the database is in use."""
    driver.get(browser_url)
    connect = _wait(
        driver,
        f"the connect form at {browser_url}",
        lambda d: (
            (b := _one(d, "connect")) is not None and b.is_displayed() and b.is_enabled() and b
        ),
        lambda: f"page title {driver.title!r}",
    )
    address = _one(driver, "boltaddress")
    assert address is not None, "the connect form has no Connect URL field"
    address.send_keys(Keys.CONTROL, "a")
    address.send_keys(Keys.DELETE)
    address.send_keys(settings.uri)  # the form moves the scheme into its scheme selector
    scheme = _one(driver, "bolt-scheme-select")
    typed = f"{scheme.get_attribute('value') if scheme else ''}{address.get_attribute('value')}"
    assert typed == settings.uri, f"the connect form shows {typed!r} after typing {settings.uri!r}"
    for test_id, value in (
        ("database", settings.database),
        ("username", settings.user),
        ("password", settings.password.get_secret_value()),
    ):
        field = _one(driver, test_id)
        assert field is not None, f"the connect form has no {test_id} field"
        field.send_keys(value)
    connect.click()

    in_use = f"{settings.user}@{settings.uri}/{settings.database}"

    def outcome(d: WebDriver) -> str | None:
        if in_use in d.title:
            return "connected"
        error = d.find_elements(
            By.CSS_SELECTOR, "[data-testid='frameStatusbar'] .fa-exclamation-triangle"
        )
        return f"error: {error[0].find_element(By.XPATH, '..').text}" if error else None

    result = _wait(
        driver,
        f"connecting as {in_use}",
        outcome,
        lambda: f"page title {driver.title!r}; {_frame_texts(driver)}",
    )
    if result != "connected":
        pytest.fail(
            f"Neo4j Browser refused the connection to {settings.uri} as {settings.user}: {result}",
            pytrace=False,
        )


def _type(driver: WebDriver, text: str) -> None:
    """Type ``text`` into the editor and press Run."""
    editor = _one(driver, "activeEditor")
    assert editor is not None, "Neo4j Browser shows no editor"
    editor.click()
    ActionChains(driver).send_keys(text).perform()
    _click_run(driver)


def _click_run(driver: WebDriver) -> None:
    run = _one(driver, "editor-Run")
    assert run is not None, "Neo4j Browser shows no Run button"
    run.click()


def _run(driver: WebDriver, query: str) -> WebElement:
    """Type ``query`` into the editor, press Run, and return its frame once it has an answer."""
    _type(driver, query)
    return _answer(driver, query)


def _answer(driver: WebDriver, query: str) -> WebElement:
    """The frame of ``query`` (just run) once it has an answer."""

    def answered(d: WebDriver) -> WebElement | None:
        for frame in d.find_elements(By.CSS_SELECTOR, "[data-testid='frame']"):
            command = _one(frame, "frameCommand")
            if (
                command is not None
                and command.text.strip() == query
                and _one(frame, "frame-loaded-contents")
            ):
                return frame
        return None

    frame = _wait(driver, f"an answer to {query!r}", answered, lambda: _frame_texts(driver))
    if _one(frame, "cypherFrameErrorMessage") is not None:
        pytest.fail(f"the query failed in Neo4j Browser: {frame.text[:500]!r}", pytrace=False)
    if NO_RECORDS in (_one(frame, "frame-loaded-contents") or frame).text:
        pytest.fail(
            f"the query returned nothing in Neo4j Browser: {frame.text[:500]!r}", pytrace=False
        )
    return frame


def _view(
    driver: WebDriver, frame: WebElement, test_id: str, ready: Callable[[WebDriver], T], what: str
) -> T:
    button = _one(frame, test_id)
    assert button is not None, (
        f"the result frame has no {test_id} button (it shows: {frame.text[:300]!r})"
    )
    button.click()
    return _wait(driver, what, ready, lambda: f"the result frame shows {frame.text[:500]!r}")


def _graph_nodes(
    frame: WebElement, count: int
) -> Callable[[WebDriver], list[dict[str, Any]] | None]:
    """The graph view's nodes (caption, position), once there are ``count`` and they stopped moving."""
    last: list[list[dict[str, Any]]] = []

    def settled(d: WebDriver) -> list[dict[str, Any]] | None:
        nodes: list[dict[str, Any]] = d.execute_script(
            """return Array.from(arguments[0].querySelectorAll('svg g.node')).map(g => ({
                   caption: Array.from(g.querySelectorAll('text.caption')).map(t => t.textContent.trim()).join(''),
                   at: g.getAttribute('transform')}))""",
            frame,
        )
        still = len(nodes) == count and bool(last) and last[-1] == nodes
        last[:] = [nodes]
        return nodes if still else None

    return settled


def _shows(caption: str, name: str) -> bool:
    """Whether a node caption shows ``name``, whole or cut short with an ellipsis."""
    shown = caption.removesuffix(ELLIPSIS).strip()
    return caption == name or (
        caption.endswith(ELLIPSIS) and bool(shown) and name.startswith(shown)
    )


def _uncaptioned(names: list[str], captions: list[str]) -> list[str]:
    """The names left without a caption of their own when each caption can show one name."""
    owner: dict[int, str] = {}

    def claim(name: str, tried: set[int]) -> bool:  # augmenting path (bipartite matching)
        for i, caption in enumerate(captions):
            if i not in tried and _shows(caption, name):
                tried.add(i)
                if i not in owner or claim(owner[i], tried):
                    owner[i] = name
                    return True
        return False

    return sorted(name for name in names if not claim(name, set()))


@pytest.fixture
def seeded(
    chromium: tuple[Path, Path],
    neo4j_server_settings: tuple[Neo4jSettings, str | None],
    neo4j_store: Neo4jStore,
    extractions: dict[str, PlanExtraction],
) -> tuple[Neo4jSettings, str]:
    """The session's server with the five plans loaded: its settings and its Browser's URL."""
    settings, http_url = neo4j_server_settings
    if not http_url:
        unavailable("NEO4J_URI is set without NEO4J_HTTP_URL, so there is no Neo4j Browser to open")
    for x in extractions.values():
        neo4j_store.load_plan(build_knowledge_graph([x]), plan_id=x.id, source=x.source)
    return settings, f"{http_url.rstrip('/')}/browser/"


def test_neo4j_browser_shows_the_regions_and_the_plans_they_issued(
    seeded: tuple[Neo4jSettings, str],
    extractions: dict[str, PlanExtraction],
    gazetteer: Gazetteer,
    browser: WebDriver,
) -> None:
    settings, browser_url = seeded

    # What the page must show, from the extractions and the gazetteer, not from the server.
    expected = {
        (gazetteer.by_code[x.meta.region_code].name, x.meta.title) for x in extractions.values()
    }
    regions = {region for region, _ in expected}
    assert len(expected) == 5 and {"内蒙古自治区", "重庆市"} <= regions, (
        f"unexpected test data: {expected}"
    )

    _connect(browser, browser_url, settings)
    frame = _run(browser, QUERY)

    # Table view: every row, read back from the JSON the Browser shows for each node.
    def table_rows(d: WebDriver) -> list[list[dict[str, Any]]] | None:
        rows = frame.find_elements(By.CSS_SELECTOR, "tr.relatable__table-body-row")
        try:
            cells = [
                [
                    json.loads(c.get_attribute("textContent"))
                    for c in r.find_elements(By.CSS_SELECTOR, "td[role='cell']")
                ]
                for r in rows
            ]
        except ValueError:  # a cell still being drawn
            return None
        return cells if cells and all(len(r) == 2 for r in cells) else None

    rows = _view(
        browser, frame, "cypherFrameSidebarTable", table_rows, "the Table view of the result"
    )
    shown = {(r["properties"].get("name"), p["properties"].get("title")) for r, p in rows}
    assert len(rows) == len(expected), (
        f"the Table view has {len(rows)} rows, expected {len(expected)}: {shown}"
    )
    assert [r["labels"] for r, _ in rows] == [["Region"]] * len(rows), (
        "column r of the Table view holds non-Region nodes"
    )
    assert [p["labels"] for _, p in rows] == [["Plan"]] * len(rows), (
        "column p of the Table view holds non-Plan nodes"
    )
    assert shown == expected, f"the Table view shows {sorted(shown)}, expected {sorted(expected)}"

    # Graph view: one node per region and per plan, each captioned with its name or title.
    nodes = _view(
        browser,
        frame,
        "cypherFrameSidebarVisualization",
        _graph_nodes(frame, len(regions) + len(expected)),
        f"a settled graph of {len(regions) + len(expected)} nodes",
    )
    captions = [n["caption"] for n in nodes]
    uncaptioned = _uncaptioned([name for pair in sorted(expected) for name in pair], captions)
    assert not uncaptioned, (
        f"the graph has no caption for {uncaptioned}; its captions are {captions}"
    )
    overview = _one(frame, "vizInspector")
    assert overview is not None, "the graph view has no Overview panel"
    for label, count in (("Region", len(regions)), ("Plan", len(expected))):
        item = _one(overview, f"property-details-overview-node-label-{label}")
        assert item is not None and item.text == f"{label} ({count})", (
            f"the Overview should count {label} ({count}); it shows {overview.text!r}"
        )


@pytest.fixture
def guide_api(seeds_store: EmbeddedStore) -> Iterator[str]:
    """The API named by localhost: the host Neo4j Browser's default allow-list lets guides
    come from."""
    app = create_app(Settings(), store=seeds_store)
    with live_server(app, host_name="localhost") as url:
        yield url


def test_the_api_guide_plays_in_neo4j_browser_and_its_queries_run_from_a_click(
    seeded: tuple[Neo4jSettings, str], guide_api: str, browser: WebDriver
) -> None:
    """`:play <api>/browser-guide` shows a slide per starter query; a click on the query of the
    second slide puts it in the editor, and Run answers it."""
    settings, browser_url = seeded
    starters = read_starters(Settings().paths.cypher_dir / "browser" / "starters.cypher")
    _connect(browser, browser_url, settings)
    command = f":play {guide_api}/browser-guide"
    _type(browser, command)

    def guide(d: WebDriver) -> WebElement | None:
        carousel = _one(d, "carousel")
        return carousel if carousel is not None and "policygraph" in carousel.text else None

    carousel = _wait(browser, f"the guide of {command!r}", guide, lambda: _frame_texts(browser))
    assert f"1/{len(starters) + 1}" in carousel.text.replace(" ", ""), carousel.text
    advance = _one(carousel, "nextSlide")
    assert advance is not None, "the guide has no Next button"
    advance.click()
    first = starters[0]

    def query_shown(d: WebDriver) -> WebElement | None:
        for pre in d.find_elements(By.CSS_SELECTOR, "[data-testid='carousel'] pre"):
            if pre.is_displayed() and pre.text.strip() == first.cypher:
                return pre
        return None

    pre = _wait(browser, f"the slide {first.title!r}", query_shown, lambda: carousel.text[:500])
    pre.click()
    _click_run(browser)
    frame = _answer(browser, first.cypher)
    assert "Plan" in frame.text and "Region" in frame.text, frame.text[:300]
