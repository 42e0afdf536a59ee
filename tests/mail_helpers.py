"""Reading what the local SMTP server received: send the outbox, find links."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

_LINK = re.compile(r"https?://\S+")


def deliver(runner: Any) -> None:
    """One `flask mail send` pass (what the scheduler runs every 30 seconds)."""
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output


def mails_to(server: Any, address: str) -> list[Any]:
    return [m for m in server.received if m["To"] == address]


def link_in(message: Any) -> str:
    [link] = _LINK.findall(message.get_body(("plain",)).get_content())
    return str(link)


def token_in(message: Any) -> str:
    return parse_qs(urlsplit(link_in(message)).query)["token"][0]
