"""The home page: a search box, the latest content, featured collections and the themes."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from ..models import CaseStudy, Collection, Resource, Theme
from .mixins import case_study_cards, resource_cards

LATEST_COUNT = 6
FEATURED_COLLECTIONS_COUNT = 6


class HomeView(TemplateView):
    template_name = "partnerships/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_resources"] = resource_cards(Resource.objects.published()).order_by(
            "-published_at", "pk"
        )[:LATEST_COUNT]
        context["latest_case_studies"] = case_study_cards(CaseStudy.objects.published()).order_by(
            "-published_at", "pk"
        )[:LATEST_COUNT]
        context["featured_collections"] = Collection.objects.published().filter(featured=True)[
            :FEATURED_COLLECTIONS_COUNT
        ]
        # Themes with how many published resources each leads to (the link's target).
        context["themes"] = Theme.objects.annotate(
            resource_count=Count(
                "resources", filter=Q(resources__in=Resource.objects.published().values("pk"))
            )
        )
        return context
