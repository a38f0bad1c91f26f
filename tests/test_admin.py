"""The curators' admin, driven through the real admin views with the test client.

Every page a curator opens must load, for a superuser and for a staff member who
was only given the model permissions; searches find what a curator types; the
autocompletes answer; bulk actions, inlines and the territory hierarchy behave.
"""

import re
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from partnerships.models import (
    ActorType,
    CaseStudy,
    CoConstructionForm,
    Collection,
    CollectionItem,
    Contribution,
    ParticipantRole,
    Partner,
    PartnershipType,
    PublicationStatus,
    Resource,
    ResourceFormat,
    Territory,
    TerritoryLevel,
    Theme,
)
from tests import factories

pytestmark = pytest.mark.django_db

REGISTERED = [
    "auth.group",
    "auth.user",
    "partnerships.actortype",
    "partnerships.casestudy",
    "partnerships.coconstructionform",
    "partnerships.collection",
    "partnerships.contribution",
    "partnerships.partner",
    "partnerships.partnershiptype",
    "partnerships.resource",
    "partnerships.resourceformat",
    "partnerships.territory",
    "partnerships.theme",
    "taggit.tag",
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def loire(france):
    region = factories.TerritoryFactory(
        level=TerritoryLevel.REGION, code="84", name="Auvergne-Rhône-Alpes"
    )
    return factories.TerritoryFactory(
        level=TerritoryLevel.DEPARTMENT, code="42", name="Loire", parents=[region]
    )


@pytest.fixture
def saint_etienne(loire):
    return factories.TerritoryFactory(
        level=TerritoryLevel.COMMUNE,
        code="42218",
        name="Saint-Étienne",
        population=173000,
        parents=[loire],
    )


@pytest.fixture
def one_of_each(saint_etienne):
    """One object of every registered model, as a curator would find them."""
    theme = factories.ThemeFactory(name="Mobilité durable", slug="mobilite-durable-test")
    partner = factories.PartnerFactory(name="Association Relais Mobilité")
    partner.themes.set([theme])
    resource = factories.ResourceFactory(
        title="Guide du covoiturage solidaire", themes=[theme], coverage=[saint_etienne]
    )
    resource.authors.set([partner])
    resource.tags.add("covoiturage")
    case_study = factories.CaseStudyFactory(
        title="Un garage solidaire à Saint-Étienne", main_territory=saint_etienne
    )
    case_study.participations.create(partner=partner, role=ParticipantRole.LEAD)
    case_study.key_figures.create(value="120", label="personnes accompagnées")
    collection = factories.CollectionFactory(title="Se déplacer autrement")
    collection.items.create(resource=resource, position=1)
    objects = {
        Theme: theme,
        ActorType: factories.ActorTypeFactory(name="Tiers-lieu", slug="tiers-lieu-test"),
        PartnershipType: factories.PartnershipTypeFactory(name="Mécénat test", slug="mec-test"),
        CoConstructionForm: factories.CoConstructionFormFactory(name="Forum", slug="forum-test"),
        ResourceFormat: factories.ResourceFormatFactory(name="Infographie", slug="infographie"),
        Territory: saint_etienne,
        Partner: partner,
        Resource: resource,
        CaseStudy: case_study,
        Collection: collection,
        Contribution: Contribution.objects.create(
            kind="resource",
            title="Proposition de guide",
            summary="Un guide repéré.",
            contributor_email="camille@example.org",
        ),
        Group: Group.objects.create(name="Équipe éditoriale"),
        User: User.objects.create_user("claire.curatrice", password="x"),
        Tag: Tag.objects.get(name="covoiturage"),
    }
    return objects


def staff_with_model_permissions():
    user = User.objects.create_user("curateur", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["partnerships", "auth", "taggit"])
    )
    return user


@pytest.fixture(params=["superuser", "staff"])
def curator_client(request, client):
    if request.param == "superuser":
        user = User.objects.create_superuser("chef", password="x")
    else:
        user = staff_with_model_permissions()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(client):
    client.force_login(staff_with_model_permissions())
    return client


# -- every page loads ---------------------------------------------------------------------


def test_every_registered_model_is_covered_by_these_tests():
    assert sorted(model._meta.label_lower for model in admin.site._registry) == REGISTERED


@pytest.mark.parametrize("label", REGISTERED)
def test_changelist_add_change_and_search_pages_load(curator_client, one_of_each, label):
    model = next(m for m in one_of_each if m._meta.label_lower == label)
    obj = one_of_each[model]

    changelist = curator_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert (getattr(obj, "name", None) or str(obj)) in changelist.content.decode()

    # Public proposals come from the public form only: no « add » in the admin.
    expected_add = 403 if model is Contribution else 200
    assert curator_client.get(admin_url(model, "add")).status_code == expected_add

    change = curator_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert str(obj) in change.content.decode()

    search = curator_client.get(admin_url(model, "changelist"), {"q": str(obj)[:6]})
    assert search.status_code == 200


def test_the_admin_index_is_in_french(staff_client):
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert "Retours d’expérience" in page or "Retours d&#x27;expérience" in page
    assert "Territoires" in page


def test_a_visitor_who_is_not_staff_is_sent_to_the_login_page(client, one_of_each):
    client.force_login(User.objects.create_user("visiteur", password="x"))
    for url in (reverse("admin:index"), admin_url(Resource, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(admin_url(CaseStudy, "changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


# -- territories --------------------------------------------------------------------------


def listed(response):
    return [str(obj) for obj in response.context["cl"].result_list]


@pytest.mark.parametrize(
    "term", ["saint etienne", "Saint-Étienne", "SAINT-ETIENNE", "st etienne", "42218"]
)
def test_the_territory_search_finds_saint_etienne(staff_client, saint_etienne, term):
    factories.TerritoryFactory(level=TerritoryLevel.COMMUNE, code="42207", name="Saint-Chamond")
    response = staff_client.get(admin_url(Territory, "changelist"), {"q": term})
    assert response.status_code == 200
    assert listed(response) == [str(saint_etienne)]


def test_the_territory_search_finds_a_word_inside_the_name(staff_client, saint_etienne):
    response = staff_client.get(admin_url(Territory, "changelist"), {"q": "etienne"})
    assert listed(response) == [str(saint_etienne)]


def test_the_territory_list_filters_by_level(staff_client, saint_etienne):
    response = staff_client.get(admin_url(Territory, "changelist"), {"level": "department"})
    assert listed(response) == ["Loire (42)"]


def test_the_territory_change_page_shows_its_ancestors_read_only(staff_client, saint_etienne):
    response = staff_client.get(admin_url(Territory, "change", saint_etienne.pk))
    page = response.content.decode()
    for ancestor in ("France", "Auvergne-Rhône-Alpes", "Loire (42)"):
        assert ancestor in page
    # Level and code come from the official files: shown, not editable.
    assert 'name="code"' not in page
    assert 'name="level"' not in page
    assert 'name="name"' in page


def test_territories_are_never_deleted_from_the_admin(staff_client, saint_etienne):
    response = staff_client.get(admin_url(Territory, "delete", saint_etienne.pk))
    assert response.status_code == 403


def test_a_territory_added_by_hand_is_placed_in_the_hierarchy(staff_client, loire):
    response = staff_client.post(
        admin_url(Territory, "add"),
        {
            "name": "Commune nouvelle",
            "slug": "commune-nouvelle",
            "level": TerritoryLevel.COMMUNE,
            "code": "42999",
            "parents": [loire.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    commune = Territory.objects.get(level=TerritoryLevel.COMMUNE, code="42999")
    assert set(commune.ancestors.values_list("code", flat=True)) == {"42999", "42", "84", "FR"}
    assert Resource.objects.for_territory(commune).count() == 0  # the lookup works


def test_a_territory_needs_a_broader_parent(staff_client, saint_etienne):
    response = staff_client.post(
        admin_url(Territory, "add"),
        {
            "name": "Orpheline",
            "slug": "orpheline",
            "level": TerritoryLevel.DEPARTMENT,
            "code": "99",
            "parents": [saint_etienne.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "plus large" in str(response.context["adminform"].form.errors["parents"])
    assert not Territory.objects.filter(code="99").exists()


def test_the_coverage_autocomplete_finds_lyon(staff_client, france):
    rhone = factories.TerritoryFactory(level=TerritoryLevel.DEPARTMENT, code="69", name="Rhône")
    lyon = factories.TerritoryFactory(
        level=TerritoryLevel.COMMUNE, code="69123", name="Lyon", population=520000, parents=[rhone]
    )
    factories.TerritoryFactory(level=TerritoryLevel.COMMUNE, code="42218", name="Saint-Étienne")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "partnerships",
            "model_name": "resource",
            "field_name": "coverage",
            "term": "lyo",
        },
    )
    assert response.status_code == 200
    assert response.json() == {
        "results": [{"id": str(lyon.pk), "text": "Lyon (69) — Rhône · Commune"}],
        "pagination": {"more": False},
    }


def admin_autocomplete(client, model_name, field_name, term) -> list[dict]:
    """The admin autocomplete's suggestions for a field of a partnerships model."""
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "partnerships",
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    assert response.status_code == 200, response.content
    return response.json()["results"]


def territory_suggestions(client, term, model_name="resource", field_name="coverage"):
    return [result["text"] for result in admin_autocomplete(client, model_name, field_name, term)]


def test_the_territory_autocomplete_offers_active_territories_only(staff_client, saint_etienne):
    """A territory that left the official files stays findable in its own list, not chosen."""
    factories.TerritoryFactory(
        level=TerritoryLevel.COMMUNE, code="42999", name="Saint-Étienne-le-Vieux", is_active=False
    )
    assert territory_suggestions(staff_client, "saint etienne") == [
        "Saint-Étienne (42) — Loire, Auvergne-Rhône-Alpes · Commune"
    ]
    changelist = staff_client.get(admin_url(Territory, "changelist"), {"q": "saint etienne"})
    assert len(listed(changelist)) == 2


def test_the_territory_autocomplete_starts_with_the_broadest(staff_client, saint_etienne):
    """Before anything is typed, France and the régions come first, not « Aast »."""
    factories.TerritoryFactory(level=TerritoryLevel.COMMUNE, code="64001", name="Aast")
    assert territory_suggestions(staff_client, "", "partner", "home_territory") == [
        "France · Pays",
        "Auvergne-Rhône-Alpes · Région",
        "Loire (42) — Auvergne-Rhône-Alpes · Département",
        "Aast (64) · Commune",
        "Saint-Étienne (42) — Loire, Auvergne-Rhône-Alpes · Commune",
    ]


def test_a_chosen_territory_reads_as_in_the_suggestions(staff_client, saint_etienne, loire):
    """The change form shows the saved territories with the autocomplete's labels."""
    resource = factories.ResourceFactory(coverage=[saint_etienne])
    case_study = factories.CaseStudyFactory(main_territory=saint_etienne)
    case_study.coverage.set([loire])
    partner = factories.PartnerFactory(home_territory=loire)
    commune = "Saint-Étienne (42) — Loire, Auvergne-Rhône-Alpes · Commune"
    department = "Loire (42) — Auvergne-Rhône-Alpes · Département"
    for obj, field_name, labels in (
        (resource, "coverage", [commune]),
        (case_study, "main_territory", [commune]),
        (case_study, "coverage", [department]),
        (partner, "home_territory", [department]),
    ):
        page = staff_client.get(admin_url(type(obj), "change", obj.pk)).content.decode()
        select = re.search(rf'<select name="{field_name}"[^>]*>(.*?)</select>', page, re.S)
        selected = re.findall(r"<option value=\"\d+\" selected>([^<]*)</option>", select[1])
        assert [unescape(label) for label in selected] == labels, (obj, field_name)


def test_the_partner_autocomplete_of_the_participation_inline(staff_client):
    partner = factories.PartnerFactory(name="Fondation du Littoral")
    factories.PartnerFactory(name="Entreprise des Monts")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "partnerships",
            "model_name": "participation",
            "field_name": "partner",
            "term": "littoral",
        },
    )
    assert [row["id"] for row in response.json()["results"]] == [str(partner.pk)]


# -- bulk publication ---------------------------------------------------------------------


PUBLISHABLE = [
    (Resource, factories.ResourceFactory),
    (CaseStudy, factories.CaseStudyFactory),
    (Partner, factories.PartnerFactory),
    (Collection, factories.CollectionFactory),
]


@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_publish_action_publishes_and_keeps_a_scheduled_date(curator_client, model, factory):
    later = timezone.now() + timedelta(days=10)
    draft = factory(status=PublicationStatus.DRAFT, published_at=None)
    scheduled = factory(status=PublicationStatus.IN_REVIEW, published_at=later)
    untouched = factory(status=PublicationStatus.DRAFT, published_at=None)

    response = curator_client.post(
        admin_url(model, "changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk, scheduled.pk]},
        follow=True,
    )

    assert response.status_code == 200
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    untouched.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED
    assert draft.published_at is not None and draft.published_at <= timezone.now()
    assert draft.is_public
    assert scheduled.status == PublicationStatus.PUBLISHED
    assert scheduled.published_at == later
    assert not scheduled.is_public
    assert untouched.status == PublicationStatus.DRAFT
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "2 éléments publiés. 1 garde sa date de publication programmée : "
        "il n'apparaîtra qu'à cette date."
    ]
    history = curator_client.get(admin_url(model, "history", draft.pk)).content.decode()
    assert "Publié (action groupée)." in history


@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_unpublish_action_sends_back_to_draft(curator_client, model, factory):
    published = factory()
    published_at = published.published_at
    already_draft = factory(status=PublicationStatus.DRAFT, published_at=None)

    response = curator_client.post(
        admin_url(model, "changelist"),
        {"action": "unpublish_selected", "_selected_action": [published.pk, already_draft.pk]},
        follow=True,
    )

    published.refresh_from_db()
    assert published.status == PublicationStatus.DRAFT
    assert published.published_at == published_at  # kept for the record
    assert not model.objects.published().exists()
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["1 élément repassé en brouillon."]


def test_publishing_what_is_already_published_says_so(staff_client):
    resource = factories.ResourceFactory()
    response = staff_client.post(
        admin_url(Resource, "changelist"),
        {"action": "publish_selected", "_selected_action": [resource.pk]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Rien à publier : la sélection est déjà publiée."]


def test_the_resource_list_filters_by_status(staff_client):
    factories.ResourceFactory(title="En ligne")
    factories.ResourceFactory(title="En chantier", status=PublicationStatus.DRAFT)
    response = staff_client.get(admin_url(Resource, "changelist"), {"status__exact": "draft"})
    assert listed(response) == ["En chantier"]


def test_the_resource_search_looks_in_titles_and_summaries(staff_client):
    factories.ResourceFactory(title="Guide A", summary="Tout sur le mécénat de compétences.")
    factories.ResourceFactory(title="Guide B", summary="Autre chose.")
    response = staff_client.get(admin_url(Resource, "changelist"), {"q": "mécénat"})
    assert listed(response) == ["Guide A"]


# -- taxonomies: which terms content uses -------------------------------------------------


def _use_theme(term):
    factories.ResourceFactory(themes=[term], status=PublicationStatus.DRAFT)


def _use_actor_type(term):
    factories.PartnerFactory(actor_type=term)


def _use_partnership_type(term):
    factories.ResourceFactory().partnership_types.add(term)


def _use_co_construction_form(term):
    factories.CaseStudyFactory().co_construction_forms.add(term)


def _use_resource_format(term):
    factories.ResourceFactory(format=term)


@pytest.mark.parametrize(
    ("model", "factory", "use"),
    [
        (Theme, factories.ThemeFactory, _use_theme),
        (ActorType, factories.ActorTypeFactory, _use_actor_type),
        (PartnershipType, factories.PartnershipTypeFactory, _use_partnership_type),
        (CoConstructionForm, factories.CoConstructionFormFactory, _use_co_construction_form),
        (ResourceFormat, factories.ResourceFormatFactory, _use_resource_format),
    ],
    ids=["theme", "actor-type", "partnership-type", "co-construction-form", "format"],
)
def test_a_taxonomy_list_tells_used_terms_from_unused_ones(staff_client, model, factory, use):
    used = factory(name="Terme employé", slug="terme-employe")
    factory(name="Terme oublié", slug="terme-oublie")
    use(used)  # a draft counts: removing the term would still change it
    url = admin_url(model, "changelist")

    page = staff_client.get(url)
    assert "Par contenus liés" in page.content.decode()
    everything = listed(page)
    assert {"Terme employé", "Terme oublié"} <= set(everything)

    in_use = listed(staff_client.get(url, {"utilise": "oui"}))
    unused = listed(staff_client.get(url, {"utilise": "non"}))
    assert "Terme employé" in in_use and "Terme oublié" not in in_use
    assert "Terme oublié" in unused and "Terme employé" not in unused
    assert sorted(in_use + unused) == sorted(everything)


def test_the_theme_list_filters_by_the_kind_of_content(staff_client):
    for_partners = factories.ThemeFactory(name="Pour un partenaire", slug="pour-partenaire")
    factories.PartnerFactory().themes.add(for_partners)
    for_stories = factories.ThemeFactory(name="Pour un récit", slug="pour-recit")
    factories.CaseStudyFactory(themes=[for_stories])
    url = admin_url(Theme, "changelist")
    assert listed(staff_client.get(url, {"utilise": "partners"})) == ["Pour un partenaire"]
    assert listed(staff_client.get(url, {"utilise": "case_studies"})) == ["Pour un récit"]
    assert listed(staff_client.get(url, {"utilise": "resources"})) == []


def test_an_audience_of_a_collection_only_is_a_used_actor_type(staff_client):
    audience = factories.ActorTypeFactory(name="Public d'un dossier", slug="public-dossier")
    factories.CollectionFactory().audiences.add(audience)
    url = admin_url(ActorType, "changelist")
    assert "Public d'un dossier" in listed(staff_client.get(url, {"utilise": "oui"}))
    assert listed(staff_client.get(url, {"utilise": "collections"})) == ["Public d'un dossier"]
    assert "Public d'un dossier" not in listed(staff_client.get(url, {"utilise": "non"}))


# -- forms: slugs and inlines -------------------------------------------------------------


class FormValues(HTMLParser):
    """The values a browser would submit for the admin's change form (not the JS templates)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select = None
        self._textarea = None

    def _add(self, name, value) -> bool:
        if "__prefix__" in name:
            return False
        self.data.setdefault(name, []).append(value)
        return True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs["name"] if self._add(attrs["name"], "") else None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea and self.data[self._textarea][-1].startswith("\n"):
                self.data[self._textarea][-1] = self.data[self._textarea][-1][1:]
            self._textarea = None


def form_values(response) -> dict:
    parser = FormValues()
    parser.feed(response.content.decode())
    return {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}


def test_a_new_resource_gets_a_slug_that_stays_read_only(staff_client, france):
    fmt = ResourceFormat.objects.order_by("position").first()
    add_page = staff_client.get(admin_url(Resource, "add")).content.decode()
    assert 'name="slug"' in add_page  # proposed from the title while adding
    response = staff_client.post(
        admin_url(Resource, "add"),
        {
            "title": "Réussir son premier partenariat",
            "format": fmt.pk,
            "language": "fr",
            "status": PublicationStatus.DRAFT,
            "coverage": [france.pk],
            "tags": "mécénat, PME",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get(title="Réussir son premier partenariat")
    assert resource.slug == "reussir-son-premier-partenariat"
    assert list(resource.coverage.all()) == [france]
    change_page = staff_client.get(admin_url(Resource, "change", resource.pk)).content.decode()
    assert 'name="slug"' not in change_page
    assert "reussir-son-premier-partenariat" in change_page


def test_the_case_study_form_adds_a_participation_and_a_key_figure(staff_client, saint_etienne):
    case_study = factories.CaseStudyFactory(
        title="Une conciergerie solidaire", main_territory=saint_etienne
    )
    case_study.key_figures.create(value="3", label="communes", position=0)
    partner = factories.PartnerFactory(name="Régie de quartier")
    url = admin_url(CaseStudy, "change", case_study.pk)
    data = form_values(staff_client.get(url))
    assert data["participations-TOTAL_FORMS"] == "1"  # one empty row offered
    assert data["key_figures-INITIAL_FORMS"] == "1"

    data.update(
        {
            "participations-0-partner": str(partner.pk),
            "participations-0-role": ParticipantRole.CATALYST,
            "participations-0-contribution": "Animation du collectif",
            "participations-0-position": "1",
            "key_figures-1-value": "45",
            "key_figures-1-label": "emplois créés",
            "key_figures-1-position": "2",
            "context": "<p>Un quartier sans commerce de proximité.</p>",
            "_save": "Enregistrer",
        }
    )
    response = staff_client.post(url, data)

    assert response.status_code == 302, _form_errors(response)
    case_study.refresh_from_db()
    participation = case_study.participations.get()
    assert (participation.partner, participation.role) == (partner, ParticipantRole.CATALYST)
    assert participation.contribution == "Animation du collectif"
    assert [(f.value, f.label) for f in case_study.key_figures.all()] == [
        ("3", "communes"),
        ("45", "emplois créés"),
    ]
    assert case_study.context == "<p>Un quartier sans commerce de proximité.</p>"
    assert case_study.main_territory == saint_etienne
    assert case_study.title == "Une conciergerie solidaire"


def test_the_case_study_form_refuses_the_same_partner_twice_in_the_same_role(
    staff_client, saint_etienne
):
    case_study = factories.CaseStudyFactory(main_territory=saint_etienne)
    partner = factories.PartnerFactory()
    case_study.participations.create(partner=partner, role=ParticipantRole.FUNDER)
    url = admin_url(CaseStudy, "change", case_study.pk)
    data = form_values(staff_client.get(url))
    data.update(
        {
            "participations-1-partner": str(partner.pk),
            "participations-1-role": ParticipantRole.FUNDER,
            "participations-1-position": "0",
            "_save": "Enregistrer",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert case_study.participations.count() == 1


def test_the_collection_form_orders_its_items(staff_client):
    collection = factories.CollectionFactory(title="Par où commencer ?")
    second = factories.ResourceFactory(title="Deuxième lecture")
    first = factories.CaseStudyFactory(title="Premier exemple")
    collection.items.create(resource=second, position=2)
    url = admin_url(Collection, "change", collection.pk)
    data = form_values(staff_client.get(url))
    data.update(
        {
            "items-1-case_study": str(first.pk),
            "items-1-position": "1",
            "items-1-note": "Commencez par cet exemple.",
            "_save": "Enregistrer",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, _form_errors(response)
    assert [str(item) for item in collection.items.all()] == ["Premier exemple", "Deuxième lecture"]
    page = staff_client.get(url).content.decode()
    assert page.index("Premier exemple") < page.index("Deuxième lecture")


def test_a_step_added_without_an_order_goes_last(staff_client):
    collection = factories.CollectionFactory()
    first = factories.ResourceFactory(title="Première lecture")
    collection.items.create(resource=first, position=0)
    collection.items.create(resource=factories.ResourceFactory(title="Deuxième"), position=3)
    added = factories.CaseStudyFactory(title="Exemple ajouté")
    # The new row keeps the order it came with (0, already first's): it goes last.
    response = _collection_form(staff_client, collection, **{"items-2-case_study": str(added.pk)})
    assert response.status_code == 302, _form_errors(response)
    assert [str(item) for item in collection.items.all()] == [
        "Première lecture",
        "Deuxième",
        "Exemple ajouté",
    ]
    assert collection.items.get(case_study=added).position == 4


def test_an_item_created_without_an_order_goes_last():
    collection = factories.CollectionFactory()
    collection.items.create(resource=factories.ResourceFactory(title="A"))
    collection.items.create(resource=factories.ResourceFactory(title="B"))
    collection.items.create(case_study=factories.CaseStudyFactory(title="C"))
    assert [(str(item), item.position) for item in collection.items.all()] == [
        ("A", 0),
        ("B", 1),
        ("C", 2),
    ]


def test_a_collection_item_must_point_at_one_thing(staff_client):
    collection = factories.CollectionFactory()
    resource = factories.ResourceFactory()
    case_study = factories.CaseStudyFactory()
    url = admin_url(Collection, "change", collection.pk)
    data = form_values(staff_client.get(url))
    data.update(
        {
            "items-0-resource": str(resource.pk),
            "items-0-case_study": str(case_study.pk),
            "items-0-position": "1",
            "_save": "Enregistrer",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "pas les deux" in response.content.decode()
    assert not CollectionItem.objects.exists()


def _collection_form(client, collection, **changes):
    url = admin_url(Collection, "change", collection.pk)
    data = form_values(client.get(url))
    data.update(changes)
    data["_save"] = "Enregistrer"
    return client.post(url, data)


def _row_errors(response) -> list[str]:
    formset = response.context["inline_admin_formsets"][0].formset
    return [
        str(message) for errors in formset.errors for field in errors.values() for message in field
    ]


def test_a_collection_refuses_a_resource_it_already_lists(staff_client):
    collection = factories.CollectionFactory()
    guide = factories.ResourceFactory(title="Guide du mécénat")
    collection.items.create(resource=guide, position=1)
    response = _collection_form(
        staff_client, collection, **{"items-1-resource": str(guide.pk), "items-1-position": "2"}
    )
    assert response.status_code == 200
    assert _row_errors(response) == ["« Guide du mécénat » figure déjà dans cette collection."]
    assert "figure déjà dans cette collection" in response.content.decode()
    assert collection.items.count() == 1


def test_two_new_rows_with_the_same_case_study_are_refused_together(staff_client):
    collection = factories.CollectionFactory()
    story = factories.CaseStudyFactory(title="La conciergerie")
    url = admin_url(Collection, "change", collection.pk)
    data = form_values(staff_client.get(url))
    data.update(
        {
            "items-TOTAL_FORMS": "2",
            "items-0-case_study": str(story.pk),
            "items-0-position": "1",
            "items-1-case_study": str(story.pk),
            "items-1-position": "2",
            "_save": "Enregistrer",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert _row_errors(response) == ["« La conciergerie » figure déjà dans cette collection."]
    assert not collection.items.exists()


def test_two_steps_cannot_share_a_position(staff_client):
    collection = factories.CollectionFactory()
    collection.items.create(resource=factories.ResourceFactory(title="Premier"), position=1)
    other = factories.ResourceFactory(title="Second")
    response = _collection_form(
        staff_client, collection, **{"items-1-resource": str(other.pk), "items-1-position": "1"}
    )
    assert response.status_code == 200
    assert _row_errors(response) == [
        "L'ordre 1 est déjà celui de « Premier » : donnez à chaque élément un ordre différent."
    ]
    assert [str(item) for item in collection.items.all()] == ["Premier"]


def test_two_steps_swap_their_positions_in_one_save(staff_client):
    collection = factories.CollectionFactory()
    first = collection.items.create(resource=factories.ResourceFactory(title="A"), position=1)
    second = collection.items.create(case_study=factories.CaseStudyFactory(title="B"), position=2)
    response = _collection_form(
        staff_client, collection, **{"items-0-position": "2", "items-1-position": "1"}
    )
    assert response.status_code == 302, _form_errors(response)
    assert [str(item) for item in collection.items.all()] == ["B", "A"]
    assert (first.history.latest().position, second.history.latest().position) == (2, 1)


def test_a_deleted_step_gives_its_place_and_its_resource_in_the_same_save(staff_client):
    collection = factories.CollectionFactory()
    guide = factories.ResourceFactory(title="Guide")
    collection.items.create(resource=guide, position=1, note="Ancienne note")
    response = _collection_form(
        staff_client,
        collection,
        **{
            "items-0-DELETE": "on",
            "items-1-resource": str(guide.pk),
            "items-1-position": "1",
            "items-1-note": "Nouvelle note",
        },
    )
    assert response.status_code == 302, _form_errors(response)
    assert [(str(item), item.note) for item in collection.items.all()] == [
        ("Guide", "Nouvelle note")
    ]


def test_restoring_a_version_puts_back_an_order_swapped_since(staff_client):
    collection = factories.CollectionFactory()
    first, second = factories.ResourceFactory(title="A"), factories.ResourceFactory(title="B")
    response = _collection_form(
        staff_client,
        collection,
        **{
            "items-TOTAL_FORMS": "2",
            "items-0-resource": str(first.pk),
            "items-0-position": "1",
            "items-1-resource": str(second.pk),
            "items-1-position": "2",
        },
    )
    assert response.status_code == 302, _form_errors(response)
    version = collection.history.first()
    swapped = _collection_form(
        staff_client, collection, **{"items-0-position": "2", "items-1-position": "1"}
    )
    assert swapped.status_code == 302, _form_errors(swapped)
    assert [str(item) for item in collection.items.all()] == ["B", "A"]

    url = reverse("admin:partnerships_collection_simple_history", args=[collection.pk, version.pk])
    data = form_values(staff_client.get(url))
    data["_save"] = "Revert"
    assert staff_client.post(url, data).status_code == 302
    assert [(str(item), item.position) for item in collection.items.all()] == [
        ("A", 1),
        ("B", 2),
    ]


def test_two_steps_exchanging_their_resources_are_told_to_exchange_their_order(staff_client):
    collection = factories.CollectionFactory()
    guide, study = (
        factories.ResourceFactory(title="Guide"),
        factories.ResourceFactory(title="Étude"),
    )
    collection.items.create(resource=guide, position=1)
    collection.items.create(resource=study, position=2)
    response = _collection_form(
        staff_client,
        collection,
        **{"items-0-resource": str(study.pk), "items-1-resource": str(guide.pk)},
    )
    assert response.status_code == 200
    assert "« Étude » est encore l'élément d'ordre 2" in " ".join(_row_errors(response))
    assert [str(item) for item in collection.items.all()] == ["Guide", "Étude"]


def _form_errors(response):
    if response.context is None:
        return response
    errors = [response.context["adminform"].form.errors]
    errors += [formset.formset.errors for formset in response.context["inline_admin_formsets"]]
    errors += [
        formset.formset.non_form_errors() for formset in response.context["inline_admin_formsets"]
    ]
    return errors


# -- changelists stay cheap ---------------------------------------------------------------


def _changelist_queries(client, model) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    return len(queries)


def _make(model, factory, territory):
    if model is CaseStudy:
        return factory(main_territory=territory)
    if model is Partner:
        return factory(home_territory=territory)
    return factory()


@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_a_changelist_costs_the_same_queries_for_one_row_or_many(
    staff_client, saint_etienne, model, factory
):
    _make(model, factory, saint_etienne)
    one_row = _changelist_queries(staff_client, model)
    for _ in range(6):
        _make(model, factory, factories.TerritoryFactory(level=TerritoryLevel.COMMUNE))
    assert _changelist_queries(staff_client, model) == one_row
