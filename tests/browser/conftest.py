"""Browser tests: Debian's Chromium, driven by Selenium, against the app served on a
free local port. Without Chromium they skip with one line saying how to run them;
with REQUIRE_BROWSER=1 (set by .ci/run) they fail instead."""

from __future__ import annotations

import itertools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_BINARY") or shutil.which("chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
HOW_TO = (
    "browser tests need Debian's chromium and chromium-driver: "
    "apt-get install chromium chromium-driver (CI sets REQUIRE_BROWSER=1)"
)
AXE_SOURCE = Path(__file__).with_name("vendor").joinpath("axe.min.js")
PHONE = (390, 844)
DESKTOP = (1280, 900)


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    if CHROMIUM and CHROMEDRIVER:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        return  # the browser fixture fails each test with HOW_TO
    skip = pytest.mark.skip(reason=HOW_TO)
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The session's app served by Werkzeug in a thread; returns its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def new_browser(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Start a fresh headless Chromium (its own profile) of a given window size."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.fail(HOW_TO)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    drivers: list[Any] = []
    numbers = itertools.count(1)

    def start(size: tuple[int, int] = DESKTOP, *, mobile: bool = False) -> Any:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        if mobile:
            # Desktop windows have a minimum width; a phone is emulated exactly.
            options.add_experimental_option(
                "mobileEmulation",
                {
                    "deviceMetrics": {
                        "width": size[0],
                        "height": size[1],
                        "pixelRatio": 3,
                    }
                },
            )
        # Flags from the machine's notes: without the background-networking ones
        # Chromium tries the closed network at every start.
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--window-size={size[0]},{size[1]}",
            f"--user-data-dir={tmp_path / f'profile-{next(numbers)}'}",
        ):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        driver.set_page_load_timeout(30)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        driver.quit()


@pytest.fixture
def browser(new_browser: Callable[..., Any]) -> Any:
    return new_browser()


@pytest.fixture
def phone(new_browser: Callable[..., Any]) -> Any:
    return new_browser(PHONE, mobile=True)


@pytest.fixture
def shots(tmp_path: Path) -> Callable[[Any, str], Path]:
    """Save a screenshot of the page under the test's temporary folder."""
    folder = tmp_path / "screenshots"
    folder.mkdir()
    numbers = itertools.count(1)

    def save(driver: Any, name: str) -> Path:
        path = folder / f"{next(numbers):02d}-{name}.png"
        driver.save_screenshot(str(path))
        return path

    return save


def accessibility_problems(driver: Any) -> list[str]:
    """axe-core's serious and critical WCAG 2.2 AA violations on the current page."""
    driver.execute_script(AXE_SOURCE.read_text(encoding="utf-8"))
    violations = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values:
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
          .then(result => done(result.violations))
          .catch(error => done([{id: "axe-error", impact: "critical",
                                 help: String(error), nodes: []}]));
        """
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n.get("target")) for n in v["nodes"][:3])
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.fixture
def axe() -> Callable[[Any], None]:
    """Assert the current page has no serious or critical accessibility violations."""

    def check(driver: Any) -> None:
        problems = accessibility_problems(driver)
        assert not problems, f"{driver.current_url}: " + "; ".join(problems)

    return check
