"""Issue 17: every catalogue item names an official source and a review date (items 12,
13 and 17), and each pilot area's parents see local content and the five kinds of
course."""

import re
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest

from parent_app.content.catalogue.loader import FOLDERS, load_catalogue, read_folder
from tests.factories import make_parent

# Copy sites, trade press and blogs the catalogue once cited where an official page
# exists, and the old-style NHS addresses.
NOT_A_SOURCE = (
    "docslib.org",
    "willerbyhill.co.uk",
    "caosuvn.com",
    "feedreader.com",
    "healthwell.eani.org.uk",
    "kingstonmaternity.org.uk",
    "advicenetwork.org.uk",
    "wired-gov.net",
    "brightwhitelife.co.uk",
    "livewellsouthend.com",
    "personneltoday.com",
    "brightmine.com",
    "lancsyoungpeoplefamilyservice.co.uk",
    "essexfamilywellbeing.co.uk",
)
OLD_NHS = re.compile(r"nhs\.uk/(Conditions|Planners)/|/Pages/|\.aspx$|start4life/")
PILOT_AREAS = (
    "hampshire",
    "southampton",
    "portsmouth",
    "isle-of-wight",
    "dorset",
    "bournemouth-christchurch-poole",
)


def _every_item():
    for folder in FOLDERS:
        for name, data in read_folder(folder):
            yield f"{folder}/{name}", data


def test_every_item_names_a_source_with_an_address_and_a_review_date():
    problems = {}
    for name, data in _every_item():
        url = str(data.get("source_url", ""))
        if len(str(data.get("source_name", "")).strip()) < 3:
            problems[name] = "no source name"
        elif not re.match(r"https?://[^/]+\.[a-z]", url):
            problems[name] = f"no source address: {url!r}"
        elif not str(data.get("review_by", "")) > date(2026, 12, 4).isoformat():
            problems[name] = f"review date passed or missing: {data.get('review_by')}"
    assert problems == {}


def test_no_source_is_a_copy_site_trade_press_or_an_old_nhs_address():
    bad = {}
    for name, data in _every_item():
        url = str(data.get("source_url", ""))
        host = urlsplit(url).hostname or ""
        is_copy = any(host == s or host.endswith("." + s) for s in NOT_A_SOURCE)
        if is_copy or OLD_NHS.search(url) or url.startswith("http://"):
            bad[name] = url
    assert bad == {}


def test_every_nudge_and_course_validates_with_its_source(app):
    from parent_app.courses.kind import validate_course
    from parent_app.nudges.rules import validate_rule

    with app.app_context():
        # Courses may be held at a catalogue location: those come first.
        report = load_catalogue(now=datetime.now(UTC), kinds={"location"})
        assert report.errors == [] and report.created_or_changed == {"location": 1}
        for name, data in read_folder("nudges"):
            cleaned = validate_rule(data)
            assert cleaned["source_url"] == data["source_url"], name
        for name, data in read_folder("courses"):
            cleaned = validate_course(data)
            assert cleaned["review_by"] == data["review_by"], name


def test_the_staff_api_shows_a_rules_source(runner, app, client):
    from tests.factories import make_staff

    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    staff = make_staff(app, client, role="editor", areas=("national",))
    page = client.get("/api/v1/staff/nudges?limit=100", headers=staff["headers"])
    assert page.status_code == 200, page.get_json()
    rule = next(i for i in page.get_json()["items"] if i["slug"] == "dating-scan")
    data = rule["live_revision"]["data"]
    assert data["source_url"].startswith("https://www.nhs.uk/")
    assert data["review_by"] == "2027-06-30"


def _course_kinds(course: dict) -> set[str]:
    kinds = set()
    text = f"{course['title']} {course['summary']}".lower()
    if course["topic"] == "relationships":
        kinds.add("relationships")
    if course["audience"] == "partner":
        kinds.add("dads and partners")
    if course["topic"] == "feeding" and "feeding" in text:
        kinds.add("infant feeding")
    if course["topic"] == "wellbeing" and ("perinatal" in text or "low" in text):
        kinds.add("perinatal wellbeing")
    if course["topic"] == "money":
        kinds.add("money and skills")
    return kinds


@pytest.mark.parametrize("area", PILOT_AREAS)
def test_each_pilot_areas_parent_sees_local_content_and_five_kinds_of_course(
    runner, client, area
):
    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    parent = make_parent(client, area=area)
    courses = client.get(
        "/api/v1/courses?limit=100", headers=parent["headers"]
    ).get_json()["items"]
    local = [c for c in courses if c["area"] != "national"]
    kinds = set().union(*(_course_kinds(c) for c in local))
    assert kinds == {
        "relationships",
        "dads and partners",
        "infant feeding",
        "perinatal wellbeing",
        "money and skills",
    }, area
    articles = client.get(
        "/api/v1/articles?limit=100", headers=parent["headers"]
    ).get_json()["items"]
    assert [a for a in articles if a["area"] != "national"], area


# Items 14-16: each subject has at least one item, and each says what a partner can do
# (feeding) or names the help (mental health and safety).
FEEDING = {
    "latch and positioning": "latch-and-positioning",
    "getting enough milk": "is-my-baby-getting-enough-milk",
    "mastitis and blocked ducts": "mastitis-and-blocked-ducts",
    "tongue-tie": "tongue-tie",
    "mixed feeding": "mixed-feeding",
    "expressing and returning to work": "breastfeeding-and-going-back-to-work",
    "formula safety": "making-up-formula-safely",
}
SAFETY = {
    "birth trauma": ("birth-trauma", "NHS Talking Therapies"),
    "specialist perinatal service": (
        "specialist-perinatal-mental-health-service",
        "can refer you",
    ),
    "domestic abuse, incl. men": ("domestic-abuse-where-to-get-help", "0808 8010 327"),
    "partner's own mental health": ("dads-and-partners-mental-health", "GP"),
}
LEAVE_NUDGES = {
    "Shared Parental Leave notice": ("shared-parental-leave-8-weeks-notice", "8 weeks"),
    "neonatal leave": ("neonatal-care-leave-and-pay", "neonatal care"),
    "unpaid parental leave": ("unpaid-parental-leave-reminder", "18 weeks"),
    "back to work, flexible working": (
        "going-back-to-work-flexible-working",
        "flexibly",
    ),
    "money and skills check in pregnancy": (
        "money-and-skills-check-in-pregnancy",
        "money and skills check",
    ),
}


def _by_slug(folder):
    return {data["slug"]: data for _, data in read_folder(folder)}


def test_feeding_subjects_each_have_an_article_that_includes_partners():
    articles = _by_slug("articles")
    for subject, slug in FEEDING.items():
        assert slug in articles, subject
        body = articles[slug]["body"].lower()
        assert "partner" in body, subject


def test_mental_health_and_safety_subjects_name_the_help():
    articles = _by_slug("articles")
    for subject, (slug, words) in SAFETY.items():
        assert words in articles[slug]["body"], subject
    assert "0808 2000 247" in articles["domestic-abuse-where-to-get-help"]["body"]


def test_the_missing_leave_nudges_are_there():
    rules = _by_slug("nudges")
    for subject, (slug, words) in LEAVE_NUDGES.items():
        assert slug in rules, subject
        assert words in rules[slug]["body"], subject
        assert len(rules[slug]["body"]) <= 120, subject


# Every telephone number the catalogue prints, with where it was checked (issue 17,
# December 2026). A number not checked against ../shared/facts or the service's own
# page is not printed: the item names the service and its web address instead.
VERIFIED_NUMBERS = {
    "999": "emergency services",
    "111": "NHS 111; option 2 for mental health (facts WELL-03)",
    "55": "999 Silent Solution (press 55 when asked)",
    "116123": "Samaritans (facts WELL-03; samaritans.org)",
    "03001000212": "National Breastfeeding Helpline (facts FEED-06)",
    "03003300700": "NCT infant feeding line (facts FEED-06)",
    "01924200799": "Miscarriage Association helpline (miscarriageassociation.org.uk)",
    "08082000247": "National Domestic Abuse Helpline (refuge.org.uk)",
    "08088010327": "Men's Advice Line (Scottish Government release; Respect)",
    "03300165112": "Hampshire Domestic Abuse advice line (hants.gov.uk, issue 15)",
    "02380917917": "PIPPA helpline, Southampton (southampton.gov.uk, issue 15)",
    "08002346266": "Isle of Wight domestic abuse service (iow.gov.uk, issue 15)",
}
PHONE = re.compile(
    r"(?<![\d£.,:/-])(?:0\d{2,4}[ ]?\d{3,4}[ ]?\d{3,4}|116 ?123|111|999|55)(?![\d%:])"
)


def test_every_printed_phone_number_was_verified():
    unverified = {}
    for name, data in _every_item():
        text = " ".join(str(v) for v in data.values())
        for number in PHONE.findall(text):
            digits = number.replace(" ", "")
            if digits not in VERIFIED_NUMBERS:
                unverified.setdefault(name, []).append(number)
    assert unverified == {}


def test_the_loss_support_article_names_each_charity_and_its_web_address():
    [(_, support)] = [
        (n, d) for n, d in _every_item() if n.endswith("support-after-losing-a-baby.md")
    ]
    body = support["body"]
    for charity, address in (
        ("Sands", "https://www.sands.org.uk/"),
        ("Tommy's", "https://www.tommys.org/"),
        ("Miscarriage Association", "01924 200799"),
    ):
        assert charity in body and address in body, charity


def test_every_starter_location_cites_an_official_page():
    locations = [(n, d) for n, d in _every_item() if n.startswith("locations/")]
    assert locations, "the starter catalogue lists at least one verified hub"
    for name, data in locations:
        host = urlsplit(data["source_url"]).hostname or ""
        assert host.endswith((".gov.uk", ".nhs.uk")), name
