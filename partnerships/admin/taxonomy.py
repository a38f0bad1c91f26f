"""The controlled vocabularies used as facets: themes, actor types, partnership types…

They are seeded by a data migration; curators rename, describe and reorder them
here (the position is editable right in the list). Slugs are read-only once a
term exists, because public URLs, filters and imports refer to them. The list
filters terms by what uses them, so that a curator sees which terms no content
uses (before merging or removing one) and which carry the resources, the case
studies or the partners.
"""

from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import ActorType, CoConstructionForm, PartnershipType, ResourceFormat, Theme
from .publication import StableSlugMixin

RESOURCES = ("resources", _("Des ressources"))
CASE_STUDIES = ("case_studies", _("Des retours d'expérience"))
PARTNERS = ("partners", _("Des partenaires"))

# The content that uses each vocabulary: (reverse relation, choice label). Public
# proposals awaiting moderation are not content and do not count.
USED_BY = {
    Theme: (RESOURCES, CASE_STUDIES, PARTNERS),
    ActorType: (
        PARTNERS,
        ("resources_for", _("Des ressources (public visé)")),
        ("collections", _("Des collections (public visé)")),
    ),
    PartnershipType: (RESOURCES, CASE_STUDIES),
    CoConstructionForm: (CASE_STUDIES,),
    ResourceFormat: (RESOURCES,),
}
USED, UNUSED = "oui", "non"


class UsageFilter(SimpleListFilter):
    """Terms used by some content (of any status, drafts included), by which kind, or by none."""

    title = _("contenus liés")
    parameter_name = "utilise"

    def lookups(self, request, model_admin):
        relations = USED_BY[model_admin.model]
        choices = [(USED, _("Au moins un contenu")), (UNUSED, _("Aucun contenu"))]
        if len(relations) > 1:
            choices += [(relation, label) for relation, label in relations]
        return choices

    def queryset(self, request, queryset):
        relations = [relation for relation, _label in USED_BY[queryset.model]]
        value = self.value()
        if value in relations:
            return queryset.filter(used_by(queryset.model, [value]))
        if value == USED:
            return queryset.filter(used_by(queryset.model, relations))
        if value == UNUSED:
            return queryset.exclude(used_by(queryset.model, relations))
        return queryset


def used_by(model, relations) -> Q:
    """Terms that content of one of ``relations`` points at (one sub-query each)."""
    condition = Q()
    for relation in relations:
        users = model.objects.filter(**{f"{relation}__isnull": False}).values("pk")
        condition |= Q(pk__in=users)
    return condition


class TaxonomyAdmin(StableSlugMixin, admin.ModelAdmin):
    slug_source = "name"
    list_display = ("name", "slug", "position")
    list_display_links = ("name",)
    list_editable = ("position",)
    list_filter = (UsageFilter,)
    search_fields = ("name", "slug", "description")
    ordering = ("position", "name")
    fields = ("name", "slug", "position", "description")


for model in USED_BY:
    admin.site.register(model, TaxonomyAdmin)
