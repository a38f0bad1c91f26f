"""The public pages of issue 2: every URL name answers, only published content shows, anywhere.

Representative content is built with the factories (the demo fixtures are
tested with ``load_demo``); hidden content covers every way of not being public:
draft, in review, archived, and published but scheduled for later.
"""

import gzip
import html as html_lib
import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.template import loader
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.models import (
    CaseStudy,
    CollectionItem,
    KeyFigure,
    ParticipantRole,
    Participation,
    PublicationStatus,
    Resource,
    TerritoryLevel,
)
from partnerships.templatetags.rich_text import sanitize, shift_headings
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ("draft", "in_review", "archived", "scheduled")


@pytest.fixture(autouse=True)
def french():
    """Each test starts in French: a request under /en/ leaves English active in the thread."""
    with translation.override("fr"):
        yield


def hidden(state: str) -> dict:
    """Factory kwargs for content the public must not see, in each of the ways it can be hidden."""
    return {
        "draft": {"status": PublicationStatus.DRAFT, "published_at": None},
        "in_review": {"status": PublicationStatus.IN_REVIEW, "published_at": None},
        "archived": {"status": PublicationStatus.ARCHIVED},
        "scheduled": {"published_at": timezone.now() + timedelta(days=3)},
    }[state]


# ---------------------------------------------------------------------------
# A small HTML checker: one h1, headings in order, labelled links and fields.


# The only scripts a public page may carry: the site's own static files, deferred (htmx
# and site.js, progressive enhancement only), and schema.org data. Never inline code.
ALLOWED_SCRIPT_TYPES = {"application/ld+json"}


class PageOutline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.headings: list[int] = []
        self.scripts: list[dict] = []
        self.inline_scripts: list[str] = []
        self._script: dict | None = None
        self.unlabelled_links: list[str] = []
        self.field_ids: set[str] = set()
        self.label_targets: set[str] = set()
        self._link: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))
        elif tag == "script":
            self._script = attrs
            self.scripts.append(attrs)
        elif tag == "a":
            self._link = {"href": attrs.get("href"), "label": attrs.get("aria-label"), "text": ""}
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            self.field_ids.add(attrs.get("id") or "")
        elif tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        if tag == "a" and self._link is not None:
            if not (self._link["label"] or self._link["text"].strip()):
                self.unlabelled_links.append(self._link["href"])
            self._link = None

    def handle_data(self, data):
        if (
            self._script is not None
            and data.strip()
            and self._script.get("type") not in ALLOWED_SCRIPT_TYPES
        ):
            self.inline_scripts.append(data)
        if self._link is not None:
            self._link["text"] += data


def check_page(response) -> PageOutline:
    """Assert the basics every public page owes its readers; return the outline for more."""
    assert response.status_code == 200
    outline = PageOutline()
    outline.feed(response.content.decode())
    assert outline.lang == "fr"
    assert outline.headings.count(1) == 1, outline.headings
    assert outline.headings[0] == 1, outline.headings
    for previous, current in zip(outline.headings, outline.headings[1:], strict=False):
        assert current <= previous + 1, f"heading h{current} after h{previous}"
    assert outline.unlabelled_links == []
    assert outline.field_ids <= outline.label_targets, "every form field has a <label>"
    assert_only_own_scripts(outline)
    return outline


def assert_only_own_scripts(outline: PageOutline) -> None:
    """No inline code; external scripts are the site's own static files, deferred."""
    assert outline.inline_scripts == []
    for attrs in outline.scripts:
        if attrs.get("type") in ALLOWED_SCRIPT_TYPES:
            continue
        assert (attrs.get("src") or "").startswith("/static/"), attrs
        assert "defer" in attrs, attrs


# ---------------------------------------------------------------------------
# Representative content.


@pytest.fixture
def content(france):
    region = factories.TerritoryFactory(
        level=TerritoryLevel.REGION, code="84", name="Auvergne-Rhône-Alpes"
    )
    department = factories.TerritoryFactory(
        level=TerritoryLevel.DEPARTMENT, code="69", name="Rhône", parents=[region]
    )
    employment = factories.ThemeFactory(slug="emploi-insertion", name="Emploi et insertion")
    mobility = factories.ThemeFactory(slug="mobilite", name="Mobilité")
    association = factories.ActorTypeFactory(slug="association", name="Association")
    company = factories.ActorTypeFactory(slug="entreprise", name="Entreprise")
    guide = factories.ResourceFormatFactory(slug="guide-kit-pratique", name="Guide")

    partner = factories.PartnerFactory(
        name="Réseau des possibles",
        actor_type=association,
        home_territory=department,
        website="https://example.org",
    )
    partner.themes.set([employment])
    other_partner = factories.PartnerFactory(name="Mobil'Entreprise", actor_type=company)
    draft_partner = factories.PartnerFactory(
        name="Partenaire brouillon", actor_type=company, **hidden("draft")
    )

    resource = factories.ResourceFactory(
        title="Guide du dialogue territorial",
        summary="Comment réunir les acteurs d'un territoire.",
        body="<h2>Pourquoi</h2><p>Parce que.</p><h3>Détail</h3><p>Encore.</p>",
        format=guide,
        themes=[employment],
        coverage=[france],
        external_url="https://example.org/guide",
    )
    resource.authors.set([partner, draft_partner])
    resource.audiences.set([association])
    resource.tags.add("dialogue")
    draft_resource = factories.ResourceFactory(
        title="Ressource brouillon", format=guide, themes=[employment], **hidden("draft")
    )
    draft_resource.authors.set([partner])

    case_study = factories.CaseStudyFactory(
        title="Une alliance pour la mobilité rurale",
        summary="Des entreprises et une association partagent des véhicules.",
        main_territory=department,
        themes=[mobility],
        start_year=2019,
        context="<p>Un territoire rural peu desservi.</p>",
        approach="<h2>Étapes</h2><p>Diagnostic partagé.</p>",
    )
    case_study.coverage.set([region])
    case_study.related_resources.set([resource, draft_resource])
    Participation.objects.create(
        case_study=case_study, partner=partner, role=ParticipantRole.LEAD, contribution="Pilotage"
    )
    Participation.objects.create(
        case_study=case_study, partner=other_partner, role=ParticipantRole.FUNDER
    )
    Participation.objects.create(
        case_study=case_study, partner=draft_partner, role=ParticipantRole.FUNDER
    )
    KeyFigure.objects.create(case_study=case_study, value="120", label="trajets par mois")
    draft_case_study = factories.CaseStudyFactory(
        title="Retour brouillon", main_territory=department, **hidden("draft")
    )
    draft_case_study.related_resources.set([resource])
    Participation.objects.create(
        case_study=draft_case_study, partner=partner, role=ParticipantRole.CATALYST
    )

    collection = factories.CollectionFactory(
        title="Par où commencer ?", featured=True, introduction="<p>Un parcours.</p>"
    )
    collection.audiences.set([association])
    CollectionItem.objects.create(collection=collection, resource=resource, position=1)
    CollectionItem.objects.create(collection=collection, resource=draft_resource, position=2)
    CollectionItem.objects.create(collection=collection, case_study=case_study, position=3)
    CollectionItem.objects.create(collection=collection, case_study=draft_case_study, position=4)
    draft_collection = factories.CollectionFactory(title="Collection brouillon", **hidden("draft"))
    CollectionItem.objects.create(collection=draft_collection, resource=resource)

    return {
        "resource": resource,
        "case_study": case_study,
        "partner": partner,
        "other_partner": other_partner,
        "collection": collection,
        "draft_partner": draft_partner,
        "draft_resource": draft_resource,
        "draft_case_study": draft_case_study,
        "draft_collection": draft_collection,
        "employment": employment,
        "mobility": mobility,
    }


PUBLIC_PAGES = {
    "home": lambda c: reverse("home"),
    "search": lambda c: reverse("partnerships:search"),
    "search_with_q": lambda c: reverse("partnerships:search") + "?q=mobilit%C3%A9",
    "resource_list": lambda c: reverse("partnerships:resource_list"),
    "resource_list_filtered": lambda c: (
        reverse("partnerships:resource_list") + "?theme=emploi-insertion&q=guide"
    ),
    "resource_detail": lambda c: c["resource"].get_absolute_url(),
    "case_study_list": lambda c: reverse("partnerships:case_study_list"),
    "case_study_detail": lambda c: c["case_study"].get_absolute_url(),
    "partner_list": lambda c: reverse("partnerships:partner_list") + "?actor_type=association",
    "partner_detail": lambda c: c["partner"].get_absolute_url(),
    "collection_list": lambda c: reverse("partnerships:collection_list"),
    "collection_detail": lambda c: c["collection"].get_absolute_url(),
    "about": lambda c: reverse("about"),
    "legal_notice": lambda c: reverse("legal_notice"),
    "accessibility": lambda c: reverse("accessibility"),
}


# ---------------------------------------------------------------------------
# Every page answers, in French, with a sound outline.


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_answers_with_a_sound_outline(client, content, page):
    check_page(client.get(PUBLIC_PAGES[page](content)))


@pytest.mark.parametrize("page", [name for name in PUBLIC_PAGES if not name.endswith("_detail")])
def test_every_public_page_answers_on_an_empty_site(client, france, page):
    check_page(client.get(PUBLIC_PAGES[page]({})))


def test_english_pages_declare_their_language(client, content):
    response = client.get("/en" + reverse("partnerships:resource_list"))
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


# ---------------------------------------------------------------------------
# Hidden content is hidden everywhere.

HIDDEN_FACTORIES = {
    "resource": lambda **kw: factories.ResourceFactory(
        title="Contenu caché unique", featured=True, **kw
    ),
    "case_study": lambda **kw: factories.CaseStudyFactory(
        title="Contenu caché unique", featured=True, **kw
    ),
    "partner": lambda **kw: factories.PartnerFactory(name="Contenu caché unique", **kw),
    "collection": lambda **kw: factories.CollectionFactory(
        title="Contenu caché unique", featured=True, **kw
    ),
}
LISTS = {
    "resource": "partnerships:resource_list",
    "case_study": "partnerships:case_study_list",
    "partner": "partnerships:partner_list",
    "collection": "partnerships:collection_list",
}


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("kind", HIDDEN_FACTORIES)
def test_hidden_content_has_no_page_and_shows_nowhere(client, france, kind, state):
    item = HIDDEN_FACTORIES[kind](**hidden(state))
    assert client.get(item.get_absolute_url()).status_code == 404
    for url in (
        reverse("home"),
        reverse(LISTS[kind]),
        reverse(LISTS[kind]) + "?q=unique",
        reverse("partnerships:search") + "?q=unique",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "Contenu caché unique" not in response.content.decode(), url


def test_unknown_slugs_answer_404_with_the_site_page(client, france):
    for name in (
        "resource_detail",
        "case_study_detail",
        "partner_detail",
        "collection_detail",
    ):
        response = client.get(reverse(f"partnerships:{name}", kwargs={"slug": "nexiste-pas"}))
        assert response.status_code == 404
    outline = PageOutline()
    outline.feed(response.content.decode())
    assert outline.lang == "fr"
    assert outline.headings.count(1) == 1


def test_drafts_are_left_out_of_related_lists(client, content):
    pages = [
        content["resource"].get_absolute_url(),
        content["case_study"].get_absolute_url(),
        content["partner"].get_absolute_url(),
        content["collection"].get_absolute_url(),
        reverse("home"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for hidden_text in (
            "Partenaire brouillon",
            "Ressource brouillon",
            "Retour brouillon",
            "Collection brouillon",
        ):
            assert hidden_text not in html, (url, hidden_text)


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_content_is_left_out_of_related_lists_in_every_state(client, content, state):
    label = f"Caché {state}"
    partner = factories.PartnerFactory(name=f"{label} partenaire", **hidden(state))
    resource = factories.ResourceFactory(title=f"{label} ressource", **hidden(state))
    case_study = factories.CaseStudyFactory(title=f"{label} retour", **hidden(state))
    collection = factories.CollectionFactory(title=f"{label} collection", **hidden(state))
    content["resource"].authors.add(partner)
    content["case_study"].related_resources.add(resource)
    Participation.objects.create(
        case_study=content["case_study"], partner=partner, role=ParticipantRole.CATALYST
    )
    Participation.objects.create(
        case_study=case_study, partner=content["partner"], role=ParticipantRole.LEAD
    )
    resource.authors.add(content["partner"])
    case_study.related_resources.add(content["resource"])
    CollectionItem.objects.create(collection=content["collection"], resource=resource)
    CollectionItem.objects.create(collection=content["collection"], case_study=case_study)
    CollectionItem.objects.create(collection=collection, resource=content["resource"])
    for url in PUBLIC_PAGES.values():
        html = client.get(url(content)).content.decode()
        assert label not in html, url(content)


def test_resource_page_shows_its_public_authors_case_studies_and_collections(client, content):
    html = client.get(content["resource"].get_absolute_url()).content.decode()
    assert content["partner"].get_absolute_url() in html
    assert content["case_study"].get_absolute_url() in html
    assert content["collection"].get_absolute_url() in html
    assert "dialogue" in html  # tag
    assert content["resource"].external_url in html


def test_case_study_page_groups_participants_by_role_and_lists_key_figures(client, content):
    response = client.get(content["case_study"].get_absolute_url())
    html = response.content.decode()
    assert response.context["participant_groups"] == [
        ("Porteur", [content["case_study"].participations.get(role=ParticipantRole.LEAD)]),
        (
            "Financeur",
            [content["case_study"].participations.get(partner=content["other_partner"])],
        ),
    ]
    assert "<h3>Porteur</h3>" in html and "<h3>Financeur</h3>" in html
    assert "<dt>trajets par mois</dt>" in html and "<dd>120</dd>" in html
    assert "<h2" in html and "Contexte et fragilités visées" in html
    # The narrative's own h2 is renumbered under the section's h2.
    assert "<h3>Étapes</h3>" in html
    assert content["resource"].get_absolute_url() in html
    assert (
        reverse("partnerships:territory_detail", kwargs={"level": "department", "code": "69"})
        in html
    )


def test_partner_page_lists_published_resources_and_case_studies_with_roles(client, content):
    html = client.get(content["partner"].get_absolute_url()).content.decode()
    assert content["resource"].get_absolute_url() in html
    assert content["case_study"].get_absolute_url() in html
    assert "Porteur" in html
    assert "https://example.org" in html


def test_collection_page_lists_only_published_items_in_order(client, content):
    response = client.get(content["collection"].get_absolute_url())
    targets = [item.target for item in response.context["items"]]
    assert targets == [content["resource"], content["case_study"]]


def test_home_links_themes_to_the_filtered_resource_list(client, content):
    html = client.get(reverse("home")).content.decode()
    assert f"{reverse('partnerships:resource_list')}?theme=emploi-insertion" in html
    assert f'action="{reverse("partnerships:search")}"' in html
    assert content["collection"].get_absolute_url() in html


# ---------------------------------------------------------------------------
# Filters and search.


def test_theme_filter_is_repeatable_and_ignores_unknown_values(client, content):
    other = factories.ResourceFactory(title="Guide mobilité", themes=[content["mobility"]])
    url = reverse("partnerships:resource_list")

    only_employment = client.get(url, {"theme": "emploi-insertion"}).context["resources"]
    assert list(only_employment) == [content["resource"]]

    both = client.get(url, {"theme": ["emploi-insertion", "mobilite"]}).context["resources"]
    assert set(both) == {content["resource"], other}

    unknown = client.get(url, {"theme": "nimporte-quoi"})
    assert unknown.status_code == 200
    assert set(unknown.context["resources"]) == {content["resource"], other}


def test_case_study_theme_filter(client, content):
    url = reverse("partnerships:case_study_list")
    assert list(client.get(url, {"theme": "mobilite"}).context["case_studies"]) == [
        content["case_study"]
    ]
    assert list(client.get(url, {"theme": "emploi-insertion"}).context["case_studies"]) == []


def test_partner_actor_type_filter(client, content):
    url = reverse("partnerships:partner_list")
    assert list(client.get(url, {"actor_type": "entreprise"}).context["partners"]) == [
        content["other_partner"]
    ]
    assert len(client.get(url, {"actor_type": "inconnu"}).context["partners"]) == 2


def test_search_counts_each_kind_and_links_into_the_listings(client, content):
    response = client.get(reverse("partnerships:search"), {"q": "  ALLIANCE   mobilité "})
    sections = {section["kind"]: section for section in response.context["sections"]}
    assert sections["case_studies"]["count"] == 1
    assert sections["case_studies"]["results"] == [content["case_study"]]
    assert sections["resources"]["count"] == 0
    assert sections["partners"]["count"] == 0
    html = response.content.decode()
    assert 'value="ALLIANCE mobilité"' in html
    assert (
        reverse("partnerships:case_study_list") + "?q=ALLIANCE+mobilit%C3%A9"
        in sections["case_studies"]["listing_url"]
    )
    listing = client.get(sections["case_studies"]["listing_url"])
    assert list(listing.context["case_studies"]) == [content["case_study"]]


def test_search_without_query_shows_the_form_only(client, content):
    response = client.get(reverse("partnerships:search"), {"q": "   "})
    assert response.status_code == 200
    assert response.context["sections"] == []


# ---------------------------------------------------------------------------
# Pagination.


@pytest.fixture
def many_resources(france):
    theme = factories.ThemeFactory(slug="emploi-insertion")
    author = factories.PartnerFactory()
    resources = []
    for index in range(25):
        resource = factories.ResourceFactory(
            title=f"Ressource {index:02d}",
            themes=[theme],
            published_at=timezone.now() - timedelta(hours=index),
        )
        resource.authors.set([author])
        resources.append(resource)
    return resources


@override_settings(PAGE_SIZE=20)
def test_lists_are_paginated(client, many_resources):
    url = reverse("partnerships:resource_list")
    first = client.get(url)
    assert len(first.context["resources"]) == 20
    second = client.get(url, {"page": 2})
    assert len(second.context["resources"]) == 5
    assert second.context["resources"][0] == many_resources[20]
    check_page(second)
    html = second.content.decode()
    assert 'aria-label="Pagination"' in html
    assert 'aria-current="page"' in html
    assert 'rel="prev"' in html and "Page précédente" in html


@override_settings(PAGE_SIZE=20)
@pytest.mark.parametrize(
    ("raw", "expected"), [("abc", 1), ("-1", 1), ("0", 1), (str(10**12), 2), ("", 1), ("2", 2)]
)
def test_bad_page_numbers_land_on_a_real_page(client, many_resources, raw, expected):
    response = client.get(reverse("partnerships:resource_list"), {"page": raw})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


@override_settings(PAGE_SIZE=1)
def test_long_pagination_elides_pages_and_labels_every_link(client, many_resources):
    response = client.get(reverse("partnerships:resource_list"), {"page": 13})
    outline = check_page(response)
    html = response.content.decode()
    assert '<span aria-hidden="true">…</span>' in html
    assert 'aria-current="page" aria-label="Page 13"' in html
    assert 'aria-label="Page 25"' in html and 'aria-label="Page 1"' in html
    assert outline.unlabelled_links == []


@override_settings(PAGE_SIZE=20)
def test_pagination_keeps_the_other_parameters(client, many_resources):
    response = client.get(
        reverse("partnerships:resource_list"), {"q": "Ressource", "theme": "emploi-insertion"}
    )
    html = response.content.decode()
    assert "q=Ressource&amp;theme=emploi-insertion&amp;page=2" in html


# ---------------------------------------------------------------------------
# Constant number of queries (no N+1).


@override_settings(PAGE_SIZE=20)
def test_resource_list_query_count(client, many_resources, django_assert_max_num_queries):
    # count, page, themes, authors, one grouped count per facet (9), taxonomy terms (4, cached)
    with django_assert_max_num_queries(18):
        check_page(client.get(reverse("partnerships:resource_list")))
    with django_assert_max_num_queries(14):
        # The taxonomy terms are cached now; the facets cost the same with a selection.
        client.get(reverse("partnerships:resource_list"), {"theme": "emploi-insertion"})


@override_settings(PAGE_SIZE=20)
def test_case_study_list_query_count(client, france, django_assert_max_num_queries):
    territory = factories.TerritoryFactory(level=TerritoryLevel.REGION, code="84")
    theme = factories.ThemeFactory(slug="mobilite")
    for _index in range(25):
        factories.CaseStudyFactory(main_territory=territory, themes=[theme])
    with django_assert_max_num_queries(17):
        # count, page (territory joined), themes, one grouped count per facet, and the
        # taxonomy terms and régions (cold cache; see test_listings for the warm count)
        response = client.get(reverse("partnerships:case_study_list"))
    assert len(response.context["case_studies"]) == 20


@override_settings(PAGE_SIZE=20)
def test_partner_list_query_count(client, france, django_assert_max_num_queries):
    territory = factories.TerritoryFactory(level=TerritoryLevel.REGION, code="84")
    for _index in range(25):
        factories.PartnerFactory(home_territory=territory)
    with django_assert_max_num_queries(8):
        # count, page (actor type and territory joined), one grouped count per facet, terms
        response = client.get(reverse("partnerships:partner_list"))
    assert len(response.context["partners"]) == 20


@override_settings(PAGE_SIZE=20)
def test_collection_list_query_count(client, france, django_assert_max_num_queries):
    for _index in range(25):
        factories.CollectionFactory()
    with django_assert_max_num_queries(2):
        response = client.get(reverse("partnerships:collection_list"))
    assert len(response.context["collections"]) == 20


def test_home_and_search_query_counts(client, many_resources, django_assert_max_num_queries):
    with django_assert_max_num_queries(13):
        # resources + themes + authors, case studies + themes, featured collections + their
        # audiences, actor types with counts (profiles), themes with counts, three totals,
        # case studies per département (map): constant, whatever the content
        client.get(reverse("home"))
    with django_assert_max_num_queries(9):
        # per kind: count + results (+ prefetches for resources and case studies)
        client.get(reverse("partnerships:search"), {"q": "Ressource"})


def test_detail_pages_query_counts(client, content, django_assert_max_num_queries):
    more = [factories.ResourceFactory(themes=[content["employment"]]) for _ in range(10)]
    content["case_study"].related_resources.add(*more)
    content["partner"].resources.add(*more)
    with django_assert_max_num_queries(13):
        # + similar resources with their themes and authors
        client.get(content["resource"].get_absolute_url())
    with django_assert_max_num_queries(11):
        client.get(content["case_study"].get_absolute_url())
    with django_assert_max_num_queries(8):
        client.get(content["partner"].get_absolute_url())
    with django_assert_max_num_queries(6):
        client.get(content["collection"].get_absolute_url())


# ---------------------------------------------------------------------------
# Rich text never runs.


def test_a_script_in_the_database_is_not_rendered_as_a_script(client, content):
    payload = (
        '<script>alert("x")</script><p onclick="alert(1)">Texte <a href="javascript:x">lien</a></p>'
    )
    # Bypass save() (which cleans) to prove the display is safe on its own.
    Resource.objects.filter(pk=content["resource"].pk).update(body=payload)
    CaseStudy.objects.filter(pk=content["case_study"].pk).update(context=payload)
    for url in (content["resource"].get_absolute_url(), content["case_study"].get_absolute_url()):
        html = client.get(url).content.decode()
        outline = PageOutline()
        outline.feed(html)
        assert_only_own_scripts(outline)
        assert "<script>" not in html and "alert" not in html
        assert "onclick" not in html
        assert "javascript:" not in html
        assert "Texte" in html


def test_a_script_in_a_title_is_escaped(client, content):
    Resource.objects.filter(pk=content["resource"].pk).update(title="<script>alert(1)</script>")
    html = client.get(content["resource"].get_absolute_url()).content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    # In the JSON-LD too, the title cannot close the script element.
    outline = PageOutline()
    outline.feed(html)
    assert html.count("</script>") == len(outline.scripts)
    assert "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E" in html


def test_sanitize_renumbers_headings_without_gaps():
    assert shift_headings("<h2>a</h2><h4>b</h4>", 3) == "<h3>a</h3><h4>b</h4>"
    assert shift_headings("<h4>a</h4>", 2) == "<h2>a</h2>"
    assert shift_headings("<p>rien</p>", 3) == "<p>rien</p>"
    assert str(sanitize("<h2>x</h2><script>y</script>", 3)) == "<h3>x</h3>"
    assert str(sanitize(None)) == ""


def test_server_error_page_renders_without_any_context():
    html = loader.get_template("500.html").render()
    assert '<html lang="fr">' in html
    assert html.count("<h1>") == 1


# ---------------------------------------------------------------------------
# Live filtering: htmx requests get the listing block only, with the URL to push.

HTMX = {"HX-Request": "true", "HX-Target": "listing", "HX-Current-URL": "http://testserver/"}


@override_settings(PAGE_SIZE=20)
def test_htmx_requests_get_the_listing_block_and_the_canonical_url_to_push(client, many_resources):
    url = reverse("partnerships:resource_list")
    response = client.get(
        url,
        {"q": "", "territory": "", "theme": "emploi-insertion", "sort": "newest", "page": 2},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<title>Ressources (page 2) — ")
    assert "<html" not in html and "<header" not in html
    assert html.count('id="listing"') == 1
    assert html.count("<h1") == 0  # the page's h1 stays; the block starts at h2
    # Empty fields and the default sort are not part of the state.
    assert response["HX-Push-Url"] == f"{url}?theme=emploi-insertion&page=2"
    assert "HX-Request" in response["Vary"]
    full = client.get(url, {"theme": "emploi-insertion"})
    assert "HX-Push-Url" not in full and "<html" in full.content.decode()
    assert "HX-Request" in full["Vary"]


def test_history_restores_and_other_htmx_targets_get_the_whole_page(client, content):
    url = reverse("partnerships:case_study_list")
    restore = client.get(url, headers={**HTMX, "HX-History-Restore-Request": "true"})
    other = client.get(url, headers={**HTMX, "HX-Target": "main"})
    for response in (restore, other):
        check_page(response)
        assert "HX-Push-Url" not in response


def test_the_listing_block_is_the_same_in_the_page_and_in_the_htmx_answer(client, content):
    url = reverse("partnerships:resource_list") + "?theme=emploi-insertion"
    page = client.get(url).content.decode()
    block = client.get(url, headers=HTMX).content.decode()
    start = page.index('<div class="listing" id="listing"')
    listing = block[block.index('<div class="listing" id="listing"') :].strip()
    assert page[start : start + len(listing)] == listing


# ---------------------------------------------------------------------------
# Sharing: titles, descriptions, canonical URLs, Open Graph, schema.org.


class MetaTags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)


def meta_of(response) -> MetaTags:
    tags = MetaTags()
    tags.feed(response.content.decode())
    return tags


@pytest.mark.parametrize(
    ("kind", "schema_type", "og_type"),
    [
        ("resource", "CreativeWork", "article"),
        ("case_study", "Article", "article"),
        ("partner", "Organization", "website"),
        ("collection", "CollectionPage", "website"),
    ],
)
def test_detail_pages_describe_themselves_for_sharing(client, content, kind, schema_type, og_type):
    item = content[kind]
    url = item.get_absolute_url()
    tags = meta_of(client.get(url))
    name = getattr(item, "title", None) or item.name
    assert tags.meta["og:title"] == name
    assert tags.meta["og:type"] == og_type
    assert tags.meta["og:url"] == f"http://testserver{url}"
    assert tags.meta["og:image"].startswith("http://testserver/static/img/og-image")
    assert tags.meta["description"]
    assert_declares_its_languages(tags, url)
    nodes = schema_nodes(tags)
    assert nodes[schema_type]["url"] == f"http://testserver{url}"
    assert name in (nodes[schema_type].get("name"), nodes[schema_type].get("headline"))
    crumbs = nodes["BreadcrumbList"]["itemListElement"]
    assert crumbs[0]["name"] == "Accueil" and crumbs[-1]["item"] == f"http://testserver{url}"
    assert "Partenaire brouillon" not in tags.jsonld[0]  # only public data


def links_of(tags: MetaTags) -> dict[tuple, str]:
    return {(link.get("rel"), link.get("hreflang")): link["href"] for link in tags.links}


def assert_declares_its_languages(tags: MetaTags, url: str) -> None:
    """A French page is its own canonical URL and names its English twin and x-default."""
    links = links_of(tags)
    assert links[("canonical", None)] == f"http://testserver{url}"
    assert links[("alternate", "en")] == f"http://testserver/en{url}"
    assert links[("alternate", "x-default")] == f"http://testserver{url}"


def schema_nodes(tags: MetaTags) -> dict[str, dict]:
    """The page's one schema.org JSON-LD graph, its nodes by type."""
    assert len(tags.jsonld) == 1
    data = json.loads(tags.jsonld[0])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def title_of(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return html_lib.unescape(match.group(1).strip())


def test_a_territory_page_describes_itself_for_sharing(client, content):
    from partnerships.models import Territory

    Territory.objects.filter(level=TerritoryLevel.DEPARTMENT, code="69").update(
        latitude=45.87, longitude=4.64
    )
    url = reverse("partnerships:territory_detail", kwargs={"level": "department", "code": "69"})
    region_url = reverse("partnerships:territory_detail", kwargs={"level": "region", "code": "84"})
    response = client.get(url)
    assert title_of(response) == (
        "Rhône (département) — Centre de ressources de la co-construction territoriale"
    )
    tags = meta_of(response)
    assert tags.meta["description"] == (
        "Rhône (département) : les ressources, retours d'expérience et partenaires de la "
        "co-construction territoriale qui s'y appliquent ou s'y trouvent."
    )
    assert tags.meta["og:title"] == "Rhône (département)"
    assert tags.meta["og:type"] == "website"
    assert tags.meta["og:url"] == f"http://testserver{url}"
    assert tags.meta["og:locale"] == "fr_FR"
    assert tags.meta["og:description"]
    assert tags.meta["og:image"].startswith("http://testserver/static/img/og-image")
    assert_declares_its_languages(tags, url)

    nodes = schema_nodes(tags)
    place = nodes["AdministrativeArea"]
    assert place["@id"] == place["url"] == f"http://testserver{url}"
    assert (place["name"], place["identifier"]) == ("Rhône", "69")
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 45.87, "longitude": 4.64}
    crumbs = nodes["BreadcrumbList"]["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[0] == {
        "@type": "ListItem",
        "position": 1,
        "name": "Accueil",
        "item": "http://testserver/",
    }
    assert (crumbs[-2]["name"], crumbs[-2]["item"]) == (
        "Auvergne-Rhône-Alpes",
        f"http://testserver{region_url}",
    )
    assert (crumbs[-1]["name"], crumbs[-1]["item"]) == ("Rhône", f"http://testserver{url}")

    # In English: the same page, described in English, canonical under /en/.
    english = client.get("/en" + url)
    assert title_of(english).startswith("Rhône (")
    assert title_of(english) != title_of(response)
    tags = meta_of(english)
    assert tags.meta["og:locale"] == "en_GB"
    assert (
        tags.meta["description"].startswith("Rhône (") and "resources" in tags.meta["description"]
    )
    links = links_of(tags)
    assert links[("canonical", None)] == tags.meta["og:url"] == f"http://testserver/en{url}"
    assert links[("alternate", "x-default")] == f"http://testserver{url}"
    english_crumbs = json.loads(tags.jsonld[0])["@graph"][-1]["itemListElement"]
    assert english_crumbs[0]["name"] == "Home"
    assert english_crumbs[-1]["item"] == f"http://testserver/en{url}"


def test_listing_canonical_url_is_the_canonical_state(client, content):
    url = reverse("partnerships:resource_list")
    response = client.get(url, {"sort": "newest", "q": "", "theme": "emploi-insertion"})
    links = {link.get("rel"): link["href"] for link in meta_of(response).links}
    assert links["canonical"] == f"http://testserver{url}?theme=emploi-insertion"


def test_the_home_page_offers_a_site_search_to_search_engines(client, content):
    tags = meta_of(client.get(reverse("home")))
    data = json.loads(tags.jsonld[0])
    assert data["@type"] == "WebSite"
    target = data["potentialAction"]["target"]
    assert target == "http://testserver/recherche/?q={search_term_string}"


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_resource_file_is_offered_with_its_format_and_size(client, content, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    resource = content["resource"]
    resource.file = SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n" + b"0" * 2400)
    resource.save()
    html = client.get(resource.get_absolute_url()).content.decode()
    assert f'href="{resource.file.url}" download' in html
    assert re.search(r"\(PDF, 2,4\sKio\)", html)
    # The external link says where it goes.
    assert "(example.org)" in html


# ---------------------------------------------------------------------------
# Weight: a page of results under 150 KB of HTML; the site's CSS + JS under 60 KB gzipped.


@pytest.fixture(scope="class")
def pages_of_results(django_db_setup, django_db_blocker):
    """More than a page of every kind, with realistic text, all matching the search « territoire »:
    long titles and summaries, several themes, tags, authors, participants and territories.

    Built once for the class, in a transaction rolled back after its last test (each test
    runs in a savepoint inside it); like ``load_demo``, without history versions and with
    each search document computed once.
    """
    from django.db import transaction

    from partnerships.search import index as search_index

    with django_db_blocker.unblock(), transaction.atomic():
        with search_index.deferred(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            build_pages_of_results()
        yield
        transaction.set_rollback(True)


def build_pages_of_results() -> None:
    from django.conf import settings

    from partnerships.models import ActorType, PartnershipType, Theme

    factories.france()
    count = settings.PAGE_SIZE + 5
    regions = [
        factories.TerritoryFactory(
            level=TerritoryLevel.REGION, code=f"9{index}", name=f"Région de test {index}"
        )
        for index in range(13)
    ]
    departments = [
        factories.TerritoryFactory(
            level=TerritoryLevel.DEPARTMENT,
            code=f"{index + 10}",
            name=f"Département de test {index}",
            parents=[regions[index % 13]],
        )
        for index in range(26)
    ]
    themes = list(Theme.objects.all()) + [factories.ThemeFactory() for _ in range(4)]
    actor_types = list(ActorType.objects.all())
    partnership_types = list(PartnershipType.objects.all())
    text = "Un résumé de quelques phrases sur le territoire, comme dans la démonstration. " * 8
    partners = []
    for index in range(count):
        partner = factories.PartnerFactory(
            name=f"Réseau territorial d'entraide et de coopération, numéro {index}",
            actor_type=actor_types[index % len(actor_types)],
            home_territory=departments[index % 26],
            description=text,
        )
        partner.themes.set(themes[index % 12 : index % 12 + 3])
        partners.append(partner)
    for index in range(count):
        resource = factories.ResourceFactory(
            title=f"Un titre de ressource assez long pour le territoire, numéro {index}",
            summary=text,
            themes=themes[index % 12 : index % 12 + 3],
            coverage=[departments[index % 26]],
        )
        resource.authors.set(partners[index % 7 : index % 7 + 3])
        resource.audiences.set(actor_types[index % 4 : index % 4 + 2])
        resource.tags.add(*[f"mot-cle-{index % 35}", f"autre-{index % 31}"])
    for index in range(count):
        case_study = factories.CaseStudyFactory(
            title=f"Une alliance territoriale au long titre réaliste, numéro {index}",
            summary=text,
            main_territory=departments[index % 26],
            themes=themes[index % 12 : index % 12 + 3],
            start_year=2015 + index % 9,
        )
        case_study.partnership_types.set(partnership_types[index % 3 : index % 3 + 2])
        case_study.tags.add(*[f"mot-cle-{index % 35}", f"autre-{index % 31}"])
        for offset, role in enumerate((ParticipantRole.LEAD, ParticipantRole.FUNDER)):
            Participation.objects.create(
                case_study=case_study, partner=partners[(index + offset) % count], role=role
            )


# URL name, query string, the context's page of results (None: the search page's sections)
RESULTS_PAGES = {
    "resource_list": ("partnerships:resource_list", "", "resources"),
    "case_study_list": ("partnerships:case_study_list", "", "case_studies"),
    "partner_list": ("partnerships:partner_list", "", "partners"),
    "search": ("partnerships:search", "?q=territoire", None),
}


@pytest.mark.usefixtures("pages_of_results")
class TestWeight:
    @pytest.mark.parametrize("language", ["fr", "en"])
    @pytest.mark.parametrize("name", RESULTS_PAGES)
    def test_a_page_of_results_weighs_under_150_kb(self, client, name, language):
        from django.conf import settings

        from partnerships.views.search import RESULTS_PER_KIND

        url_name, query, results = RESULTS_PAGES[name]
        path = reverse(url_name) + query
        response = client.get(path if language == "fr" else "/en" + path)
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()
        if results:  # a full page of results, and more on the next one
            assert len(response.context[results]) == settings.PAGE_SIZE
            assert response.context["page_obj"].has_next()
        else:  # as many results of each kind as the search page shows
            sections = response.context["sections"]
            assert [len(section["results"]) for section in sections] == [RESULTS_PER_KIND] * 3
        assert len(response.content) < 150 * 1024, len(response.content)


def test_the_site_css_and_js_weigh_under_60_kb_compressed():
    from django.contrib.staticfiles import finders

    total = 0
    for name in ("css/site.css", "js/site.js", "django_htmx/htmx-2.min.js"):
        path = finders.find(name)
        assert path, name
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read(), compresslevel=9, mtime=0))
    assert total < 60 * 1024, total
