"""factory_boy factories for the domain model, shared by every test module."""

import factory
from django.utils import timezone

from partnerships import models


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Terme {n}")
    slug = factory.Sequence(lambda n: f"terme-{n}")


class ThemeFactory(TaxonomyFactory):
    class Meta:
        model = models.Theme


class ActorTypeFactory(TaxonomyFactory):
    class Meta:
        model = models.ActorType


class PartnershipTypeFactory(TaxonomyFactory):
    class Meta:
        model = models.PartnershipType


class CoConstructionFormFactory(TaxonomyFactory):
    class Meta:
        model = models.CoConstructionForm


class ResourceFormatFactory(TaxonomyFactory):
    class Meta:
        model = models.ResourceFormat


def france() -> models.Territory:
    """France is seeded by a migration; recreate it if a flush removed it."""
    territory, created = models.Territory.objects.get_or_create(
        level=models.TerritoryLevel.COUNTRY, code="FR", defaults={"name": "France"}
    )
    if created:
        territory.set_parents([])
    return territory


class TerritoryFactory(factory.django.DjangoModelFactory):
    """A territory linked to ``parents`` (default: France) and through them to every ancestor."""

    class Meta:
        model = models.Territory
        django_get_or_create = ("level", "code")
        skip_postgeneration_save = True

    level = models.TerritoryLevel.REGION
    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Territoire {n}")
    population = 1000

    @factory.post_generation
    def parents(self, create, extracted, **kwargs):
        if create:
            self.set_parents(extracted if extracted is not None else [france()])


class PublishableFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    status = models.PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class PartnerFactory(PublishableFactory):
    class Meta:
        model = models.Partner

    name = factory.Sequence(lambda n: f"Association exemple {n}")
    actor_type = factory.SubFactory(ActorTypeFactory)
    description = "Organisation fictive créée pour les tests."


class ResourceFactory(PublishableFactory):
    class Meta:
        model = models.Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Guide pratique numéro {n}")
    summary = "Un guide pour co-construire sur son territoire."
    format = factory.SubFactory(ResourceFormatFactory)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def coverage(self, create, extracted, **kwargs):
        if create and extracted:
            self.coverage.set(extracted)


class CaseStudyFactory(PublishableFactory):
    class Meta:
        model = models.CaseStudy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Alliance locale numéro {n}")
    summary = "Une alliance fictive entre acteurs d'un territoire."
    main_territory = factory.LazyFunction(france)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class CollectionFactory(PublishableFactory):
    class Meta:
        model = models.Collection

    title = factory.Sequence(lambda n: f"Dossier numéro {n}")
    summary = "Une sélection commentée."


# -- curation -----------------------------------------------------------------------------


def staff_in_group(username: str, group_name: str, **extra):
    """A staff account in one of the editorial groups seeded by the roles migration."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        username, email=f"{username}@example.org", password="x", is_staff=True, **extra
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def curator(username: str = "curatrice"):
    return staff_in_group(username, "Curateur")


def contributor(username: str = "contributeur"):
    return staff_in_group(username, "Contributeur")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contribution

    kind = models.ContributionKind.RESOURCE
    title = factory.Sequence(lambda n: f"Proposition numéro {n}")
    summary = "Un guide repéré sur le terrain."
    contributor_name = "Camille Exemple"
    contributor_email = "camille@example.org"
    consent_at = factory.LazyFunction(timezone.now)
    resource_format = factory.LazyFunction(
        lambda: models.ResourceFormat.objects.order_by("position").first()
    )
