"""The real geography shipped in fixtures/territories: hierarchy, content by territory,
territory pages and the autocomplete.

The full snapshot (~37,000 territories, ~180,000 links) is imported once for this
module, inside a transaction rolled back when the module ends; each test runs in a
savepoint of it, so tests stay isolated and other modules never see the data.
"""

import json
import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from partnerships.importers.territories import import_territories
from partnerships.models import (
    CaseStudy,
    Collection,
    Partner,
    PublicationStatus,
    Resource,
    Territory,
    TerritoryLevel,
    TerritoryLink,
)
from partnerships.models.territory import normalize_name
from tests import factories
from tests.test_admin import admin_autocomplete


@pytest.fixture(scope="module")
def geography(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        report = import_territories()
        # Fire PostgreSQL's deferred foreign-key checks of the ~200,000 new rows once, here,
        # rather than at the end of every test (each rolls back to a savepoint of this block).
        connection.check_constraints()
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def geo(geography, db):
    """The imported geography, in a test that may write (rolled back after it)."""
    return geography


def get(level, code) -> Territory:
    return Territory.objects.get(level=level, code=code)


def ancestor_codes(territory) -> set[tuple[str, str]]:
    return set(territory.ancestors.exclude(pk=territory.pk).values_list("level", "code"))


def autocomplete(client, query, **params):
    response = client.get(reverse("partnerships:territory_autocomplete"), {"q": query, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


class TestCounts:
    def test_the_whole_official_geography_is_there(self, geo):
        counts = {
            level: Territory.objects.filter(level=level, is_active=True).count()
            for level in TerritoryLevel.values
        }
        assert counts["country"] == 1
        assert counts["region"] == 18
        assert counts["department"] == 101
        assert counts["epci"] >= 1250
        assert counts["commune"] >= 34800
        assert geo.levels["commune"].created == counts["commune"]

    def test_every_commune_has_a_department_a_region_and_france(self, geo):
        communes = set(Territory.objects.filter(level="commune").values_list("pk", flat=True))
        for level in ("department", "region", "country"):
            linked = list(
                TerritoryLink.objects.filter(
                    territory__level="commune", ancestor__level=level
                ).values_list("territory_id", flat=True)
            )
            assert len(linked) == len(communes), level  # exactly one of each…
            assert set(linked) == communes, level  # …for every commune

    def test_every_commune_but_four_islands_has_an_epci(self, geo):
        with_epci = set(
            TerritoryLink.objects.filter(
                territory__level="commune", ancestor__level="epci"
            ).values_list("territory_id", flat=True)
        )
        without = [
            code
            for pk, code in Territory.objects.filter(level="commune").values_list("pk", "code")
            if pk not in with_epci
        ]
        assert sorted(without) == ["22016", "29083", "29155", "85113"]

    def test_populations(self, geo):
        assert get("commune", "69123").population == 516092
        assert get("country", "FR").population == 66526267
        assert get("department", "976").population is None  # Mayotte: not in the 2017 file
        metropole = get("epci", "200046977")
        assert metropole.population == sum(
            metropole.descendants.filter(level="commune").values_list("population", flat=True)
        )


class TestHierarchy:
    def test_lyon(self, geo):
        lyon = get("commune", "69123")
        assert ancestor_codes(lyon) == {
            ("epci", "200046977"),
            ("department", "69"),
            ("region", "84"),
            ("country", "FR"),
        }
        assert [(t.level, t.code) for t in lyon.ancestors_by_level()] == [
            ("country", "FR"),
            ("region", "84"),
            ("department", "69"),
            ("epci", "200046977"),
        ]
        assert {(t.level, t.code) for t in lyon.parents()} == {
            ("epci", "200046977"),
            ("department", "69"),
        }
        assert lyon.label == "Lyon (69) — Rhône, Auvergne-Rhône-Alpes"
        assert lyon.parent_names == ["Métropole de Lyon", "Rhône", "Auvergne-Rhône-Alpes"]

    def test_region_and_department_children(self, geo):
        ara = get("region", "84")
        assert ara.children().filter(level="department").count() == 12
        assert not ara.children().exclude(level="department").exists()
        rhone = get("department", "69")
        assert (
            rhone.children().filter(level="commune").count()
            == rhone.descendants.filter(level="commune").count()
        )
        assert rhone.children().filter(level="epci", code="200046977").exists()
        assert get("country", "FR").children().count() == 18

    def test_epci_straddling_two_departments(self, geo):
        usses = get("epci", "200070852")  # Usses et Rhône: Ain and Haute-Savoie
        assert ancestor_codes(usses) == {
            ("department", "01"),
            ("department", "74"),
            ("region", "84"),
            ("country", "FR"),
        }
        anglefort, bassy = get("commune", "01010"), get("commune", "74029")
        assert ("department", "74") not in ancestor_codes(anglefort)
        assert ("department", "01") not in ancestor_codes(bassy)
        assert usses in get("department", "74").children()
        assert usses in get("department", "01").children()

    def test_epci_straddling_two_regions(self, geo):
        macon = get("epci", "200070308")  # Mâconnais Beaujolais Agglomération: 01 and 71
        assert {code for level, code in ancestor_codes(macon) if level == "region"} == {
            "27",
            "84",
        }
        assert macon.label.endswith(
            "Ain, Saône-et-Loire, Auvergne-Rhône-Alpes, Bourgogne-Franche-Comté"
        )

    def test_overseas_commune(self, geo):
        abymes = get("commune", "97101")
        assert ancestor_codes(abymes) == {
            ("epci", "200018653"),
            ("department", "971"),
            ("region", "01"),
            ("country", "FR"),
        }
        assert abymes.label == "Les Abymes (971) — Guadeloupe, Guadeloupe"
        assert (round(abymes.latitude), round(abymes.longitude)) == (16, -62)


class TestContentByTerritory:
    def test_resources(self, geo):
        france, ara, rhone = get("country", "FR"), get("region", "84"), get("department", "69")
        lyon, metropole = get("commune", "69123"), get("epci", "200046977")
        ain, bourg = get("department", "01"), get("commune", "01053")
        national = factories.ResourceFactory(title="Nationale", coverage=[france])
        regional = factories.ResourceFactory(title="Régionale", coverage=[ara])
        for_rhone = factories.ResourceFactory(title="Rhône", coverage=[rhone])
        for_lyon = factories.ResourceFactory(title="Lyon", coverage=[lyon])
        for_metropole = factories.ResourceFactory(title="Métropole", coverage=[metropole])
        for_ain = factories.ResourceFactory(title="Ain", coverage=[ain])
        both = factories.ResourceFactory(title="Lyon et Bourg", coverage=[lyon, bourg])
        factories.ResourceFactory(
            title="Brouillon", coverage=[lyon], status=PublicationStatus.DRAFT, published_at=None
        )

        def titles(queryset):
            return sorted(queryset.values_list("title", flat=True))

        published = Resource.objects.published()
        assert titles(published.for_territory(lyon)) == sorted(
            r.title for r in (national, regional, for_rhone, for_lyon, for_metropole, both)
        )
        assert titles(published.for_territory(bourg)) == sorted(
            r.title for r in (national, regional, for_ain, both)
        )
        assert titles(published.within(rhone)) == sorted(
            r.title for r in (for_rhone, for_lyon, for_metropole, both)
        )
        assert titles(published.within(ara)) == sorted(
            r.title for r in (regional, for_rhone, for_lyon, for_metropole, for_ain, both)
        )
        assert published.within(france).count() == 7
        assert titles(published.for_territory(france)) == ["Nationale"]
        assert "Brouillon" in titles(Resource.objects.within(lyon))

    def test_straddling_epci_content(self, geo):
        usses = get("epci", "200070852")
        haute_savoie, anglefort = get("department", "74"), get("commune", "01010")
        for_usses = factories.ResourceFactory(coverage=[usses])
        for_haute_savoie = factories.ResourceFactory(coverage=[haute_savoie])
        assert for_usses in Resource.objects.within(haute_savoie)
        assert for_usses in Resource.objects.within(get("department", "01"))
        assert for_usses in Resource.objects.for_territory(anglefort)
        assert for_haute_savoie not in Resource.objects.for_territory(anglefort)
        # The EPCI lies partly in the Haute-Savoie: what applies there applies to it.
        assert for_haute_savoie in Resource.objects.for_territory(usses)

    def test_case_studies_by_main_territory_and_coverage(self, geo):
        villeurbanne, haute_savoie = get("commune", "69266"), get("department", "74")
        case = factories.CaseStudyFactory(main_territory=villeurbanne)
        case.coverage.set([haute_savoie, get("commune", "69123")])
        overseas = factories.CaseStudyFactory(main_territory=get("commune", "97101"))
        assert list(CaseStudy.objects.within(get("department", "69"))) == [case]
        assert list(CaseStudy.objects.within(haute_savoie)) == [case]
        assert list(CaseStudy.objects.for_territory(get("commune", "74010"))) == [case]
        assert list(CaseStudy.objects.for_territory(get("commune", "69123"))) == [case]
        assert list(CaseStudy.objects.for_territory(get("commune", "01053"))) == []
        assert list(CaseStudy.objects.within(get("region", "01"))) == [overseas]
        assert CaseStudy.objects.within(get("country", "FR")).count() == 2  # no duplicates

    def test_partners_by_home_territory(self, geo):
        lyon_partner = factories.PartnerFactory(home_territory=get("commune", "69123"))
        national = factories.PartnerFactory(home_territory=get("country", "FR"))
        factories.PartnerFactory(home_territory=None)
        assert set(Partner.objects.for_territory(get("commune", "69123"))) == {
            lyon_partner,
            national,
        }
        assert list(Partner.objects.within(get("epci", "200046977"))) == [lyon_partner]
        assert list(Partner.objects.within(get("department", "01"))) == []
        assert list(Partner.objects.for_territory(get("commune", "01053"))) == [national]

    def test_overseas_commune(self, geo):
        """Les Abymes: what applies there is France, Guadeloupe (région and département),
        its EPCI and itself, never the mainland, Martinique or a neighbouring commune."""
        abymes = get("commune", "97101")
        applying = {
            "France": get("country", "FR"),
            "Région Guadeloupe": get("region", "01"),
            "Département 971": get("department", "971"),
            "Cap Excellence": get("epci", "200018653"),
            "Les Abymes": abymes,
        }
        elsewhere = {
            "Pointe-à-Pitre": get("commune", "97120"),  # same EPCI, another commune
            "Martinique": get("region", "02"),
            "Fort-de-France": get("commune", "97209"),
            "Auvergne-Rhône-Alpes": get("region", "84"),
            "Rhône": get("department", "69"),
            "Métropole de Lyon": get("epci", "200046977"),
            "Lyon": get("commune", "69123"),
        }
        for title, territory in {**applying, **elsewhere}.items():
            factories.ResourceFactory(title=title, coverage=[territory])
        factories.ResourceFactory(
            title="Brouillon des Abymes",
            coverage=[abymes],
            status=PublicationStatus.DRAFT,
            published_at=None,
        )

        def titles(queryset):
            return sorted(queryset.values_list("title", flat=True))

        published = Resource.objects.published()
        assert titles(published.for_territory(abymes)) == sorted(applying)
        guadeloupe = applying["Région Guadeloupe"]
        assert titles(published.within(guadeloupe)) == sorted(
            [*applying.keys() - {"France"}, "Pointe-à-Pitre"]
        )
        assert "Brouillon des Abymes" in titles(Resource.objects.within(guadeloupe))

        # A case study applies to Les Abymes through its main territory or its coverage.
        local = factories.CaseStudyFactory(title="Alliance des Abymes", main_territory=abymes)
        covering = factories.CaseStudyFactory(
            title="Réseau Antilles", main_territory=elsewhere["Fort-de-France"]
        )
        covering.coverage.set([applying["Département 971"]])
        factories.CaseStudyFactory(title="Alliance lyonnaise", main_territory=elsewhere["Lyon"])
        factories.CaseStudyFactory(
            title="Alliance de Pointe-à-Pitre", main_territory=elsewhere["Pointe-à-Pitre"]
        )
        assert set(CaseStudy.objects.for_territory(abymes)) == {local, covering}
        assert titles(CaseStudy.objects.within(guadeloupe)) == [
            "Alliance de Pointe-à-Pitre",
            "Alliance des Abymes",
            "Réseau Antilles",
        ]

        # Partners by home territory.
        island = factories.PartnerFactory(
            name="Fondation guadeloupéenne", home_territory=guadeloupe
        )
        neighbour = factories.PartnerFactory(
            name="Association pointoise", home_territory=elsewhere["Pointe-à-Pitre"]
        )
        factories.PartnerFactory(name="Association lyonnaise", home_territory=elsewhere["Lyon"])
        factories.PartnerFactory(name="Réseau martiniquais", home_territory=elsewhere["Martinique"])
        assert list(Partner.objects.for_territory(abymes)) == [island]
        assert set(Partner.objects.within(guadeloupe)) == {island, neighbour}

    def test_collections_follow_their_published_items(self, geo):
        """A collection has no territory of its own: it is where its published items are."""
        abymes, guadeloupe = get("commune", "97101"), get("region", "01")
        lyon = get("commune", "69123")
        for_island = factories.ResourceFactory(coverage=[get("department", "971")])
        for_lyon = factories.ResourceFactory(coverage=[lyon])
        draft_for_abymes = factories.ResourceFactory(
            coverage=[abymes], status=PublicationStatus.DRAFT, published_at=None
        )
        national = factories.ResourceFactory(coverage=[get("country", "FR")])
        case_in_abymes = factories.CaseStudyFactory(main_territory=abymes)

        antilles = factories.CollectionFactory(title="Dossier Guadeloupe")
        antilles.items.create(resource=for_lyon, position=1)
        antilles.items.create(resource=for_island, position=2)
        stories = factories.CollectionFactory(title="Récits des Abymes")
        stories.items.create(case_study=case_in_abymes, position=1)
        lyonnais = factories.CollectionFactory(title="Parcours lyonnais")
        lyonnais.items.create(resource=for_lyon, position=1)
        only_a_draft = factories.CollectionFactory(title="Brouillon seulement")
        only_a_draft.items.create(resource=draft_for_abymes, position=1)
        general = factories.CollectionFactory(title="Pour tous")
        general.items.create(resource=national, position=1)
        draft_collection = factories.CollectionFactory(
            title="Collection en brouillon", status=PublicationStatus.DRAFT, published_at=None
        )
        draft_collection.items.create(case_study=case_in_abymes, position=1)

        def titles(queryset):
            return sorted(queryset.values_list("title", flat=True))

        collections = Collection.objects.published()
        assert titles(collections.for_territory(abymes)) == [
            "Dossier Guadeloupe",
            "Pour tous",
            "Récits des Abymes",
        ]
        assert titles(collections.within(guadeloupe)) == ["Dossier Guadeloupe", "Récits des Abymes"]
        assert titles(collections.for_territory(lyon)) == [
            "Dossier Guadeloupe",
            "Parcours lyonnais",
            "Pour tous",
        ]
        assert titles(collections.within(get("department", "69"))) == [
            "Dossier Guadeloupe",
            "Parcours lyonnais",
        ]
        # Once its resource is unpublished, a collection no longer lies in the territory.
        Resource.objects.filter(pk=for_island.pk).update(status=PublicationStatus.DRAFT)
        assert titles(collections.within(guadeloupe)) == ["Récits des Abymes"]
        # The collection's own status is published()'s business, as for every content.
        assert "Collection en brouillon" in titles(Collection.objects.within(guadeloupe))


class TestTerritoryPage:
    def url(self, level, code):
        return reverse("partnerships:territory_detail", kwargs={"level": level, "code": code})

    def test_commune_page(self, geo, client):
        lyon = get("commune", "69123")
        assert lyon.get_absolute_url() == self.url("commune", "69123")
        factories.ResourceFactory(title="Guide du Rhône", coverage=[get("department", "69")])
        factories.ResourceFactory(title="Guide lyonnais", coverage=[lyon])
        factories.ResourceFactory(
            title="Brouillon lyonnais", coverage=[lyon], status=PublicationStatus.DRAFT
        )
        factories.PartnerFactory(name="Association lyonnaise", home_territory=lyon)
        factories.CaseStudyFactory(
            title="Alliance de Villeurbanne", main_territory=get("commune", "69266")
        )
        response = client.get(lyon.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("<h1") == 1 and "<h1>Lyon</h1>" in html
        breadcrumb = html[
            html.index('class="breadcrumb"') : html.index(
                "</nav>", html.index('class="breadcrumb"')
            )
        ]
        names = re.findall(r'<a href="/territoires/[^"]+"[^>]*>([^<]+)</a>', breadcrumb)
        assert names == ["France", "Auvergne-Rhône-Alpes", "Rhône", "Métropole de Lyon"]
        assert "516" in html and "092" in html
        assert "Guide du Rhône" in html and "Guide lyonnais" in html
        assert "Association lyonnaise" in html
        assert "Brouillon lyonnais" not in html
        assert "Alliance de Villeurbanne" not in html
        resources = response.context["sections"][0]
        assert (resources["applying_count"], resources["within_count"]) == (2, 1)
        assert "Applicables à Lyon (2)" in html
        assert "Sur le territoire de Lyon (1)" in html
        listing = resources["listing_url"]
        assert listing == reverse("partnerships:resource_list") + "?territory=commune-69123"
        assert listing.replace("&", "&amp;") in html
        assert "Guide lyonnais" in client.get(listing).content.decode()

    def test_commune_page_facts_and_counts(self, geo, client):
        """Level, population and how many partners and case studies apply to or lie in
        Villeurbanne; drafts are not counted."""
        villeurbanne, lyon = get("commune", "69266"), get("commune", "69123")
        draft = {"status": PublicationStatus.DRAFT, "published_at": None}
        for home in (villeurbanne, get("department", "69"), get("country", "FR")):
            factories.PartnerFactory(home_territory=home)
        factories.PartnerFactory(home_territory=lyon)  # a neighbour: neither
        factories.PartnerFactory(home_territory=villeurbanne, **draft)
        factories.CaseStudyFactory(main_territory=villeurbanne)
        metropolitan = factories.CaseStudyFactory(main_territory=lyon)
        metropolitan.coverage.set([get("epci", "200046977")])  # applies to Villeurbanne
        factories.CaseStudyFactory(main_territory=villeurbanne, **draft)
        factories.CaseStudyFactory(main_territory=get("commune", "01053"))

        html = client.get(villeurbanne.get_absolute_url()).content.decode()

        def text(fragment):
            return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())

        facts = {
            text(term): text(value)
            for term, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
        }
        assert facts["Niveau"] == "Commune"
        assert re.fullmatch(r"147\W?712 habitants", facts["Population"]), facts["Population"]
        assert facts["Code officiel"] == "69266"
        assert '<span class="badge badge-territory">Commune</span>' in html

        tiles = {
            text(title): text(counts)
            for title, counts in re.findall(
                r'<span class="summary-tile-title">(.*?)</span>(.*?)</a>', html, re.S
            )
        }
        assert tiles["Partenaires"] == "3 applicables à ce territoire 1 sur son territoire"
        assert tiles["Retours d'expérience"] == (
            "2 applicables à ce territoire 1 sur son territoire"
        )

    def test_department_page_lists_epci_and_communes_paginated(self, geo, client):
        rhone = get("department", "69")
        factories.CaseStudyFactory(
            title="Alliance de Villeurbanne", main_territory=get("commune", "69266")
        )
        response = client.get(rhone.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        children = response.context["children"]
        assert children["total"] == rhone.children().count()
        assert children["page_obj"].paginator.num_pages > 1
        assert "Métropole de Lyon" in html  # EPCI come first
        assert "Intercommunalités et communes" in html
        assert "Alliance de Villeurbanne" in html
        assert response.context["sections"][1]["within_count"] == 1
        last = client.get(rhone.get_absolute_url(), {"page": 2})
        assert last.context["children"]["page_obj"].number == 2
        for garbage in ("abc", "-3", "0", "99999", "1e9", "2.5"):
            response = client.get(rhone.get_absolute_url(), {"page": garbage})
            assert response.status_code == 200, garbage

    def test_region_and_country_pages(self, geo, client):
        response = client.get(self.url("region", "84"))
        assert response.status_code == 200
        departments = [t for _, group in response.context["children"]["groups"] for t in group]
        assert {t.code for t in departments} == {
            "01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74",
        }  # fmt: skip
        assert [t.name for t in departments][:3] == ["Ain", "Allier", "Ardèche"]
        names = [normalize_name(t.name) for t in departments]
        assert names == sorted(names)
        assert client.get(self.url("country", "FR")).status_code == 200
        straddling = client.get(self.url("epci", "200070308"))
        assert straddling.status_code == 200
        crumbs = straddling.context["breadcrumb"]
        assert [len(group) for _, group in crumbs] == [1, 2, 2]

    def test_unknown_code_or_level_is_404(self, geo, client):
        assert client.get(self.url("commune", "99999")).status_code == 404
        assert client.get(self.url("department", "69123")).status_code == 404
        assert client.get(self.url("canton", "69")).status_code == 404
        assert client.get("/territoires/commune/%00/").status_code == 404

    def test_code_in_lower_case_redirects(self, geo, client):
        response = client.get(self.url("department", "2a"))
        assert response.status_code == 301
        assert response["Location"] == self.url("department", "2A")

    def test_inactive_territory_still_has_a_page(self, geo, client):
        Territory.objects.filter(level="commune", code="69123").update(is_active=False)
        response = client.get(self.url("commune", "69123"))
        assert response.status_code == 200
        assert "ne figure plus" in response.content.decode()
        rhone = client.get(self.url("department", "69"))
        assert "Lyon" not in [
            t.name for _, group in rhone.context["children"]["groups"] for t in group
        ]


class TestAutocomplete:
    def test_name_case_and_accents(self, geo, client):
        for query in ("lyon", "LYON", "Lyón", " lyon "):
            results = autocomplete(client, query)
            assert results[0]["code"] == "69123", query
        codes = [r["code"] for r in autocomplete(client, "lyon")]
        assert "200046977" in codes  # Métropole de Lyon: a word of the name
        first = autocomplete(client, "saint-étienne")[0]
        assert (first["code"], first["level"]) == ("42218", "commune")
        assert autocomplete(client, "SAINT ETIENNE")[0]["code"] == "42218"

    def test_result_format(self, geo, client):
        lyon = autocomplete(client, "lyon")[0]
        assert lyon == {
            "id": get("commune", "69123").pk,
            "level": "commune",
            "level_label": "Commune",
            "code": "69123",
            "name": "Lyon",
            "label": "Lyon (69) — Rhône, Auvergne-Rhône-Alpes",
            "parents": ["Métropole de Lyon", "Rhône", "Auvergne-Rhône-Alpes"],
            "population": 516092,
            "url": "/territoires/commune/69123/",
        }
        assert client.get(lyon["url"]).status_code == 200

    def test_st_and_saint_are_the_same_word(self, geo, client):
        for query in ("st etienne", "St-Étienne", "saint etienne"):
            assert autocomplete(client, query)[0]["code"] == "42218", query
        sainte = [r["name"] for r in autocomplete(client, "ste marie")]
        assert sainte and all(
            normalize_name(n).startswith("sainte marie") or " sainte marie" in normalize_name(n)
            for n in sainte
        )
        st_mar = autocomplete(client, "st mar")
        assert len(st_mar) == 20
        for result in st_mar:
            assert re.search(r"\bsaint mar", normalize_name(result["name"])), result["name"]
        # « st » alone may also be the start of a name.
        names = [r["name"] for r in autocomplete(client, "st")]
        assert "Strasbourg" in names and any(n.startswith("Saint-") for n in names)

    def test_word_prefix(self, geo, client):
        names = [r["name"] for r in autocomplete(client, "etienne")]
        assert "Saint-Étienne" in names
        assert "Les Abymes" in [r["name"] for r in autocomplete(client, "abymes")]
        assert autocomplete(client, "bord")[0]["name"].startswith("Bordeaux")

    def test_codes(self, geo, client):
        assert autocomplete(client, "69123")[0]["name"] == "Lyon"
        assert autocomplete(client, "75056")[0]["name"] == "Paris"
        first = autocomplete(client, "69")[0]
        assert (first["level"], first["name"]) == ("department", "Rhône")
        assert autocomplete(client, "2a")[0]["name"] == "Corse-du-Sud"
        assert autocomplete(client, "2B")[0]["name"] == "Haute-Corse"
        assert autocomplete(client, "971")[0]["level"] == "department"
        assert autocomplete(client, "1")[0]["name"] == "Ain"
        ain = autocomplete(client, "01")
        assert [(r["level"], r["name"]) for r in ain[:2]] == [
            ("department", "Ain"),
            ("region", "Guadeloupe"),
        ]
        assert autocomplete(client, "200046977")[0]["name"] == "Métropole de Lyon"
        assert all(r["code"].startswith("6912") for r in autocomplete(client, "6912"))

    def test_ranking_exact_then_level_and_population(self, geo, client):
        paris = autocomplete(client, "paris")
        assert [(r["level"], r["code"]) for r in paris[:2]] == [
            ("department", "75"),
            ("commune", "75056"),
        ]
        # « Mars » is a commune too: an exact name comes first.
        assert autocomplete(client, "mars")[0]["name"] == "Mars"
        marseille = autocomplete(client, "marse")
        communes = [r for r in marseille if r["level"] == "commune"]
        assert communes[0]["name"] == "Marseille"
        populations = [r["population"] or 0 for r in communes]
        prefix = [
            p
            for r, p in zip(communes, populations, strict=True)
            if normalize_name(r["name"]).startswith("marse")
        ]
        assert prefix == sorted(prefix, reverse=True)

    def test_homonyms_can_be_told_apart(self, geo, client):
        results = autocomplete(client, "Saint-Martin")
        assert len(results) == 20
        exact = [r for r in results if r["name"] == "Saint-Martin"]
        assert len(exact) == 4
        assert results[:4] == exact
        assert len({r["label"] for r in exact}) == 4
        assert "Saint-Martin (32) — Gers, Occitanie" in {r["label"] for r in exact}
        assert all(len(r["parents"]) == 3 for r in exact)
        narrowed = autocomplete(client, "saint martin 67")
        assert narrowed[0]["label"] == "Saint-Martin (67) — Bas-Rhin, Grand Est"
        assert all(r["label"].split(" — ")[0].endswith("(67)") for r in narrowed)

    def test_levels_filter_and_only_active(self, geo, client):
        departments = autocomplete(client, "rhone", level="department")
        assert [r["name"] for r in departments] == ["Rhône", "Bouches-du-Rhône"]
        Territory.objects.filter(level="commune", code="69123").update(is_active=False)
        assert "69123" not in [r["code"] for r in autocomplete(client, "lyon")]

    def test_one_query(self, geo, client, django_assert_max_num_queries):
        with django_assert_max_num_queries(1):
            autocomplete(client, "saint martin")

    @pytest.mark.parametrize(
        "query", ["", "   ", "%", "_", "%%%", "'; drop table x; --", "\x00lyon", "🙂", "a" * 100]
    )
    def test_garbage_never_fails(self, geo, client, query):
        results = autocomplete(client, query)
        assert len(results) <= 20
        if query in ("", "   ", "%", "_", "%%%", "🙂"):
            assert results == []

    def test_too_long_query(self, geo, client):
        response = client.get(reverse("partnerships:territory_autocomplete"), {"q": "a" * 101})
        assert response.status_code == 400
        body = json.loads(response.content)
        assert body["results"] == [] and body["error"]

    def test_single_letter_is_capped(self, geo, client):
        assert len(autocomplete(client, "a")) == 20


# Every admin field where a curator chooses a territory: (model_name, field_name) as the
# admin's autocomplete URL names them. A new Territory autocomplete field must be added.
ADMIN_TERRITORY_FIELDS = [
    ("resource", "coverage"),
    ("casestudy", "main_territory"),
    ("casestudy", "coverage"),
    ("partner", "home_territory"),
    ("territory", "ancestors"),  # the parents of a territory added by hand
]


class TestAdminAutocomplete:
    """The admin's territory choices search, rank and label like the public autocomplete."""

    @pytest.fixture
    def curator(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_superuser("chef", password="x"))
        return client

    def suggestions(self, client, model_name, field_name, term):
        return admin_autocomplete(client, model_name, field_name, term)

    def test_every_territory_field_of_the_admin_is_covered(self):
        from django.contrib import admin

        fields = {("territory", "ancestors")}
        for model, model_admin in admin.site._registry.items():
            for name in model_admin.autocomplete_fields:
                if model._meta.get_field(name).related_model is Territory:
                    fields.add((model._meta.model_name, name))
        assert fields == set(ADMIN_TERRITORY_FIELDS)

    @pytest.mark.parametrize(("model_name", "field_name"), ADMIN_TERRITORY_FIELDS)
    def test_saint_martin(self, geo, curator, model_name, field_name):
        gers = get("commune", "32389")
        assert (gers.name, gers.is_active) == ("Saint-Martin", True)
        texts = [
            r["text"] for r in self.suggestions(curator, model_name, field_name, "saint-martin")
        ]
        # The four communes named exactly Saint-Martin first, each told apart by its
        # département, région and level.
        assert texts[:4] == [
            "Saint-Martin (32) — Gers, Occitanie · Commune",
            "Saint-Martin (65) — Hautes-Pyrénées, Occitanie · Commune",
            "Saint-Martin (67) — Bas-Rhin, Grand Est · Commune",
            "Saint-Martin (54) — Meurthe-et-Moselle, Grand Est · Commune",
        ]  # broadest level, then largest population, as in the public autocomplete
        assert len(texts) == 20 and len(set(texts)) == 20
        assert all(re.search(r"\bsaint martin", normalize_name(text)) for text in texts)

        # Same matches, same order as the public autocomplete; nothing inactive.
        admin_ids = [
            int(r["id"]) for r in self.suggestions(curator, model_name, field_name, "saint-martin")
        ]
        assert admin_ids == [r["id"] for r in autocomplete(curator, "saint-martin")]
        Territory.objects.filter(pk=gers.pk).update(is_active=False)
        texts = [
            r["text"] for r in self.suggestions(curator, model_name, field_name, "saint-martin")
        ]
        assert "Saint-Martin (32) — Gers, Occitanie · Commune" not in texts
        assert texts[0] == "Saint-Martin (65) — Hautes-Pyrénées, Occitanie · Commune"

    @pytest.mark.parametrize(("model_name", "field_name"), ADMIN_TERRITORY_FIELDS)
    def test_lyon(self, geo, curator, model_name, field_name):
        texts = [r["text"] for r in self.suggestions(curator, model_name, field_name, "lyon")]
        assert texts[0] == "Lyon (69) — Rhône, Auvergne-Rhône-Alpes · Commune"
        assert "Métropole de Lyon — Rhône, Auvergne-Rhône-Alpes · Intercommunalité (EPCI)" in texts


class TestBenchmark:
    def test_bench_command_runs_and_leaves_nothing_behind(self, geo):
        out = StringIO()
        call_command("bench_territories", queries=200, resources=300, pages=2, stdout=out)
        output = out.getvalue()
        assert "Autocomplétion" in output and "for_territory" in output
        assert "p95" in output
        assert not Resource.objects.filter(slug__startswith="bench-territories-").exists()
        # Each figure has its target beside it, and the verdict follows the figure.
        for name, target in (("autocomplétion", 30), ("for_territory", 50)):
            line = re.search(
                rf"^  {name} +p95 +([\d.]+) ms  \(objectif ≤ {target} ms\)  (atteint|NON atteint)$",
                output,
                re.M,
            )
            assert line, output
            assert line[2] == ("atteint" if float(line[1]) <= target else "NON atteint")
        assert "[objectif p95 ≤ 30 ms : " in output and "[objectif p95 ≤ 50 ms : " in output

    def test_bench_says_when_a_target_is_missed(self, geo, monkeypatch):
        from partnerships.management.commands import bench_territories

        monkeypatch.setattr(bench_territories, "AUTOCOMPLETE_TARGET_MS", 10_000.0)
        monkeypatch.setattr(bench_territories, "FOR_TERRITORY_TARGET_MS", 0.0)
        out = StringIO()
        call_command("bench_territories", queries=200, resources=50, pages=0, stdout=out)
        output = out.getvalue()
        assert "[objectif p95 ≤ 10000 ms : atteint]" in output
        assert "[objectif p95 ≤ 0 ms : NON atteint]" in output
        assert re.search(r"^  for_territory .*\(objectif ≤ 0 ms\)  NON atteint$", output, re.M)
