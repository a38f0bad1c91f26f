"""What every editorial admin shares: workflow, permissions, history, preview, stable slugs.

Who may do what (see ``partnerships.models.workflow``):

- a **contributor** (no ``publish_…`` permission) creates drafts and submits them for
  review. The status field only offers « brouillon » and « en relecture », the
  publication date is read-only, and published or archived items are read-only and
  cannot be deleted — the change form, its POST, the inlines, the bulk actions, bulk
  deletion and restoring an old version all go through the same
  ``has_change_permission`` / ``has_delete_permission``;
- a **curator** publishes, unpublishes and archives, one item at a time or in bulk.

Every change of status leaves a line in the item's editorial log (who, when, the
optional comment typed in the form) and every save leaves one version in the content
history (django-simple-history), shown with what changed and restorable. The bulk
actions go through the queryset methods ``publish()`` / ``unpublish()`` (the single
definition of what publishing means), count only the rows whose status really changes,
and log each row explicitly since ``update()`` bypasses ``save()``.

Staff can preview any item, draft included, at ``…/<id>/apercu/``: the public detail
view and template, with a queryset that is not limited to published content.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.sql.where import WhereNode
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange
from taggit.models import Tag

from ..models import PublicationStatus
from ..models.history import (
    ContentHistory,
    ensure_baseline,
    record_version,
    resume_history,
    suspend_history,
)
from ..models.workflow import (
    LOCKED_STATUSES,
    allowed_statuses,
    can_publish,
    is_locked_for,
    record_transitions,
    transitions_for,
)
from ..search import generation
from ..signals import status_changed_in_bulk
from .autocomplete import TerritoryChoiceMixin


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


class PublishableAdminForm(forms.ModelForm):
    transition_comment = forms.CharField(
        label=_("commentaire de suivi"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Facultatif. Noté dans le suivi éditorial avec le changement de statut "
            "(par exemple « prêt à relire » ou « chiffres à vérifier »)."
        ),
    )


class LockedPartsInlineMixin:
    """Inline rows of published content are the curators' too (participations, items…)."""

    def _parent_locked(self, request, obj) -> bool:
        return obj is not None and is_locked_for(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._parent_locked(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._parent_locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._parent_locked(request, obj)


class DataQualityFilter(SimpleListFilter):
    """Published content that misses something the public pages and facets rely on."""

    title = _("qualité des données")
    parameter_name = "qualite"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _condition) in model_admin.quality_checks().items()]

    def queryset(self, request, queryset):
        checks = self.model_admin.quality_checks()
        if self.value() not in checks:
            return queryset
        _label, condition = checks[self.value()]
        return queryset.filter(status=PublicationStatus.PUBLISHED).filter(condition)

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)


def without_publication_filter(queryset):
    """``queryset`` with its filters removed (the public views' ``published()``), the rest
    kept: select_related, prefetches, annotations, ordering. Used by the staff preview."""
    queryset = queryset.all()
    queryset.query.where = WhereNode()
    return queryset


class PublishableAdmin(TerritoryChoiceMixin, StableSlugMixin, SimpleHistoryAdmin):
    """Base admin of the models with an editorial status and a publication date."""

    form = PublishableAdminForm
    list_filter = ("status",)
    date_hierarchy = "published_at"
    actions = (
        "submit_for_review",
        "publish_selected",
        "unpublish_selected",
        "archive_selected",
    )
    list_per_page = 50
    publication_fields = ("status", "published_at", "created_at", "updated_at")
    readonly_fields = ("created_at", "updated_at", "workflow_log")
    # A link typed without its scheme (« exemple.fr ») is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The public detail view the preview renders (``partnerships.views…DetailView``).
    preview_view = None
    # Inline models restored with a version: (model, foreign key to this model).
    restored_parts: tuple[tuple[str, str], ...] = ()

    # -- permissions ------------------------------------------------------------------------

    def has_publish_permission(self, request) -> bool:
        return can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and not (obj is not None and is_locked_for(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and not (obj is not None and is_locked_for(request.user, obj))

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            statuses = allowed_statuses(request.user, self.model)
            kwargs["choices"] = [
                (value, label) for value, label in db_field.choices if value in statuses
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request) and "published_at" not in readonly:
            readonly.append("published_at")  # scheduling is publishing
        return readonly

    # -- saving: one version and one log line per change ------------------------------------

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        obj._transition_comment = form.cleaned_data.get("transition_comment", "")
        if change:
            ensure_baseline(type(obj), obj.pk, self._part_managers(obj))
        suspend_history(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        resume_history(
            obj,
            created=not change,
            user=request.user,
            reason=form.cleaned_data.get("transition_comment", ""),
        )

    # -- display ----------------------------------------------------------------------------

    @admin.display(boolean=True, description=_("visible du public"))
    def is_visible(self, obj) -> bool:
        """Published and not scheduled for later: what the public site shows."""
        return obj.is_public

    @admin.display(description=_("suivi éditorial"))
    def workflow_log(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        rows = [
            (
                timezone.localtime(transition.created_at).strftime("%d/%m/%Y %H:%M"),
                str(transition),
                transition.user.get_username() if transition.user else gettext("système"),
                transition.comment or "",
            )
            for transition in transitions_for(obj)[:50]
        ]
        if not rows:
            return "—"
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            rows,
        )
        return format_html(
            '<table class="workflow-log"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
            "<th>{}</th></tr></thead><tbody>{}</tbody></table>",
            gettext("Le"),
            gettext("Statut"),
            gettext("Par"),
            gettext("Commentaire"),
            body,
        )

    def quality_checks(self) -> dict[str, tuple[str, models.Q]]:
        """Data-quality lists of published content: key → (label, condition)."""
        return {}

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if self.quality_checks():
            filters.append(DataQualityFilter)
        return filters

    # -- bulk actions -----------------------------------------------------------------------

    def _rows_changing(self, queryset, exclude_statuses):
        """The selected objects whose status will change, and a plain queryset over them.

        The changelist queryset may carry joins or annotations; the update goes
        through a fresh queryset on the primary keys.
        """
        targets = list(queryset.exclude(status__in=exclude_statuses))
        return targets, self.model._default_manager.filter(pk__in=[obj.pk for obj in targets])

    def _record_bulk(self, request, targets, to_status, message):
        """Editorial log and one history version per row changed by an ``update()``.

        ``update()`` sends no signal: the search's content generation is bumped here so
        that cached listings and facet counts show the change at the next request, and
        a partner's resources and case studies are re-indexed (only public partners
        are searchable through them).
        """
        generation.bump()
        status_changed_in_bulk(self.model, [obj.pk for obj in targets])
        record_transitions(
            [(obj, obj.status) for obj in targets], to_status, user=request.user, comment=message
        )
        fresh = self.model._default_manager.in_bulk([obj.pk for obj in targets])
        for obj in fresh.values():
            record_version(obj, "~", user=request.user, reason=message)

    def _bulk_baseline(self, targets):
        for obj in targets:
            ensure_baseline(type(obj), obj.pk, self._part_managers(obj))

    @admin.action(description=_("Soumettre pour relecture"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        targets = [
            obj
            for obj in queryset.filter(status=PublicationStatus.DRAFT)
            if self.has_change_permission(request, obj)
        ]
        message = gettext("Soumis pour relecture (action groupée).")
        with transaction.atomic():
            self._bulk_baseline(targets)
            count = self.model._default_manager.filter(pk__in=[obj.pk for obj in targets]).update(
                status=PublicationStatus.IN_REVIEW
            )
            self._record_bulk(request, targets, PublicationStatus.IN_REVIEW, message)
        if not count:
            self.message_user(
                request,
                gettext("Rien à soumettre : seuls les brouillons peuvent l'être."),
                messages.INFO,
            )
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d élément soumis pour relecture.",
                "%(count)d éléments soumis pour relecture.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publier"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        targets, changing = self._rows_changing(queryset, [PublicationStatus.PUBLISHED])
        now = timezone.now()
        scheduled = sum(1 for obj in targets if obj.published_at and obj.published_at > now)
        message = gettext("Publié (action groupée).")
        with transaction.atomic():
            self._bulk_baseline(targets)
            count = changing.publish()
            if count:
                self._record_bulk(request, targets, PublicationStatus.PUBLISHED, message)
        if not count:
            self.message_user(
                request, gettext("Rien à publier : la sélection est déjà publiée."), messages.INFO
            )
            return
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

    @admin.action(description=_("Dépublier (repasser en brouillon)"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        targets, changing = self._rows_changing(queryset, [PublicationStatus.DRAFT])
        message = gettext("Repassé en brouillon (action groupée).")
        with transaction.atomic():
            self._bulk_baseline(targets)
            count = changing.unpublish()
            if count:
                self._record_bulk(request, targets, PublicationStatus.DRAFT, message)
        if not count:
            self.message_user(
                request,
                gettext("Rien à dépublier : la sélection est déjà en brouillon."),
                messages.INFO,
            )
            return
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

    @admin.action(description=_("Archiver"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        targets, changing = self._rows_changing(queryset, [PublicationStatus.ARCHIVED])
        message = gettext("Archivé (action groupée).")
        with transaction.atomic():
            self._bulk_baseline(targets)
            count = changing.update(status=PublicationStatus.ARCHIVED)
            if count:
                self._record_bulk(request, targets, PublicationStatus.ARCHIVED, message)
        if not count:
            self.message_user(
                request, gettext("Rien à archiver : la sélection l'est déjà."), messages.INFO
            )
            return
        self.message_user(
            request,
            ngettext("%(count)d élément archivé.", "%(count)d éléments archivés.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    # -- preview ----------------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        preview = [
            path(
                "<path:object_id>/apercu/",
                self.admin_site.admin_view(self.preview),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            )
        ]
        return preview + super().get_urls()

    def preview_url(self, obj) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk]
        )

    def preview(self, request, object_id):
        """The public page of any item, drafts included, for staff who may see it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or self.preview_view is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied

        class StaffPreview(self.preview_view):
            def get_queryset(self):
                return without_publication_filter(super().get_queryset())

        if not obj.is_public:
            messages.info(
                request,
                gettext(
                    "Aperçu réservé à l'équipe : ce contenu (%(status)s) n'est pas visible "
                    "du public."
                )
                % {"status": obj.get_status_display().lower()},
            )
        response = StaffPreview.as_view()(request, slug=obj.slug)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.preview_view is not None:
            extra_context["preview_url"] = self.preview_url(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    # -- history: restore a version, relations and inline rows included ----------------------

    def _part_managers(self, obj):
        return [
            (self.model._meta.get_field(accessor).related_model, fk)
            for accessor, fk in self.restored_parts
        ]

    def revert_disabled(self, request, obj=None):
        if obj is not None and obj.pk is not None:
            current = self.model._default_manager.filter(pk=obj.pk).first()
            if current is not None and not self.has_change_permission(request, current):
                return True
        return super().revert_disabled(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        record = getattr(request, "_restoring_version", None)
        if record is None:
            return form_class
        m2m_values = {}
        for field in record._history_m2m_fields:
            target = field.m2m_reverse_field_name()
            m2m_values[field.name] = [
                getattr(row, f"{target}_id") for row in getattr(record, field.name).all()
            ]
        tags_field = self._tags_field()
        if tags_field is not None and record.tag_names is not None:
            # The tags of that version, as taggit's form field takes them (tag objects).
            m2m_values[tags_field.name] = [Tag(name=name) for name in record.tag_names]

        class RestoringForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, values in m2m_values.items():
                    if name in self.fields:
                        self.initial[name] = values

        return RestoringForm

    def _tags_field(self):
        tracker = ContentHistory.tracker_for.get(self.model)
        return tracker.tags_field if tracker is not None else None

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """What changed in each version, tags included (kept as names, not as a relation)."""
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        tags_field = self._tags_field()
        if tags_field is None:
            return
        records = list(historical_records)  # newest first, as the page lists them
        for newer, older in zip(records, records[1:], strict=False):
            if None in (newer.tag_names, older.tag_names) or newer.tag_names == older.tag_names:
                continue
            helper = self.get_historical_record_context_helper(request, newer)
            change = helper.format_delta_change(
                ModelChange(tags_field.name, older.tag_names, newer.tag_names)
            )
            newer.history_delta_changes = [
                *getattr(newer, "history_delta_changes", []),
                {"field": change.field, "old": change.old, "new": change.new},
            ]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        history = self.model.history.model
        record = get_object_or_404(history, history_id=version_id, id=unquote(object_id))
        if current is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        request._restoring_version = record
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if request.method == "POST" and response.status_code == 302:
                restored = self.model._default_manager.get(pk=current.pk)
                self._restore_parts(restored, record)
                reason = gettext("Version du %(date)s restaurée.") % {
                    "date": timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M")
                }
                record_version(restored, "~", user=request.user, reason=reason)
        return response

    def _restore_parts(self, obj, record) -> None:
        """Put back the inline rows (participations, key figures, items) as they were."""
        for part_model, fk in self._part_managers(obj):
            then = [
                part
                for part in part_model.history.as_of(record.history_date)
                if getattr(part, f"{fk}_id") == obj.pk
            ]
            part_model._default_manager.filter(**{fk: obj}).exclude(
                pk__in=[part.pk for part in then]
            ).delete()
            for part in then:
                part.save()


def with_publication_fieldset(fieldsets, extra=()):
    """Append the « Publication » fieldset shared by every editorial model."""
    return (
        *fieldsets,
        (
            _("Publication"),
            {
                "fields": (
                    ("status", "published_at"),
                    "transition_comment",
                    *extra,
                    ("created_at", "updated_at"),
                    "workflow_log",
                )
            },
        ),
    )


__all__ = [
    "LOCKED_STATUSES",
    "CheckboxVocabularyMixin",
    "LockedPartsInlineMixin",
    "PublishableAdmin",
    "StableSlugMixin",
    "with_publication_fieldset",
]
