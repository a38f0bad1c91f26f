"""Facets: filters that also count, disjunctively.

A facet filters a queryset with OR between its selected values, and counts,
for each of its values, how many rows the *other* active filters leave (its
own selection is not applied to its counts, so people see what a second value
would add).

On PostgreSQL the FilterSet filters and counts all facets together over the
rows' facet keys held in memory (``key_index``); ``facet_from_counts`` turns
those counts into the facet. Elsewhere (SQLite) each facet counts with
one grouped query over its relation (``counts``), never one per value.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django_filters import Filter
from taggit.models import Tag, TaggedItem

from partnerships.models import Territory, TerritoryLevel, TerritoryLink

from . import facet_keys
from . import terms as taxonomy_terms
from .query import CONTROL_CHARACTERS

MAX_VALUES_PER_FACET = 30


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)

    @property
    def selected(self) -> list[FacetValue]:
        return [value for value in self.values if value.selected]


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values of a repeated parameter and sets the others aside.

    A bookmarked URL whose term was renamed or removed still opens: the unknown
    value is dropped, listed in ``ignored`` and shown to the user as a notice.
    """

    def __init__(self, *args, known_values: Callable[[list[str]], Iterable[str]], **kwargs):
        self.known_values = known_values
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.ignored: list[str] = []

    def clean(self, value):
        values = [CONTROL_CHARACTERS.sub("", str(item))[:100] for item in (value or [])]
        values = [item for item in values if item.strip()]
        values = list(dict.fromkeys(values))[:MAX_VALUES_PER_FACET]
        known = set(self.known_values(values)) if values else set()
        self.ignored = [item for item in values if item not in known]
        return [item for item in values if item in known]


class FacetFilter(Filter):
    """Base of every facet: OR within the facet, counts grouped in one query."""

    field_class = LenientMultipleChoiceField

    def __init__(self, *args, dimension: int | None = None, **kwargs):
        kwargs.setdefault("label", None)
        self.dimension = dimension
        super().__init__(*args, **kwargs)
        self.extra["known_values"] = self.known_values

    def choices(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def known_values(self, values: list[str]) -> set[str]:
        """Which of the requested values exist (the others are ignored with a notice)."""
        return {str(key) for key, _label in self.choices()}

    def filter(self, qs, value):
        return self.apply(qs, value) if value else qs

    def value_ids(self, values: list[str]) -> list[int]:
        """The numbers the keys hold for these values (term ids, years…)."""
        raise NotImplementedError

    def values_by_id(self) -> dict[int, str]:
        """The reverse of ``value_ids`` over every choice."""
        raise NotImplementedError

    def selected_keys(self, values: list[str]) -> list[int]:
        return facet_keys.keys_of(self.dimension, self.value_ids(values))

    def facet_from_counts(self, counts_by_id: dict[int, int], selected: list[str]) -> Facet:
        """The facet from its counts by value id (from the key index, ``key_index``)."""
        values = self.values_by_id()
        counts = {values[pk]: n for pk, n in counts_by_id.items() if pk in values}
        return self.facet_with_counts(counts, selected)

    def apply(self, qs, values: list[str]):
        raise NotImplementedError

    def counts(self, qs) -> dict[str, int]:
        raise NotImplementedError

    def facet(self, qs, selected: list[str]) -> Facet:
        return self.facet_with_counts(self.counts(qs), selected)

    def facet_with_counts(self, counts: dict[str, int], selected: list[str]) -> Facet:
        values = [
            FacetValue(value=key, label=label, count=counts.get(key, 0), selected=key in selected)
            for key, label in self.choices()
        ]
        values = [value for value in values if value.count or value.selected]
        return Facet(name=self.param_name, label=str(self.label), values=values)

    def through(self, qs, relation: str):
        model_field = qs.model._meta.get_field(relation)
        through = model_field.remote_field.through
        return through, model_field.m2m_field_name(), model_field.m2m_reverse_field_name()

    def pointing_into(self, qs, relation: str, targets):
        """Rows whose foreign key or many-to-many ``relation`` points into ``targets``."""
        model_field = qs.model._meta.get_field(relation)
        if not model_field.many_to_many:
            return qs.filter(**{f"{model_field.attname}__in": targets})
        through, source, target = self.through(qs, relation)
        return qs.filter(
            Exists(through.objects.filter(**{source: OuterRef("pk"), f"{target}__in": targets}))
        )


class TaxonomyFacet(FacetFilter):
    """A taxonomy reached by a foreign key or a many-to-many field, selected by slug."""

    def __init__(self, *args, taxonomy, relation: str, **kwargs):
        self.taxonomy = taxonomy
        self.relation = relation
        super().__init__(*args, **kwargs)

    def choices(self):
        return [(term.slug, term.name) for term in taxonomy_terms.terms(self.taxonomy)]

    def _ids(self, slugs):
        return [term.pk for term in taxonomy_terms.terms(self.taxonomy) if term.slug in slugs]

    def _slugs_by_id(self):
        return {term.pk: term.slug for term in taxonomy_terms.terms(self.taxonomy)}

    value_ids = _ids
    values_by_id = _slugs_by_id

    def apply(self, qs, values):
        return self.pointing_into(qs, self.relation, self._ids(values))

    def counts(self, qs):
        model_field = qs.model._meta.get_field(self.relation)
        slugs = self._slugs_by_id()
        if not model_field.many_to_many:
            rows = (
                qs.order_by()
                .values_list(model_field.attname)
                .annotate(n=Count("pk"))
                .values_list(model_field.attname, "n")
            )
        else:
            through, source, target = self.through(qs, self.relation)
            rows = (
                through.objects.filter(**{f"{source}__in": qs.order_by().values("pk")})
                .order_by()
                .values_list(f"{target}_id")
                .annotate(n=Count("*"))
                .values_list(f"{target}_id", "n")
            )
        return {slugs[pk]: n for pk, n in rows if pk in slugs}


class ChoicesFacet(FacetFilter):
    """A plain field with fixed choices (language, stage)."""

    def __init__(self, *args, field_choices, **kwargs):
        self.field_choices = field_choices
        super().__init__(*args, **kwargs)

    def choices(self):
        return [(str(key), str(label)) for key, label in self.field_choices]

    def apply(self, qs, values):
        return qs.filter(**{f"{self.field_name}__in": values})

    def value_ids(self, values):
        return [facet_keys.choice_value(value) for value in values]

    def values_by_id(self):
        return {facet_keys.choice_value(key): key for key, _label in self.choices()}

    def counts(self, qs):
        rows = qs.order_by().values_list(self.field_name).annotate(n=Count("pk"))
        return {str(key): n for key, n in rows.values_list(self.field_name, "n")}


class YearFacet(FacetFilter):
    """The year of a date or integer field, most recent first."""

    def __init__(self, *args, is_date: bool = True, first_year: int = 1990, **kwargs):
        self.is_date = is_date
        self.first_year = first_year
        super().__init__(*args, **kwargs)

    def choices(self):

        return [
            (str(year), str(year))
            for year in range(timezone.now().year + 1, self.first_year - 1, -1)
        ]

    def apply(self, qs, values):
        lookup = f"{self.field_name}__year__in" if self.is_date else f"{self.field_name}__in"
        return qs.filter(**{lookup: [int(value) for value in values]})

    def value_ids(self, values):
        return [int(value) for value in values]

    def values_by_id(self):
        return {int(key): key for key, _label in self.choices()}

    def counts(self, qs):
        expression = ExtractYear(self.field_name) if self.is_date else models.F(self.field_name)
        rows = (
            qs.order_by()
            .annotate(facet_year=expression)
            .values_list("facet_year")
            .annotate(n=Count("pk"))
            .values_list("facet_year", "n")
        )
        return {str(year): n for year, n in rows if year is not None}


class TagFacet(FacetFilter):
    """Free tags (django-taggit): the most used tags of the current results."""

    def choices(self):
        return []  # the tags offered are the most used in the results (see ``facet``)

    def _ids_by_slug(self, values) -> dict[str, int]:
        """The requested tags that exist, one query per request for validation and keys.

        Filters are copied per FilterSet, so the memo lives as long as one request.
        """
        memo = self.__dict__.setdefault("_tag_ids", {})  # slug -> pk, None when unknown
        missing = [value for value in values if value not in memo]
        if missing:
            memo.update(dict.fromkeys(missing))
            memo.update(Tag.objects.filter(slug__in=missing).values_list("slug", "pk"))
        return {value: memo[value] for value in values if memo[value] is not None}

    def known_values(self, values):
        return self._ids_by_slug(values).keys()

    def _tagged(self, qs):
        content_type = ContentType.objects.get_for_model(qs.model)
        return TaggedItem.objects.filter(content_type_id=content_type.pk)

    def apply(self, qs, values):
        return qs.filter(
            Exists(self._tagged(qs).filter(object_id=OuterRef("pk"), tag__slug__in=values))
        )

    def counts(self, qs):
        raise NotImplementedError  # see facet()

    def value_ids(self, values):
        return list(self._ids_by_slug(values).values())

    def facet(self, qs, selected):
        rows = (
            self._tagged(qs)
            .filter(object_id__in=qs.order_by().values("pk"))
            .order_by()
            .values_list("tag__slug", "tag__name")
            .annotate(n=Count("*"))
            .order_by("-n", "tag__name")[:MAX_VALUES_PER_FACET]
        )
        return self._tag_facet([(slug, name, n) for slug, name, n in rows], selected)

    def facet_from_counts(self, counts_by_id, selected):
        """The most used tags: their names in one query, ties by name as on SQLite."""
        tags = Tag.objects.filter(pk__in=list(counts_by_id)).values_list("pk", "slug", "name")
        rows = sorted(
            ((slug, name, counts_by_id[pk]) for pk, slug, name in tags),
            key=lambda row: (-row[2], row[1]),
        )
        return self._tag_facet(rows[:MAX_VALUES_PER_FACET], selected)

    def _tag_facet(self, rows, selected):
        values = [FacetValue(slug, name, n, slug in selected) for slug, name, n in rows]
        missing = [slug for slug in selected if slug not in {value.value for value in values}]
        values += [FacetValue(slug, slug, 0, True) for slug in missing]
        return Facet(name=self.param_name, label=str(self.label), values=values)


class LocationFacet(FacetFilter):
    """Where content is located: within a région, then (drill-down) within a département.

    ``level`` is the level of the values (région or département); for the
    département facet, only the départements of the selected régions are offered.
    """

    def __init__(self, *args, relation: str, level: str, parent_param: str | None = None, **kwargs):
        self.relation = relation
        self.level = level
        self.parent_param = parent_param
        super().__init__(*args, **kwargs)

    def parent_codes(self) -> list[str]:
        if self.parent_param is None or self.parent is None:
            return []
        return self.parent.form.cleaned_data.get(self.parent_param) or []

    def choices(self):
        if not hasattr(self, "_choices"):
            if self.parent_param is None:
                self._choices = taxonomy_terms.territory_choices(self.level)
            elif self.parent_codes():
                territories = Territory.objects.filter(
                    level=self.level,
                    is_active=True,
                    ancestor_links__ancestor__level=TerritoryLevel.REGION,
                    ancestor_links__ancestor__code__in=self.parent_codes(),
                ).order_by("name")
                self._choices = list(territories.values_list("code", "name"))
            else:
                self._choices = []  # a drill-down: nothing to offer until a parent is chosen
        return self._choices

    def facet(self, qs, selected):
        if self.parent_param is not None and not self.parent_codes():
            return Facet(name=self.param_name, label=str(self.label), values=[])
        return super().facet(qs, selected)

    def facet_from_counts(self, counts_by_id, selected):
        if self.parent_param is not None and not self.parent_codes():
            return Facet(name=self.param_name, label=str(self.label), values=[])
        return super().facet_from_counts(counts_by_id, selected)

    def value_ids(self, values):
        territories = taxonomy_terms.territories(self.level)
        return [territory.pk for territory in territories if territory.slug in values]

    def values_by_id(self):
        return {
            territory.pk: territory.slug for territory in taxonomy_terms.territories(self.level)
        }

    def _link_filter(self, codes):
        return TerritoryLink.objects.filter(
            ancestor__level=self.level, ancestor__code__in=codes
        ).values("territory_id")

    def apply(self, qs, values):
        return self.pointing_into(qs, self.relation, self._link_filter(values))

    def counts(self, qs):
        model_field = qs.model._meta.get_field(self.relation)
        ids = qs.order_by().values("pk")
        if model_field.many_to_many:
            through, source, target = self.through(qs, self.relation)
            rows = (
                through.objects.filter(**{f"{source}__in": ids})
                .filter(**{f"{target}__ancestor_links__ancestor__level": self.level})
                .order_by()
                .values_list(f"{target}__ancestor_links__ancestor__code")
                .annotate(n=Count(source, distinct=True))
                .values_list(f"{target}__ancestor_links__ancestor__code", "n")
            )
        else:
            rows = (
                qs.order_by()
                .filter(**{f"{self.relation}__ancestor_links__ancestor__level": self.level})
                .values_list(f"{self.relation}__ancestor_links__ancestor__code")
                .annotate(n=Count("pk", distinct=True))
                .values_list(f"{self.relation}__ancestor_links__ancestor__code", "n")
            )
        return dict(rows)


def ignored_values(form) -> dict[str, list[str]]:
    return {
        name: form.fields[name].ignored
        for name in form.fields
        if getattr(form.fields[name], "ignored", None)
    }
