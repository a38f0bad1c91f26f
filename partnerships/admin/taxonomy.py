"""The controlled vocabularies used as facets: themes, actor types, partnership types…

They are seeded by a data migration; curators rename, describe and reorder them
here (the position is editable right in the list). Slugs are read-only once a
term exists, because public URLs, filters and imports refer to them.
"""

from django.contrib import admin

from ..models import ActorType, CoConstructionForm, PartnershipType, ResourceFormat, Theme
from .publication import StableSlugMixin


class TaxonomyAdmin(StableSlugMixin, admin.ModelAdmin):
    slug_source = "name"
    list_display = ("name", "slug", "position")
    list_display_links = ("name",)
    list_editable = ("position",)
    search_fields = ("name", "slug", "description")
    ordering = ("position", "name")
    fields = ("name", "slug", "position", "description")


for model in (Theme, ActorType, PartnershipType, CoConstructionForm, ResourceFormat):
    admin.site.register(model, TaxonomyAdmin)
