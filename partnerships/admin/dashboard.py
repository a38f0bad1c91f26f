"""The curators' dashboard on the admin index (template library ``curation_dashboard``).

What needs someone's attention, for the content the user may see: items waiting for
review, proposals from the public waiting for a decision, scheduled publications,
recent changes (from the content history, with who and why), and data-quality lists —
published content without a theme, a territory or a summary — each linked to the
changelist filtered on it.
"""

from dataclasses import dataclass, field

from django import template
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from ..models import CaseStudy, Collection, Contribution, Partner, PublicationStatus, Resource

register = template.Library()

CONTENT_MODELS = (Resource, CaseStudy, Partner, Collection)
LIST_LENGTH = 8
RECENT_LENGTH = 12
QUALITY_EXAMPLES = 5


@dataclass
class Row:
    label: str
    url: str
    kind: str
    when: object = None
    who: str = ""
    note: str = ""


@dataclass
class Section:
    title: str
    count: int = 0
    rows: list = field(default_factory=list)
    more_url: str = ""


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model, **params) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def visible_models(request):
    for model in CONTENT_MODELS:
        model_admin = admin.site._registry.get(model)
        if model_admin is not None and model_admin.has_view_or_change_permission(request):
            yield model, model_admin


def waiting_for_review(models) -> list[Section]:
    sections = []
    for model, _model_admin in models:
        queryset = model._default_manager.filter(status=PublicationStatus.IN_REVIEW)
        count = queryset.count()
        if not count:
            continue
        rows = [
            Row(str(obj), change_url(obj), model._meta.verbose_name, obj.updated_at)
            for obj in queryset.order_by("-updated_at")[:LIST_LENGTH]
        ]
        sections.append(
            Section(
                str(model._meta.verbose_name_plural).capitalize(),
                count,
                rows,
                changelist_url(model, status__exact=PublicationStatus.IN_REVIEW),
            )
        )
    return sections


def scheduled(models) -> Section:
    now = timezone.now()
    rows, count = [], 0
    for model, _model_admin in models:
        queryset = model._default_manager.filter(
            status=PublicationStatus.PUBLISHED, published_at__gt=now
        )
        count += queryset.count()
        rows += [
            Row(str(obj), change_url(obj), model._meta.verbose_name, obj.published_at)
            for obj in queryset.order_by("published_at")[:LIST_LENGTH]
        ]
    rows.sort(key=lambda row: row.when)
    return Section("", count, rows[:LIST_LENGTH])


def recent_changes(models) -> list[Row]:
    kinds = {"+": "création", "~": "modification", "-": "suppression"}
    rows = []
    for model, _model_admin in models:
        for record in model.history.select_related("history_user").order_by("-history_date")[
            :RECENT_LENGTH
        ]:
            exists = record.history_type != "-"
            opts = model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.id])
            rows.append(
                Row(
                    str(record.history_object),
                    url if exists else "",
                    model._meta.verbose_name,
                    record.history_date,
                    record.history_user.get_username() if record.history_user else "",
                    record.history_change_reason or kinds.get(record.history_type, ""),
                )
            )
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:RECENT_LENGTH]


def data_quality(models) -> list[Section]:
    sections = []
    for model, model_admin in models:
        checks = getattr(model_admin, "quality_checks", lambda: {})()
        for key, (label, condition) in checks.items():
            queryset = model._default_manager.filter(status=PublicationStatus.PUBLISHED).filter(
                condition
            )
            count = queryset.count()
            rows = [
                Row(str(obj), change_url(obj), model._meta.verbose_name)
                for obj in queryset.order_by("-published_at", "pk")[:QUALITY_EXAMPLES]
            ]
            sections.append(
                Section(
                    f"{str(model._meta.verbose_name_plural).capitalize()} — {str(label).lower()}",
                    count,
                    rows,
                    changelist_url(model, qualite=key),
                )
            )
    return sections


def pending_contributions(request) -> Section | None:
    if not request.user.has_perm("partnerships.view_contribution"):
        return None
    queryset = Contribution.objects.pending()
    rows = [
        Row(str(contribution), change_url(contribution), "", contribution.submitted_at)
        for contribution in queryset.order_by("-submitted_at")[:LIST_LENGTH]
    ]
    return Section("", queryset.count(), rows, changelist_url(Contribution))


@register.simple_tag(takes_context=True)
def curation_dashboard(context):
    request = context.get("request")
    if request is None or not request.user.is_staff:
        return None
    models = list(visible_models(request))
    if not models and not request.user.has_perm("partnerships.view_contribution"):
        return None
    return {
        "review": waiting_for_review(models),
        "contributions": pending_contributions(request),
        "scheduled": scheduled(models),
        "recent": recent_changes(models),
        "quality": data_quality(models),
    }
