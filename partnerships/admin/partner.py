"""Partners: the organisations behind resources and alliances."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..importers.content import PartnerSheet
from ..models import Partner
from ..views.partners import PartnerDetailView
from .imports import ContentImportExportMixin
from .publication import CheckboxVocabularyMixin, PublishableAdmin, with_publication_fieldset


@admin.register(Partner)
class PartnerAdmin(ContentImportExportMixin, CheckboxVocabularyMixin, PublishableAdmin):
    sheet = PartnerSheet
    slug_source = "name"
    list_display = (
        "name",
        "actor_type",
        "home_territory",
        "siren",
        "status",
        "published_at",
        "is_visible",
    )
    list_filter = ("status", "actor_type", "themes")
    list_select_related = ("actor_type", "home_territory")
    search_fields = ("name", "=siren")
    search_help_text = _("Nom du partenaire ou SIREN exact.")
    autocomplete_fields = ("home_territory",)
    checkbox_fields = ("themes",)
    fieldsets = with_publication_fieldset(
        (
            (None, {"fields": ("name", "slug", "actor_type", "siren")}),
            (_("Présentation"), {"fields": ("description", "website", "logo")}),
            (_("Classement"), {"fields": ("home_territory", "themes")}),
        )
    )
    preview_view = PartnerDetailView

    def quality_checks(self):
        return {
            "sans-thematique": (_("Publiés sans thématique"), Q(themes__isnull=True)),
            "sans-territoire": (_("Publiés sans territoire"), Q(home_territory__isnull=True)),
            "sans-resume": (_("Publiés sans présentation"), Q(description="")),
        }
