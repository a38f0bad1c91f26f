"""Print the PostgreSQL URL the test suite should use.

DATABASE_URL wins when it names PostgreSQL: if that server does not answer,
exit 2 (``make test`` then fails: someone asked for PostgreSQL). Without
DATABASE_URL a local server on 127.0.0.1:5432 (trust authentication, database
``postgres``) is tried; exit 1 when none answers or DATABASE_URL names another
database (``make test`` then runs on SQLite only).
"""

import os
import sys

LOCAL_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if url and not url.startswith(("postgres://", "postgresql://")):
        print(f"DATABASE_URL names no PostgreSQL database ({url})", file=sys.stderr)
        return 1
    asked = bool(url)
    url = url or LOCAL_URL
    try:
        import psycopg2

        psycopg2.connect(url, connect_timeout=3).close()
    except Exception as error:  # noqa: BLE001 - any failure means "not available"
        print(f"PostgreSQL unavailable at {url}: {error}", file=sys.stderr)
        return 2 if asked else 1
    print(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
