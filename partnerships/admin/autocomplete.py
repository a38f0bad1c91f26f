"""The admin's autocomplete (``/admin/autocomplete/``), shaped by the searched model's admin.

Django's ``AutocompleteJsonView`` answers every autocomplete field of the admin with the
searched model admin's ``get_search_results`` and ``str(obj)``. That is not enough for
territories: 35,000 communes hold hundreds of homonyms (« Saint-Martin (32) » and
« Saint-Martin (67) »…), and a territory that left the official files must not be
chosen again. So the view asks the searched model's admin for two optional hooks:

- ``autocomplete_queryset(request, queryset, term)``: narrows or re-orders the matches
  (territories: active ones only; broadest first when nothing is typed);
- ``autocomplete_text(obj)``: the text of a suggestion (territories: the public
  autocomplete's label and the level, « Saint-Martin (32) — Gers, Occitanie · Commune »).

``TerritoryChoiceMixin`` gives the same text to the options a form renders for the
territories already chosen, so that a saved choice reads as it did in the suggestions.
"""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from ..models import Territory


class ShapedAutocompleteJsonView(AutocompleteJsonView):
    def get_queryset(self):
        queryset = super().get_queryset()
        shape = getattr(self.model_admin, "autocomplete_queryset", None)
        return shape(self.request, queryset, self.term) if shape else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        describe = getattr(self.model_admin, "autocomplete_text", None)
        if describe:
            result["text"] = describe(obj)
        return result


def install(site: admin.AdminSite) -> None:
    """Serve ``site``'s autocomplete URL with ``ShapedAutocompleteJsonView``.

    ``AdminSite.get_urls`` routes ``autocomplete/`` to ``site.autocomplete_view``; the
    project uses Django's default site, so the view is replaced on that instance (before
    the URLs are first built, when the admin modules are imported) rather than through an
    ``AdminSite`` subclass that the settings would have to name.
    """

    def autocomplete_view(request):
        return ShapedAutocompleteJsonView.as_view(admin_site=site)(request)

    site.autocomplete_view = autocomplete_view


def territory_choice_label(territory) -> str:
    """« Saint-Martin (32) — Gers, Occitanie · Commune »: name, parents and level."""
    return f"{territory.label} · {territory.get_level_display()}"


class TerritoryChoiceMixin:
    """Every territory field of the form shows its chosen territories as the suggestions do."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return with_territory_labels(db_field, field)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return with_territory_labels(db_field, field)


def with_territory_labels(db_field, field):
    if field is not None and db_field.related_model is Territory:
        field.label_from_instance = territory_choice_label
    return field
