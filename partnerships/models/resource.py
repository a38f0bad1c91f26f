"""Resources: guides, studies, tools, videos… that help people co-construct."""

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
from .uploads import DocumentField, PictureField, ThumbnailsMixin


class ResourceLanguage(models.TextChoices):
    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("Anglais")
    OTHER = "other", _("Autre langue")


class ResourceQuerySet(TerritorialQuerySet, PublishableQuerySet):
    territory_relations = ("coverage",)


class ResourceManager(models.Manager.from_queryset(ResourceQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Resource(ThumbnailsMixin, SluggedModel, Publishable, Searchable):
    THUMBNAILS = {"cover_image": "cover_thumbnail"}

    title = models.CharField(_("titre"), max_length=250)
    summary = models.TextField(_("résumé"), max_length=1200, blank=True)
    body = rich_text_field(_("contenu"), help_text=_("Texte enrichi, nettoyé."))
    format = models.ForeignKey(
        "partnerships.ResourceFormat",
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("format"),
    )
    themes = models.ManyToManyField(
        "partnerships.Theme", related_name="resources", blank=True, verbose_name=_("thématiques")
    )
    audiences = models.ManyToManyField(
        "partnerships.ActorType",
        related_name="resources_for",
        blank=True,
        verbose_name=_("publics"),
        help_text=_("Les types d'acteurs à qui la ressource s'adresse."),
    )
    partnership_types = models.ManyToManyField(
        "partnerships.PartnershipType",
        related_name="resources",
        blank=True,
        verbose_name=_("types de partenariat"),
    )
    coverage = models.ManyToManyField(
        "partnerships.Territory",
        related_name="resources",
        blank=True,
        verbose_name=_("territoires couverts"),
        help_text=_("France pour une ressource nationale."),
    )
    authors = models.ManyToManyField(
        "partnerships.Partner", related_name="resources", blank=True, verbose_name=_("auteurs")
    )
    tags = TaggableManager(_("mots-clés"), blank=True, manager=VersionedTags)
    publication_date = models.DateField(
        _("date de parution"), null=True, blank=True, help_text=_("Date du document lui-même.")
    )
    language = models.CharField(
        _("langue"), max_length=8, choices=ResourceLanguage.choices, default=ResourceLanguage.FRENCH
    )
    external_url = models.URLField(_("lien externe"), max_length=500, blank=True)
    file = DocumentField(
        _("fichier"),
        upload_to="resources/files/",
        blank=True,
        help_text=_("PDF, ODT, DOCX, XLSX, PNG, JPEG ou WebP, vérifié d'après son contenu."),
    )
    cover_image = PictureField(
        _("image de couverture"),
        upload_to="resources/covers/",
        blank=True,
        help_text=_("PNG, JPEG ou WebP."),
    )
    cover_thumbnail = models.ImageField(
        _("vignette"), upload_to="thumbnails/", blank=True, editable=False
    )
    featured = models.BooleanField(_("mis en avant"), default=False)

    objects = ResourceManager()
    history = content_history(
        m2m_fields=["themes", "audiences", "partnership_types", "coverage", "authors"]
    )

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["-published_at", "title"]
        permissions = [
            ("publish_resource", _("Peut publier, dépublier et archiver des ressources"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="resource_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="resource_publication_idx"),
            models.Index(fields=["publication_date"], name="resource_pubdate_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partnerships:resource_detail", kwargs={"slug": self.slug})
