"""Resources: guides, studies, tools, videos…"""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..importers.content import ResourceSheet
from ..models import Resource
from ..views.resources import ResourceDetailView
from .imports import ContentImportExportMixin
from .publication import CheckboxVocabularyMixin, PublishableAdmin, with_publication_fieldset


@admin.register(Resource)
class ResourceAdmin(ContentImportExportMixin, CheckboxVocabularyMixin, PublishableAdmin):
    sheet = ResourceSheet
    list_display = (
        "title",
        "format",
        "language",
        "status",
        "published_at",
        "is_visible",
        "featured",
    )
    list_filter = ("status", "format", "themes", "language", "featured")
    list_select_related = ("format",)
    search_fields = ("title", "summary")
    search_help_text = _("Titre ou résumé.")
    autocomplete_fields = ("coverage", "authors")
    checkbox_fields = ("themes", "audiences", "partnership_types")
    fieldsets = with_publication_fieldset(
        (
            (_("Contenu"), {"fields": ("title", "slug", "summary", "body", "cover_image")}),
            (
                _("Classement"),
                {"fields": ("format", "themes", "audiences", "partnership_types", "tags")},
            ),
            (_("Territoires et auteurs"), {"fields": ("coverage", "authors")}),
            (
                _("Fichier et liens"),
                {"fields": ("external_url", "file", ("publication_date", "language"))},
            ),
        ),
        extra=("featured",),
    )
    preview_view = ResourceDetailView

    def quality_checks(self):
        return {
            "sans-thematique": (_("Publiées sans thématique"), Q(themes__isnull=True)),
            "sans-territoire": (_("Publiées sans territoire"), Q(coverage__isnull=True)),
            "sans-resume": (_("Publiées sans résumé"), Q(summary="")),
        }
