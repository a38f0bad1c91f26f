"""The search page: counts and first results of each kind, each leading into its listing."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..models import CaseStudy, Partner, Resource
from ..search.simple import normalize_query, simple_search
from .mixins import case_study_cards, partner_cards, resource_cards

RESULTS_PER_KIND = 5

# (key, heading, listing URL name, published queryset with card data, searched fields)
SEARCHED_KINDS = (
    (
        "resources",
        _("Ressources"),
        "partnerships:resource_list",
        lambda: resource_cards(Resource.objects.published()).order_by("-published_at", "pk"),
        ("title", "summary"),
    ),
    (
        "case_studies",
        _("Retours d'expérience"),
        "partnerships:case_study_list",
        lambda: case_study_cards(CaseStudy.objects.published()).order_by("-published_at", "pk"),
        ("title", "summary"),
    ),
    (
        "partners",
        _("Partenaires"),
        "partnerships:partner_list",
        lambda: partner_cards(Partner.objects.published()).order_by("name", "pk"),
        ("name", "description"),
    ),
)


class SearchView(TemplateView):
    template_name = "partnerships/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = normalize_query(self.request.GET.get("q"))
        sections = []
        if query:
            for key, heading, url_name, queryset, fields in SEARCHED_KINDS:
                matches = simple_search(queryset(), query, fields)
                sections.append(
                    {
                        "kind": key,
                        "heading": heading,
                        "count": matches.count(),
                        "results": list(matches[:RESULTS_PER_KIND]),
                        "listing_url": f"{reverse(url_name)}?{urlencode({'q': query})}",
                    }
                )
        context["query"] = query
        context["sections"] = sections
        context["total_count"] = sum(section["count"] for section in sections)
        return context
