"""Create the PostgreSQL database named by a URL if it does not exist yet."""

import sys
from urllib.parse import urlparse

import psycopg2
from psycopg2 import sql


def main(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    connection = psycopg2.connect(admin_url, connect_timeout=5)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1])
