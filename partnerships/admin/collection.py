"""Collections: ordered, introduced selections of resources and case studies."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ..models import Collection, CollectionItem
from ..views.collections import CollectionDetailView
from .publication import (
    CheckboxVocabularyMixin,
    LockedPartsInlineMixin,
    PublishableAdmin,
    with_publication_fieldset,
)


class CollectionItemForm(forms.ModelForm):
    """Each step points at exactly one resource or one case study (said in plain French)."""

    class Meta:
        model = CollectionItem
        fields = ("position", "resource", "case_study", "note")

    def clean(self):
        cleaned = super().clean()
        resource, case_study = cleaned.get("resource"), cleaned.get("case_study")
        if resource and case_study:
            self.add_error(
                "case_study",
                _("Choisissez une ressource ou un retour d'expérience, pas les deux."),
            )
        elif not resource and not case_study and not self.has_error("resource"):
            self.add_error("resource", _("Choisissez une ressource ou un retour d'expérience."))
        return cleaned


class CollectionItemInline(LockedPartsInlineMixin, admin.TabularInline):
    model = CollectionItem
    form = CollectionItemForm
    fields = ("position", "resource", "case_study", "note")
    autocomplete_fields = ("resource", "case_study")
    ordering = ("position", "pk")
    extra = 1


@admin.register(Collection)
class CollectionAdmin(CheckboxVocabularyMixin, PublishableAdmin):
    list_display = (
        "title",
        "kind",
        "item_count",
        "status",
        "published_at",
        "is_visible",
        "featured",
    )
    list_filter = ("status", "kind", "featured")
    search_fields = ("title", "summary")
    search_help_text = _("Titre ou résumé.")
    checkbox_fields = ("audiences",)
    inlines = (CollectionItemInline,)
    fieldsets = with_publication_fieldset(
        (
            (_("Contenu"), {"fields": ("title", "slug", "kind", "summary", "introduction")}),
            (_("Classement"), {"fields": ("audiences",)}),
        ),
        extra=("featured",),
    )
    preview_view = CollectionDetailView
    restored_parts = (("items", "collection"),)

    def quality_checks(self):
        return {"sans-resume": (_("Publiées sans résumé"), Q(summary=""))}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description=_("éléments"), ordering="item_total")
    def item_count(self, obj) -> int:
        return obj.item_total
