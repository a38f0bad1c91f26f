"""Public proposals: the form, its protections, the e-mail to curators and moderation."""

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.models import (
    ActorType,
    CaseStudy,
    Contribution,
    ContributionStatus,
    Partner,
    PublicationStatus,
    Resource,
    ResourceFormat,
    TerritoryLevel,
    Theme,
)
from partnerships.models.workflow import transitions_for
from tests import factories
from tests.test_admin import admin_url

pytestmark = pytest.mark.django_db

FORM_URL = reverse("partnerships:contribution_create")
THANKS_URL = reverse("partnerships:contribution_thanks")


@pytest.fixture
def lyon(france):
    rhone = factories.TerritoryFactory(level=TerritoryLevel.DEPARTMENT, code="69", name="Rhône")
    return factories.TerritoryFactory(
        level=TerritoryLevel.COMMUNE, code="69123", name="Lyon", population=500000, parents=[rhone]
    )


def proposal(**changes):
    data = {
        "kind": "resource",
        "title": "Guide des alliances locales",
        "summary": "Un guide pratique repéré lors d'une rencontre.",
        "details": "Il explique comment réunir entreprises et associations.",
        "external_url": "https://exemple.org/guide.pdf",
        "themes": [Theme.objects.get(slug="mobilite").pk],
        "resource_format": ResourceFormat.objects.get(slug="guide-kit").pk,
        "territory_text": "",
        "organisation": "Association Exemple",
        "contributor_name": "Camille Martin",
        "contributor_email": "camille@example.org",
        "consent": "on",
        "site_web_confirmation": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_page_loads_with_its_three_kinds_and_a_hidden_trap(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Une ressource", "Un retour d", "Un partenaire"):
        assert label in html
    assert 'name="consent"' in html
    assert 'name="site_web_confirmation"' in html
    assert 'tabindex="-1"' in html
    assert "partnerships/contribution_form.html" in [t.name for t in response.templates]


def test_a_valid_proposal_is_kept_and_curators_are_told(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CURATOR_EMAILS = ["curation@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, proposal())
    assert response.status_code == 302
    assert response.url == THANKS_URL
    contribution = Contribution.objects.get()
    assert contribution.status == ContributionStatus.PENDING
    assert contribution.consent_at is not None
    assert contribution.contributor_email == "camille@example.org"
    assert list(contribution.themes.values_list("slug", flat=True)) == ["mobilite"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["curation@example.org"]
    assert "Guide des alliances locales" in message.subject
    assert f"/admin/partnerships/contribution/{contribution.pk}/change/" in message.body
    assert client.get(THANKS_URL).status_code == 200


def test_without_configured_addresses_the_curators_group_is_told(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CURATOR_EMAILS = []
    factories.curator("claire")
    factories.contributor("paul")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, proposal())
    assert [message.to for message in mail.outbox] == [["claire@example.org"]]


def test_consent_is_required_to_keep_personal_data(client):
    response = client.post(FORM_URL, proposal(consent=None))
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"resource_format": ""}, "resource_format"),
        ({"kind": "partner", "resource_format": ""}, "actor_type"),
        ({"kind": "case_study"}, "territory_text"),
        ({"title": ""}, "title"),
        ({"contributor_email": "pas-une-adresse"}, "contributor_email"),
        ({"territory_text": "Atlantide"}, "territory_text"),
        ({"external_url": "javascript:alert(1)"}, "external_url"),
    ],
)
def test_what_each_kind_needs_is_checked(client, france, changes, field):
    response = client.post(FORM_URL, proposal(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_a_territory_is_found_by_name_or_code(client, lyon):
    client.post(FORM_URL, proposal(kind="case_study", territory_text="lyon"))
    client.post(FORM_URL, proposal(kind="case_study", territory_text="69123"))
    assert [c.territory for c in Contribution.objects.all()] == [lyon, lyon]


def test_an_ambiguous_territory_name_asks_for_the_code(client, france):
    for code in ("01001", "02001"):
        factories.TerritoryFactory(level=TerritoryLevel.COMMUNE, code=code, name="Saint-Martin")
    response = client.post(FORM_URL, proposal(territory_text="Saint-Martin"))
    errors = str(response.context["form"].errors["territory_text"])
    assert "Précisez le territoire" in errors
    assert "01001" in errors and "02001" in errors


def test_a_robot_filling_the_hidden_field_is_thanked_and_forgotten(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CURATOR_EMAILS = ["curation@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, proposal(site_web_confirmation="http://spam.example"))
    assert response.status_code == 302
    assert response.url == THANKS_URL
    assert not Contribution.objects.exists()
    assert mail.outbox == []


def test_each_address_is_limited(client, settings):
    settings.CONTRIBUTION_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(FORM_URL, proposal(), REMOTE_ADDR="192.0.2.1").status_code == 302
    refused = client.post(FORM_URL, proposal(), REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429
    assert "réessayer dans une heure" in refused.content.decode()
    assert Contribution.objects.count() == 2
    assert client.post(FORM_URL, proposal(), REMOTE_ADDR="192.0.2.2").status_code == 302
    assert Contribution.objects.count() == 3


def test_failed_attempts_do_not_count_but_robots_do(client, settings):
    settings.CONTRIBUTION_RATE_LIMIT = 1
    client.post(FORM_URL, proposal(title=""), REMOTE_ADDR="192.0.2.3")  # a typo: not counted
    assert client.post(FORM_URL, proposal(), REMOTE_ADDR="192.0.2.3").status_code == 302
    client.post(FORM_URL, proposal(site_web_confirmation="x"), REMOTE_ADDR="192.0.2.4")
    assert client.post(FORM_URL, proposal(), REMOTE_ADDR="192.0.2.4").status_code == 429


# -- moderation -----------------------------------------------------------------------------


@pytest.fixture
def curator_client(client):
    client.force_login(factories.curator())
    return client


def test_the_queue_lists_what_waits_for_a_decision(curator_client):
    waiting = factories.ContributionFactory(title="En attente")
    factories.ContributionFactory(title="Déjà acceptée", status=ContributionStatus.ACCEPTED)
    response = curator_client.get(admin_url(Contribution, "changelist"))
    assert [c.title for c in response.context["cl"].result_list] == [waiting.title]
    everything = curator_client.get(admin_url(Contribution, "changelist"), {"etat": "toutes"})
    assert len(everything.context["cl"].result_list) == 2
    page = curator_client.get(admin_url(Contribution, "change", waiting.pk)).content.decode()
    assert "Accepter : créer le brouillon" in page


def test_accepting_a_resource_creates_a_linked_draft(curator_client, lyon):
    contribution = factories.ContributionFactory(
        territory=lyon, details="Ligne 1\n<script>x</script>"
    )
    contribution.themes.set(Theme.objects.filter(slug="mobilite"))
    response = curator_client.post(
        reverse("admin:partnerships_contribution_accept", args=[contribution.pk])
    )
    contribution.refresh_from_db()
    draft = contribution.resource
    assert contribution.status == ContributionStatus.ACCEPTED
    assert contribution.moderated_by.username == "curatrice"
    assert response.url == admin_url(Resource, "change", draft.pk)
    assert draft.status == PublicationStatus.DRAFT
    assert draft.title == contribution.title
    assert list(draft.coverage.all()) == [lyon]
    assert list(draft.themes.values_list("slug", flat=True)) == ["mobilite"]
    assert "<script>" not in draft.body
    log = transitions_for(draft).get()
    assert log.to_status == "draft" and "acceptée" in log.comment
    assert log.user.username == "curatrice"
    assert not Resource.objects.published().exists()


def test_accepting_a_case_study_or_a_partner(curator_client, lyon):
    story = factories.ContributionFactory(kind="case_study", territory=lyon)
    partner = factories.ContributionFactory(
        kind="partner", actor_type=ActorType.objects.get(slug="association")
    )
    curator_client.post(
        admin_url(Contribution, "changelist"),
        {
            "action": "accept_selected",
            "_selected_action": [story.pk, partner.pk],
        },
    )
    case_study = CaseStudy.objects.get()
    assert (case_study.main_territory, case_study.status) == (lyon, "draft")
    created_partner = Partner.objects.get()
    assert created_partner.actor_type.slug == "association"
    story.refresh_from_db()
    assert story.case_study == case_study


def test_rejecting_needs_a_reason(curator_client):
    contribution = factories.ContributionFactory()
    url = reverse("admin:partnerships_contribution_reject")
    page = curator_client.get(url, {"ids": contribution.pk})
    assert page.status_code == 200
    response = curator_client.post(url, {"ids": str(contribution.pk), "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PENDING

    curator_client.post(url, {"ids": str(contribution.pk), "reason": "Hors sujet"})
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.REJECTED
    assert contribution.rejection_reason == "Hors sujet"
    assert contribution.moderated_by.username == "curatrice"
    assert not Resource.objects.exists()


def test_personal_data_can_be_erased(curator_client):
    contribution = factories.ContributionFactory(
        status=ContributionStatus.REJECTED, rejection_reason="Hors sujet"
    )
    curator_client.post(
        admin_url(Contribution, "changelist") + "?etat=toutes",
        {"action": "erase_personal_data", "_selected_action": [contribution.pk]},
    )
    contribution.refresh_from_db()
    assert (contribution.contributor_name, contribution.contributor_email) == ("", "")
    assert contribution.personal_data_erased_at is not None


def test_contributors_do_not_moderate(client):
    contribution = factories.ContributionFactory()
    client.force_login(factories.contributor())
    assert client.get(admin_url(Contribution, "changelist")).status_code == 403
    response = client.post(
        reverse("admin:partnerships_contribution_accept", args=[contribution.pk])
    )
    assert response.status_code == 403
    assert (
        client.get(
            reverse("admin:partnerships_contribution_reject"), {"ids": contribution.pk}
        ).status_code
        == 403
    )
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PENDING
