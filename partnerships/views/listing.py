"""Faceted listings: one FilterSet per listing, disjunctive facet counts, chips, notices.

The URL is the state: every link this builds (chips, facet values, sorts,
suggestions) writes its parameters in one canonical order, so equal states
share one URL.
"""

from urllib.parse import urlencode

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


class FacetedListView(PublicListView):
    """A listing driven by ``filterset_class`` over ``base_queryset()``."""

    filterset_class = None
    snippet_field = "summary"

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
        if self.request.GET.get("sort") == self.filterset.sort:
            params["sort"] = [self.filterset.sort]
        return params

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
        chips = [
            {"label": value.label, "facet": facet.label, "url": value.url}
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
        )
        return context
