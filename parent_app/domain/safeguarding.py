"""Domestic abuse signposts shown in the money check and wellbeing journeys: the
national helplines, and the local service of each pilot area.

Every number here was read on a stored copy of a public page, named in `source` (the
issue 15 check, December 2026). A service whose number could not be checked is named
with its web address and no number (`phone` is None); hours are given only where the
page said them. The catalogue article `domestic-abuse-help` prints the same numbers
(a test compares them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Helpline:
    name: str
    phone: str | None
    hours: str | None
    for_whom: str
    url: str
    source: str  # the page the number and hours were read on


NATIONAL_DOMESTIC_ABUSE_HELPLINE = Helpline(
    name="National Domestic Abuse Helpline (Refuge)",
    phone="0808 2000 247",
    hours="free, 24 hours a day",
    for_whom="anyone experiencing domestic abuse, and people worried about someone",
    url="https://www.nationaldahelpline.org.uk/",
    source="https://refuge.org.uk/news/refuge-response-to-home-secretary-"
    "announcement-of-support-for-domestic-abuse-victims",
)
# Respect's own pages in the store do not print the number; a Scottish Government
# announcement does, and the Men's Advice Line's leaflet says it is a freephone line
# run by Respect. Its opening hours were not found on an official page.
MENS_ADVICE_LINE = Helpline(
    name="Men's Advice Line (Respect)",
    phone="0808 8010 327",
    hours="free",
    for_whom="men experiencing domestic abuse",
    url="https://mensadviceline.org.uk/",
    source="https://www.wired-gov.net/wg/wg-news-1.nsf/print/"
    "Help+for+men+abused+by+partners+29042010090404",
)
HELPLINES = (NATIONAL_DOMESTIC_ABUSE_HELPLINE, MENS_ADVICE_LINE)

# The local domestic abuse service of each pilot area (by area id).
LOCAL_SERVICES: dict[str, Helpline] = {
    "hampshire": Helpline(
        name="Hampshire Domestic Abuse advice line (Stop Domestic Abuse)",
        phone="03300 165112",
        hours=None,
        for_whom="anyone in Hampshire affected by domestic abuse",
        url="https://stopdomesticabuse.uk/",
        source="https://www.hants.gov.uk/News/241121whiteribbonday",
    ),
    "southampton": Helpline(
        name="PIPPA helpline, Southampton",
        phone="023 8091 7917",
        hours="Monday to Friday, 9:30am to 4:30pm",
        for_whom="anyone in Southampton affected by domestic abuse",
        url="https://www.southampton.gov.uk/",
        source="https://www.southampton.gov.uk/children-families/childrens-social-"
        "care/southampton-safeguarding-children-partnership/professionals/"
        "themes-guidance-and-toolkits/domestic-abuse/",
    ),
    "portsmouth": Helpline(
        name="Stop Domestic Abuse, Portsmouth",
        phone=None,
        hours=None,
        for_whom="anyone in Portsmouth affected by domestic abuse",
        url="https://stopdomesticabuse.uk/",
        source="https://www.portsmouthsab.uk/abuse/domestic-abuse/",
    ),
    "isle-of-wight": Helpline(
        name="Isle of Wight domestic abuse service (The YOU Trust)",
        phone="0800 234 6266",
        hours="free",
        for_whom="anyone on the Isle of Wight affected by domestic abuse",
        url="https://theyoutrust.org.uk/",
        source="https://www.iow.gov.uk/Council/OtherServices/Domestic-Abuse/"
        "Domestic-Abuse-Awareness",
    ),
    "dorset": Helpline(
        name="Dorset's domestic abuse service (Paragon)",
        phone=None,
        hours=None,
        for_whom="anyone in Dorset affected by domestic abuse",
        url="https://www.dorsetcouncil.gov.uk/your-community/community-safety/"
        "domestic-abuse/domestic-abuse-awareness-training-and-guidance-for-"
        "professionals.aspx",
        source="https://www.dorsetcouncil.gov.uk/your-community/community-safety/"
        "domestic-abuse/domestic-abuse-awareness-training-and-guidance-for-"
        "professionals.aspx",
    ),
    "bournemouth-christchurch-poole": Helpline(
        name="BCP Council's community safety team",
        phone=None,
        hours=None,
        for_whom="anyone in Bournemouth, Christchurch or Poole",
        url="https://www.bcpcouncil.gov.uk/",
        source="https://www.bcpcouncil.gov.uk/news-article.aspx?title=partnership-"
        "priorities-for-preventing-and-reducing-domestic-abuse-in-bournemouth-"
        "christchurch-and-poole",
    ),
}

# Articles about abuse always show "Leave this site", whatever the reader's settings.
SAFEGUARDING_ARTICLES = frozenset(
    {"domestic-abuse-help", "domestic-abuse-where-to-get-help"}
)

HEADLINE = "If someone close to you hurts, controls or frightens you"
TEXT = (
    "Domestic abuse includes someone controlling your money, checking your phone, or "
    "stopping you seeing people, as well as violence. It is not your fault, and help "
    "is free and confidential. In an emergency, call 999. Your family hub can tell you "
    "about local services."
)


def local_service(area_id: str | None) -> Helpline | None:
    """The local domestic abuse service for a pilot area, or None."""
    return LOCAL_SERVICES.get(area_id or "")


def domestic_abuse_signpost(area_id: str | None = None) -> dict[str, object]:
    """The signpost as the API sends it; with an area, its local service too."""
    local = local_service(area_id)
    return {
        "headline": HEADLINE,
        "text": TEXT,
        "helplines": [asdict(h) for h in HELPLINES],
        "local": "Your family hub can tell you about local services.",
        "local_service": asdict(local) if local else None,
    }
