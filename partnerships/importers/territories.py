"""Import of the French administrative geography from files in INSEE's COG layout.

Four tables, each read from ``NAME.csv`` or ``NAME.csv.gz`` in one directory:

- ``regions``: ``REG``, ``CHEFLIEU``, ``LIBELLE`` (``v_region``);
- ``departements``: ``DEP``, ``REG``, ``CHEFLIEU``, ``LIBELLE`` (``v_departement``);
- ``communes``: ``TYPECOM``, ``COM``, ``REG``, ``DEP``, ``LIBELLE`` (``v_commune``; only
  ``TYPECOM=COM`` rows are read), plus the optional ``EPCI`` (SIREN of the commune's
  EPCI), ``POPULATION``, ``LAT`` and ``LON`` columns;
- ``epci``: ``EPCI``, ``LIBEPCI`` (INSEE's intercommunalité table).

Everything is read and checked before anything is written; the first problems found
are reported with their file and line, and the database is left as it was. The
import then diffs the wanted state against the database, so that a second run with
the same files writes nothing: territories are created, updated (names, populations,
coordinates, labels) or, when they disappeared from the files, deactivated (never
deleted, so content keeps its links); the closure table is brought to exactly the
wanted links of every territory in the files.

Populations of EPCI, départements, régions and France are the sums of their
communes'; the coordinates of a région or département are its chef-lieu's, those of
an EPCI its most populous commune's.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import time
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.text import slugify

from ..models.territory import (
    FRANCE_CODE,
    Territory,
    TerritoryLevel,
    TerritoryLink,
    context_for,
    normalize_name,
    search_key_for,
)

DEFAULT_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "territories"
MAX_REPORTED_ERRORS = 20
BATCH_SIZE = 2000

COUNTRY = TerritoryLevel.COUNTRY.value
REGION = TerritoryLevel.REGION.value
DEPARTMENT = TerritoryLevel.DEPARTMENT.value
EPCI = TerritoryLevel.EPCI.value
COMMUNE = TerritoryLevel.COMMUNE.value
LEVELS = (COUNTRY, REGION, DEPARTMENT, EPCI, COMMUNE)

REGION_CODE = re.compile(r"^\d{2}$")
DEPARTMENT_CODE = re.compile(r"^(?:\d{2}|2[AB]|\d{3})$")
COMMUNE_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
EPCI_CODE = re.compile(r"^\d{9}$")

# (file stem, required columns, optional columns)
TABLES = {
    "regions": (("REG", "CHEFLIEU", "LIBELLE"), ()),
    "departements": (("DEP", "REG", "CHEFLIEU", "LIBELLE"), ()),
    "epci": (("EPCI", "LIBEPCI"), ()),
    "communes": (
        ("TYPECOM", "COM", "REG", "DEP", "LIBELLE"),
        ("EPCI", "POPULATION", "LAT", "LON"),
    ),
}

# The fields the import owns; anything else on a territory (its id, its links from
# content) is left alone.
MANAGED_FIELDS = (
    "name",
    "slug",
    "search_name",
    "search_key",
    "context_label",
    "parent_names",
    "population",
    "latitude",
    "longitude",
    "is_active",
)


class TerritoryImportError(Exception):
    """The files cannot be imported; ``errors`` are "file, line N: problem" messages."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class Wanted:
    """A territory as the files describe it."""

    level: str
    code: str
    name: str
    population: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    # Ancestor key → depth, the territory itself excluded.
    ancestors: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.level, self.code)


@dataclass
class LevelCounts:
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    directory: Path
    levels: dict[str, LevelCounts] = field(
        default_factory=lambda: {level: LevelCounts() for level in LEVELS}
    )
    links_created: int = 0
    links_updated: int = 0
    links_deleted: int = 0
    reindexed: int = 0
    seconds: float = 0.0

    @property
    def links_changes(self) -> int:
        return self.links_created + self.links_updated + self.links_deleted

    @property
    def changes(self) -> int:
        """Territories created, updated or deactivated, plus links created, updated or deleted."""
        return self.links_changes + sum(
            counts.created + counts.updated + counts.deactivated for counts in self.levels.values()
        )


# Reading and checking the files ------------------------------------------------------------


class TableReader:
    """Reads one table and collects its problems as "file, ligne N : …" messages."""

    def __init__(self, directory: Path, stem: str, errors: list[str]):
        self.errors = errors
        self.rows: list[tuple[int, dict[str, str]]] = []
        self.columns: set[str] = set()
        candidates = [directory / f"{stem}.csv", directory / f"{stem}.csv.gz"]
        path = next((candidate for candidate in candidates if candidate.is_file()), None)
        self.name = path.name if path else f"{stem}.csv"
        if path is None:
            self.error(None, f"fichier introuvable dans {directory}")
            return
        required, optional = TABLES[stem]
        text = self._decode(path)
        if text is None:
            return
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [column.strip() for column in next(reader, [])]
            missing = [column for column in required if column not in header]
            if missing:
                self.error(1, f"colonne(s) manquante(s) : {', '.join(missing)}")
                return
            self.columns = {column for column in (*required, *optional) if column in header}
            for values in reader:
                if not values or values == [""]:
                    continue
                if len(values) != len(header):
                    self.error(
                        reader.line_num,
                        f"{len(values)} valeurs au lieu de {len(header)} (une par colonne)",
                    )
                    continue
                row = {column: value.strip() for column, value in zip(header, values, strict=True)}
                self.rows.append((reader.line_num, row))
        except csv.Error as error:
            self.error(reader.line_num, f"CSV illisible ({error})")

    def _decode(self, path: Path) -> str | None:
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            self.error(None, f"fichier illisible ({error})")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            self.error(line, "encodage invalide : le fichier doit être en UTF-8")
            return None

    def error(self, line: int | None, message: str) -> None:
        where = f"{self.name}, ligne {line}" if line else self.name
        self.errors.append(f"{where} : {message}")


def _code(reader, line, row, column, pattern, label) -> str | None:
    value = row[column].upper()
    if not pattern.match(value):
        reader.error(line, f"{label} « {row[column]} » invalide (colonne {column})")
        return None
    return value


def _name(reader, line, row, column) -> str | None:
    value = " ".join(row[column].split())
    if not value:
        reader.error(line, f"nom vide (colonne {column})")
        return None
    if len(value) > 200:
        reader.error(line, f"nom de plus de 200 caractères (colonne {column})")
        return None
    return value


def _number(reader, line, row, column, cast, low, high):
    value = row.get(column, "")
    if not value:
        return None
    try:
        number = cast(value)
    except ValueError:
        reader.error(line, f"nombre invalide « {value} » (colonne {column})")
        return None
    if isinstance(number, float) and not math.isfinite(number) or not low <= number <= high:
        reader.error(line, f"valeur hors limites « {value} » (colonne {column})")
        return None
    return number


def _unique(reader, line, seen: dict, code: str, label: str) -> bool:
    if code in seen:
        reader.error(line, f"{label} « {code} » en double")
        return False
    return True


def read_geography(directory: Path) -> dict[tuple[str, str], Wanted]:
    """Every territory the files describe, with its ancestors; raises TerritoryImportError."""
    directory = Path(directory)
    errors: list[str] = []
    if not directory.is_dir():
        raise TerritoryImportError([f"{directory} : dossier introuvable"])
    tables = {stem: TableReader(directory, stem, errors) for stem in TABLES}
    if errors:
        raise TerritoryImportError(errors[:MAX_REPORTED_ERRORS])

    regions: dict[str, Wanted] = {}
    chief_towns: dict[tuple[str, str], str] = {}
    reader = tables["regions"]
    for line, row in reader.rows:
        code = _code(reader, line, row, "REG", REGION_CODE, "code de région")
        name = _name(reader, line, row, "LIBELLE")
        if code and name and _unique(reader, line, regions, code, "région"):
            regions[code] = Wanted(REGION, code, name)
            chief_towns[(REGION, code)] = row["CHEFLIEU"].upper()

    departments: dict[str, Wanted] = {}
    department_region: dict[str, str] = {}
    reader = tables["departements"]
    for line, row in reader.rows:
        code = _code(reader, line, row, "DEP", DEPARTMENT_CODE, "code de département")
        name = _name(reader, line, row, "LIBELLE")
        region = row["REG"].upper()
        if region not in regions:
            reader.error(line, f"région « {row['REG']} » inconnue (absente de regions.csv)")
            continue
        if code and name and _unique(reader, line, departments, code, "département"):
            departments[code] = Wanted(DEPARTMENT, code, name)
            department_region[code] = region
            chief_towns[(DEPARTMENT, code)] = row["CHEFLIEU"].upper()

    epcis: dict[str, Wanted] = {}
    reader = tables["epci"]
    for line, row in reader.rows:
        code = _code(reader, line, row, "EPCI", EPCI_CODE, "SIREN d'EPCI")
        name = _name(reader, line, row, "LIBEPCI")
        if code and name and _unique(reader, line, epcis, code, "EPCI"):
            epcis[code] = Wanted(EPCI, code, name)

    communes: dict[str, Wanted] = {}
    commune_parents: dict[str, tuple[str, str, str | None]] = {}
    reader = tables["communes"]
    for line, row in reader.rows:
        if row["TYPECOM"] != "COM":
            continue  # communes déléguées, associées, arrondissements municipaux
        code = _code(reader, line, row, "COM", COMMUNE_CODE, "code de commune")
        name = _name(reader, line, row, "LIBELLE")
        department, region = row["DEP"].upper(), row["REG"].upper()
        epci = row.get("EPCI", "")
        population = _number(reader, line, row, "POPULATION", int, 0, 10**8)
        latitude = _number(reader, line, row, "LAT", float, -90, 90)
        longitude = _number(reader, line, row, "LON", float, -180, 180)
        if department not in departments:
            reader.error(line, f"département « {row['DEP']} » inconnu (absent de departements.csv)")
            continue
        if department_region[department] != region:
            reader.error(
                line,
                f"région « {row['REG']} » différente de celle du département {department} "
                f"({department_region[department]})",
            )
            continue
        if epci and epci not in epcis:
            reader.error(line, f"EPCI « {epci} » inconnu (absent de epci.csv)")
            continue
        if code and name and _unique(reader, line, communes, code, "commune"):
            has_point = latitude is not None and longitude is not None
            communes[code] = Wanted(
                COMMUNE,
                code,
                name,
                population,
                latitude if has_point else None,
                longitude if has_point else None,
            )
            commune_parents[code] = (department, region, epci or None)
        if len(errors) >= MAX_REPORTED_ERRORS:
            break
    if errors:
        raise TerritoryImportError(errors[:MAX_REPORTED_ERRORS])

    return _assemble(
        regions, departments, department_region, epcis, communes, commune_parents, chief_towns
    )


def _assemble(
    regions, departments, department_region, epcis, communes, commune_parents, chief_towns
) -> dict[tuple[str, str], Wanted]:
    france = (COUNTRY, FRANCE_CODE)
    wanted: dict[tuple[str, str], Wanted] = {france: Wanted(COUNTRY, FRANCE_CODE, "France")}
    for region in regions.values():
        region.ancestors = {france: 1}
    for code, department in departments.items():
        department.ancestors = {(REGION, department_region[code]): 1, france: 2}

    populations: dict[tuple[str, str], int] = defaultdict(int)
    counted: set[tuple[str, str]] = set()
    epci_departments: dict[str, set[str]] = defaultdict(set)
    epci_seat: dict[str, Wanted] = {}
    for code, commune in communes.items():
        department, region, epci = commune_parents[code]
        ancestors = {(DEPARTMENT, department): 1, (REGION, region): 2, france: 3}
        keys = [france, (REGION, region), (DEPARTMENT, department)]
        if epci:
            ancestors[(EPCI, epci)] = 1
            keys.append((EPCI, epci))
            epci_departments[epci].add(department)
            seat = epci_seat.get(epci)
            if seat is None or (commune.population or 0) > (seat.population or 0):
                epci_seat[epci] = commune
        commune.ancestors = ancestors
        if commune.population is not None:
            for key in keys:
                populations[key] += commune.population
                counted.add(key)

    for code, epci in epcis.items():
        ancestors = {france: 3}  # even for an EPCI without communes: never a child of France
        for department in epci_departments[code]:
            ancestors[(DEPARTMENT, department)] = 1
            ancestors[(REGION, department_region[department])] = 2
        epci.ancestors = ancestors
        seat = epci_seat.get(code)
        if seat is not None:
            epci.latitude, epci.longitude = seat.latitude, seat.longitude

    for territory in (*regions.values(), *departments.values()):
        chief_town = communes.get(chief_towns[territory.key])
        if chief_town is not None:
            territory.latitude, territory.longitude = chief_town.latitude, chief_town.longitude

    for group in (regions, departments, epcis, communes):
        for territory in group.values():
            wanted[territory.key] = territory
    for key, territory in wanted.items():
        if territory.level != COMMUNE:
            territory.population = populations[key] if key in counted else None
    return wanted


# Writing ------------------------------------------------------------------------------------


def _managed_values(territory: Wanted, names: dict[tuple[str, str], str]) -> dict:
    context_label, parent_names = context_for(
        territory.level, ((key[0], names[key]) for key in territory.ancestors)
    )
    return {
        "name": territory.name,
        "slug": slugify(territory.name)[:200] or territory.code.lower(),
        "search_name": normalize_name(territory.name),
        "search_key": search_key_for(territory.name),
        "context_label": context_label,
        "parent_names": parent_names,
        "population": territory.population,
        "latitude": territory.latitude,
        "longitude": territory.longitude,
        "is_active": True,
    }


def _chunks(items: list, size: int = BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _update_rows(model, rows: list[dict], fields: tuple[str, ...]) -> None:
    """UPDATE … WHERE id = … for each row, as one executemany (bulk_update's CASE is slow)."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    db_fields = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(db_field.column)} = %s" for db_field in db_fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    params = [
        [
            db_field.get_db_prep_save(row[db_field.name], connection=connection)
            for db_field in db_fields
        ]
        + [row["id"]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        for chunk in _chunks(params):
            cursor.executemany(sql, chunk)


def _insert_rows(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Multi-row INSERTs of plain values: for the ~180,000 links, building model instances
    for ``bulk_create`` costs more than the database does."""
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # SQLite allows 999 parameters per statement in its most conservative builds.
    size = BATCH_SIZE if connection.vendor == "postgresql" else 999 // len(fields)
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, size):
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
                + ", ".join([placeholder] * len(chunk)),
                [value for row in chunk for value in row],
            )


def write_geography(wanted: dict[tuple[str, str], Wanted], report: ImportReport) -> None:
    """Bring the database to ``wanted``; call inside a transaction."""
    names = {key: territory.name for key, territory in wanted.items()}
    values = {key: _managed_values(territory, names) for key, territory in wanted.items()}

    existing = {
        (row["level"], row["code"]): row
        for row in Territory.objects.values("id", "level", "code", *MANAGED_FIELDS)
    }
    to_create, to_update = [], []
    for key, fields in values.items():
        row = existing.get(key)
        counts = report.levels[key[0]]
        if row is None:
            to_create.append(Territory(level=key[0], code=key[1], **fields))
            counts.created += 1
            continue
        if key[0] == COUNTRY:
            # France is seeded by a migration and named by curators, not by the files.
            fields.update(name=row["name"], slug=row["slug"], search_name=row["search_name"])
            fields["search_key"] = search_key_for(row["name"])
        if any(row[name] != value for name, value in fields.items()):
            to_update.append({"id": row["id"], **fields})
            counts.updated += 1
        else:
            counts.unchanged += 1
    to_deactivate = []
    for key, row in existing.items():
        if key not in values and row["is_active"] and key[0] != COUNTRY:
            to_deactivate.append(row["id"])
            report.levels[key[0]].deactivated += 1

    Territory.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    _update_rows(Territory, to_update, MANAGED_FIELDS)
    for chunk in _chunks(to_deactivate, 500):
        Territory.objects.filter(pk__in=chunk).update(is_active=False)

    ids = {
        (level, code): pk
        for level, code, pk in Territory.objects.values_list("level", "code", "id")
    }
    wanted_links: dict[int, dict[int, int]] = {}
    for key, territory in wanted.items():
        pk = ids[key]
        links = {ids[ancestor]: depth for ancestor, depth in territory.ancestors.items()}
        links[pk] = 0
        wanted_links[pk] = links

    links_to_delete, links_to_update = [], []
    for link_id, territory_id, ancestor_id, depth in (
        TerritoryLink.objects.order_by()
        .values_list("id", "territory_id", "ancestor_id", "depth")
        .iterator(chunk_size=10000)
    ):
        links = wanted_links.get(territory_id)
        if links is None:
            continue  # a territory no longer in the files keeps its links
        wanted_depth = links.pop(ancestor_id, None)
        if wanted_depth is None:
            links_to_delete.append(link_id)
        elif wanted_depth != depth:
            links_to_update.append({"id": link_id, "depth": wanted_depth})
    links_to_create = [
        (territory_id, ancestor_id, depth)
        for territory_id, links in wanted_links.items()
        for ancestor_id, depth in links.items()
    ]
    for chunk in _chunks(links_to_delete, 500):
        TerritoryLink.objects.filter(pk__in=chunk).delete()
    _update_rows(TerritoryLink, links_to_update, ("depth",))
    _insert_rows(TerritoryLink, ("territory", "ancestor", "depth"), links_to_create)
    report.links_created = len(links_to_create)
    report.links_updated = len(links_to_update)
    report.links_deleted = len(links_to_delete)
    if report.changes:
        analyze(Territory, TerritoryLink)


def analyze(*models) -> None:
    """Refresh the planner's statistics after a bulk load.

    Without them SQLite joins the closure table in the wrong order (seconds instead of
    milliseconds) and PostgreSQL waits for autovacuum to notice ~200,000 new rows.
    """
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def reindex_content() -> int:
    """Territory names and the hierarchy feed every search document and facet key."""
    from partnerships.search import document, generation

    generation.bump()
    return sum(document.rebuild(model) for model in document.searchable_models())


def import_territories(directory: Path | str | None = None, *, dry_run: bool = False):
    """Read, check, then write the geography in one transaction; returns an ImportReport.

    Raises TerritoryImportError, with nothing written, when the files are not right.
    """
    started = time.perf_counter()
    directory = Path(directory) if directory else DEFAULT_DIRECTORY
    wanted = read_geography(directory)
    report = ImportReport(directory=directory)
    with transaction.atomic():
        write_geography(wanted, report)
        if dry_run:
            transaction.set_rollback(True)
        elif report.changes:
            report.reindexed = reindex_content()
    report.seconds = time.perf_counter() - started
    return report
