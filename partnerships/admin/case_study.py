"""Case studies (« retours d'expérience »): the story, its participants and key figures."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..importers.content import CaseStudySheet
from ..models import CaseStudy, KeyFigure, Participation
from ..views.case_studies import CaseStudyDetailView
from .imports import ContentImportExportMixin
from .publication import (
    CheckboxVocabularyMixin,
    LockedPartsInlineMixin,
    PublishableAdmin,
    with_publication_fieldset,
)


class ParticipationInline(LockedPartsInlineMixin, admin.TabularInline):
    model = Participation
    fields = ("partner", "role", "contribution", "position")
    autocomplete_fields = ("partner",)
    ordering = ("position", "pk")
    extra = 1


class KeyFigureInline(LockedPartsInlineMixin, admin.TabularInline):
    model = KeyFigure
    fields = ("value", "label", "position")
    ordering = ("position", "pk")
    extra = 1


@admin.register(CaseStudy)
class CaseStudyAdmin(ContentImportExportMixin, CheckboxVocabularyMixin, PublishableAdmin):
    sheet = CaseStudySheet
    list_display = (
        "title",
        "main_territory",
        "stage",
        "start_year",
        "status",
        "published_at",
        "is_visible",
        "featured",
    )
    list_filter = ("stage", "status", "themes", "partnership_types", "co_construction_forms")
    list_select_related = ("main_territory",)
    search_fields = ("title", "summary")
    search_help_text = _("Titre ou résumé.")
    autocomplete_fields = ("main_territory", "coverage", "related_resources")
    checkbox_fields = ("themes", "partnership_types", "co_construction_forms")
    inlines = (ParticipationInline, KeyFigureInline)
    fieldsets = with_publication_fieldset(
        (
            (_("Contenu"), {"fields": ("title", "slug", "summary", "cover_image")}),
            (
                _("Classement"),
                {
                    "fields": (
                        ("stage", "start_year"),
                        "themes",
                        "partnership_types",
                        "co_construction_forms",
                        "tags",
                    )
                },
            ),
            (_("Territoires"), {"fields": ("main_territory", "coverage")}),
            (
                _("Récit : le territoire et la démarche"),
                {"fields": ("context", "challenges", "actors_and_roles", "approach")},
            ),
            (
                _("Récit : les moyens (les trois leviers)"),
                {"fields": ("human_resources", "funding", "alliances")},
            ),
            (
                _("Récit : résultats et enseignements"),
                {"fields": ("results", "success_factors", "difficulties")},
            ),
            (
                _("Contacts, sources et ressources liées"),
                {"fields": ("contacts", "sources", "related_resources")},
            ),
        ),
        extra=("featured",),
    )
    preview_view = CaseStudyDetailView
    restored_parts = (("participations", "case_study"), ("key_figures", "case_study"))

    def quality_checks(self):
        # Every case study has a main territory; « sans territoire » is not a case here.
        return {
            "sans-thematique": (_("Publiés sans thématique"), Q(themes__isnull=True)),
            "sans-resume": (_("Publiés sans résumé"), Q(summary="")),
        }
