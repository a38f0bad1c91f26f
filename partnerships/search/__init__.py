"""Search: query parsing, full-text backends, facets, the search document."""

from . import tuning  # noqa: F401  (connects the PostgreSQL session settings)
