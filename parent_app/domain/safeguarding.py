"""Domestic abuse signposts shown in the money check and wellbeing journeys: the
national helplines, and the family hub for local services.

Numbers: the National Domestic Abuse Helpline, run by Refuge (free, 24 hours), and
the Men's Advice Line, run by Respect, for men experiencing domestic abuse. Local
services in the pilot areas are not in ../shared/facts/ as verified, so the family hub
is named for them instead of a list that may be out of date.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Helpline:
    name: str
    phone: str
    hours: str
    for_whom: str
    url: str


NATIONAL_DOMESTIC_ABUSE_HELPLINE = Helpline(
    name="National Domestic Abuse Helpline (Refuge)",
    phone="0808 2000 247",
    hours="free, 24 hours a day",
    for_whom="anyone experiencing domestic abuse, and people worried about someone",
    url="https://www.nationaldahelpline.org.uk/",
)
MENS_ADVICE_LINE = Helpline(
    name="Men's Advice Line (Respect)",
    phone="0808 8010 327",
    hours="free",
    for_whom="men experiencing domestic abuse",
    url="https://mensadviceline.org.uk/",
)
HELPLINES = (NATIONAL_DOMESTIC_ABUSE_HELPLINE, MENS_ADVICE_LINE)

# Articles about abuse always show "Leave this site", whatever the reader's settings.
SAFEGUARDING_ARTICLES = frozenset({"domestic-abuse-help"})

HEADLINE = "If someone close to you hurts, controls or frightens you"
TEXT = (
    "Domestic abuse includes someone controlling your money, checking your phone, or "
    "stopping you seeing people, as well as violence. It is not your fault, and help "
    "is free and confidential. In an emergency, call 999. Your family hub can tell you "
    "about local services."
)


def domestic_abuse_signpost() -> dict[str, object]:
    """The signpost as the API sends it."""
    return {
        "headline": HEADLINE,
        "text": TEXT,
        "helplines": [asdict(h) for h in HELPLINES],
        "local": "Your family hub can tell you about local services.",
    }
