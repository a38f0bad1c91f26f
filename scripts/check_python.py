"""Stop early, with a clear message, when the interpreter is too old."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 - runs before the venv exists
    sys.exit(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}.")
