"""Case studies (« retours d'expérience »): alliances that worked, told in full."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from ..sanitize import clean_html
from .history import VersionedTags, content_history
from .publication import Publishable, PublishableQuerySet, SluggedModel
from .richtext import rich_text_field
from .search import Searchable
from .territory import TerritorialQuerySet
from .uploads import PictureField, ThumbnailsMixin


class CaseStudyStage(models.TextChoices):
    EMERGENCE = "emergence", _("Émergence")
    EXPERIMENTATION = "experimentation", _("Expérimentation")
    CONSOLIDATION = "consolidation", _("Consolidation")
    SCALING = "essaimage", _("Essaimage")


class ParticipantRole(models.TextChoices):
    LEAD = "porteur", _("Porteur")
    FUNDER = "financeur", _("Financeur")
    OPERATIONAL = "operationnel", _("Partenaire opérationnel")
    CATALYST = "catalyseur", _("Catalyseur territorial")
    SUPPORT = "accompagnateur", _("Accompagnateur")
    ACADEMIC = "academique", _("Partenaire académique")
    OTHER = "autre", _("Autre rôle")


class CaseStudyQuerySet(TerritorialQuerySet, PublishableQuerySet):
    territory_relations = ("main_territory", "coverage")


class CaseStudyManager(models.Manager.from_queryset(CaseStudyQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# The narrative sections of a case study, in reading order: (field, heading).
NARRATIVE_SECTIONS = (
    ("context", _("Contexte et fragilités visées")),
    ("challenges", _("Enjeux")),
    ("actors_and_roles", _("Acteurs et rôles")),
    ("approach", _("Démarche")),
    ("human_resources", _("Moyens : richesses humaines")),
    ("funding", _("Moyens : financements")),
    ("alliances", _("Moyens : alliances")),
    ("results", _("Résultats et impacts")),
    ("success_factors", _("Facteurs clés de succès")),
    ("difficulties", _("Difficultés rencontrées")),
    ("contacts", _("Contacts")),
    ("sources", _("Sources")),
)


def narrative_field(label):
    return rich_text_field(label)


class CaseStudy(ThumbnailsMixin, SluggedModel, Publishable, Searchable):
    THUMBNAILS = {"cover_image": "cover_thumbnail"}

    title = models.CharField(_("titre"), max_length=250)
    summary = models.TextField(_("résumé"), max_length=1200, blank=True)
    main_territory = models.ForeignKey(
        "partnerships.Territory",
        on_delete=models.PROTECT,
        related_name="main_case_studies",
        verbose_name=_("territoire principal"),
    )
    coverage = models.ManyToManyField(
        "partnerships.Territory",
        related_name="case_studies",
        blank=True,
        verbose_name=_("autres territoires concernés"),
    )
    participants = models.ManyToManyField(
        "partnerships.Partner",
        through="partnerships.Participation",
        related_name="case_studies",
        blank=True,
        verbose_name=_("participants"),
    )
    themes = models.ManyToManyField(
        "partnerships.Theme", related_name="case_studies", blank=True, verbose_name=_("thématiques")
    )
    partnership_types = models.ManyToManyField(
        "partnerships.PartnershipType",
        related_name="case_studies",
        blank=True,
        verbose_name=_("types de partenariat"),
    )
    co_construction_forms = models.ManyToManyField(
        "partnerships.CoConstructionForm",
        related_name="case_studies",
        blank=True,
        verbose_name=_("formes de co-construction"),
    )
    stage = models.CharField(
        _("stade"), max_length=20, choices=CaseStudyStage.choices, default=CaseStudyStage.EMERGENCE
    )
    start_year = models.PositiveSmallIntegerField(
        _("année de démarrage"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    context = narrative_field(_("contexte et fragilités visées"))
    challenges = narrative_field(_("enjeux"))
    actors_and_roles = narrative_field(_("acteurs et rôles"))
    approach = narrative_field(_("démarche"))
    human_resources = narrative_field(_("moyens : richesses humaines"))
    funding = narrative_field(_("moyens : financements"))
    alliances = narrative_field(_("moyens : alliances"))
    results = narrative_field(_("résultats et impacts"))
    success_factors = narrative_field(_("facteurs clés de succès"))
    difficulties = narrative_field(_("difficultés"))
    contacts = narrative_field(_("contacts"))
    sources = narrative_field(_("sources"))
    related_resources = models.ManyToManyField(
        "partnerships.Resource",
        related_name="case_studies",
        blank=True,
        verbose_name=_("ressources liées"),
    )
    tags = TaggableManager(_("mots-clés"), blank=True, manager=VersionedTags)
    cover_image = PictureField(
        _("image de couverture"),
        upload_to="case_studies/covers/",
        blank=True,
        help_text=_("PNG, JPEG ou WebP."),
    )
    cover_thumbnail = models.ImageField(
        _("vignette"), upload_to="thumbnails/", blank=True, editable=False
    )
    featured = models.BooleanField(_("mis en avant"), default=False)

    objects = CaseStudyManager()
    history = content_history(
        m2m_fields=[
            "coverage",
            "themes",
            "partnership_types",
            "co_construction_forms",
            "related_resources",
        ]
    )

    class Meta:
        verbose_name = _("retour d'expérience")
        verbose_name_plural = _("retours d'expérience")
        ordering = ["-published_at", "title"]
        permissions = [
            (
                "publish_casestudy",
                _("Peut publier, dépublier et archiver des retours d'expérience"),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="casestudy_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True)
                | models.Q(start_year__gte=1900, start_year__lte=2100),
                name="casestudy_start_year_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="casestudy_publication_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        for field_name, _heading in NARRATIVE_SECTIONS:
            setattr(self, field_name, clean_html(getattr(self, field_name)))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partnerships:case_study_detail", kwargs={"slug": self.slug})

    def narrative(self) -> list[tuple[str, str]]:
        """The non-empty narrative sections as (heading, sanitised HTML), in reading order."""
        return [
            (heading, getattr(self, field_name))
            for field_name, heading in NARRATIVE_SECTIONS
            if getattr(self, field_name)
        ]


class Participation(models.Model):
    """A partner's part in a case study, with the role it played."""

    case_study = models.ForeignKey(
        CaseStudy,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("retour d'expérience"),
    )
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("partenaire"),
    )
    role = models.CharField(_("rôle"), max_length=20, choices=ParticipantRole.choices)
    contribution = models.CharField(_("apport"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = content_history(searchable=False)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_study", "partner", "role"], name="participation_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.get_role_display()}"


class KeyFigure(models.Model):
    case_study = models.ForeignKey(
        CaseStudy,
        on_delete=models.CASCADE,
        related_name="key_figures",
        verbose_name=_("retour d'expérience"),
    )
    value = models.CharField(_("valeur"), max_length=60)
    label = models.CharField(_("libellé"), max_length=200)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = content_history(searchable=False)

    class Meta:
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"
