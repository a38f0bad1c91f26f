"""French first, English complete: every interface string has its translation, the compiled
catalogue matches its source, and pages in English speak English and link both ways."""

import ast
import importlib.util
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from partnerships.models import (
    NARRATIVE_SECTIONS,
    CaseStudyStage,
    CollectionKind,
    ParticipantRole,
    ResourceLanguage,
    TerritoryLevel,
)
from tests import factories

ROOT = Path(settings.BASE_DIR)
_spec = importlib.util.spec_from_file_location(
    "compile_messages", ROOT / "scripts" / "compile_messages.py"
)
compile_messages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compile_messages)
compile_entries, parse_po = compile_messages.compile_entries, compile_messages.parse_po

PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# The public interface: every template but the admin's, and the Python that writes
# public text.
TEMPLATE_EXCLUDES = ("admin/",)
PYTHON_SOURCES = [
    *sorted((ROOT / "partnerships" / "views").glob("*.py")),
    *sorted((ROOT / "partnerships" / "maps").glob("*.py")),
    *sorted((ROOT / "partnerships" / "templatetags").glob("*.py")),
    ROOT / "partnerships" / "filters.py",
]
GETTEXT_FUNCTIONS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
TEMPLATIZED_CALL = re.compile(r"\b(n?gettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)")
TEMPLATIZED_STRING = re.compile(r"u'((?:[^'\\]|\\.)*)'")


def catalogue() -> dict[str, object]:
    """The entries that give an English text (an empty or fuzzy one is not used)."""
    entries = parse_po(PO)
    return {e.msgid: e for e in entries if e.msgid and e.translated and not e.fuzzy}


def template_msgids() -> set[str]:
    msgids = set()
    for path in sorted((ROOT / "templates").rglob("*.html")):
        name = path.relative_to(ROOT / "templates").as_posix()
        if name.startswith(TEMPLATE_EXCLUDES):
            continue
        for call in TEMPLATIZED_CALL.finditer(templatize(path.read_text(encoding="utf-8"))):
            strings = TEMPLATIZED_STRING.findall(call.group(2))
            msgids.add(ast.literal_eval(f"'{strings[0]}'"))
    return msgids


def python_msgids() -> set[str]:
    msgids = set()
    for path in PYTHON_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_FUNCTIONS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                msgids.add(node.args[0].value)
    return msgids


def public_choice_msgids() -> set[str]:
    """Labels of the model choices shown on public pages (stages, roles, levels…)."""
    with translation.override("fr"):
        labels = [
            str(label)
            for choices in (
                CaseStudyStage,
                ParticipantRole,
                ResourceLanguage,
                CollectionKind,
                TerritoryLevel,
            )
            for _value, label in choices.choices
        ]
        labels += [str(heading) for _field, heading in NARRATIVE_SECTIONS]
    return set(labels)


def test_the_english_catalogue_is_complete_and_not_fuzzy():
    entries = catalogue()
    assert len(entries) > 300
    untranslated = [msgid for msgid, entry in entries.items() if not entry.translated]
    fuzzy = [msgid for msgid, entry in entries.items() if entry.fuzzy]
    assert untranslated == [], "run `make messages` and translate them in locale/en"
    assert fuzzy == []
    # Placeholders survive translation.
    for msgid, entry in entries.items():
        wanted = sorted(re.findall(r"%\(\w+\)[sd]", msgid + (entry.msgid_plural or "")))
        for text in entry.msgstr.values():
            assert set(re.findall(r"%\(\w+\)[sd]", text)) <= set(wanted), (msgid, text)


def test_the_compiled_catalogue_is_up_to_date():
    assert MO.read_bytes() == compile_entries(parse_po(PO)), (
        "locale/en/LC_MESSAGES/django.mo is stale: run `make messages` "
        "(or python scripts/compile_messages.py) and commit it"
    )


@pytest.mark.parametrize(
    "source", ["templates", "python", "choices"], ids=["templates", "python", "model choices"]
)
def test_every_interface_string_is_in_the_catalogue(source):
    found = {
        "templates": template_msgids,
        "python": python_msgids,
        "choices": public_choice_msgids,
    }[source]()
    assert len(found) > 5
    missing = sorted(found - set(catalogue()))
    assert missing == [], "run `make messages`, then translate the new strings in locale/en"


def test_the_compiler_reads_what_gnu_gettext_reads(tmp_path):
    po = tmp_path / "test.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, python-format\nmsgid "%(n)d élément"\nmsgid_plural "%(n)d éléments"\n'
        'msgstr[0] "%(n)d item"\nmsgstr[1] "%(n)d items"\n\n'
        'msgctxt "menu"\nmsgid "Fichier"\nmsgstr "File"\n\n'
        '#, fuzzy\nmsgid "Brouillon"\nmsgstr "Draft?"\n\n'
        'msgid "Guillemets \\"doubles\\"\\n"\nmsgstr ""\n"Double \\"quotes\\"\\n"\n',
        encoding="utf-8",
    )
    import gettext

    mo = tmp_path / "test.mo"
    mo.write_bytes(compile_entries(parse_po(po)))
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.ngettext("%(n)d élément", "%(n)d éléments", 1) == "%(n)d item"
    assert catalog.ngettext("%(n)d élément", "%(n)d éléments", 3) == "%(n)d items"
    assert catalog.pgettext("menu", "Fichier") == "File"
    assert catalog.gettext("Brouillon") == "Brouillon"  # fuzzy entries are left out
    assert catalog.gettext('Guillemets "doubles"\n') == 'Double "quotes"\n'


# ---------------------------------------------------------------------------
# Pages in English.

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def french_after():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def content(france):
    region = factories.TerritoryFactory(level="region", code="84", name="Auvergne-Rhône-Alpes")
    department = factories.TerritoryFactory(
        level="department", code="69", name="Rhône", parents=[region]
    )
    resource = factories.ResourceFactory(title="Guide du dialogue", coverage=[france])
    case_study = factories.CaseStudyFactory(title="Une alliance", main_territory=department)
    partner = factories.PartnerFactory(name="Réseau des possibles")
    collection = factories.CollectionFactory(title="Par où commencer ?")
    return [
        reverse("home"),
        reverse("partnerships:resource_list") + "?q=guide",
        reverse("partnerships:case_study_list"),
        reverse("partnerships:partner_list"),
        reverse("partnerships:search") + "?q=alliance",
        resource.get_absolute_url(),
        case_study.get_absolute_url(),
        partner.get_absolute_url(),
        collection.get_absolute_url(),
        department.get_absolute_url(),
        reverse("about"),
        reverse("legal_notice"),
        reverse("accessibility"),
    ]


FRENCH_INTERFACE = [
    "Aller au contenu",
    "Navigation principale",
    "Fil d'Ariane",
    "Filtrer les résultats",
    "Rechercher",
    "Accueil",
    "En bref",
    "Mentions légales",
]


def test_every_page_speaks_english_under_en(client, content):
    for path in content:
        response = client.get("/en" + path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="en">' in html
        for text in FRENCH_INTERFACE:
            assert text not in html, (path, text)
        assert "Skip to content" in html
        assert f'hreflang="fr" href="http://testserver{path}"' in html.replace("&amp;", "&")


def test_french_content_on_english_pages_says_it_is_french(client, content):
    """WCAG 3.1.2: the interface is translated, the content is not and is marked as such."""
    resource_url = content[5]
    english = client.get("/en" + resource_url).content.decode()
    assert '<h1 lang="fr">Guide du dialogue</h1>' in english
    french = client.get(resource_url).content.decode()
    assert "<h1>Guide du dialogue</h1>" in french
    listing = client.get("/en" + reverse("partnerships:resource_list")).content.decode()
    assert 'class="card-title" lang="fr"' in listing


def test_the_language_switcher_keeps_the_page_and_its_filters(client, content):
    html = client.get(reverse("partnerships:resource_list") + "?q=guide").content.decode()
    assert 'href="/en/ressources/?q=guide" hreflang="en" lang="en"' in html
    html = client.get("/en" + reverse("partnerships:resource_list") + "?q=guide").content.decode()
    assert 'href="/ressources/?q=guide" hreflang="fr" lang="fr"' in html
    assert 'aria-current="true"' in html


def test_the_404_page_is_translated(client, france):
    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html and "Page not found" in html
