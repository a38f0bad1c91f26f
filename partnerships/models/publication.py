"""Editorial status and stable slugs, shared by every public model.

Only content whose status is *published* and whose ``published_at`` is not in
the future is public: ``published()`` is the single definition every public
surface goes through (pages, search, facet counts, feeds, sitemap, autocomplete).
A future ``published_at`` is a scheduled publication that needs no cron job.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

SLUG_MAX_LENGTH = 200


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    IN_REVIEW = "review", _("En relecture")
    PUBLISHED = "published", _("Publié")
    ARCHIVED = "archived", _("Archivé")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now())

    def publish(self) -> int:
        """Publish every row, keeping an existing (possibly scheduled) date."""
        return self.update(
            status=PublicationStatus.PUBLISHED,
            published_at=Coalesce("published_at", timezone.now()),
        )

    def unpublish(self) -> int:
        """Send rows back to draft; their publication date is kept for the record."""
        return self.update(status=PublicationStatus.DRAFT)


class Publishable(models.Model):
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(
        _("publié le"),
        null=True,
        blank=True,
        help_text=_("Une date future programme la publication."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # The editorial log (``workflow.Transition``), deleted with the item.
    transitions = GenericRelation("partnerships.Transition")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save, then log the change of status if there was one (see ``workflow``).

        Creation is logged too (from no status). The comment comes from
        ``_transition_comment`` when the caller set it; the user from ``_history_user``
        (admin, importers) or the current request. Bulk paths set ``_defer_transition``
        and log their rows together (``workflow.record_transitions``).
        """
        if self.status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        creating = self._state.adding
        before = "" if creating else getattr(self, "_loaded_status", self.status)
        super().save(*args, **kwargs)
        if (creating or before != self.status) and not getattr(self, "_defer_transition", False):
            from .workflow import acting_user, record_transition

            record_transition(
                self,
                before,
                self.status,
                user=acting_user(self),
                comment=getattr(self, "_transition_comment", ""),
            )
        self._loaded_status = self.status
        self.__dict__.pop("_transition_comment", None)  # a comment goes with one save

    def clean(self):
        super().clean()
        # Publishing without a date means « now » (checked by the constraints right after).
        if self.status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._loaded_status = self.__dict__.get("status")

    @property
    def is_public(self) -> bool:
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def unique_slug(instance: models.Model, source: str, field: str = "slug") -> str:
    """A slug from ``source`` that no other row of the model uses (``-2``, ``-3``… suffixes)."""
    base = slugify(source)[: SLUG_MAX_LENGTH - 8].strip("-") or "element"
    manager = type(instance)._default_manager
    others = manager.exclude(pk=instance.pk) if instance.pk else manager.all()
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    candidate, suffix = base, 2
    while candidate in taken:
        candidate = f"{base}-{suffix}"
        suffix += 1
    return candidate


class SluggedModel(models.Model):
    """A slug made once from ``SLUG_SOURCE`` and never changed on rename (URLs stay stable)."""

    SLUG_SOURCE = "title"

    slug = models.SlugField(
        _("identifiant d'URL"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_("Laissé vide, il est créé à partir du titre ; il ne change plus ensuite."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.SLUG_SOURCE))
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
