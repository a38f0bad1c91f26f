"""Public pages of resources: the paginated, filterable list and the detail page."""

from django.db.models import Prefetch
from django.views.generic import DetailView

from ..models import CaseStudy, Collection, Resource, Theme
from .mixins import (
    PublicListView,
    case_study_cards,
    filter_by_terms,
    public_authors_prefetch,
    resource_cards,
    selected_terms,
)


class ResourceListView(PublicListView):
    template_name = "partnerships/resource_list.html"
    context_object_name = "resources"
    search_fields = ("title", "summary")

    def base_queryset(self):
        return resource_cards(Resource.objects.published()).order_by("-published_at", "title", "pk")

    def apply_filters(self, queryset):
        self.selected_themes = selected_terms(self.request, "theme", Theme)
        return filter_by_terms(queryset, "themes", self.selected_themes)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["themes"] = Theme.objects.all()
        context["selected_themes"] = self.selected_themes
        context["selected_theme_slugs"] = {theme.slug for theme in self.selected_themes}
        return context


class ResourceDetailView(DetailView):
    template_name = "partnerships/resource_detail.html"
    context_object_name = "resource"

    def get_queryset(self):
        return (
            Resource.objects.published()
            .select_related("format")
            .prefetch_related(
                "themes",
                "audiences",
                "partnership_types",
                "coverage",
                "tags",
                public_authors_prefetch(),
                Prefetch(
                    "case_studies",
                    queryset=case_study_cards(CaseStudy.objects.published()),
                    to_attr="public_case_studies",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Published collections that include this resource.
        context["collections"] = Collection.objects.published().filter(
            pk__in=self.object.collection_items.values("collection_id")
        )
        return context
