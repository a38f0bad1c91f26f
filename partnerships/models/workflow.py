"""The editorial workflow: who may move content between statuses, and the log of each move.

draft → in review → published → archived. Contributors write drafts and submit them
for review; only those with the model's ``publish_…`` permission (the « Curateur »
role) publish, unpublish and archive. Every change of status, on every path (admin
form, bulk action, import, accepted proposal, code), leaves a ``Transition``: from,
to, who, when and an optional comment, shown on the item in the admin.

``Publishable.save()`` records the transition itself; paths that bypass ``save()``
(the bulk ``publish()`` / ``unpublish()`` queryset updates) call
``record_transitions()``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .publication import PublicationStatus

# What a contributor (no publish permission) may set or touch.
CONTRIBUTOR_STATUSES = frozenset({PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW})
# Content in these statuses is in curators' hands only: edited, deleted, sent back.
LOCKED_STATUSES = frozenset({PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED})


def publish_permission(model) -> str:
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def can_publish(user, model) -> bool:
    """May ``user`` publish, unpublish and archive ``model`` content (the curator's right)?"""
    return bool(user and user.is_active and user.has_perm(publish_permission(model)))


def allowed_statuses(user, model) -> list[str]:
    if can_publish(user, model):
        return [status.value for status in PublicationStatus]
    return [status.value for status in PublicationStatus if status in CONTRIBUTOR_STATUSES]


def is_locked_for(user, obj) -> bool:
    """Published or archived content that ``user`` may not change nor delete."""
    return obj.status in LOCKED_STATUSES and not can_publish(user, type(obj))


class Transition(models.Model):
    """One change of editorial status of one item."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("type de contenu")
    )
    object_id = models.PositiveBigIntegerField(_("identifiant de l'élément"))
    content_object = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(
        _("statut précédent"),
        max_length=16,
        choices=PublicationStatus.choices,
        blank=True,
        help_text=_("Vide à la création."),
    )
    to_status = models.CharField(
        _("nouveau statut"), max_length=16, choices=PublicationStatus.choices
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="editorial_transitions",
        verbose_name=_("par"),
    )
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "created_at"], name="transition_object_idx"
            ),
        ]

    def __str__(self) -> str:
        before = self.get_from_status_display() or _("création")
        return f"{before} → {self.get_to_status_display()}"

    @property
    def is_creation(self) -> bool:
        return not self.from_status


def acting_user(instance):
    """Who is saving ``instance``: set by the admin or an importer, else the current request."""
    user = getattr(instance, "_history_user", None)
    if user is not None:
        return user
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def record_transition(obj, from_status: str, to_status: str, user=None, comment: str = ""):
    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        from_status=from_status or "",
        to_status=to_status,
        user=user if user is not None and user.is_authenticated else None,
        comment=comment or "",
    )


def record_transitions(changes, to_status: str, user=None, comment: str = "") -> int:
    """Log a bulk change: ``changes`` is an iterable of (object, status it had before)."""
    now = timezone.now()
    rows = [
        Transition(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            from_status=before or "",
            to_status=to_status,
            user=user if user is not None and user.is_authenticated else None,
            comment=comment or "",
            created_at=now,
        )
        for obj, before in changes
        if before != to_status
    ]
    Transition.objects.bulk_create(rows)
    return len(rows)


def transitions_for(obj):
    return Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("user")
