"""Public pages of resources: the paginated, filterable list and the detail page."""

from django.db.models import Prefetch
from django.views.generic import DetailView

from ..filters import ResourceFilterSet
from ..models import CaseStudy, Collection, Resource
from .listing import FacetedListView
from .mixins import case_study_cards, public_authors_prefetch, resource_cards


class ResourceListView(FacetedListView):
    template_name = "partnerships/resource_list.html"
    context_object_name = "resources"
    filterset_class = ResourceFilterSet

    def base_queryset(self):
        return resource_cards(Resource.objects.published())


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
