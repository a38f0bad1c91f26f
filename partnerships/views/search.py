"""The search page: counts and first results of each kind, each leading into its listing."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..models import CaseStudy, Partner, Resource
from ..search import lexicon
from ..search.backends import backend
from ..search.highlight import highlight
from ..search.query import parse_query
from .mixins import case_study_cards, partner_cards, resource_cards

RESULTS_PER_KIND = 5

# (key, heading, listing URL name, published queryset with card data, snippet field)
SEARCHED_KINDS = (
    (
        "resources",
        _("Ressources"),
        "partnerships:resource_list",
        lambda: resource_cards(Resource.objects.published()).order_by("-published_at", "pk"),
        "summary",
    ),
    (
        "case_studies",
        _("Retours d'expérience"),
        "partnerships:case_study_list",
        lambda: case_study_cards(CaseStudy.objects.published()).order_by("-published_at", "pk"),
        "summary",
    ),
    (
        "partners",
        _("Partenaires"),
        "partnerships:partner_list",
        lambda: partner_cards(Partner.objects.published()).order_by("name", "pk"),
        "description",
    ),
)


class SearchView(TemplateView):
    template_name = "partnerships/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = parse_query(self.request.GET.get("q"))
        sections = []
        if query:
            for key, heading, url_name, queryset, snippet_field in SEARCHED_KINDS:
                matches = backend().apply(queryset(), query).order_by("-relevance", "pk")
                results = list(matches[:RESULTS_PER_KIND])
                for item in results:
                    item.snippet = highlight(getattr(item, snippet_field), query.words)
                sections.append(
                    {
                        "kind": key,
                        "heading": heading,
                        "count": matches.count()
                        if len(results) == RESULTS_PER_KIND
                        else len(results),
                        "results": results,
                        "listing_url": f"{reverse(url_name)}?{urlencode({'q': query.raw})}",
                    }
                )
        total = sum(section["count"] for section in sections)
        suggestion = None
        if query and total == 0:
            corrected = lexicon.suggest(query.words)
            if corrected:
                suggestion = {
                    "text": corrected,
                    "url": f"{reverse('partnerships:search')}?{urlencode({'q': corrected})}",
                }
        context.update(
            query=query.raw,
            sections=sections,
            total_count=total,
            suggestion=suggestion,
            notices=[_("La recherche était trop longue : elle a été raccourcie.")]
            if query.truncated
            else [],
        )
        return context
