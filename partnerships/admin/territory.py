"""Territories: 35 000 communes and their ancestors, created by the import.

The admin is for looking up and correcting a territory (name, population,
coordinates, active flag), not for building the hierarchy: level and code are
read-only once a territory exists, the ancestor relation is shown read-only,
and territories are never deleted (one that leaves the official files is
deactivated). A territory added by hand is linked to its parents on save so
that it takes part in every « s'applique à / situé dans » lookup.

Search is the public territory autocomplete's (``TerritorySearch``): accents,
case and punctuation ignored, every typed word a word prefix, « st » for
« saint », or an official code — so « saint etienne », « Saint-Étienne »,
« etienne », « st etienne » and « 42218 » all find Saint-Étienne, on indexed
columns. The same search, in the same order, feeds every territory autocomplete of the
admin (coverage, main territory, home territory, parents of a new territory), which
offers only active territories and labels each one as the public autocomplete does,
with its level: « Saint-Martin (32) — Gers, Occitanie · Commune » (see ``autocomplete``).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..models import Territory, TerritoryLevel
from ..models.territory import LEVEL_RANK, TerritorySearch, level_rank_expression
from .autocomplete import territory_choice_label


class TerritoryAddForm(forms.ModelForm):
    """Adding a territory by hand: its direct parents are needed to place it in the hierarchy."""

    parents = forms.ModelMultipleChoiceField(
        queryset=Territory.objects.all(),
        required=False,
        label=_("territoires parents"),
        help_text=_(
            "Les territoires qui le contiennent directement (pour une commune : son EPCI et "
            "son département). Les niveaux supérieurs s'en déduisent."
        ),
    )

    class Meta:
        model = Territory
        fields = (
            "name",
            "slug",
            "level",
            "code",
            "is_active",
            "population",
            "latitude",
            "longitude",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = self.fields["parents"]
        parents.widget = AutocompleteSelectMultiple(
            Territory._meta.get_field("ancestors"), admin.site
        )
        parents.widget.choices = parents.choices
        parents.label_from_instance = territory_choice_label

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level")
        parents = cleaned.get("parents") or []
        if level and level != TerritoryLevel.COUNTRY and not parents:
            self.add_error("parents", _("Indiquez au moins un territoire parent."))
        if level:
            too_narrow = [p for p in parents if LEVEL_RANK[p.level] >= LEVEL_RANK[level]]
            if too_narrow:
                self.add_error(
                    "parents",
                    _("Un parent doit être d'un niveau plus large : %(names)s.")
                    % {"names": ", ".join(str(p) for p in too_narrow)},
                )
        return cleaned


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "code", "population", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("search_key", "=code")  # declared for the search box; see get_search_results
    search_help_text = _("Nom (avec ou sans accents, début d'un mot) ou code officiel exact.")
    show_full_result_count = False
    list_per_page = 100
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", ("level", "code"), "is_active")}),
        (_("Données"), {"fields": ("population", ("latitude", "longitude"))}),
    )
    add_fieldsets = (
        (None, {"fields": ("name", "slug", ("level", "code"), "parents", "is_active")}),
        (_("Données"), {"fields": ("population", ("latitude", "longitude"))}),
    )
    hierarchy_fieldset = (
        _("Hiérarchie"),
        {"fields": ("ancestors_list", "contents_summary", "search_name")},
    )

    # -- the hierarchy is the import's business ------------------------------------------

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        return (*self.fieldsets, self.hierarchy_fieldset)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = TerritoryAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("level", "code", "ancestors_list", "contents_summary", "search_name")

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            obj.set_parents(form.cleaned_data.get("parents") or [])

    @admin.display(description=_("territoires englobants"))
    def ancestors_list(self, obj):
        ancestors = (
            Territory.objects.filter(descendant_links__territory=obj, descendant_links__depth__gt=0)
            .annotate(rank=level_rank_expression())
            .order_by("rank", "name")
        )
        rows = format_html_join(
            "",
            '<li>{} : <a href="{}">{}</a></li>',
            (
                (
                    ancestor.get_level_display(),
                    reverse("admin:partnerships_territory_change", args=[ancestor.pk]),
                    ancestor,
                )
                for ancestor in ancestors
            ),
        )
        return format_html('<ul class="territory-ancestors">{}</ul>', rows) if rows else "—"

    @admin.display(description=_("contient"))
    def contents_summary(self, obj):
        counts = dict(
            Territory.objects.filter(ancestor_links__ancestor=obj, ancestor_links__depth__gt=0)
            .order_by()
            .values_list("level")
            .annotate(count=Count("pk"))
            .values_list("level", "count")
        )
        parts = [
            f"{counts[level]} × {level.label}" for level in TerritoryLevel if counts.get(level)
        ]
        return ", ".join(parts) or "—"

    # -- search: the same as the public territory autocomplete ---------------------------

    def get_search_results(self, request, queryset, search_term):
        """Match and order as ``TerritorySearch`` does, inactive territories included.

        The changelist re-orders the matches by its own column ordering; the
        autocompletes (coverage, home territory, main territory…) keep the best
        match first.
        """
        if not search_term.strip():
            return queryset, False
        return TerritorySearch(search_term).filter(queryset), False

    def autocomplete_queryset(self, request, queryset, term):
        """A territory field offers active territories only; broadest first before typing."""
        queryset = queryset.filter(is_active=True)
        if not term.strip():
            queryset = queryset.by_level()
        return queryset

    def autocomplete_text(self, obj):
        return territory_choice_label(obj)
