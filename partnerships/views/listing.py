"""Faceted listings: one FilterSet per listing, disjunctive facet counts, chips, notices.

The URL is the state: every link this builds (chips, facet values, sorts,
suggestions) writes its parameters in one canonical order, so equal states
share one URL.
"""

from urllib.parse import urlencode

from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from ..search import lexicon
from ..search.highlight import highlight
from .mixins import PublicListView


def canonical_query(params: dict[str, list[str]], order: list[str]) -> str:
    """Encode ``params`` in ``order`` (then any other key alphabetically), values sorted."""
    keys = [key for key in order if params.get(key)]
    keys += sorted(key for key in params if key not in order and params[key])
    pairs = [(key, value) for key in keys for value in sorted(set(params[key]))]
    return urlencode(pairs)


# A facet shows this many values, the others behind « Afficher n autres valeurs ».
FACET_VISIBLE_VALUES = 8
# Facets whose values are content (taxonomy names, tags: French on every page), as opposed
# to translated choices (stage, language), place names and years.
CONTENT_FACETS = {"theme", "format", "audience", "partnership", "form_type", "actor"}
CONTENT_FACETS |= {"actor_type", "tag"}


class FacetedListView(PublicListView):
    """A listing driven by ``filterset_class`` over ``base_queryset()``.

    htmx requests aimed at the listing (``HX-Target: listing``) get only the
    listing block and its title (``listing_partial_template``), with the
    canonical URL to push in ``HX-Push-Url``; every other request, history
    restores included, gets the whole page.
    """

    filterset_class = None
    snippet_field = "summary"
    listing_partial_template = "partnerships/listing_partial.html"
    kind = ""
    page_title = ""
    intro = ""
    meta_description = ""
    empty_message = ""

    def is_partial(self) -> bool:
        htmx = getattr(self.request, "htmx", None)
        return bool(htmx) and htmx.target == "listing" and not htmx.history_restore_request

    def get_template_names(self):
        if self.is_partial():
            return [self.listing_partial_template]
        return super().get_template_names()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        if self.is_partial():
            page = context["page_obj"].number
            url = context["canonical_url"]
            if page > 1:
                url += f"{'&' if '?' in url else '?'}page={page}"
            response["HX-Push-Url"] = url
        return response

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET, queryset=self.base_queryset(), request=self.request
        )
        return self.filterset.qs

    # --- URL state -------------------------------------------------------------
    def param_order(self) -> list[str]:
        return ["q", "territory", *self.filterset.facet_filters, "sort"]

    def state(self) -> dict[str, list[str]]:
        """The current, validated state (unknown values and bad sorts left out)."""
        data = self.filterset.form.cleaned_data
        params: dict[str, list[str]] = {}
        if self.filterset.query:
            params["q"] = [self.filterset.query.raw]
        territory = data.get("territory")
        if territory is not None:
            params["territory"] = [f"{territory.level}-{territory.code}"]
        for name in self.filterset.facet_filters:
            if data.get(name):
                params[name] = list(data[name])
        if self.request.GET.get("sort") == self.filterset.sort != self.default_sort():
            params["sort"] = [self.filterset.sort]
        return params

    def default_sort(self) -> str:
        """The order a listing gets without ``sort``: never written in its URL."""
        return "relevance" if self.filterset.query else self.filterset.default_sort

    def url_for(self, params: dict[str, list[str]]) -> str:
        query = canonical_query(params, self.param_order())
        return f"{self.request.path}?{query}" if query else self.request.path

    def toggled(self, state, name, value) -> str:
        params = {key: list(values) for key, values in state.items()}
        values = params.setdefault(name, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        if name == "region" and value not in values:
            params.pop("department", None)  # a département only makes sense inside its région
        return self.url_for(params)

    # --- context ---------------------------------------------------------------
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        state = self.state()
        facets = filterset.facets()
        for facet in facets:
            for value in facet.values:
                value.url = self.toggled(state, facet.name, value.value)
            # Long facets fold their tail; it opens when a value in it is selected.
            facet.head = facet.values[:FACET_VISIBLE_VALUES]
            facet.tail = facet.values[FACET_VISIBLE_VALUES:]
            facet.tail_open = any(value.selected for value in facet.tail)
            facet.is_content = facet.name in CONTENT_FACETS
        chips = [
            {
                "label": value.label,
                "facet": facet.label,
                "url": value.url,
                "content": facet.is_content,
            }
            for facet in facets
            for value in facet.selected
        ]
        territory = filterset.active_territory
        if territory is not None:
            without = {key: values for key, values in state.items() if key != "territory"}
            chips.insert(
                0, {"label": str(territory), "facet": _("Territoire"), "url": self.url_for(without)}
            )
        if filterset.query:
            without = {key: values for key, values in state.items() if key != "q"}
            chips.insert(
                0,
                {
                    "label": filterset.query.raw,
                    "facet": _("Recherche"),
                    "url": self.url_for(without),
                },
            )
        words = filterset.query.words
        for item in context["object_list"]:
            item.snippet = highlight(getattr(item, self.snippet_field, ""), words)
        suggestion = None
        if filterset.query and context["result_count"] == 0:
            corrected = lexicon.suggest(words)
            if corrected:
                suggestion = {
                    "text": corrected,
                    "url": self.url_for({**state, "q": [corrected]}),
                }
        sort_state = {key: values for key, values in state.items() if key != "sort"}
        context.update(
            filterset=filterset,
            facets=facets,
            chips=chips,
            notices=filterset.notices,
            query=filterset.query.raw,
            active_territory=territory,
            suggestion=suggestion,
            clear_url=self.request.path,
            sort=filterset.sort,
            sort_options=[
                {
                    "value": value,
                    "label": label,
                    "url": self.url_for({**sort_state, "sort": [value]}),
                    "selected": value == filterset.sort,
                }
                for value, label in filterset.sort_choices()
            ],
            canonical_url=self.url_for(state),
            active_filter_count=sum(len(values) for key, values in state.items() if key != "sort"),
            kind=self.kind,
            form_id=f"{self.kind.replace('_', '-')}-filters",
            form_action=self.request.path,
            page_title=self.page_title,
            intro=self.intro,
            meta_description=self.meta_description,
            empty_message=self.empty_message,
        )
        return context
