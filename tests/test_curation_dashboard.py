"""The admin index is the curators' dashboard: what waits, what is scheduled, what changed,
and what published content lacks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import PublicationStatus, Resource
from tests import factories
from tests.test_admin import admin_url

pytestmark = pytest.mark.django_db


def dashboard(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_what_needs_attention(client, france):
    theme = factories.ThemeFactory()
    factories.ResourceFactory(title="Guide à relire", status=PublicationStatus.IN_REVIEW)
    factories.CaseStudyFactory(
        title="Récit programmé", published_at=timezone.now() + timedelta(days=3)
    )
    factories.ContributionFactory(title="Proposition du public")
    factories.ResourceFactory(title="Publiée sans thématique", coverage=[france])
    factories.ResourceFactory(
        title="Publiée complète", themes=[theme], coverage=[france], summary="Résumé"
    )
    client.force_login(factories.curator())

    page = dashboard(client)

    review = page[page.index('id="dashboard-review"') : page.index('id="dashboard-contributions"')]
    assert "Guide à relire" in review
    assert "Proposition du public" in page
    scheduled = page[page.index('id="dashboard-scheduled"') : page.index('id="dashboard-recent"')]
    assert "Récit programmé" in scheduled
    assert "Guide à relire" not in scheduled
    quality = page[page.index('id="dashboard-quality"') :]
    assert "Publiée sans thématique" in quality
    assert "Publiée complète" not in quality
    assert admin_url(Resource, "changelist") + "?qualite=sans-thematique" in quality


def test_recent_changes_say_who_changed_what(client):
    resource = factories.ResourceFactory(title="Guide retouché")
    curator = factories.curator()
    client.force_login(curator)
    client.post(
        admin_url(Resource, "changelist"),
        {"action": "unpublish_selected", "_selected_action": [resource.pk]},
    )
    page = dashboard(client)
    recent = page[page.index('id="dashboard-recent"') : page.index('id="dashboard-quality"')]
    assert "Guide retouché" in recent
    assert "curatrice" in recent
    assert "Repassé en brouillon (action groupée)." in recent


def test_the_quality_filter_lists_published_content_missing_a_theme(client, france):
    factories.ResourceFactory(title="Sans thématique", coverage=[france])
    factories.ResourceFactory(
        title="Brouillon sans thématique", status=PublicationStatus.DRAFT, published_at=None
    )
    factories.ResourceFactory(title="Avec thématique", themes=[factories.ThemeFactory()])
    client.force_login(factories.curator())
    response = client.get(admin_url(Resource, "changelist"), {"qualite": "sans-thematique"})
    assert [str(obj) for obj in response.context["cl"].result_list] == ["Sans thématique"]
    response = client.get(admin_url(Resource, "changelist"), {"qualite": "sans-territoire"})
    assert [str(obj) for obj in response.context["cl"].result_list] == ["Avec thématique"]


def test_contributors_do_not_see_the_moderation_queue(client):
    factories.ContributionFactory(title="Proposition du public")
    factories.ResourceFactory(title="Guide à relire", status=PublicationStatus.IN_REVIEW)
    client.force_login(factories.contributor())
    page = dashboard(client)
    assert "Guide à relire" in page
    assert "Proposition du public" not in page
    assert 'id="dashboard-contributions"' not in page
