"""Shared plumbing for the public views: forgiving pagination, simple filters, card preloading.

Views stay thin: what content is public is decided by the models' ``published()``;
this module only wires query-string parameters to querysets and preloads what
the templates display, so that every page runs a constant number of queries.
"""

from django.conf import settings
from django.db.models import Model, Prefetch, QuerySet
from django.views.generic import ListView

from ..models import Partner
from ..search.simple import normalize_query, simple_search

MAX_FILTER_VALUES = 20


def page_number(raw: str | None) -> int:
    """A page number from the query string: garbage and anything below 1 mean the first page.

    Numbers past the end are clamped to the last page by ``Paginator.get_page``.
    """
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def selected_terms(request, param: str, model: type[Model]) -> list:
    """The known taxonomy terms named by a repeatable GET parameter; unknown slugs are ignored."""
    slugs = [slug for slug in request.GET.getlist(param) if slug][:MAX_FILTER_VALUES]
    if not slugs:
        return []
    return list(model.objects.filter(slug__in=slugs))


def filter_by_terms(queryset: QuerySet, field: str, terms: list) -> QuerySet:
    """Rows tied to any of ``terms`` through ``field`` (OR within the filter), no duplicates."""
    if not terms:
        return queryset
    matching = queryset.model._default_manager.filter(**{f"{field}__in": terms}).values("pk")
    return queryset.filter(pk__in=matching)


# What the cards display, preloaded. These belong on the content QuerySets
# (e.g. ``Resource.objects.published().for_cards()``); they live here until then.


def public_authors_prefetch(lookup: str = "authors") -> Prefetch:
    """A resource's authors, published ones only, as ``resource.public_authors``."""
    return Prefetch(lookup, queryset=Partner.objects.published(), to_attr="public_authors")


def resource_cards(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("format").prefetch_related("themes", public_authors_prefetch())


def case_study_cards(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("main_territory").prefetch_related("themes")


def partner_cards(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("actor_type", "home_territory")


class PublicListView(ListView):
    """A paginated public listing with a ``q`` text filter.

    Subclasses provide ``base_queryset()`` (already ``published()``),
    ``search_fields`` and optionally ``apply_filters()``. A page number that is
    garbage, negative or too large never raises: it lands on the first or last page.
    """

    search_fields: tuple[str, ...] = ()
    allow_empty = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.query = normalize_query(request.GET.get("q"))

    def get_paginate_by(self, queryset):
        return settings.PAGE_SIZE

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def apply_filters(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def get_queryset(self):
        queryset = simple_search(self.base_queryset(), self.query, self.search_fields)
        return self.apply_filters(queryset)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(page_number(self.request.GET.get(self.page_kwarg)))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["query"] = self.query
        context["result_count"] = context["paginator"].count
        context["page_range"] = list(
            context["paginator"].get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        )
        return context
