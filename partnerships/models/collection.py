"""Collections: an ordered, introduced selection of resources and case studies."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..sanitize import clean_html
from .history import content_history
from .publication import Publishable, PublishableQuerySet, SluggedModel
from .richtext import rich_text_field

# The largest value a PositiveSmallIntegerField holds on every supported database.
POSITION_MAX = 32767


class CollectionKind(models.TextChoices):
    DOSSIER = "dossier", _("Dossier")
    PATHWAY = "parcours", _("Parcours")


class CollectionQuerySet(PublishableQuerySet):
    """Collections by territory, derived from their items.

    A collection has no territory of its own: it is a selection of resources and case
    studies, each tied to territories. It applies to a territory when one of its
    *published* items applies to it (``Resource``/``CaseStudy.for_territory``), and lies
    within a territory when one of its published items does (``within``). A draft item,
    which the public page does not show, never places a collection. Chain
    ``published()`` for the collection's own status.
    """

    def for_territory(self, territory):
        """Collections with a published item that applies to ``territory``."""
        return self._through_items("for_territory", territory)

    def within(self, territory):
        """Collections with a published item located in ``territory``."""
        return self._through_items("within", territory)

    def _through_items(self, lookup: str, territory):
        from .case_study import CaseStudy
        from .resource import Resource

        resources = getattr(Resource.objects.published(), lookup)(territory)
        case_studies = getattr(CaseStudy.objects.published(), lookup)(territory)
        items = CollectionItem.objects.filter(
            models.Q(resource__in=resources.values("pk"))
            | models.Q(case_study__in=case_studies.values("pk"))
        )
        return self.filter(pk__in=items.values("collection_id"))


class CollectionManager(models.Manager.from_queryset(CollectionQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Collection(SluggedModel, Publishable):
    title = models.CharField(_("titre"), max_length=250)
    kind = models.CharField(
        _("type"), max_length=12, choices=CollectionKind.choices, default=CollectionKind.DOSSIER
    )
    summary = models.TextField(_("résumé"), max_length=600, blank=True)
    introduction = rich_text_field(_("introduction"))
    audiences = models.ManyToManyField(
        "partnerships.ActorType",
        related_name="collections",
        blank=True,
        verbose_name=_("publics"),
    )
    featured = models.BooleanField(_("mis en avant"), default=False)

    objects = CollectionManager()
    history = content_history(m2m_fields=["audiences"], searchable=False)

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["title"]
        permissions = [
            ("publish_collection", _("Peut publier, dépublier et archiver des collections"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="collection_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="collection_publication_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.introduction = clean_html(self.introduction)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partnerships:collection_detail", kwargs={"slug": self.slug})

    def public_items(self):
        """Items whose resource or case study is published, in order, targets preloaded."""
        from .case_study import CaseStudy
        from .resource import Resource

        return (
            self.items.filter(
                models.Q(resource__in=Resource.objects.published())
                | models.Q(case_study__in=CaseStudy.objects.published())
            )
            .select_related("resource__format", "case_study__main_territory")
            .order_by("position", "pk")
        )

    def park_items(self, item_ids, avoid=()) -> None:
        """Move these items of the collection to positions no item uses, out of the way.

        Positions are unique within a collection, so two steps swap places in two
        rounds: both leave for free positions (from the top of the range down), then
        each takes its new one. ``avoid``: positions about to be taken, not to park on.
        """
        item_ids = list(item_ids)
        if not item_ids:
            return
        taken = set(self.items.values_list("position", flat=True)) | set(avoid)
        free = (position for position in range(POSITION_MAX, -1, -1) if position not in taken)
        for item_id, position in zip(item_ids, free, strict=False):
            self.items.filter(pk=item_id).update(position=position)


class CollectionItem(models.Model):
    """One step of a collection: exactly one resource or one case study."""

    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="items", verbose_name=_("collection")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    resource = models.ForeignKey(
        "partnerships.Resource",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="collection_items",
        verbose_name=_("ressource"),
    )
    case_study = models.ForeignKey(
        "partnerships.CaseStudy",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="collection_items",
        verbose_name=_("retour d'expérience"),
    )
    note = models.TextField(_("note de lecture"), blank=True)

    history = content_history(searchable=False)

    class Meta:
        verbose_name = _("élément de collection")
        verbose_name_plural = _("éléments de collection")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(resource__isnull=False) & models.Q(case_study__isnull=True))
                | (models.Q(resource__isnull=True) & models.Q(case_study__isnull=False)),
                name="collection_item_one_target",
            ),
            # A step appears once and each step has its own place: the same resource
            # twice, or two steps sharing a position, would make the order ambiguous.
            models.UniqueConstraint(
                fields=["collection", "resource"],
                condition=models.Q(resource__isnull=False),
                name="collection_item_unique_resource",
                violation_error_message=_("Cette ressource figure déjà dans la collection."),
            ),
            models.UniqueConstraint(
                fields=["collection", "case_study"],
                condition=models.Q(case_study__isnull=False),
                name="collection_item_unique_case_study",
                violation_error_message=_("Ce retour d'expérience figure déjà dans la collection."),
            ),
            models.UniqueConstraint(
                fields=["collection", "position"],
                name="collection_item_unique_position",
                violation_error_message=_("Un autre élément de la collection a déjà cet ordre."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.target)

    def save(self, *args, **kwargs):
        """A new step created without an order (the default 0, already taken) goes last."""
        if self._state.adding and self.position == 0 and self.collection_id:
            siblings = CollectionItem.objects.filter(collection_id=self.collection_id)
            if siblings.filter(position=0).exists():
                last = siblings.aggregate(last=models.Max("position"))["last"]
                self.position = last + 1
        super().save(*args, **kwargs)

    @property
    def target(self):
        return self.resource or self.case_study
