"""The demo as a visitor meets it: every public URL name answers with sound HTML, in
French and in English, and drafts stay hidden.

The URL names come from the resolver, so a new public page is checked as soon as it
exists: ``PAGES`` says how to open each one with the demo's content, and a name that
is neither there, nor a JSON endpoint, nor excluded with a reason fails the suite.
"""

import json

import pytest
from django.urls import get_resolver, reverse
from django.utils import translation

from partnerships.models import (
    CaseStudy,
    Collection,
    Partner,
    PublicationStatus,
    Resource,
    Territory,
)
from tests.html_checks import html_problems

# Namespaces that are not the public site.
EXCLUDED_NAMESPACES = {"admin": "the curators' back office, behind a login"}
# URL names that are not pages a visitor opens, and why.
EXCLUDED = {
    "set_language": "Django's language switch: POST only, answers with a redirect",
}
# JSON endpoints: checked for a 200 JSON answer with results, not for HTML.
JSON_ENDPOINTS = {
    "partnerships:territory_autocomplete": lambda: [
        reverse("partnerships:territory_autocomplete") + "?q=lyon",
        reverse("partnerships:territory_autocomplete") + "?q=69&level=department",
    ],
}


def published(model, count=None):
    """Detail URLs of the demo's published ``model`` objects (all of them by default)."""
    items = model.objects.published().order_by("pk")
    return [item.get_absolute_url() for item in (items[:count] if count else items)]


def territories():
    """One territory page per level, France to a commune (Lyon and what contains it)."""
    keys = [
        ("country", "FR"),
        ("region", "84"),
        ("department", "69"),
        ("epci", "200046977"),
        ("commune", "69123"),
    ]
    return [
        Territory.objects.get(level=level, code=code).get_absolute_url() for level, code in keys
    ]


def listing(name, *queries):
    url = reverse(name)
    return [url] + [f"{url}?{query}" for query in queries]


# Every HTML page of the public site, by URL name: what to open with the demo content
# (in the active language). Listings also open with filters, chips, a second page and
# an unknown value (its notice); detail pages with every published object.
PAGES = {
    "home": lambda: [reverse("home")],
    "about": lambda: [reverse("about")],
    "legal_notice": lambda: [reverse("legal_notice")],
    "accessibility": lambda: [reverse("accessibility")],
    "partnerships:search": lambda: listing(
        "partnerships:search", "q=coopération", "q=mobilite+solidaire", "q=zzzzqx"
    ),
    "partnerships:resource_list": lambda: listing(
        "partnerships:resource_list",
        "theme=emploi-insertion&territory=commune-69123",
        "format=guide-kit&format=referentiel&sort=title",
        "page=2",
        "theme=inconnu",
        "q=alliances",
    ),
    "partnerships:resource_detail": lambda: published(Resource),
    "partnerships:case_study_list": lambda: listing(
        "partnerships:case_study_list", "region=84&department=69", "stage=emergence", "page=2"
    ),
    "partnerships:case_study_detail": lambda: published(CaseStudy),
    "partnerships:partner_list": lambda: listing(
        "partnerships:partner_list", "actor_type=entreprise", "page=2"
    ),
    "partnerships:partner_detail": lambda: published(Partner),
    "partnerships:collection_list": lambda: [reverse("partnerships:collection_list")],
    "partnerships:collection_detail": lambda: published(Collection),
    "partnerships:territory_detail": territories,
    "partnerships:contribution_create": lambda: listing(
        "partnerships:contribution_create", "type=case_study"
    ),
    "partnerships:contribution_thanks": lambda: [reverse("partnerships:contribution_thanks")],
}


def url_names() -> set[str]:
    """Every named URL of the site, namespaced as ``reverse`` wants it."""
    resolver = get_resolver()
    names = {name for name in resolver.reverse_dict if isinstance(name, str)}
    for namespace, (_prefix, namespace_resolver) in resolver.namespace_dict.items():
        if namespace in EXCLUDED_NAMESPACES:
            continue
        names |= {
            f"{namespace}:{name}"
            for name in namespace_resolver.reverse_dict
            if isinstance(name, str)
        }
    return names


def pages(language: str) -> list[str]:
    """Every page in French; in English (the same templates, other words), every page
    too but at most six URLs per name: all listing variants, six objects of a kind."""
    per_name = None if language == "fr" else 6
    with translation.override(language):
        return [url for name in sorted(PAGES) for url in PAGES[name]()[:per_name]]


# --------------------------------------------------------------------------------------
# The checker itself finds what it is meant to find
# --------------------------------------------------------------------------------------

SOUND = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>T</title></head>'
    '<body><a href="#main">Aller au contenu</a><main id="main"><h1>Titre</h1><h2>A</h2>'
    "<p>Texte<br>suite</p><h3>B</h3><h2>C</h2>"
    '<a href="/x/"><img src="x.png" alt="Logo"></a>'
    '<a href="/y/"><svg aria-hidden="true"><path d="M0 0"/></svg>'
    '<span class="visually-hidden">Suivant</span></a>'
    '<a href="/z/" aria-label="Fermer"><svg aria-hidden="true"></svg></a>'
    '<svg><a href="/d/69/"><path d="M0 0"/><title>Rhône</title></a></svg>'
    "</main></body></html>"
)


def test_the_checker_accepts_a_sound_page():
    assert html_problems(SOUND) == []


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (SOUND.replace('<html lang="fr">', "<html>"), "no lang"),
        (SOUND.replace("</p>", ""), "<p> opened on line 1 is closed by </main>"),
        (SOUND.replace("<h3>B</h3>", "<h3>B</h3></div>"), "</div> closes no open element"),
        (SOUND.replace("</body></html>", ""), "<body> is never closed"),
        (SOUND.replace("<h2>A</h2>", '<h2 id="main">A</h2>'), 'duplicate id="main"'),
        (SOUND.replace("<h3>B</h3>", "<h4>B</h4>"), "<h4> follows <h2>"),
        (SOUND.replace("<h1>Titre</h1>", ""), "<h2> follows the page start"),
        (SOUND.replace('alt="Logo"', 'alt=""'), 'link to "/x/" has no accessible name'),
        (
            SOUND.replace('<span class="visually-hidden">Suivant</span>', ""),
            'link to "/y/" has no accessible name',
        ),
        (SOUND.replace("<title>Rhône</title>", ""), 'link to "/d/69/" has no accessible name'),
    ],
)
def test_the_checker_finds_each_problem(broken, expected):
    problems = html_problems(broken)
    assert any(expected in problem for problem in problems), problems


# --------------------------------------------------------------------------------------
# The demo's pages
# --------------------------------------------------------------------------------------


def test_every_url_name_is_checked_or_excluded_with_a_reason():
    names = url_names()
    unknown = names - set(PAGES) - set(JSON_ENDPOINTS) - set(EXCLUDED)
    assert not unknown, (
        f"new URL names {sorted(unknown)}: add them to PAGES (how to open them with the "
        "demo), to JSON_ENDPOINTS, or to EXCLUDED with the reason"
    )
    gone = (set(PAGES) | set(JSON_ENDPOINTS) | set(EXCLUDED)) - names
    assert not gone, f"{sorted(gone)} no longer exist"
    # The pages the site's own design names are among them.
    assert {"home", "about", "legal_notice", "accessibility"} <= set(PAGES)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_public_page_answers_with_sound_html(client, demo, db, language):
    problems = {}
    urls = pages(language)
    assert len(urls) > (150 if language == "fr" else 50)  # not a hand-picked few
    for url in urls:
        assert url.startswith("/en/") == (language == "en"), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url
        text = response.content.decode()
        assert f'<html lang="{language}">' in text, url
        if found := html_problems(text):
            problems[url] = found
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pages_a_visitor_reaches_by_mistake_or_by_a_form_are_sound_too(client, demo, db, language):
    with translation.override(language):
        missing = reverse("partnerships:resource_detail", kwargs={"slug": "nexiste-pas"})
        form = reverse("partnerships:contribution_create")
    response = client.get(missing)
    assert response.status_code == 404
    assert html_problems(response.content.decode()) == []
    response = client.post(form, {"kind": "case_study"})  # required fields left empty
    assert response.status_code == 200 and response.context["form"].errors
    assert html_problems(response.content.decode()) == []


def test_json_endpoints_answer_json_with_results(client, demo, db):
    for make_urls in JSON_ENDPOINTS.values():
        for url in make_urls():
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"] == "application/json", url
            assert response.json()["results"], url


def test_demo_drafts_answer_404_and_are_listed_nowhere(client, demo, db):
    drafts = [
        item
        for model in (Resource, CaseStudy, Partner)
        for item in model.objects.exclude(status=PublicationStatus.PUBLISHED)
    ]
    assert drafts, "the demo has drafts"
    listing_page = client.get(reverse("partnerships:resource_list") + "?page=1").content.decode()
    for draft in drafts:
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert draft.get_absolute_url() not in listing_page
