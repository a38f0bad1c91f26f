"""Partners: the organisations behind resources and alliances."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .history import content_history
from .publication import Publishable, PublishableQuerySet, SluggedModel
from .search import Searchable
from .territory import TerritorialQuerySet
from .uploads import PictureField, ThumbnailsMixin
from .validators import validate_siren


class PartnerQuerySet(TerritorialQuerySet, PublishableQuerySet):
    territory_relations = ("home_territory",)


class PartnerManager(models.Manager.from_queryset(PartnerQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Partner(ThumbnailsMixin, SluggedModel, Publishable, Searchable):
    SLUG_SOURCE = "name"
    THUMBNAILS = {"logo": "logo_thumbnail"}

    name = models.CharField(_("nom"), max_length=200)
    actor_type = models.ForeignKey(
        "partnerships.ActorType",
        on_delete=models.PROTECT,
        related_name="partners",
        verbose_name=_("type d'acteur"),
    )
    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), max_length=500, blank=True)
    logo = PictureField(
        _("logo"), upload_to="partners/logos/", blank=True, help_text=_("PNG, JPEG ou WebP.")
    )
    logo_thumbnail = models.ImageField(
        _("vignette du logo"), upload_to="thumbnails/", blank=True, editable=False
    )
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
    history = content_history(m2m_fields=["themes"])

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["name"]
        permissions = [
            ("publish_partner", _("Peut publier, dépublier et archiver des partenaires"))
        ]
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
