"""Content history: every version of resources, case studies, partners and collections.

django-simple-history keeps one row per version in a ``Historical…`` table (the
fields, who, when, why) and, for the many-to-many relations named in
``m2m_fields``, a copy of the links as they were (themes, territories, authors,
participants with their role…). The admin lists the versions with what changed
between them and restores any of them.

By default simple-history writes one version per ``save()`` and one more per
many-to-many change, so one admin save that touches three relations would leave four
versions, three of them half-made. ``one_version()`` groups a logical change (save,
then relations, then inlines) into a single version taken at the end; the admin and
the importers use it.

Tags (django-taggit) are kept too, as the sorted tag names of each version
(``TaggedVersion``); a change of tags alone makes a version of its own.
"""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record
from taggit.managers import TaggableManager, _TaggableManager

CHANGE_REASON_MAX_LENGTH = 100


class TaggedVersion(models.Model):
    """What a version of a model with tags adds: its tags as they were, as sorted names.

    Why names in a field rather than ``m2m_fields``: simple-history copies a
    many-to-many relation by copying its through rows, which must point to the tracked
    model by a foreign key. Tags are a generic relation (taggit's ``TaggedItem`` names
    the model by content type and id), which that copy cannot follow. The names are all
    a curator sees of a tag: enough to show what changed and to tag again on restore
    (taggit recreates a tag deleted since), and untouched when a tag is renamed or
    deleted later. Sorted, so that two versions with the same tags compare equal.

    ``None`` marks a version written before tags were kept: its tags are unknown, so
    they are neither compared nor restored (restoring it leaves the tags as they are).
    """

    tag_names = models.JSONField(_("mots-clés"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


def sorted_tag_names(names) -> list[str]:
    return sorted(set(names), key=lambda name: (name.casefold(), name))


class ContentHistory(HistoricalRecords):
    """``HistoricalRecords`` that remembers, per model, the instance that tracks it, and
    keeps the model's tags (its ``TaggableManager``, if any) in every version."""

    tracker_for: dict[type, "ContentHistory"] = {}
    tags_field: TaggableManager | None = None

    def create_history_model(self, model, inherited):
        self.tags_field = next(
            (f for f in model._meta.local_many_to_many if isinstance(f, TaggableManager)), None
        )
        if self.tags_field is not None:
            if not issubclass(self.tags_field.manager, VersionedTags):
                raise ImproperlyConfigured(
                    f"{model.__name__}.{self.tags_field.name}: declare it with "
                    "TaggableManager(manager=VersionedTags) so that tags.set() makes one version."
                )
            if TaggedVersion not in self.bases:
                # In place of ``models.Model``, which TaggedVersion derives from.
                self.bases = (*(b for b in self.bases if b is not models.Model), TaggedVersion)
        return super().create_history_model(model, inherited)

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            ContentHistory.tracker_for[sender] = self
            history_model = getattr(sender, self.manager_name).model
            # simple-history names the app package as the module of the models it makes,
            # where they are not importable (``manage.py shell`` complains); they live
            # in the tracked model's module.
            m2m_models = [self.m2m_models[f] for f in self.get_m2m_fields_from_model(sender)]
            for model in (history_model, *m2m_models):
                model.__module__ = self.module
            if self.tags_field is not None:
                pre_create_historical_record.connect(
                    self._keep_tags, sender=history_model, weak=False
                )
                m2m_changed.connect(
                    self._tags_changed, sender=self.tags_field.remote_field.through, weak=False
                )

    # -- tags ---------------------------------------------------------------------------------

    def tag_names(self, instance) -> list[str]:
        """The stored tags of ``instance`` (not a prefetched copy), sorted."""
        through = self.tags_field.remote_field.through
        rows = through._default_manager.filter(**through.lookup_kwargs(instance))
        return sorted_tag_names(rows.values_list("tag__name", flat=True))

    def tag_names_by_pk(self, pks) -> dict[int, list[str]]:
        """``tag_names`` of many rows of the tracked model, in a few queries."""
        through = self.tags_field.remote_field.through
        content_type = ContentType.objects.get_for_model(self.cls)
        found: dict[int, list[str]] = {pk: [] for pk in pks}
        pks = list(found)
        for start in range(0, len(pks), 1000):
            rows = through._default_manager.filter(
                content_type=content_type, object_id__in=pks[start : start + 1000]
            ).values_list("object_id", "tag__name")
            for pk, name in rows:
                found[pk].append(name)
        return {pk: sorted_tag_names(names) for pk, names in found.items()}

    def pre_delete(self, instance, **kwargs):
        super().pre_delete(instance, **kwargs)
        if self.tags_field is not None and isinstance(instance, self.cls):
            # The tagged items go with the row, before its deletion is recorded.
            instance._tag_names_when_deleted = self.tag_names(instance)

    def _keep_tags(self, sender, instance, history_instance, **kwargs):
        if history_instance.history_type == "-" and hasattr(instance, "_tag_names_when_deleted"):
            history_instance.tag_names = instance._tag_names_when_deleted
        else:
            history_instance.tag_names = self.tag_names(instance)

    def _tags_changed(self, sender, instance, action, **kwargs):
        """A change of tags outside ``one_version()``: a version, if the tags differ."""
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if not isinstance(instance, self.cls) or hasattr(instance, "skip_history_when_saving"):
            return
        if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            self.record_if_tags_changed(instance)

    def record_if_tags_changed(self, instance) -> None:
        """A version of ``instance`` unless its latest one already has these tags.

        taggit sends its signals even when nothing changes (``add()`` of tags already
        there, ``clear()`` of no tags): comparing keeps those from making versions.
        """
        latest = list(
            getattr(instance, self.manager_name)
            .order_by("-history_date", "-history_id")
            .values_list("tag_names", flat=True)[:1]
        )
        if latest and latest[0] == self.tag_names(instance):
            return
        self.create_historical_record(instance, "~")


class VersionedTags(_TaggableManager):
    """The ``tags`` manager of tracked models: ``tags.set()`` makes one version, not two.

    taggit's ``set()`` removes the tags that go, then adds those that come, each step
    sending its own signal: outside ``one_version()`` that would leave a half-made version
    (old tags removed, new ones not yet added) before the complete one. ``add()``,
    ``remove()`` and ``clear()`` are one step each and need no grouping.
    """

    def set(self, tags, **kwargs):
        instance = self.instance
        tracker = ContentHistory.tracker_for.get(type(instance))
        if tracker is None or hasattr(instance, "skip_history_when_saving"):
            return super().set(tags, **kwargs)
        instance.skip_history_when_saving = True
        try:
            super().set(tags, **kwargs)
        finally:
            del instance.skip_history_when_saving
        if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            tracker.record_if_tags_changed(instance)


SEARCH_COLUMNS = ("search_document", "search_vector", "facet_keys")


def content_history(m2m_fields=(), searchable=True):
    """History of a model: the given relations kept; search columns (derived) left out."""
    return ContentHistory(
        m2m_fields=list(m2m_fields),
        excluded_fields=list(SEARCH_COLUMNS) if searchable else [],
        cascade_delete_history=False,
    )


def record_version(instance, history_type: str = "~", user=None, reason: str = "") -> None:
    """Write one version of ``instance`` as it is now (fields and tracked relations)."""
    tracker = ContentHistory.tracker_for.get(type(instance))
    if tracker is None:
        return
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    if reason:
        instance._change_reason = reason[:CHANGE_REASON_MAX_LENGTH]
    try:
        tracker.create_historical_record(instance, history_type)
    finally:
        for attribute in ("_change_reason",):
            if hasattr(instance, attribute):
                delattr(instance, attribute)


@contextmanager
def one_version(instance, created: bool = False, user=None, reason: str = ""):
    """Save ``instance`` and its relations inside the block; record one version after."""
    instance.skip_history_when_saving = True
    try:
        yield
    except BaseException:
        del instance.skip_history_when_saving
        raise
    del instance.skip_history_when_saving
    if instance.pk is not None:
        record_version(instance, "+" if created else "~", user=user, reason=reason)


def suspend_history(instance) -> None:
    """Stop recording versions of ``instance`` until ``resume_history()`` records one."""
    instance.skip_history_when_saving = True


def resume_history(instance, created: bool = False, user=None, reason: str = "") -> None:
    if hasattr(instance, "skip_history_when_saving"):
        del instance.skip_history_when_saving
    if instance.pk is not None:
        record_version(instance, "+" if created else "~", user=user, reason=reason)


def ensure_baseline(model, pk, parts=()) -> None:
    """Record the stored state of a row (and of its inline ``parts``) that has no version yet.

    Rows loaded from fixtures or written before history existed have no version: the
    first tracked change would otherwise lose what they were. ``parts`` lists
    (model, foreign key name) of the rows edited inline with it. The baseline carries
    no author and is dated from the row's last modification (or its first version), so
    that restoring it brings back the inline rows of that time too.
    """
    if pk is None or model not in ContentHistory.tracker_for:
        return
    first = model.history.filter(id=pk).order_by("history_date").first()
    if first is not None:
        date = first.history_date
    else:
        current = model._default_manager.filter(pk=pk).first()
        if current is None:
            return
        date = getattr(current, "updated_at", None) or timezone.now()
        _record_baseline(current, date)
    for part_model, fk in parts:
        if part_model not in ContentHistory.tracker_for:
            continue
        tracked = part_model.history.filter(**{f"{fk}_id": pk}).values("id")
        for part in part_model._default_manager.filter(**{f"{fk}_id": pk}).exclude(pk__in=tracked):
            _record_baseline(part, date)


BASELINE_REASON = "État avant la première modification suivie"


def _record_baseline(instance, date) -> None:
    instance._history_user = None
    instance._history_date = date
    try:
        record_version(instance, "~", reason=BASELINE_REASON)
    finally:
        del instance._history_date


def bulk_record_versions(model, instances, created_pks=(), user=None, reason="") -> int:
    """One version per row of ``instances`` (saved rows of ``model``), in a few queries.

    What ``record_version`` does row by row — the fields and tags, then a copy of each
    tracked many-to-many relation — done per relation for all rows at once: the bulk
    import of thousands of rows writes its history in a handful of statements.
    """
    tracker = ContentHistory.tracker_for.get(model)
    instances = [instance for instance in instances if instance.pk is not None]
    if tracker is None or not instances:
        return 0
    history_model = model.history.model
    fields = tracker.fields_included(model)
    created_pks = set(created_pks)
    date = timezone.now()
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    tags = {}
    if tracker.tags_field is not None:
        tags = tracker.tag_names_by_pk([instance.pk for instance in instances])
    rows = [
        history_model(
            history_date=date,
            history_type="+" if instance.pk in created_pks else "~",
            history_user_id=user_id,
            history_change_reason=(reason or "")[:CHANGE_REASON_MAX_LENGTH] or None,
            **{field.attname: getattr(instance, field.attname) for field in fields},
            **({"tag_names": tags[instance.pk]} if tags else {}),
        )
        for instance in instances
    ]
    history_model.objects.bulk_create(rows, batch_size=500)
    version_of = {row.id: row.history_id for row in rows}
    if None in version_of.values():  # databases that do not return ids from bulk inserts
        version_of = dict(
            history_model.objects.filter(history_date=date, id__in=list(version_of)).values_list(
                "id", "history_id"
            )
        )
    pks = list(version_of)
    for field in tracker.get_m2m_fields_from_model(model):
        m2m_history = tracker.m2m_models[field]
        through = field.remote_field.through
        source = field.m2m_field_name()
        columns = [f.attname for f in through._meta.fields]
        copies = []
        for start in range(0, len(pks), 1000):
            links = through.objects.filter(
                **{f"{source}_id__in": pks[start : start + 1000]}
            ).values_list(*columns)
            for values in links:
                link = dict(zip(columns, values, strict=True))
                copies.append(m2m_history(history_id=version_of[link[f"{source}_id"]], **link))
        m2m_history.objects.bulk_create(copies, batch_size=1000)
    return len(rows)
