"""A sign-in's device hint: the browser and system named in a User-Agent, in words a
person recognises ("Firefox on Android"), and nothing more of it kept."""

from __future__ import annotations

# Order matters: Edge, Opera and Samsung Internet also say "Chrome"; Chrome also says
# "Safari"; iOS browsers carry their own token (CriOS, FxiOS, EdgiOS).
_BROWSERS = (
    ("EdgiOS/", "Edge"),
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("FxiOS/", "Firefox"),
    ("Firefox/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)
MAX_LENGTH = 60


def device_hint(user_agent: str | None, *, suffix: str = "") -> str:
    """E.g. "Chrome on Android"; "Unknown device" when the User-Agent names neither.
    `suffix` (" (web)") is added, and the whole kept within 60 characters."""
    ua = user_agent or ""
    browser = next((name for token, name in _BROWSERS if token in ua), None)
    system = next((name for token, name in _SYSTEMS if token in ua), None)
    if browser and system:
        hint = f"{browser} on {system}"
    else:
        hint = browser or system or "Unknown device"
    return (hint + suffix)[:MAX_LENGTH]
