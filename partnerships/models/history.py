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
"""

from contextlib import contextmanager

from django.utils import timezone
from simple_history.models import HistoricalRecords

CHANGE_REASON_MAX_LENGTH = 100


class ContentHistory(HistoricalRecords):
    """``HistoricalRecords`` that remembers, per model, the instance that tracks it."""

    tracker_for: dict[type, "ContentHistory"] = {}

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            ContentHistory.tracker_for[sender] = self
            # simple-history names the app package as the module of the models it makes,
            # where they are not importable (``manage.py shell`` complains); they live
            # in the tracked model's module.
            m2m_models = [self.m2m_models[f] for f in self.get_m2m_fields_from_model(sender)]
            for model in (getattr(sender, self.manager_name).model, *m2m_models):
                model.__module__ = self.module


SEARCH_COLUMNS = ("search_document", "search_vector")


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

    What ``record_version`` does row by row — the fields, then a copy of each tracked
    many-to-many relation — done per relation for all rows at once: the bulk import of
    thousands of rows writes its history in a handful of statements.
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
    rows = [
        history_model(
            history_date=date,
            history_type="+" if instance.pk in created_pks else "~",
            history_user_id=user_id,
            history_change_reason=(reason or "")[:CHANGE_REASON_MAX_LENGTH] or None,
            **{field.attname: getattr(instance, field.attname) for field in fields},
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
