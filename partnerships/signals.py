"""Signal handlers of the domain app (kept in one place, connected in apps.ready)."""
