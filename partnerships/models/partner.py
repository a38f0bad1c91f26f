"""Partners: the organisations behind resources and alliances."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .publication import Publishable, PublishableQuerySet, SluggedModel
from .search import Searchable
from .territory import TerritorialQuerySet
from .validators import validate_siren


class PartnerQuerySet(TerritorialQuerySet, PublishableQuerySet):
    territory_relations = ("home_territory",)


class PartnerManager(models.Manager.from_queryset(PartnerQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Partner(SluggedModel, Publishable, Searchable):
    SLUG_SOURCE = "name"

    name = models.CharField(_("nom"), max_length=200)
    actor_type = models.ForeignKey(
        "partnerships.ActorType",
        on_delete=models.PROTECT,
        related_name="partners",
        verbose_name=_("type d'acteur"),
    )
    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), max_length=500, blank=True)
    logo = models.ImageField(_("logo"), upload_to="partners/logos/", blank=True)
    home_territory = models.ForeignKey(
        "partnerships.Territory",
        on_delete=models.PROTECT,
        related_name="partners",
        null=True,
        blank=True,
        verbose_name=_("territoire d'implantation"),
    )
    themes = models.ManyToManyField(
        "partnerships.Theme", related_name="partners", blank=True, verbose_name=_("thématiques")
    )
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[validate_siren],
        help_text=_("Numéro SIREN à 9 chiffres, facultatif."),
    )

    objects = PartnerManager()

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siren"], condition=~models.Q(siren=""), name="partner_siren_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="partner_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="partner_publication_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partner_detail", kwargs={"slug": self.slug})
