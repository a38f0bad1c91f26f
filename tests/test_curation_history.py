"""Content history: every change kept, shown with what changed, any version restorable."""

import importlib
import re
from html import unescape

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from partnerships.models import CaseStudy, Collection, Partner, PublicationStatus, Resource
from partnerships.models.history import BASELINE_REASON, one_version
from tests import factories
from tests.test_admin import admin_url, form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client):
    client.force_login(factories.curator())
    return client


def edit(client, obj, **changes):
    url = admin_url(type(obj), "change", obj.pk)
    data = form_values(client.get(url))
    data.update(changes)
    data["_save"] = "Enregistrer"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def history_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.pk]
    )


def restore(client, obj, record):
    url = history_url(obj, record)
    page = client.get(url)
    assert page.status_code == 200
    data = form_values(page)
    data["_save"] = "Revert"
    return client.post(url, data)


@pytest.mark.parametrize(
    "factory",
    [
        factories.ResourceFactory,
        factories.CaseStudyFactory,
        factories.PartnerFactory,
        factories.CollectionFactory,
    ],
)
def test_every_content_model_keeps_its_versions(factory):
    obj = factory()
    assert type(obj).history.filter(id=obj.pk).exists()


def test_one_admin_save_makes_one_version_with_its_relations(curator_client):
    first, second = factories.ThemeFactory(), factories.ThemeFactory()
    resource = factories.ResourceFactory(title="Avant", themes=[first])
    versions_before = resource.history.count()

    edit(curator_client, resource, title="Après", themes=[str(first.pk), str(second.pk)])

    assert resource.history.count() == versions_before + 1
    latest = resource.history.first()
    assert latest.title == "Après"
    assert latest.history_user.username == "curatrice"
    assert set(latest.themes.values_list("theme_id", flat=True)) == {first.pk, second.pk}


def test_the_history_page_says_what_changed_and_who_did_it(curator_client):
    resource = factories.ResourceFactory(title="Ancien titre")
    edit(curator_client, resource, title="Nouveau titre", summary="Résumé revu")
    page = curator_client.get(admin_url(Resource, "history", resource.pk)).content.decode()
    assert "Ancien titre" in page
    assert "Nouveau titre" in page
    assert "Résumé revu" in page
    assert "curatrice" in page


def test_a_row_without_history_gets_its_former_state_kept_before_the_first_edit(curator_client):
    resource = factories.ResourceFactory(title="Chargée par les fixtures")
    resource.history.all().delete()  # as after load_demo (raw fixtures leave no version)

    edit(curator_client, resource, title="Retouchée")

    baseline, edited = resource.history.order_by("history_date")
    assert baseline.title == "Chargée par les fixtures"
    assert baseline.history_change_reason == BASELINE_REASON
    assert baseline.history_user is None
    assert edited.title == "Retouchée"


def test_a_curator_restores_an_earlier_version_with_its_themes(curator_client):
    first, second = factories.ThemeFactory(), factories.ThemeFactory()
    resource = factories.ResourceFactory(title="Version 1", themes=[first])
    edit(curator_client, resource, title="Version 2", themes=[str(second.pk)])
    original = resource.history.filter(title="Version 1").first()

    response = restore(curator_client, resource, original)

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Version 1"
    assert list(resource.themes.all()) == [first]
    latest = resource.history.first()
    assert latest.title == "Version 1"
    assert "restaurée" in latest.history_change_reason


def test_restoring_a_case_study_brings_back_its_key_figures_and_participants(curator_client):
    partner, other = factories.PartnerFactory(), factories.PartnerFactory()
    case_study = factories.CaseStudyFactory(title="Récit")
    edit(
        curator_client,
        case_study,
        **{
            "key_figures-0-value": "3",
            "key_figures-0-label": "communes",
            "key_figures-0-position": "0",
            "participations-0-partner": str(partner.pk),
            "participations-0-role": "porteur",
            "participations-0-position": "0",
        },
    )
    good = case_study.history.first()
    assert [(f.value, f.label) for f in case_study.key_figures.all()] == [("3", "communes")]

    data_url = admin_url(CaseStudy, "change", case_study.pk)
    data = form_values(curator_client.get(data_url))
    data.update(
        {
            "key_figures-0-value": "12",
            "key_figures-0-DELETE": "",
            "participations-0-partner": str(other.pk),
            "title": "Récit abîmé",
            "_save": "Enregistrer",
        }
    )
    assert curator_client.post(data_url, data).status_code == 302
    assert [f.value for f in case_study.key_figures.all()] == ["12"]

    assert restore(curator_client, case_study, good).status_code == 302

    case_study.refresh_from_db()
    assert case_study.title == "Récit"
    assert [(f.value, f.label) for f in case_study.key_figures.all()] == [("3", "communes")]
    assert [(p.partner_id, p.role) for p in case_study.participations.all()] == [
        (partner.pk, "porteur")
    ]


def test_restoring_a_collection_brings_back_its_items(curator_client):
    resource = factories.ResourceFactory()
    collection = factories.CollectionFactory(title="Parcours")
    edit(
        curator_client,
        collection,
        **{"items-0-resource": str(resource.pk), "items-0-position": "1"},
    )
    good = collection.history.first()
    url = admin_url(Collection, "change", collection.pk)
    data = form_values(curator_client.get(url))
    data.update({"items-0-DELETE": "on", "_save": "Enregistrer"})
    assert curator_client.post(url, data).status_code == 302
    assert not collection.items.exists()

    assert restore(curator_client, collection, good).status_code == 302
    assert [item.resource_id for item in collection.items.all()] == [resource.pk]


def test_a_contributor_cannot_restore_published_content(client):
    resource = factories.ResourceFactory(title="En ligne")
    old = resource.history.first()
    Resource.objects.filter(pk=resource.pk).update(title="Corrigé")
    client.force_login(factories.contributor())
    page = client.get(history_url(resource, old))
    assert page.status_code == 200  # may look at it
    assert page.context["revert_disabled"]
    response = client.post(history_url(resource, old), {"title": "En ligne", "_save": "Revert"})
    assert response.status_code == 403
    resource.refresh_from_db()
    assert resource.title == "Corrigé"


def test_a_contributor_cannot_publish_by_restoring_a_published_version(client):
    resource = factories.ResourceFactory(title="Publiée jadis")
    published_version = resource.history.first()
    Resource.objects.filter(pk=resource.pk).update(status=PublicationStatus.DRAFT)
    client.force_login(factories.contributor())
    response = restore(client, resource, published_version)
    assert response.status_code == 200  # the form refuses the « published » status
    assert "status" in response.context["adminform"].form.errors
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.DRAFT


def test_partner_history_lists_bulk_publication(curator_client):
    partner = factories.PartnerFactory(status=PublicationStatus.DRAFT, published_at=None)
    curator_client.post(
        admin_url(Partner, "changelist"),
        {"action": "publish_selected", "_selected_action": [partner.pk]},
    )
    latest = partner.history.first()
    assert latest.status == PublicationStatus.PUBLISHED
    assert latest.history_change_reason == "Publié (action groupée)."
    assert latest.history_user.username == "curatrice"


# -- tags (django-taggit): kept as names in every version -----------------------------------


def history_page(client, obj) -> str:
    return client.get(admin_url(type(obj), "history", obj.pk)).content.decode()


def second_now():
    return timezone.now().replace(microsecond=0)


def changes_listed(page: str) -> list[list[str]]:
    """The « Changes » column of the history page, newest version first, as plain text:
    one list per version of lines « Field: old → new »."""
    table = page[page.index('id="change-history"') :]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    return [
        [
            " ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split())
            for item in re.findall(r"<li>(.*?)</li>", row, re.S)
        ]
        for row in rows
    ]


def test_a_change_of_tags_alone_is_a_version_and_the_history_page_shows_it(curator_client):
    # (to the second, as the admin form keeps it: nothing else changes)
    resource = factories.ResourceFactory(title="Guide", published_at=second_now())
    resource.tags.set(["mécénat", "PME"])
    versions_before = resource.history.count()

    edit(curator_client, resource, tags="mécénat, fondations")

    assert resource.history.count() == versions_before + 1
    latest = resource.history.first()
    assert latest.title == "Guide"
    assert latest.tag_names == ["fondations", "mécénat"]
    assert latest.history_user.username == "curatrice"
    newest = changes_listed(history_page(curator_client, resource))[0]
    assert newest == ["Mots-clés: [mécénat, PME] → [fondations, mécénat]"]


def test_one_admin_save_of_fields_relations_and_tags_is_one_complete_version(curator_client):
    theme = factories.ThemeFactory()
    case_study = factories.CaseStudyFactory(title="Avant")
    case_study.tags.add("mobilité")
    versions_before = case_study.history.count()

    edit(
        curator_client,
        case_study,
        title="Après",
        themes=[str(theme.pk)],
        tags="mobilité, covoiturage, ruralité",
    )

    assert case_study.history.count() == versions_before + 1
    latest = case_study.history.first()
    assert latest.title == "Après"
    assert list(latest.themes.values_list("theme_id", flat=True)) == [theme.pk]
    assert latest.tag_names == ["covoiturage", "mobilité", "ruralité"]
    newest = changes_listed(history_page(curator_client, case_study))[0]
    assert f"Thématiques: [] → [{theme.name}]" in newest
    assert "Titre: Avant → Après" in newest
    assert "Mots-clés: [mobilité] → [covoiturage, mobilité, ruralité]" in newest


def test_tags_changed_in_code_make_one_version_per_change_and_none_when_nothing_changes():
    resource = factories.ResourceFactory()
    count = resource.history.count

    resource.tags.set(["a", "b"])
    assert count() == 2
    resource.tags.set(["b", "c"])  # taggit removes « a », then adds « c »: still one version
    assert count() == 3
    assert resource.history.first().tag_names == ["b", "c"]
    resource.tags.add("d")
    resource.tags.remove("b")
    assert count() == 5
    assert resource.history.first().tag_names == ["c", "d"]

    resource.tags.add("c")  # already there
    resource.tags.remove("zzz")  # not there
    resource.tags.set(["d", "c"])
    assert count() == 5
    resource.tags.clear()
    resource.tags.clear()
    assert count() == 6
    assert resource.history.first().tag_names == []
    assert [v.tag_names for v in resource.history.order_by("history_date")] == [
        [],
        ["a", "b"],
        ["b", "c"],
        ["b", "c", "d"],
        ["c", "d"],
        [],
    ]


def test_tags_changed_inside_one_version_are_part_of_that_single_version():
    resource = factories.ResourceFactory(title="Avant")
    versions_before = resource.history.count()

    with one_version(resource, reason="Relecture"):
        resource.title = "Après"
        resource.save()
        resource.tags.set(["un", "deux"])
        resource.tags.add("trois")
        resource.tags.remove("un")

    assert resource.history.count() == versions_before + 1
    latest = resource.history.first()
    assert (latest.title, latest.tag_names) == ("Après", ["deux", "trois"])
    assert latest.history_change_reason == "Relecture"


def test_a_curator_restores_an_earlier_version_with_its_tags(curator_client):
    resource = factories.ResourceFactory(title="Version 1")
    resource.tags.set(["mécénat", "PME, ETI"])
    original = resource.history.first()
    edit(curator_client, resource, title="Version 2", tags="numérique")
    resource.refresh_from_db()
    assert "numerique" in resource.search_document

    form = restore_form(curator_client, resource, original)
    assert form["tags"] == '"PME, ETI", mécénat'  # the version's tags, ready to submit
    assert restore(curator_client, resource, original).status_code == 302

    resource.refresh_from_db()
    assert resource.title == "Version 1"
    assert sorted(resource.tags.names()) == ["PME, ETI", "mécénat"]
    latest = resource.history.first()
    assert latest.tag_names == ["mécénat", "PME, ETI"]
    assert "restaurée" in latest.history_change_reason
    # the search document follows, as for any restore
    assert "mecenat" in resource.search_document
    assert "numerique" not in resource.search_document


def test_restoring_a_version_whose_tags_were_not_kept_leaves_the_tags_as_they_are(
    curator_client,
):
    resource = factories.ResourceFactory(title="Ancienne")
    old = resource.history.first()
    type(old).objects.filter(pk=old.pk).update(tag_names=None)  # written before tags were kept
    edit(curator_client, resource, title="Récente", tags="actuel")

    assert restore(curator_client, resource, old).status_code == 302

    resource.refresh_from_db()
    assert resource.title == "Ancienne"
    assert list(resource.tags.names()) == ["actuel"]
    listed = changes_listed(history_page(curator_client, resource))
    assert not [line for lines in listed for line in lines if line.startswith("Mots-clés")]


def restore_form(client, obj, record) -> dict:
    return form_values(client.get(history_url(obj, record)))


def test_the_version_of_a_deletion_keeps_the_tags_it_had():
    resource = factories.ResourceFactory()
    resource.tags.set(["archive", "mécénat"])
    pk = resource.pk
    resource.delete()
    deletion = Resource.history.filter(id=pk).first()
    assert (deletion.history_type, deletion.tag_names) == ("-", ["archive", "mécénat"])


def test_the_migration_gives_the_latest_version_of_each_row_its_current_tags():
    migration = importlib.import_module("partnerships.migrations.0010_history_tags")
    resource = factories.ResourceFactory()
    resource.tags.set(["vélo", "Autopartage"])
    case_study = factories.CaseStudyFactory()
    History = Resource.history.model
    History.objects.update(tag_names=None)  # as before the migration
    CaseStudy.history.model.objects.update(tag_names=None)
    older = list(History.objects.filter(id=resource.pk).order_by("history_date"))[:-1]

    migration.tag_latest_versions(django_apps, None)

    assert resource.history.first().tag_names == ["Autopartage", "vélo"]
    assert case_study.history.first().tag_names == []
    assert [v.tag_names for v in History.objects.filter(pk__in=[v.pk for v in older])] == [
        None
    ] * len(older)
