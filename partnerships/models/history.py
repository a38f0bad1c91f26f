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
