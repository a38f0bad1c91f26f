"""What every editorial admin shares: publication status, bulk actions, stable slugs.

The bulk actions go through the queryset methods ``publish()`` / ``unpublish()``
(the single definition of what publishing means), count only the rows whose
status really changes, and leave a line in each object's history.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..models import PublicationStatus


class StableSlugMixin:
    """Slug proposed from the title while adding, then read-only: public URLs never change.

    The models make the slug once and keep it (``SluggedModel``, taxonomies used
    by URLs and imports); letting a curator retype it later would break links.
    """

    slug_source = "title"

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.pk:
            return {}
        return {"slug": (self.slug_source,)}

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk and "slug" not in readonly:
            readonly.append("slug")
        return readonly


class CheckboxVocabularyMixin:
    """Small controlled vocabularies (a dozen themes, four partnership types…) as checkboxes.

    Every term is visible and one click away, with or without JavaScript; the
    large relations (territories, partners, resources) use autocomplete instead.
    """

    checkbox_fields: tuple[str, ...] = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_fields and "widget" not in kwargs:
            kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PublishableAdmin(StableSlugMixin, admin.ModelAdmin):
    """Base admin of the models with an editorial status and a publication date."""

    list_filter = ("status",)
    date_hierarchy = "published_at"
    actions = ("publish_selected", "unpublish_selected")
    list_per_page = 50
    publication_fields = ("status", "published_at", "created_at", "updated_at")
    readonly_fields = ("created_at", "updated_at")
    # A link typed without its scheme (« exemple.fr ») is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(boolean=True, description=_("visible du public"))
    def is_visible(self, obj) -> bool:
        """Published and not scheduled for later: what the public site shows."""
        return obj.is_public

    def _log_bulk_change(self, request, queryset, message: str) -> None:
        LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=queryset, action_flag=CHANGE, change_message=message
        )

    def _rows_changing(self, queryset, exclude_status):
        """The selected objects whose status will change, and a plain queryset over them.

        The changelist queryset may carry joins or annotations; the update goes
        through a fresh queryset on the primary keys.
        """
        targets = list(queryset.exclude(status=exclude_status))
        return targets, self.model._default_manager.filter(pk__in=[obj.pk for obj in targets])

    @admin.action(description=_("Publier"), permissions=["change"])
    def publish_selected(self, request, queryset):
        targets, changing = self._rows_changing(queryset, PublicationStatus.PUBLISHED)
        now = timezone.now()
        scheduled = sum(1 for obj in targets if obj.published_at and obj.published_at > now)
        count = changing.publish()
        if not count:
            self.message_user(
                request, gettext("Rien à publier : la sélection est déjà publiée."), messages.INFO
            )
            return
        self._log_bulk_change(request, targets, gettext("Publié (action groupée)."))
        message = ngettext("%(count)d élément publié.", "%(count)d éléments publiés.", count) % {
            "count": count
        }
        if scheduled:
            message += " " + ngettext(
                "%(count)d garde sa date de publication programmée : "
                "il n'apparaîtra qu'à cette date.",
                "%(count)d gardent leur date de publication programmée : "
                "ils n'apparaîtront qu'à cette date.",
                scheduled,
            ) % {"count": scheduled}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Dépublier (repasser en brouillon)"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        targets, changing = self._rows_changing(queryset, PublicationStatus.DRAFT)
        count = changing.unpublish()
        if not count:
            self.message_user(
                request,
                gettext("Rien à dépublier : la sélection est déjà en brouillon."),
                messages.INFO,
            )
            return
        self._log_bulk_change(request, targets, gettext("Repassé en brouillon (action groupée)."))
        self.message_user(
            request,
            ngettext(
                "%(count)d élément repassé en brouillon.",
                "%(count)d éléments repassés en brouillon.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


def with_publication_fieldset(fieldsets, extra=()):
    """Append the « Publication » fieldset shared by every editorial model."""
    return (
        *fieldsets,
        (
            _("Publication"),
            {"fields": (("status", "published_at"), *extra, ("created_at", "updated_at"))},
        ),
    )


__all__ = [
    "CheckboxVocabularyMixin",
    "PublishableAdmin",
    "StableSlugMixin",
    "with_publication_fieldset",
]
