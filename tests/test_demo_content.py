"""The demo's organisations and stories are invented and say so; nothing invented is
attributed to a real organisation.

The territories are real (official codes) and the texts may name a place, but never a
real local authority, State service, company or association as the author, the
interviewee, the funder or the actor of an invented story. The checks read every text
field of every model the demo fixtures load (after ``load_demo`` on the small test
geography, as ``test_load_demo`` does), and the « Sources » a visitor reads on each
published case study.
"""

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.utils.html import strip_tags

from partnerships.management.commands.load_demo import demo_fixture_paths
from partnerships.models import CaseStudy, Partner, Resource, Territory, TerritoryLevel

ROOT = Path(__file__).parent.parent
ALL_TERRITORIES = ROOT / "fixtures" / "territories"
FICTIONAL = "exemple fictif"

# Derived fields: the search document repeats the names of the territories on purpose.
NOT_TEXT = {"search_document"}

# Words that make the place after them an organisation: « Ville de Rennes », « Région
# Bretagne », « Conseil départemental du Finistère », « CCI de Lyon »…
ORGANISATION_WORDS = (
    "Ville",
    "Commune",
    "Mairie",
    "Métropole",
    "Agglomération",
    "Communauté de communes",
    "Communauté d'agglomération",
    "Communauté urbaine",
    "Conseil départemental",
    "Conseil régional",
    "Conseil général",
    "Conseil municipal",
    "Département",
    "Région",
    "Collectivité",
    "Préfecture",
    "Préfet",
    "Sous-préfecture",
    "Université",
    "CHU",
    "Centre hospitalier",
    "CCI",
    "Chambre de commerce et d'industrie",
    "Chambre d'agriculture",
    "Chambre de métiers et de l'artisanat",
    "Agence régionale de santé",
    "ARS",
    "DDETS",
    "DREETS",
    "CAF",
    "Caisse d'allocations familiales",
    "CPAM",
    "Mission locale",
    "CCAS",
)
ORGANISATION_THEN_PLACE = re.compile(
    r"\b(?:" + "|".join(re.escape(word) for word in ORGANISATION_WORDS) + r")(?![\w'-])"
    r"(?: (?:de la|de l'|du|des|de|d'|en|pour la|pour le)(?= |(?<=')))? ?"
    r"((?:[A-ZÀ-Ý][\w'’-]*)(?: (?:[A-ZÀ-Ý][\w'’-]*|de|du|des|la|le|les|sur|en|et|d'\w+))*)"
)
# Real national bodies, networks and companies a story could be tempted to cite.
REAL_ORGANISATIONS = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(name)
        for name in (
            "France Travail",
            "Pôle emploi",
            "Cap emploi",
            "Apec",
            "URSSAF",
            "MSA",
            "Caisse des dépôts",
            "Banque des Territoires",
            "Bpifrance",
            "ADEME",
            "ANCT",
            "Agence nationale de la cohésion des territoires",
            "France Services",
            "Fondation de France",
            "Le RAMEAU",
            "Avise",
            "France Active",
            "ESS France",
            "Emmaüs",
            "Croix-Rouge",
            "Secours populaire",
            "Secours catholique",
            "Restos du cœur",
            "Petits Frères des pauvres",
            "EDF",
            "Engie",
            "SNCF",
            "La Poste",
            "Orange",
            "Crédit Agricole",
            "Crédit Mutuel",
            "Caisse d'Épargne",
            "Banque Populaire",
            "BNP Paribas",
            "Société Générale",
            "Veolia",
            "Suez",
            "Bouygues",
            "Vinci",
            "Eiffage",
            "Danone",
            "Carrefour",
            "Leclerc",
            "Auchan",
            "Intermarché",
            "Decathlon",
            "Michelin",
            "AXA",
            "MAIF",
            "Macif",
            "Medef",
            "CPME",
        )
    )
    + r")\b"
)

pytestmark = pytest.mark.django_db


def read_rows(name: str) -> list[dict]:
    path = ALL_TERRITORIES / name
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = gzip.decompress(path.with_name(name + ".gz").read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def real_names() -> tuple[set[str], set[str]]:
    """(every real place name, every real EPCI name) of the whole French geography."""
    places = {row["LIBELLE"] for row in read_rows("regions.csv")}
    places |= {row["LIBELLE"] for row in read_rows("departements.csv")}
    places |= {row["LIBELLE"] for row in read_rows("communes.csv")}
    return places, {row["LIBEPCI"] for row in read_rows("epci.csv")}


def words_pattern(names) -> re.Pattern:
    """Any of ``names`` as whole words, longest first."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def demo_texts():
    """(label, text) for every text field of every row of every model the demo loads."""
    labels = set()
    for path in demo_fixture_paths():
        labels |= {row["model"] for row in json.loads(path.read_text(encoding="utf-8"))}
    for label in sorted(labels):
        model = apps.get_model(label)
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.URLField)
            and not field.choices
            and field.name not in NOT_TEXT
        ]
        for row in model._default_manager.values("pk", *fields):
            for name in fields:
                if row[name]:
                    yield f"{label}#{row['pk']}.{name}", strip_tags(row[name])


def attributions(text: str, places: set[str], epci: re.Pattern) -> list[str]:
    """What in ``text`` names a real organisation."""
    found = [match.group(0) for match in epci.finditer(text)]
    found += [match.group(0) for match in REAL_ORGANISATIONS.finditer(text)]
    for match in ORGANISATION_THEN_PLACE.finditer(text):
        words = match.group(1).split(" ")
        # « Région Grand Est et … »: any run of the words after the organisation word.
        if any(" ".join(words[:end]) in places for end in range(1, len(words) + 1)):
            found.append(match.group(0))
    return found


@pytest.fixture(scope="module")
def geography():
    places, epcis = real_names()
    return places, words_pattern(epcis)


def test_the_detector_knows_a_real_authority_from_an_invented_one(geography):
    places, epci = geography
    real = [
        "Entretiens avec les partenaires (Métropole de Lyon) et documents de bilan.",
        "Entretiens avec les partenaires (Communauté d'agglomération de La Rochelle).",
        "Cofinancé par le Conseil départemental du Finistère et la Région Bretagne.",
        "Un accord signé avec la Ville de Rennes.",
        "Les conseillers de France Travail orientent les candidats.",
        "Avec la CAF de la Somme et la Mission locale de Lille.",
    ]
    invented = [
        "Entretiens fictifs avec les partenaires du projet ; territoire : Lyon.",
        "Communauté de communes du Val d'Arvène (exemple fictif), dans l'Aveyron.",
        "La Ville de Belvézac et l'Agglomération du Pays de Vérandre (exemple fictif).",
        "Ses exemples, inventés, se situent sur ce territoire : Nantes et les communes voisines.",
        "Une délégation interservices, des associations et des entreprises de la Nièvre.",
    ]
    for text in real:
        assert attributions(text, places, epci), text
    for text in invented:
        assert attributions(text, places, epci) == [], text


def test_no_demo_text_attributes_anything_to_a_real_organisation(demo, geography):
    places, epci = geography
    texts = list(demo_texts())
    assert len(texts) > 1000  # every text of every row, drafts included
    found = {label: hits for label, text in texts if (hits := attributions(text, places, epci))}
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_sources_and_contacts_name_no_real_territory(demo):
    """Who was interviewed, who answers: invented partners only, and no place besides
    their names (the name of a région, a département, an EPCI or a commune is also the
    name of its authority: « Entretiens avec les partenaires (Cantal) » reads as if the
    Département had been interviewed)."""
    names = Territory.objects.exclude(level=TerritoryLevel.COUNTRY).values_list("name", flat=True)
    territory = words_pattern(set(names))
    partner_names = words_pattern(set(Partner.objects.values_list("name", flat=True)))
    for case_study in CaseStudy.objects.all():
        for field in ("sources", "contacts"):
            text = partner_names.sub("", strip_tags(getattr(case_study, field)))
            assert not territory.findall(text), (case_study.slug, field, text)


def test_every_invented_item_says_so(demo):
    for partner in Partner.objects.all():
        assert FICTIONAL in partner.name.lower(), partner.slug
        assert FICTIONAL in partner.description.lower(), partner.slug
    for resource in Resource.objects.all():
        assert FICTIONAL in resource.body.lower(), resource.slug
    for case_study in CaseStudy.objects.all():
        assert FICTIONAL in case_study.summary.lower(), case_study.slug
        if case_study.sources:
            assert FICTIONAL in case_study.sources.lower(), case_study.slug


def test_the_sources_a_visitor_reads_are_invented_and_say_so(client, demo, geography):
    places, epci = geography
    sources = re.compile(r'<h2 id="case-study-section-\d+">Sources</h2>(.*?)</section>', re.S)
    case_studies = list(CaseStudy.objects.published())
    assert len(case_studies) >= 25
    for case_study in case_studies:
        page = client.get(case_study.get_absolute_url()).content.decode()
        match = sources.search(page)
        assert match, case_study.slug
        text = strip_tags(match.group(1))
        assert FICTIONAL in text.lower(), case_study.slug
        assert attributions(text, places, epci) == [], (case_study.slug, text)
