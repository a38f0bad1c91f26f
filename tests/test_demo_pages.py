"""The demo as a visitor meets it: every public URL name answers, drafts stay hidden."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import (
    CaseStudy,
    Collection,
    Partner,
    PublicationStatus,
    Resource,
    Territory,
)

DEMO_TERRITORIES = Path(__file__).parent / "data" / "demo_territories"


@pytest.fixture
def demo(db):
    call_command("load_demo", territories_dir=str(DEMO_TERRITORIES), stdout=io.StringIO())


def test_every_public_url_name_answers_with_the_demo(client, demo):
    lyon = Territory.objects.get(level="commune", code="69123")
    urls = [
        reverse("home"),
        reverse("partnerships:search"),
        reverse("partnerships:search") + "?q=coopération",
        reverse("partnerships:resource_list"),
        reverse("partnerships:resource_list") + "?theme=emploi-insertion&territory=commune-69123",
        reverse("partnerships:case_study_list"),
        reverse("partnerships:partner_list"),
        reverse("partnerships:collection_list"),
        reverse("partnerships:territory_autocomplete") + "?q=lyon",
        lyon.get_absolute_url(),
        Territory.objects.get(level="region", code="84").get_absolute_url(),
    ]
    for model in (Resource, CaseStudy, Partner, Collection):
        urls += [item.get_absolute_url() for item in model.objects.published()[:3]]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_demo_drafts_answer_404_and_are_listed_nowhere(client, demo):
    drafts = [
        item
        for model in (Resource, CaseStudy, Partner)
        for item in model.objects.exclude(status=PublicationStatus.PUBLISHED)
    ]
    assert drafts, "the demo has drafts"
    listing = client.get(reverse("partnerships:resource_list") + "?page=1").content.decode()
    for draft in drafts:
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert draft.get_absolute_url() not in listing
