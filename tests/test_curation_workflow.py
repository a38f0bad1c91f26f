"""Roles and the editorial workflow, through the real admin views.

A « Contributeur » writes drafts and submits them for review; a « Curateur » publishes,
unpublishes, archives and deletes. Each right is tested both ways, on every path a
contributor could try: the change form, its status field, the bulk actions, deletion
(one or in bulk), inline rows and restoring an old version.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from partnerships.models import (
    CaseStudy,
    Collection,
    Partner,
    PublicationStatus,
    Resource,
    ResourceFormat,
    Transition,
)
from partnerships.models.workflow import transitions_for
from tests import factories
from tests.test_admin import admin_url, form_values

pytestmark = pytest.mark.django_db

CONTENT = [
    (Resource, factories.ResourceFactory),
    (CaseStudy, factories.CaseStudyFactory),
    (Partner, factories.PartnerFactory),
    (Collection, factories.CollectionFactory),
]


@pytest.fixture
def contributor_client(client):
    client.force_login(factories.contributor())
    return client


@pytest.fixture
def curator_client(client):
    client.force_login(factories.curator())
    return client


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


# -- the groups ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", [Resource, CaseStudy, Partner, Collection])
def test_only_curators_hold_the_publish_permission(model):
    curator, contributor = factories.curator(), factories.contributor()
    name = model._meta.model_name
    assert curator.has_perm(f"partnerships.publish_{name}")
    assert not contributor.has_perm(f"partnerships.publish_{name}")
    for action in ("add", "change", "delete", "view"):
        assert curator.has_perm(f"partnerships.{action}_{name}")
        assert contributor.has_perm(f"partnerships.{action}_{name}")


def test_contributors_read_but_do_not_edit_the_vocabularies_or_moderate():
    contributor = factories.contributor()
    assert contributor.has_perm("partnerships.view_theme")
    assert contributor.has_perm("partnerships.view_territory")
    assert not contributor.has_perm("partnerships.change_theme")
    assert not contributor.has_perm("partnerships.change_territory")
    assert not contributor.has_perm("partnerships.moderate_contribution")
    assert factories.curator().has_perm("partnerships.moderate_contribution")


def test_the_roles_exist_on_every_install():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Curateur", "Contributeur"}


# -- the change form ----------------------------------------------------------------------


def test_a_contributor_is_offered_only_draft_and_review(contributor_client):
    page = contributor_client.get(admin_url(Resource, "add"))
    choices = [value for value, _label in page.context["adminform"].form.fields["status"].choices]
    assert choices == ["draft", "review"]
    assert "published_at" not in page.context["adminform"].form.fields  # read-only


def test_a_curator_is_offered_every_status(curator_client):
    page = curator_client.get(admin_url(Resource, "add"))
    choices = [value for value, _label in page.context["adminform"].form.fields["status"].choices]
    assert choices == ["draft", "review", "published", "archived"]
    assert "published_at" in page.context["adminform"].form.fields


def _new_resource_data(france, status, **extra):
    return {
        "title": "Une ressource proposée",
        "format": ResourceFormat.objects.order_by("position").first().pk,
        "language": "fr",
        "status": status,
        "coverage": [france.pk],
        **extra,
    }


def test_a_contributor_creates_a_draft_and_submits_it_with_a_comment(contributor_client, france):
    response = contributor_client.post(
        admin_url(Resource, "add"),
        _new_resource_data(france, "review", transition_comment="Prêt pour relecture"),
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.status == PublicationStatus.IN_REVIEW
    log = list(transitions_for(resource))
    assert [(t.from_status, t.to_status, t.user.username, t.comment) for t in log] == [
        ("", "review", "contributeur", "Prêt pour relecture")
    ]
    page = contributor_client.get(admin_url(Resource, "change", resource.pk)).content.decode()
    assert "Prêt pour relecture" in page  # the log is shown on the item


@pytest.mark.parametrize("status", ["published", "archived"])
def test_a_contributor_cannot_publish_or_archive_from_the_add_form(
    contributor_client, france, status
):
    response = contributor_client.post(
        admin_url(Resource, "add"), _new_resource_data(france, status)
    )
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Resource.objects.exists()


@pytest.mark.parametrize(("model", "factory"), CONTENT)
def test_a_contributor_cannot_publish_a_draft_from_the_change_form(
    contributor_client, model, factory
):
    draft = factory(status=PublicationStatus.DRAFT, published_at=None)
    url = admin_url(model, "change", draft.pk)
    data = form_values(contributor_client.get(url))
    data.update({"status": "published", "_save": "Enregistrer"})
    response = contributor_client.post(url, data)
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT
    assert not model.objects.published().exists()


@pytest.mark.parametrize(("model", "factory"), CONTENT)
def test_a_curator_publishes_from_the_change_form_and_it_is_logged(curator_client, model, factory):
    draft = factory(status=PublicationStatus.IN_REVIEW, published_at=None)
    url = admin_url(model, "change", draft.pk)
    data = form_values(curator_client.get(url))
    data.update({"status": "published", "transition_comment": "Relu, OK", "_save": "Enregistrer"})
    response = curator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.is_public
    last = transitions_for(draft).first()
    assert (last.from_status, last.to_status, last.user.username, last.comment) == (
        "review",
        "published",
        "curatrice",
        "Relu, OK",
    )


@pytest.mark.parametrize(("model", "factory"), CONTENT)
def test_published_content_is_read_only_for_a_contributor(contributor_client, model, factory):
    published = factory()
    url = admin_url(model, "change", published.pk)
    page = contributor_client.get(url)
    assert page.status_code == 200  # may read it…
    html = page.content.decode()
    assert 'name="status"' not in html
    assert 'name="_save"' not in html
    response = contributor_client.post(url, {"status": "draft", "_save": "Enregistrer"})
    assert response.status_code == 403  # …not change it, not even back to draft
    published.refresh_from_db()
    assert published.status == PublicationStatus.PUBLISHED


def test_a_contributor_edits_a_draft(contributor_client):
    draft = factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=None)
    url = admin_url(Resource, "change", draft.pk)
    data = form_values(contributor_client.get(url))
    data.update({"title": "Titre revu", "_save": "Enregistrer"})
    assert contributor_client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Titre revu"


def test_inline_rows_of_published_content_are_locked_for_a_contributor(contributor_client):
    case_study = factories.CaseStudyFactory()
    case_study.key_figures.create(value="3", label="communes")
    page = contributor_client.get(admin_url(CaseStudy, "change", case_study.pk))
    html = page.content.decode()
    assert 'name="key_figures-0-value"' not in html
    assert "communes" in html


# -- bulk actions ---------------------------------------------------------------------------


def _actions(client, model):
    response = client.get(admin_url(model, "changelist"))
    return [name for name, _label in response.context["action_form"].fields["action"].choices]


@pytest.mark.parametrize("model", [Resource, CaseStudy, Partner, Collection])
def test_the_bulk_actions_each_role_is_offered(client, model):
    client.force_login(factories.contributor())
    contributor_actions = _actions(client, model)
    assert "submit_for_review" in contributor_actions
    for action in ("publish_selected", "unpublish_selected", "archive_selected"):
        assert action not in contributor_actions
    client.force_login(factories.curator())
    curator_actions = _actions(client, model)
    for action in ("publish_selected", "unpublish_selected", "archive_selected", "delete_selected"):
        assert action in curator_actions


@pytest.mark.parametrize(("model", "factory"), CONTENT)
@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected", "archive_selected"])
def test_a_contributor_posting_a_curator_action_changes_nothing(
    contributor_client, model, factory, action
):
    draft = factory(status=PublicationStatus.IN_REVIEW, published_at=None)
    published = factory()
    response = contributor_client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [draft.pk, published.pk]},
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == PublicationStatus.IN_REVIEW
    assert published.status == PublicationStatus.PUBLISHED
    assert not Transition.objects.filter(comment__contains="action groupée").exists()


def test_a_contributor_submits_drafts_for_review_in_bulk(contributor_client):
    drafts = [
        factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=None)
        for _ in range(2)
    ]
    published = factories.ResourceFactory()
    response = contributor_client.post(
        admin_url(Resource, "changelist"),
        {
            "action": "submit_for_review",
            "_selected_action": [drafts[0].pk, drafts[1].pk, published.pk],
        },
        follow=True,
    )
    assert shown_messages(response) == ["2 éléments soumis pour relecture."]
    assert set(Resource.objects.filter(status="review").values_list("pk", flat=True)) == {
        drafts[0].pk,
        drafts[1].pk,
    }
    published.refresh_from_db()
    assert published.status == PublicationStatus.PUBLISHED
    log = transitions_for(drafts[0]).first()
    assert (log.from_status, log.to_status, log.user.username) == (
        "draft",
        "review",
        "contributeur",
    )


def test_a_curator_archives_in_bulk_and_each_row_is_logged(curator_client):
    items = [factories.PartnerFactory() for _ in range(3)]
    response = curator_client.post(
        admin_url(Partner, "changelist"),
        {"action": "archive_selected", "_selected_action": [obj.pk for obj in items]},
        follow=True,
    )
    assert shown_messages(response) == ["3 éléments archivés."]
    assert not Partner.objects.published().exists()
    for obj in items:
        log = transitions_for(obj).first()
        assert (log.from_status, log.to_status) == ("published", "archived")
        assert log.comment == "Archivé (action groupée)."
    history = curator_client.get(admin_url(Partner, "history", items[0].pk)).content.decode()
    assert "Archivé (action groupée)." in history


def test_bulk_publication_is_logged_with_who_and_when(curator_client):
    draft = factories.ResourceFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    before = timezone.now()
    curator_client.post(
        admin_url(Resource, "changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    log = transitions_for(draft).first()
    assert (log.from_status, log.to_status, log.user.username) == (
        "review",
        "published",
        "curatrice",
    )
    assert log.created_at >= before


# -- deletion -------------------------------------------------------------------------------


@pytest.mark.parametrize(("model", "factory"), CONTENT)
def test_a_contributor_cannot_delete_published_content(contributor_client, model, factory):
    published = factory()
    assert contributor_client.get(admin_url(model, "delete", published.pk)).status_code == 403
    assert (
        contributor_client.post(
            admin_url(model, "delete", published.pk), {"post": "yes"}
        ).status_code
        == 403
    )
    assert model.objects.filter(pk=published.pk).exists()


def test_a_contributor_cannot_delete_published_content_in_bulk(contributor_client):
    draft = factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=None)
    published = factories.ResourceFactory()
    response = contributor_client.post(
        admin_url(Resource, "changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Resource.objects.count() == 2


def test_a_contributor_deletes_a_draft(contributor_client):
    draft = factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=None)
    response = contributor_client.post(admin_url(Resource, "delete", draft.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Resource.objects.exists()


def test_a_curator_deletes_published_content(curator_client):
    published = factories.ResourceFactory()
    response = curator_client.post(admin_url(Resource, "delete", published.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not Transition.objects.filter(object_id=published.pk).exists()  # log goes with it


# -- scheduled publication ------------------------------------------------------------------


def test_scheduled_content_appears_by_itself_when_its_date_comes(client):
    later = timezone.now() + timedelta(hours=2)
    resource = factories.ResourceFactory(title="Programmée", published_at=later)
    url = resource.get_absolute_url()
    assert client.get(url).status_code == 404
    assert not Resource.objects.published().exists()
    # Time passes (no job runs): the same row is now in the past.
    Resource.objects.filter(pk=resource.pk).update(published_at=timezone.now() - timedelta(1))
    assert client.get(url).status_code == 200
    assert list(Resource.objects.published()) == [resource]


# -- preview ------------------------------------------------------------------------------


PREVIEWS = [
    (Resource, factories.ResourceFactory, "partnerships/resource_detail.html"),
    (CaseStudy, factories.CaseStudyFactory, "partnerships/case_study_detail.html"),
    (Partner, factories.PartnerFactory, "partnerships/partner_detail.html"),
    (Collection, factories.CollectionFactory, "partnerships/collection_detail.html"),
]


@pytest.mark.parametrize(("model", "factory", "template"), PREVIEWS)
def test_staff_preview_a_draft_with_the_public_template(client, model, factory, template):
    draft = factory(status=PublicationStatus.DRAFT, published_at=None)
    name = getattr(draft, "title", None) or draft.name
    assert client.get(draft.get_absolute_url()).status_code == 404  # not public
    preview = reverse(f"admin:partnerships_{model._meta.model_name}_preview", args=[draft.pk])

    assert client.get(preview).status_code == 302  # anonymous: to the login page

    client.force_login(factories.contributor())
    response = client.get(preview)
    assert response.status_code == 200
    assert template in [t.name for t in response.templates]
    assert name in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "pas visible du public" in response.content.decode()

    change = client.get(admin_url(model, "change", draft.pk)).content.decode()
    assert preview in change  # linked from the change form


def test_the_preview_renders_what_the_public_page_renders(client):
    resource = factories.ResourceFactory(title="Même page", body="<p>Corps du texte</p>")
    public = client.get(resource.get_absolute_url()).content.decode()
    client.force_login(factories.curator())
    preview = client.get(reverse("admin:partnerships_resource_preview", args=[resource.pk]))
    assert "Corps du texte" in public
    assert "Corps du texte" in preview.content.decode()
    assert preview.templates[0].name == "partnerships/resource_detail.html"


def test_a_bulk_change_of_status_shows_on_the_public_listing_at_once(client):
    resource = factories.ResourceFactory(title="Guide bientôt retiré")
    listing = reverse("partnerships:resource_list")
    assert "Guide bientôt retiré" in client.get(listing).content.decode()  # counts now cached
    client.force_login(factories.curator())
    client.post(
        admin_url(Resource, "changelist"),
        {"action": "unpublish_selected", "_selected_action": [resource.pk]},
    )
    client.logout()
    assert "Guide bientôt retiré" not in client.get(listing).content.decode()
