"""The installable app in a real Chromium: the service worker registers for the
whole app, the shell and the pages read last open with the network off (and other
pages say "you are offline"), the push handler shows what the sender sends and a tap
opens the article, and pages stay usable at 320 px and at 200 % zoom."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from types import SimpleNamespace

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from tests.browser.conftest import PHONE
from tests.browser.pages import fill, main_text, press
from tests.browser.parent_pages import choose, fits_the_screen, heading
from tests.factories import PASSWORD, publish_article


def _sign_up(driver, live_server, email):
    driver.get(f"{live_server}/sign-up")
    choose(driver, "role", "birthing_parent")
    choose(driver, "area", "dorset")
    fill(driver, email=email, password=PASSWORD)
    press(driver, "Create account")


def _controlled(driver):
    """Wait until the service worker is active and controls this page."""
    scope = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        navigator.serviceWorker.ready.then(r => done(r.scope));
        """
    )
    driver.refresh()
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return !!navigator.serviceWorker.controller")
    )
    return scope


@contextmanager
def own_server(app):
    """The app on a server of this test's own, which the test can switch off: the
    phone then really has no network to reach it (DevTools' offline switch does not
    reach a service worker's own fetches)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stopped = []

    def switch_off():
        server.shutdown()
        server.server_close()
        stopped.append(True)

    try:
        yield f"http://127.0.0.1:{server.server_port}", switch_off
    finally:
        if not stopped:
            switch_off()
        thread.join(timeout=5)


def test_the_app_opens_offline(app, new_browser, shots):
    publish_article(app, "sleeping-safely", title="Sleeping safely")
    phone = new_browser(PHONE, mobile=True)
    with own_server(app) as (site, switch_off):
        _sign_up(phone, site, "offline@example.org")
        phone.get(f"{site}/")
        assert _controlled(phone) == f"{site}/"
        phone.get(f"{site}/articles/sleeping-safely")
        phone.get(f"{site}/")
        switch_off()

        phone.get(f"{site}/")
        assert heading(phone) == "This week"
        shots(phone, "offline-this-week")
        phone.get(f"{site}/articles/sleeping-safely")
        assert heading(phone) == "Sleeping safely"
        assert "All about sleeping-safely." in main_text(phone)
        shots(phone, "offline-article")
        phone.get(f"{site}/courses")
        assert heading(phone) == "You are offline"
        # The stylesheet came from the cache too: the page is still styled.
        colour = phone.execute_script(
            "return getComputedStyle(document.querySelector('header')).backgroundColor"
        )
        assert colour == "rgb(0, 94, 184)"
        shots(phone, "offline-not-cached")


def test_the_manifest_is_linked_and_installable(live_server, phone):
    phone.get(f"{live_server}/")
    href = phone.find_element(By.CSS_SELECTOR, "link[rel=manifest]").get_attribute(
        "href"
    )
    manifest = phone.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(r => r.json()).then(done);
        """,
        href,
    )
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    loaded = phone.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        Promise.all(arguments[0].map(src => new Promise(ok => {
          const img = new Image(); img.onload = () => ok(img.naturalWidth);
          img.onerror = () => ok(0); img.src = src;
        }))).then(done);
        """,
        [icon["src"] for icon in manifest["icons"]],
    )
    assert sorted(loaded) == [192, 512]


# The service worker's own code, run in the page with stand-ins for the worker's
# globals: its push handler gets the payload the sender produces, its click handler
# is tapped, and what they asked the browser to do is returned.
RUN_WORKER = """
const [code, payload, done] = arguments;
const handlers = {}, shown = [], opened = [], waits = [];
const self = {
  location: new URL(location.origin + "/sw.js"),
  addEventListener: (type, fn) => { handlers[type] = fn; },
  skipWaiting: () => Promise.resolve(),
  registration: {
    showNotification: (title, options) => { shown.push({title, options});
                                            return Promise.resolve(); },
  },
  clients: {
    matchAll: () => Promise.resolve([]),
    openWindow: url => { opened.push(url); return Promise.resolve(null); },
    claim: () => Promise.resolve(),
  },
};
new Function("self", "caches", code)(self, {});
const event = extra => ({waitUntil: p => waits.push(p), ...extra});
handlers.push(event({data: {json: () => JSON.parse(payload),
                            text: () => payload}}));
Promise.all(waits).then(() => {
  handlers.notificationclick(event({notification: {data: shown[0].options.data,
                                                   close: () => {}}}));
  return Promise.all(waits);
}).then(() => done({shown, opened}));
"""


def test_a_push_shows_the_reminder_and_a_tap_opens_the_article(app, live_server, phone):
    from parent_app.outbox.sender import payload_for

    publish_article(app, "first-vaccines", title="First vaccines")
    delivery = SimpleNamespace(
        title="Vaccines at 8 weeks",
        body="Your baby's first vaccinations are due. Book with your GP.",
        outbox_id=41,
        outbox_key="rule:7:baby:3:user:5",
        article_slug="first-vaccines",
        discreet=False,
    )
    payload = payload_for(delivery).decode()
    phone.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    phone.get(f"{live_server}/offline")
    code = phone.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch("/sw.js").then(r => r.text()).then(done);
        """
    )
    result = phone.execute_async_script(RUN_WORKER, code, payload)
    [shown] = result["shown"]
    assert shown["title"] == "Vaccines at 8 weeks"
    assert shown["options"]["body"] == json.loads(payload)["body"]
    assert shown["options"]["icon"] == "/static/icons/icon-192.png"
    assert shown["options"]["tag"] == "rule:7:baby:3:user:5"
    assert result["opened"] == [f"{live_server}/articles/first-vaccines"]
    phone.get(result["opened"][0])
    assert heading(phone) == "First vaccines"

    without_article = payload_for(
        SimpleNamespace(**{**vars(delivery), "article_slug": None})
    ).decode()
    result = phone.execute_async_script(RUN_WORKER, code, without_article)
    assert result["opened"] == [f"{live_server}/notifications/41"]


def test_pages_work_at_320_px_and_at_200_percent_zoom(
    client, live_server, new_browser, axe, shots
):
    narrow = new_browser((320, 640), mobile=True)
    _sign_up(narrow, live_server, "narrow@example.org")
    # 200 % zoom of a 1280 px screen: a 640 px wide layout drawn at twice the size.
    zoomed = new_browser((1280, 900))
    zoomed.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 640, "height": 450, "deviceScaleFactor": 2, "mobile": False},
    )
    _sign_up(zoomed, live_server, "zoomed@example.org")
    for driver, name in ((narrow, "320px"), (zoomed, "zoom-200")):
        for path in (
            "/",
            "/articles",
            "/notifications",
            "/account",
            "/courses",
            "/leave-check",
            "/money-check",
            "/babies/new",
        ):
            driver.get(f"{live_server}{path}")
            fits_the_screen(driver)
            menu = driver.find_element(By.CSS_SELECTOR, "header nav")
            assert menu.is_displayed()
        axe(driver)
        shots(driver, name)
