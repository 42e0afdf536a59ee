"""Device hints name the browser and the system, nothing else of the User-Agent."""

import pytest

from parent_app.domain.device_hint import device_hint

CASES = [
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like"
        " Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Chrome on Android",
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
        " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Safari on iPhone",
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
        " Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Edge on Windows",
    ),
    (
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Firefox on Linux",
    ),
    (
        "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like"
        " Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
        "Samsung Internet on Android",
    ),
    ("okhttp/4.12.0", "Unknown device"),
    ("", "Unknown device"),
    (None, "Unknown device"),
]


@pytest.mark.parametrize(("ua", "hint"), CASES)
def test_device_hint_names_browser_and_system(ua, hint):
    assert device_hint(ua) == hint


def test_a_suffix_is_kept_and_the_hint_stays_short():
    assert device_hint("Firefox/133.0 (Macintosh)", suffix=" (web)") == (
        "Firefox on Mac (web)"
    )
    assert len(device_hint("x", suffix="y" * 100)) == 60
