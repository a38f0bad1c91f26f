"""When to recompute search documents: now, or once at the end of a bulk operation.

``schedule(model, pks)`` recomputes right away, or, inside ``deferred()``,
collects the rows and recomputes each once when the outermost block ends.
Taggit and m2m signals fire several times per admin save: deferring within the
request's transaction would be nicer still, but recomputing one row is cheap.
"""

import threading
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager

from . import document, generation

_state = threading.local()


def _pending() -> dict | None:
    return getattr(_state, "pending", None)


def schedule(model, pks: Iterable[int]) -> None:
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    generation.bump()
    pending = _pending()
    if pending is not None:
        pending[model].update(pks)
    else:
        document.refresh(model, pks)


@contextmanager
def deferred():
    """Collect scheduled rows and index them once when the outermost block exits."""
    if _pending() is not None:
        yield
        return
    _state.pending = defaultdict(set)
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    for model, pks in pending.items():
        document.refresh(model, sorted(pks))
