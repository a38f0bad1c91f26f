"""The moderation queue of public proposals.

The list opens on the proposals waiting for a decision. A curator (permission
``moderate_contribution``) accepts one — it becomes a draft of the right kind, linked
from the proposal, and the curator lands on it to complete it — or rejects one or
several with a reason. Proposals are never edited: what the visitor sent stays as sent.
Personal data (name, e-mail) can be erased once it is no longer needed.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..models import Contribution, ContributionStatus


class ModerationStatusFilter(SimpleListFilter):
    """« À modérer » by default: the list is the queue."""

    title = _("état")
    parameter_name = "etat"
    ALL = "toutes"

    def lookups(self, request, model_admin):
        return [*ContributionStatus.choices, (self.ALL, _("Toutes"))]

    def choices(self, changelist):
        current = self.value() or ContributionStatus.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or ContributionStatus.PENDING
        if value == self.ALL:
            return queryset
        return queryset.filter(status=value)


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Gardé avec la proposition (par exemple « hors sujet », « doublon de … »)."),
    )


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "submitted_at", "status", "territory", "draft_link")
    list_display_links = ("title",)
    list_filter = (ModerationStatusFilter, "kind")
    list_select_related = ("territory", "resource", "case_study", "partner")
    search_fields = ("title", "summary", "organisation", "contributor_name", "contributor_email")
    search_help_text = _("Titre, présentation, structure ou contributeur.")
    date_hierarchy = "submitted_at"
    actions = ("accept_selected", "reject_selected", "erase_personal_data")
    change_form_template = "admin/partnerships/contribution/change_form.html"
    fieldsets = (
        (
            _("La proposition"),
            {
                "fields": (
                    "kind",
                    "title",
                    "summary",
                    "details",
                    "external_url",
                    "territory",
                    "theme_list",
                    "resource_format",
                    "actor_type",
                )
            },
        ),
        (
            _("Le contributeur"),
            {
                "fields": (
                    "organisation",
                    "contributor_name",
                    "contributor_email",
                    "consent_at",
                    "personal_data_erased_at",
                    "submitted_at",
                )
            },
        ),
        (
            _("Modération"),
            {
                "fields": (
                    "status",
                    "moderated_by",
                    "moderated_at",
                    "rejection_reason",
                    "draft_link",
                )
            },
        ),
    )

    # -- read-only: proposals are decided on, not edited ------------------------------------

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("partnerships.moderate_contribution")

    def get_readonly_fields(self, request, obj=None):
        return [name for _title, options in self.fieldsets for name in options["fields"]]

    @admin.display(description=_("thématiques"))
    def theme_list(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all()) or "—"

    @admin.display(description=_("brouillon créé"))
    def draft_link(self, obj):
        draft = obj.draft
        if draft is None:
            return "—"
        opts = draft._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[draft.pk])
        return format_html('<a href="{}">{}</a>', url, draft)

    # -- decisions --------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/accepter/",
                self.admin_site.admin_view(self.accept_view),
                name=f"{info[0]}_{info[1]}_accept",
            ),
            path(
                "refuser/",
                self.admin_site.admin_view(self.reject_view),
                name=f"{info[0]}_{info[1]}_reject",
            ),
            *super().get_urls(),
        ]

    def _check_moderator(self, request) -> None:
        if not self.has_moderate_permission(request):
            raise PermissionDenied

    def accept_view(self, request, object_id):
        """POST only: the proposal becomes a draft; the curator lands on that draft."""
        if request.method != "POST":
            return redirect(reverse("admin:partnerships_contribution_change", args=[object_id]))
        self._check_moderator(request)
        contribution = self.get_object(request, unquote(object_id))
        if contribution is None:
            raise Http404
        if contribution.status != ContributionStatus.PENDING:
            self.message_user(
                request, gettext("Cette proposition a déjà été modérée."), messages.WARNING
            )
            return redirect(reverse("admin:partnerships_contribution_change", args=[object_id]))
        draft = contribution.accept(request.user)
        self.message_user(
            request,
            gettext("Proposition acceptée : le brouillon « %(draft)s » est créé, à compléter.")
            % {"draft": draft},
            messages.SUCCESS,
        )
        opts = draft._meta
        return redirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[draft.pk])
        )

    def reject_view(self, request):
        """Ask for the reason, then reject the pending proposals named by ``ids``."""
        self._check_moderator(request)
        raw = request.POST.get("ids") or request.GET.get("ids") or ""
        ids = [part for part in raw.split(",") if part.strip().isdigit()]
        pending = list(Contribution.objects.pending().filter(pk__in=ids))
        changelist = reverse("admin:partnerships_contribution_changelist")
        if not pending:
            self.message_user(request, gettext("Aucune proposition à refuser."), messages.INFO)
            return HttpResponseRedirect(changelist)
        form = RejectionForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            with transaction.atomic():
                for contribution in pending:
                    contribution.reject(request.user, form.cleaned_data["reason"])
            self.message_user(
                request,
                ngettext(
                    "%(count)d proposition refusée.",
                    "%(count)d propositions refusées.",
                    len(pending),
                )
                % {"count": len(pending)},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(changelist)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Refuser des propositions"),
            "opts": self.opts,
            "form": form,
            "contributions": pending,
            "ids": ",".join(str(c.pk) for c in pending),
        }
        return TemplateResponse(request, "admin/partnerships/contribution/reject.html", context)

    @admin.action(description=_("Accepter (créer les brouillons)"), permissions=["moderate"])
    def accept_selected(self, request, queryset):
        drafts = [contribution.accept(request.user) for contribution in queryset.pending()]
        if not drafts:
            self.message_user(request, gettext("Aucune proposition à modérer."), messages.INFO)
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d proposition acceptée, son brouillon est créé.",
                "%(count)d propositions acceptées, leurs brouillons sont créés.",
                len(drafts),
            )
            % {"count": len(drafts)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Refuser (avec un motif)"), permissions=["moderate"])
    def reject_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.pending().values_list("pk", flat=True))
        return HttpResponseRedirect(
            reverse("admin:partnerships_contribution_reject") + f"?ids={ids}"
        )

    @admin.action(description=_("Effacer les données personnelles"), permissions=["moderate"])
    def erase_personal_data(self, request, queryset):
        count = 0
        for contribution in queryset.exclude(contributor_name="", contributor_email=""):
            contribution.erase_personal_data()
            count += 1
        self.message_user(
            request,
            ngettext(
                "Données personnelles effacées pour %(count)d proposition.",
                "Données personnelles effacées pour %(count)d propositions.",
                max(count, 1),
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        contribution = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "can_moderate": (
                contribution is not None
                and contribution.status == ContributionStatus.PENDING
                and self.has_moderate_permission(request)
            ),
        }
        return super().change_view(request, object_id, form_url, extra_context)
