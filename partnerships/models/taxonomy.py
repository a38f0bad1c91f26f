"""The small controlled vocabularies used as facets.

Each is seeded by a data migration (``0002_seed_taxonomies``) so that every
install, empty or not, has the field's vocabulary. Curators may add, rename or
reorder terms in the admin; slugs stay stable because URLs and imports use them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaxonomyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Taxonomy(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    description = models.TextField(_("description"), blank=True)

    objects = TaxonomyManager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Theme(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")


class ActorType(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("type d'acteur")
        verbose_name_plural = _("types d'acteurs")


class PartnershipType(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("type de partenariat")
        verbose_name_plural = _("types de partenariat")


class CoConstructionForm(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("forme de co-construction")
        verbose_name_plural = _("formes de co-construction")


class ResourceFormat(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("format de ressource")
        verbose_name_plural = _("formats de ressource")
