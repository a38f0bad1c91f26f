"""Collections: ordered, introduced selections of resources and case studies."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
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


def _target(data) -> tuple[str, int] | None:
    """(field, id) of the resource or case study a row's data points at."""
    for name in ("resource", "case_study"):
        value = data.get(name)
        if value:
            return name, getattr(value, "pk", value)
    return None


class CollectionItemFormSet(BaseInlineFormSet):
    """Each resource or case study once per collection, each step at its own position.

    Checked over the rows as they will be once saved, and said on the row at fault:
    the database constraints would only answer with an error page. Saving deletes
    first and parks the steps that move, so that two steps may swap their positions
    (or take those of deleted steps) in one save.
    """

    def _kept_forms(self):
        deleted = self.deleted_forms
        return [
            form
            for form in self.forms
            if form not in deleted
            and hasattr(form, "cleaned_data")
            and (form.instance.pk is not None or form.has_changed())
        ]

    def clean(self):
        kept = self._kept_forms()
        # A new step whose order was left as it came goes after the last one.
        last = max(
            (form.cleaned_data.get("position") or 0 for form in kept if form.instance.pk),
            default=-1,
        )
        for form in kept:
            if form.instance.pk is None and "position" not in form.changed_data:
                last += 1
                form.cleaned_data["position"] = form.instance.position = last
        # What each existing row holds in the database until this save.
        held_before = {
            _target(form.initial): form
            for form in kept
            if form.instance.pk is not None and _target(form.initial)
        }
        targets, positions = set(), {}
        # Rows left as they were first, so that the error lands on the row that changed.
        for form in sorted(kept, key=lambda form: form.has_changed()):
            target = _target(form.cleaned_data)
            title = str(form.cleaned_data[target[0]]) if target else ""
            if target in targets:
                form.add_error(
                    target[0],
                    gettext("« %(title)s » figure déjà dans cette collection.") % {"title": title},
                )
            elif target is not None:
                targets.add(target)
                holder = held_before.get(target)
                if holder not in (None, form) and _target(holder.cleaned_data) != target:
                    # Another row gives it up in this very save: one of the two would
                    # be saved first and, for a moment, both would hold it.
                    form.add_error(
                        target[0],
                        gettext(
                            "« %(title)s » est encore l'élément d'ordre %(position)s : pour "
                            "échanger deux éléments, échangez leurs ordres ; sinon, "
                            "enregistrez un changement à la fois."
                        )
                        % {"title": title, "position": holder.initial.get("position")},
                    )
            position = form.cleaned_data.get("position")
            if position is None:
                continue
            if position in positions:
                form.add_error(
                    "position",
                    gettext(
                        "L'ordre %(position)s est déjà celui de « %(title)s » : "
                        "donnez à chaque élément un ordre différent."
                    )
                    % {"position": position, "title": positions[position]},
                )
            else:
                positions[position] = title
        super().clean()

    def save_existing_objects(self, commit=True):
        """Deletions first, then the moved rows parked, then every change saved."""
        if not commit:
            return super().save_existing_objects(commit)
        self.changed_objects, self.deleted_objects = [], []
        deleted = self.deleted_forms
        existing = [
            form
            for form in self.initial_forms
            if form.instance._is_pk_set() and not form.instance._state.adding
        ]
        for form in existing:
            if form in deleted:
                self.deleted_objects.append(form.instance)
                self.delete_existing(form.instance)
        changed = [form for form in existing if form not in deleted and form.has_changed()]
        self.instance.park_items(
            [form.instance.pk for form in changed if "position" in form.changed_data],
            avoid=[form.cleaned_data.get("position") for form in self._kept_forms()],
        )
        saved = []
        for form in changed:
            self.changed_objects.append((form.instance, form.changed_data))
            saved.append(self.save_existing(form, form.instance))
        return saved


class CollectionItemInline(LockedPartsInlineMixin, admin.TabularInline):
    model = CollectionItem
    form = CollectionItemForm
    formset = CollectionItemFormSet
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

    def _restore_parts(self, obj, record) -> None:
        # The version's positions may be held by other items now (a later reordering):
        # every current item steps aside first, off every position the items ever had.
        ever = CollectionItem.history.filter(collection_id=obj.pk).values_list(
            "position", flat=True
        )
        obj.park_items(obj.items.values_list("pk", flat=True), avoid=set(ever))
        super()._restore_parts(obj, record)

    def quality_checks(self):
        return {"sans-resume": (_("Publiées sans résumé"), Q(summary=""))}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description=_("éléments"), ordering="item_total")
    def item_count(self, obj) -> int:
        return obj.item_total
