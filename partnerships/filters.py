"""One FilterSet per listing: it parses and validates the query string.

Bad values never fail a page: unknown facet values are dropped and reported in
``notices``; a bad sort falls back to the default; a too long query is cut.
Facet filters combine with OR within a facet and AND across facets; their
counts are disjunctive (see ``partnerships.search.facets``).
"""

import hashlib
import types
from collections.abc import Sequence

import django_filters
import numpy as np
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import (
    ActorType,
    CaseStudyStage,
    CoConstructionForm,
    Participation,
    Partner,
    PartnershipType,
    ResourceFormat,
    ResourceLanguage,
    Territory,
    TerritoryLevel,
    TerritoryLink,
    Theme,
)
from .search import facet_keys, generation, key_index
from .search.backends import backend
from .search.facet_keys import Dimension
from .search.facets import (
    ChoicesFacet,
    FacetFilter,
    LocationFacet,
    TagFacet,
    TaxonomyFacet,
    YearFacet,
    ignored_values,
)
from .search.query import CONTROL_CHARACTERS, parse_query

# Bounds how late a scheduled publication or a bulk status change shows in the counts.
FACET_CACHE_TIMEOUT = 60

SORTS = {
    "relevance": _("Pertinence"),
    "newest": _("Plus récents"),
    "title": _("Titre (A → Z)"),
}


def parse_territory(value: str | None) -> Territory | None:
    """The territory a filter value names, or None.

    The canonical form is ``level-code`` (``commune-69123``), which every link writes;
    anything else is what someone typed without the autocomplete (no JavaScript):
    a name or an official code, resolved to the best autocomplete match.
    """
    value = (value or "").strip()
    level, _sep, code = value.partition("-")
    if level in TerritoryLevel.values and code and len(code) <= 12:
        territory = Territory.objects.filter(level=level, code=code).first()
        if territory is not None:
            return territory
    if not value:
        return None
    return Territory.objects.autocomplete(value).first()


class TerritoryField(forms.CharField):
    def clean(self, value):
        self.ignored = []
        value = CONTROL_CHARACTERS.sub("", value or "").strip()[:40]
        if not value:
            return None
        territory = parse_territory(value)
        if territory is None:
            self.ignored = [value]
        return territory


def concerned_territory_ids(territory: Territory) -> list[int]:
    """The territory, its ancestors and its descendants: what ``concerning`` looks for."""
    links = TerritoryLink.objects.filter(Q(territory=territory) | Q(ancestor=territory))
    return [
        ancestor if pk == territory.pk else pk
        for pk, ancestor in links.values_list("territory_id", "ancestor_id")
    ]


class TerritoryConcernFilter(django_filters.Filter):
    """Content that concerns a territory: tied to it, to a territory inside it,
    or to a territory containing it (national content applies everywhere)."""

    field_class = TerritoryField

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.concerning(value)


def location_facets(relation: str) -> tuple[LocationFacet, LocationFacet]:
    """The région facet and its département drill-down, over ``relation``."""
    region = LocationFacet(
        label=_("Région"),
        relation=relation,
        level=TerritoryLevel.REGION,
        dimension=Dimension.REGION,
    )
    department = LocationFacet(
        label=_("Département"),
        relation=relation,
        level=TerritoryLevel.DEPARTMENT,
        parent_param="region",
        dimension=Dimension.DEPARTMENT,
    )
    return region, department


def theme_facet() -> TaxonomyFacet:
    return TaxonomyFacet(
        label=_("Thématique"), taxonomy=Theme, relation="themes", dimension=Dimension.THEME
    )


def partnership_facet() -> TaxonomyFacet:
    return TaxonomyFacet(
        label=_("Type de partenariat"),
        taxonomy=PartnershipType,
        relation="partnership_types",
        dimension=Dimension.PARTNERSHIP,
    )


def tag_facet() -> TagFacet:
    return TagFacet(label=_("Mot-clé"), dimension=Dimension.TAG)


class ListingFilterSet(django_filters.FilterSet):
    """Text query, facets, a territory and the sort order of one listing."""

    default_sort = "newest"
    title_field = "title"

    territory = TerritoryConcernFilter(label=_("Territoire"))

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        for name, filter_ in self.filters.items():
            filter_.param_name = name
        self.query = parse_query((data or {}).get("q"))
        sort = (data or {}).get("sort") or ""
        self.sort_is_valid = not sort or sort in SORTS
        if sort not in SORTS or (sort == "relevance" and not self.query):
            sort = "relevance" if self.query else self.default_sort
        self.sort = sort

    @property
    def facet_filters(self) -> dict[str, FacetFilter]:
        return {name: f for name, f in self.filters.items() if isinstance(f, FacetFilter)}

    def searched(self):
        """The base queryset narrowed by the text query (with a ``relevance`` annotation)."""
        if not self.query:
            return self.queryset
        return backend().apply(self.queryset, self.query)

    def filtered(self, excluding: str | None = None, facets: bool = True):
        queryset = self.searched()
        for name, value in self.form.cleaned_data.items():
            if name == excluding or name not in self.filters:
                continue
            if facets or name not in self.facet_filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def counts_by_keys(self) -> bool:
        """PostgreSQL: filters, counts and order come from the in-memory key index."""
        return facet_keys.uses_keys() and all(
            facet.dimension is not None for facet in self.facet_filters.values()
        )

    def selections(self) -> dict[int, list[int]]:
        return {
            facet.dimension: facet.selected_keys(self.form.cleaned_data[name])
            for name, facet in self.facet_filters.items()
            if self.form.cleaned_data.get(name)
        }

    def key_counts(self) -> dict[int, dict[int, int]]:
        """Every facet's disjunctive counts, and the total in ``[TOTAL][TOTAL_KEY]``."""
        return self.indexed()[0].counts

    def indexed(self):
        """``(selection, ordered ids)`` of this state, from the key index (see ``key_index``).

        The rows matching a text query (and the territory) come from one SQL query,
        cached for this state and content version; without a text query, from the
        index alone. Facets, counts and order are then computed in memory.
        """
        if not hasattr(self, "_indexed"):
            index = key_index.index_for(self.queryset.model, self.content_version())
            territory = self.form.cleaned_data.get("territory")
            relevance = None
            if self.query:
                ids, relevance = self.cached("match", self.matching_ids, facets=False)
                rows, found = index.lookup(ids)
                order = np.argsort(rows[found], kind="stable")  # newest first, as select wants
                rows, relevance = rows[found][order], relevance[found][order]
            elif territory is not None and territory.level != TerritoryLevel.COUNTRY:
                rows = index.visible(
                    index.rows_tied_to(concerned_territory_ids(territory)), timezone.now()
                )
            else:  # France contains everything
                rows = index.visible_rows(timezone.now())
            selection = index.select(rows, self.selections())
            rows = rows[selection.passing]
            if self.sort == "relevance":
                rows = index.by_relevance(rows, relevance[selection.passing])
            elif self.sort == "title":
                rows = index.by_title(rows)
            self._indexed = (selection, index.ids[rows])
        return self._indexed

    def matching_ids(self):
        """Ids and relevance of the published rows matching the text query (and territory).

        Fetched as two arrays, not 30,000 rows: Django's per-row conversion of a
        broad match cost more than the match itself.
        """
        queryset = self.filtered(facets=False).order_by().values_list("pk", "relevance")
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT array_agg(m.id), array_agg(m.relevance) FROM ({sql}) AS m(id, relevance)",
                params,
            )
            ids, relevance = cursor.fetchone()
        return np.array(ids or [], dtype=np.int64), np.array(relevance or [], dtype=np.float64)

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            self.form.is_valid()  # fields clean leniently: never invalid for bad values
            if self.counts_by_keys:
                self._qs = IndexedResults(self.indexed()[1], self.queryset)
                return self._qs
            queryset = self.sorted(self.filtered())
            # The paginator asks the queryset for its count: answer from the same cache
            # as the facets (same state, same content generation), the ordering aside.
            # A bound method (not a partial): the paginator only calls ``count`` when
            # it looks like a method without arguments, and otherwise loads every row.
            queryset.count = types.MethodType(self.cached_count, queryset)
            self._qs = queryset
        return self._qs

    def cached_count(self, queryset) -> int:
        """Called as ``queryset.count()`` (bound to the queryset, see ``qs``)."""
        return self.cached("count", lambda: QuerySet.count(queryset))

    def content_version(self) -> int:
        if not hasattr(self, "_content_version"):
            self._content_version = generation.current()
        return self._content_version

    def cached(self, what: str, compute, facets: bool = True):
        """``compute()`` for this state (``facets=False``: its text and territory only),
        from the cache keyed by ``facet_cache_key``."""
        timeout = getattr(settings, "FACET_CACHE_TIMEOUT", FACET_CACHE_TIMEOUT)
        key = f"{what}:{self.facet_cache_key(facets)}"
        return cache.get_or_set(key, compute, timeout)

    def sorted(self, queryset):
        if self.sort == "relevance":
            return queryset.order_by("-relevance", "-published_at", "pk")
        if self.sort == "title":
            return queryset.order_by(self.title_field, "pk")
        return queryset.order_by("-published_at", "pk")

    def sort_choices(self) -> list[tuple[str, str]]:
        return [(key, label) for key, label in SORTS.items() if key != "relevance" or self.query]

    def facets(self):
        """Every facet with its disjunctive counts, cached for this exact state.

        The counts depend only on the validated state (text query, territory,
        facet selections) and on the content; the cache key holds both (see
        ``partnerships.search.generation``), so no visitor sees stale counts
        after an edit, and equal states share one computation.
        """
        self.qs  # noqa: B018 - validates the form
        if self.counts_by_keys:
            counts = self.key_counts()
            return [
                facet.facet_from_counts(
                    counts.get(facet.dimension, {}), self.form.cleaned_data.get(name) or []
                )
                for name, facet in self.facet_filters.items()
            ]
        return self.cached(
            "facets",
            lambda: [
                facet_filter.facet(
                    self.filtered(excluding=name), self.form.cleaned_data.get(name) or []
                )
                for name, facet_filter in self.facet_filters.items()
            ],
        )

    def facet_cache_key(self, facets: bool = True) -> str:
        state = [("q", self.query.raw)]
        for name, value in sorted(self.form.cleaned_data.items()):
            if not facets and name in self.facet_filters:
                continue
            if isinstance(value, list | tuple):
                value = sorted(str(item) for item in value)
            elif value is not None and hasattr(value, "pk"):
                value = f"{type(value).__name__}:{value.pk}"
            state.append((name, value))
        digest = hashlib.sha256(repr(state).encode()).hexdigest()[:32]
        model = self.queryset.model._meta.label_lower
        return f"{model}:{self.content_version()}:{translation.get_language()}:{digest}"

    @property
    def notices(self) -> list[str]:
        self.qs  # noqa: B018 - validates the form
        notices = []
        for name, values in ignored_values(self.form).items():
            label = self.filters[name].label or name
            notices.append(
                _("Valeur inconnue ignorée pour « %(filter)s » : %(values)s")
                % {"filter": label, "values": ", ".join(values)}
            )
        if not self.sort_is_valid:
            notices.append(_("Ordre de tri inconnu : les résultats sont triés par défaut."))
        if self.query.truncated:
            notices.append(_("La recherche était trop longue : elle a été raccourcie."))
        return notices

    @property
    def active_territory(self):
        self.qs  # noqa: B018
        return self.form.cleaned_data.get("territory")


class IndexedResults(Sequence):
    """The ordered results of a listing as the paginator wants them: a count, and slices
    that read only their own rows (with the listing's preloading) from the database."""

    def __init__(self, ids, queryset):
        self.ids = ids
        self.queryset = queryset

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        wanted = [int(pk) for pk in self.ids[index]]
        found = self.queryset.filter(pk__in=wanted).in_bulk() if wanted else {}
        return [found[pk] for pk in wanted if pk in found]


class ResourceFilterSet(ListingFilterSet):
    theme = theme_facet()
    format = TaxonomyFacet(
        label=_("Format"), taxonomy=ResourceFormat, relation="format", dimension=Dimension.FORMAT
    )
    audience = TaxonomyFacet(
        label=_("Public"), taxonomy=ActorType, relation="audiences", dimension=Dimension.AUDIENCE
    )
    partnership = partnership_facet()
    region, department = location_facets("coverage")
    year = YearFacet(
        label=_("Année de parution"), field_name="publication_date", dimension=Dimension.YEAR
    )
    language = ChoicesFacet(
        label=_("Langue"),
        field_name="language",
        field_choices=ResourceLanguage.choices,
        dimension=Dimension.LANGUAGE,
    )
    tag = tag_facet()


class ParticipantActorTypeFacet(TaxonomyFacet):
    """The actor types of a case study's public participants (as its page shows them)."""

    def public_participations(self):
        return Participation.objects.filter(partner__in=Partner.objects.published())

    def apply(self, qs, values):
        return qs.filter(
            pk__in=self.public_participations()
            .filter(partner__actor_type_id__in=self._ids(values))
            .values("case_study_id")
        )

    def counts(self, qs):
        slugs = self._slugs_by_id()
        rows = (
            self.public_participations()
            .filter(case_study_id__in=qs.order_by().values("pk"))
            .order_by()
            .values_list("partner__actor_type_id")
            .annotate(n=Count("case_study_id", distinct=True))
            .values_list("partner__actor_type_id", "n")
        )
        return {slugs[pk]: n for pk, n in rows if pk in slugs}


class CaseStudyFilterSet(ListingFilterSet):
    theme = theme_facet()
    partnership = partnership_facet()
    form_type = TaxonomyFacet(
        label=_("Forme de co-construction"),
        taxonomy=CoConstructionForm,
        relation="co_construction_forms",
        dimension=Dimension.FORM,
    )
    stage = ChoicesFacet(
        label=_("Stade"),
        field_name="stage",
        field_choices=CaseStudyStage.choices,
        dimension=Dimension.STAGE,
    )
    actor = ParticipantActorTypeFacet(
        label=_("Acteurs impliqués"),
        taxonomy=ActorType,
        relation="participants",
        dimension=Dimension.PARTICIPANT_ACTOR_TYPE,
    )
    region, department = location_facets("main_territory")
    year = YearFacet(
        label=_("Année de démarrage"),
        field_name="start_year",
        is_date=False,
        dimension=Dimension.YEAR,
    )
    tag = tag_facet()


class PartnerFilterSet(ListingFilterSet):
    default_sort = "title"
    title_field = "name"

    actor_type = TaxonomyFacet(
        label=_("Type d'acteur"),
        taxonomy=ActorType,
        relation="actor_type",
        dimension=Dimension.ACTOR_TYPE,
    )
    theme = theme_facet()
    region, department = location_facets("home_territory")
