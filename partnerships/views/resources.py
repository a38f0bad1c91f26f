"""Public pages of resources: the paginated, filterable list and the detail page."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from ..filters import ResourceFilterSet
from ..models import CaseStudy, Collection, Resource
from . import structured_data
from .listing import FacetedListView
from .mixins import case_study_cards, public_authors_prefetch, resource_cards

SIMILAR_COUNT = 3


class ResourceListView(FacetedListView):
    template_name = "partnerships/resource_list.html"
    context_object_name = "resources"
    filterset_class = ResourceFilterSet
    kind = "resource"
    page_title = _("Ressources")
    intro = _(
        "Guides, études, outils, vidéos : ce qu'il faut pour co-construire sur un territoire, "
        "à filtrer par thématique, format, public ou territoire."
    )
    meta_description = _("Guides, études, outils et vidéos pour co-construire sur les territoires.")
    empty_message = _("Aucune ressource ne correspond à ces critères.")

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
        resource = self.object
        # Published collections that include this resource.
        context["collections"] = Collection.objects.published().filter(
            pk__in=resource.collection_items.values("collection_id")
        )
        # Other resources on the same themes, newest first.
        theme_ids = [theme.pk for theme in resource.themes.all()]
        context["similar_resources"] = (
            list(
                resource_cards(
                    Resource.objects.published()
                    .filter(themes__in=theme_ids)
                    .exclude(pk=resource.pk)
                    .distinct()
                    .order_by("-published_at", "pk")
                )[:SIMILAR_COUNT]
            )
            if theme_ids
            else []
        )
        context["structured_data"] = structured_data.resource_data(
            self.request,
            resource,
            resource.public_authors,
            [
                (_("Accueil"), reverse("home")),
                (_("Ressources"), reverse("partnerships:resource_list")),
                (resource.title, resource.get_absolute_url()),
            ],
        )
        return context
