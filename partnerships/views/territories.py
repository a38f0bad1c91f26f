"""Territory pages and the territory autocomplete.

A territory page shows where the territory sits (its ancestors as a breadcrumb),
what it contains (its direct children, paginated) and the published content that
applies to it (tied to it or to a broader territory) or lies within it (tied to it
or to a narrower one). The autocomplete answers JSON for every territory field of
the site and of the admin.
"""

import re

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ..models import CaseStudy, Partner, Resource, Territory, TerritoryLevel
from ..models.territory import AUTOCOMPLETE_LIMIT, MAX_QUERY_LENGTH, territory_label
from ..search import facet_keys, key_index
from . import structured_data
from .mixins import case_study_cards, page_number, partner_cards, resource_cards

LEVEL_LABELS = dict(TerritoryLevel.choices)
LEVEL_PLURALS = {
    TerritoryLevel.COUNTRY: gettext_lazy("Pays"),
    TerritoryLevel.REGION: gettext_lazy("Régions"),
    TerritoryLevel.DEPARTMENT: gettext_lazy("Départements"),
    TerritoryLevel.EPCI: gettext_lazy("Intercommunalités (EPCI)"),
    TerritoryLevel.COMMUNE: gettext_lazy("Communes"),
}

CODE_PATTERN = re.compile(r"^[0-9A-Za-z]{1,12}$")
CHILDREN_TITLES = {
    TerritoryLevel.COUNTRY: gettext_lazy("Régions"),
    TerritoryLevel.REGION: gettext_lazy("Départements"),
    TerritoryLevel.DEPARTMENT: gettext_lazy("Intercommunalités et communes"),
    TerritoryLevel.EPCI: gettext_lazy("Communes membres"),
}


class TerritoryAutocompleteView(View):
    """``?q=`` → ``{"results": [{id, level, level_label, code, name, label, parents, url}]}``.

    At most 20 active territories, best match first (see ``TerritorySearch``). An
    optional, repeatable ``level`` narrows the levels. A query longer than 100
    characters answers 400 with an empty result list.
    """

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        query = request.GET.get("q", "")
        if len(query) > MAX_QUERY_LENGTH:
            return JsonResponse(
                {
                    "error": _("La recherche ne peut dépasser %(max)d caractères.")
                    % {"max": MAX_QUERY_LENGTH},
                    "results": [],
                },
                status=400,
            )
        territories = Territory.objects.autocomplete(query)
        levels = [level for level in request.GET.getlist("level") if level in LEVEL_LABELS]
        if levels:
            territories = territories.filter(level__in=levels)
        rows = territories.values(
            "id", "level", "code", "name", "context_label", "parent_names", "population"
        )[:AUTOCOMPLETE_LIMIT]
        detail_url = reverse(
            "partnerships:territory_detail", kwargs={"level": "LEVEL", "code": "CODE"}
        )
        results = [
            {
                "id": row["id"],
                "level": row["level"],
                "level_label": str(LEVEL_LABELS[row["level"]]),
                "code": row["code"],
                "name": row["name"],
                "label": territory_label(
                    row["level"], row["code"], row["name"], row["context_label"]
                ),
                "parents": row["parent_names"],
                "population": row["population"],
                "url": detail_url.replace("LEVEL", row["level"]).replace("CODE", row["code"]),
            }
            for row in rows
        ]
        response = JsonResponse({"query": query, "results": results})
        response["Cache-Control"] = "public, max-age=600"
        return response


class TerritoryDetailView(TemplateView):
    template_name = "partnerships/territory_detail.html"
    children_per_page = 60
    preview_size = 6

    def get(self, request, *args, **kwargs):
        level, code = kwargs["level"], kwargs["code"]
        if level not in LEVEL_LABELS:
            raise Http404(_("Niveau de territoire inconnu."))
        if not CODE_PATTERN.match(code):
            raise Http404(_("Code de territoire invalide."))
        self.territory = get_object_or_404(Territory, level=level, code=code.upper())
        if code != self.territory.code:
            return redirect(self.territory, permanent=True)
        return super().get(request, *args, **kwargs)

    def breadcrumb(self) -> list[tuple[str, list[Territory]]]:
        """Strict ancestors, broadest first, grouped by level (an EPCI may touch two régions)."""
        groups: list[tuple[str, list[Territory]]] = []
        for ancestor in self.territory.ancestors_by_level():
            if groups and groups[-1][0] == ancestor.level:
                groups[-1][1].append(ancestor)
            else:
                groups.append((ancestor.level, [ancestor]))
        return groups

    def children(self):
        children = (
            self.territory.children()
            .active()
            .by_level()
            .order_by("level_order", "search_name", "code")
        )
        counts = {
            row["level"]: row["count"]
            for row in children.order_by().values("level").annotate(count=Count("id"))
        }
        paginator = Paginator(children, self.children_per_page)
        page = paginator.get_page(page_number(self.request.GET.get("page")))
        groups: list[tuple[str, list[Territory]]] = []
        for child in page.object_list:
            label = LEVEL_PLURALS[child.level]
            if groups and groups[-1][0] == label:
                groups[-1][1].append(child)
            else:
                groups.append((label, [child]))
        return {
            "title": CHILDREN_TITLES.get(self.territory.level, gettext_lazy("Territoires")),
            "groups": groups,
            "page_obj": page,
            "page_range": list(
                paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
            "counts": [
                (LEVEL_PLURALS[level], counts[level]) for level in LEVEL_LABELS if level in counts
            ],
            "total": paginator.count,
        }

    def content(self):
        """Published resources, case studies and partners that apply to / lie within it."""
        territory = self.territory
        listing_filter = urlencode({"territory": f"{territory.level}-{territory.code}"})
        sections = []
        for kind, title, queryset, cards, listing in (
            (
                "resource",
                _("Ressources"),
                Resource.objects.published(),
                resource_cards,
                "partnerships:resource_list",
            ),
            (
                "case_study",
                _("Retours d'expérience"),
                CaseStudy.objects.published(),
                case_study_cards,
                "partnerships:case_study_list",
            ),
            (
                "partner",
                _("Partenaires"),
                Partner.objects.published(),
                partner_cards,
                "partnerships:partner_list",
            ),
        ):
            applying_count, applying = self.tied(queryset, cards, within=False)
            within_count, within = self.tied(queryset, cards, within=True)
            sections.append(
                {
                    "kind": kind,
                    "title": title,
                    "listing_url": f"{reverse(listing)}?{listing_filter}",
                    "applying_count": applying_count,
                    "applying": applying,
                    "within_count": within_count,
                    "within": within,
                }
            )
        return sections

    def tied(self, queryset, cards, within: bool) -> tuple[int, list]:
        """(count, first items) of the public content lying within the territory
        (``within``) or applying to it (``for_territory``).

        On PostgreSQL from the listings' in-memory index (see ``key_index``): at
        100,000 resources the six SQL counts took most of the page's time.
        """
        territory = self.territory
        if not facet_keys.uses_keys():
            matching = queryset.within(territory) if within else queryset.for_territory(territory)
            return matching.count(), list(cards(matching)[: self.preview_size])
        links = territory.contained_ids() if within else territory.applicable_ids()
        ids = [value for row in links for value in row.values()]
        count, first = key_index.tied_to(queryset.model, ids, self.preview_size, timezone.now())
        found = cards(queryset.filter(pk__in=first)).in_bulk() if first else {}
        return count, [found[pk] for pk in first if pk in found]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            territory=self.territory,
            level_label=LEVEL_LABELS[self.territory.level],
            breadcrumb=[
                (LEVEL_LABELS[level], territories) for level, territories in self.breadcrumb()
            ],
            children=self.children(),
            sections=self.content(),
        )
        crumbs = [(_("Accueil"), reverse("home"))]
        crumbs += [
            (ancestors[0].name, ancestors[0].get_absolute_url())
            for _level, ancestors in context["breadcrumb"]
        ]
        crumbs.append((self.territory.name, self.territory.get_absolute_url()))
        context["structured_data"] = structured_data.territory_data(
            self.request, self.territory, crumbs
        )
        return context
