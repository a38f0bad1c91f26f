"""The territory import on small hand-made files in the COG layout (tests/data/territories)."""

import gzip
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from partnerships.importers.territories import DEFAULT_DIRECTORY, import_territories
from partnerships.models import Resource, Territory, TerritoryLevel, TerritoryLink
from tests import factories

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "territories"
VALID = DATA / "valid"


def run(directory, *args) -> str:
    out = StringIO()
    call_command("import_territories", str(directory), *args, stdout=out)
    return out.getvalue()


def territory(level, code) -> Territory:
    return Territory.objects.get(level=level, code=code)


def ancestors(level, code) -> dict[tuple[str, str], int]:
    links = TerritoryLink.objects.filter(territory=territory(level, code)).select_related(
        "ancestor"
    )
    return {(link.ancestor.level, link.ancestor.code): link.depth for link in links}


def snapshot():
    return (
        sorted(Territory.objects.values_list("level", "code", "name", "population", "is_active")),
        sorted(TerritoryLink.objects.values_list("territory_id", "ancestor_id", "depth")),
    )


@pytest.fixture
def files(tmp_path) -> Path:
    """A writable copy of the valid files."""
    directory = tmp_path / "cog"
    shutil.copytree(VALID, directory)
    return directory


def replace_line(path: Path, old: str, new: str | None) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    matching = [line for line in lines if line.startswith(old)]
    assert len(matching) == 1, old
    lines[lines.index(matching[0])] = new + "\n" if new is not None else ""
    path.write_text("".join(lines), encoding="utf-8")


class TestFirstImport:
    def test_creates_every_level_and_reports_it(self):
        output = run(VALID)
        counts = {
            level: Territory.objects.filter(level=level).count() for level in TerritoryLevel.values
        }
        assert counts == {"country": 1, "region": 3, "department": 5, "epci": 4, "commune": 9}
        assert not Territory.objects.filter(code="01999").exists()  # the COMD row is skipped
        assert "communes" in output and "9 créés" in output
        assert "3 créés" in output and "5 créés" in output and "4 créés" in output
        assert " s" in output.splitlines()[0]  # elapsed time

    def test_commune_is_linked_to_its_epci_department_region_and_france(self):
        run(VALID)
        assert ancestors("commune", "69123") == {
            ("commune", "69123"): 0,
            ("epci", "200046977"): 1,
            ("department", "69"): 1,
            ("region", "84"): 2,
            ("country", "FR"): 3,
        }

    def test_straddling_epci_touches_both_departments_but_its_communes_only_their_own(self):
        run(VALID)
        assert ancestors("epci", "200070852") == {
            ("epci", "200070852"): 0,
            ("department", "01"): 1,
            ("department", "74"): 1,
            ("region", "84"): 2,
            ("country", "FR"): 3,
        }
        anglefort = ancestors("commune", "01010")
        assert ("epci", "200070852") in anglefort
        assert ("department", "01") in anglefort
        assert ("department", "74") not in anglefort
        haute_savoie = territory("department", "74")
        assert set(haute_savoie.children().values_list("code", flat=True)) == {
            "200070852",
            "74029",
        }

    def test_commune_without_epci_and_overseas_commune(self):
        run(VALID)
        assert ancestors("commune", "29155") == {
            ("commune", "29155"): 0,
            ("department", "29"): 1,
            ("region", "53"): 2,
            ("country", "FR"): 3,
        }
        assert ancestors("commune", "97101") == {
            ("commune", "97101"): 0,
            ("epci", "200018653"): 1,
            ("department", "971"): 1,
            ("region", "01"): 2,
            ("country", "FR"): 3,
        }

    def test_epci_without_communes_is_not_a_child_of_france(self, files):
        with (files / "epci.csv").open("a", encoding="utf-8") as epci:
            epci.write("200099999,Communauté de communes sans communes,CC,0\n")
        run(files)
        assert ancestors("epci", "200099999") == {
            ("epci", "200099999"): 0,
            ("country", "FR"): 3,
        }
        assert territory("epci", "200099999").population is None
        france = territory("country", "FR")
        assert set(france.children().values_list("level", flat=True)) == {"region"}

    def test_populations_are_summed_from_the_communes(self):
        run(VALID)
        assert territory("epci", "200070852").population == 1115 + 999 + 413
        assert territory("department", "01").population == 1115 + 41527 + 999
        assert territory("region", "84").population == 1115 + 41527 + 999 + 413 + 516092 + 147712
        # Basse-Terre has no population: the sum is over the communes that have one.
        assert territory("commune", "97105").population is None
        assert territory("department", "971").population == 53491
        assert territory("country", "FR").population == sum(
            Territory.objects.filter(level="commune")
            .exclude(population=None)
            .values_list("population", flat=True)
        )

    def test_coordinates_names_and_labels(self):
        run(VALID)
        ain = territory("department", "01")
        assert (ain.latitude, ain.longitude) == (46.20513, 5.22523)  # its chef-lieu
        usses = territory("epci", "200070852")
        assert (usses.latitude, usses.longitude) == (45.91360, 5.80892)  # most populous commune
        abymes = territory("commune", "97101")
        assert abymes.name == "Les Abymes"  # LIBELLE, with the article
        assert abymes.search_name == "les abymes"
        assert abymes.slug == "les-abymes"
        assert abymes.label == "Les Abymes (971) — Guadeloupe, Guadeloupe"
        anglefort = territory("commune", "01010")
        assert anglefort.parent_names == [
            "Communauté de communes Usses et Rhône",
            "Ain",
            "Auvergne-Rhône-Alpes",
        ]
        assert anglefort.label == "Anglefort (01) — Ain, Auvergne-Rhône-Alpes"
        assert usses.label == (
            "Communauté de communes Usses et Rhône — Ain, Haute-Savoie, Auvergne-Rhône-Alpes"
        )
        assert territory("department", "69").label == "Rhône (69) — Auvergne-Rhône-Alpes"
        assert territory("country", "FR").name == "France"

    def test_reads_gzip_files(self, files):
        communes = files / "communes.csv"
        with gzip.open(files / "communes.csv.gz", "wb") as compressed:
            compressed.write(communes.read_bytes())
        communes.unlink()
        run(files)
        assert Territory.objects.filter(level="commune").count() == 9

    def test_default_directory_is_the_shipped_snapshot(self):
        assert DEFAULT_DIRECTORY.is_dir()
        for name in ("regions.csv", "departements.csv", "epci.csv", "communes.csv.gz"):
            assert (DEFAULT_DIRECTORY / name).is_file()


class TestReimport:
    def test_second_run_changes_nothing(self):
        run(VALID)
        before = snapshot()
        output = run(VALID)
        assert "Aucun changement" in output
        assert "0 créés,      0 mis à jour" in output
        assert snapshot() == before
        report = import_territories(VALID)
        assert report.changes == 0

    def test_names_and_populations_are_updated(self, files):
        run(VALID)
        lyon_id = territory("commune", "69123").pk
        replace_line(
            files / "communes.csv",
            "COM,69123,",
            "COM,69123,84,69,,,0,LYON,Lyon,Lyon-sur-Rhône,,,200046977,520000,45.76769,4.83537",
        )
        report = import_territories(files)
        assert report.levels["commune"].updated == 1
        # The sums above it follow: the EPCI, the département, the région and France.
        assert report.levels["epci"].updated == 1
        assert report.levels["department"].updated == 1
        assert report.levels["region"].updated == 1
        assert report.levels["country"].updated == 1
        assert report.levels["commune"].created == 0
        lyon = territory("commune", "69123")
        assert lyon.pk == lyon_id
        assert (lyon.name, lyon.population) == ("Lyon-sur-Rhône", 520000)
        assert (lyon.slug, lyon.search_name) == ("lyon-sur-rhone", "lyon sur rhone")
        assert territory("epci", "200046977").population == 520000 + 147712
        assert import_territories(files).changes == 0

    def test_renamed_department_updates_its_communes_labels(self, files):
        run(VALID)
        replace_line(files / "departements.csv", "69,", "69,84,69123,2,RHONE,Rhône,Rhône (nouveau)")
        report = import_territories(files)
        assert report.levels["department"].updated == 1
        assert report.levels["commune"].updated == 2  # Lyon and Villeurbanne's labels
        assert territory("commune", "69266").label == (
            "Villeurbanne (69) — Rhône (nouveau), Auvergne-Rhône-Alpes"
        )

    def test_commune_moving_to_another_epci_gets_new_links(self, files):
        run(VALID)
        replace_line(
            files / "communes.csv",
            "COM,01407,",
            "COM,01407,84,01,,,0,SEYSSEL,Seyssel,Seyssel,,,200071751,999,45.95723,5.83101",
        )
        report = import_territories(files)
        assert report.links_created == 1 and report.links_deleted == 1
        assert ("epci", "200071751") in ancestors("commune", "01407")
        assert ("epci", "200070852") not in ancestors("commune", "01407")

    def test_removed_territory_is_deactivated_and_keeps_its_links(self, files):
        run(VALID)
        bassy = territory("commune", "74029")
        resource = factories.ResourceFactory(coverage=[bassy])
        replace_line(files / "communes.csv", "COM,74029,", None)
        output = run(files)
        assert "1 désactivés" in output
        bassy.refresh_from_db()
        assert bassy.is_active is False
        assert list(bassy.resources.all()) == [resource]
        assert list(Resource.objects.for_territory(bassy)) == [resource]
        assert list(Resource.objects.within(territory("department", "74"))) == [resource]
        assert ("department", "74") in ancestors("commune", "74029")
        # The EPCI no longer touches the Haute-Savoie.
        assert ("department", "74") not in ancestors("epci", "200070852")
        assert import_territories(files).changes == 0
        # Back in the files, it is active again, with the same id.
        report = import_territories(VALID)
        assert report.levels["commune"].updated == 1 and report.levels["commune"].created == 0
        bassy.refresh_from_db()
        assert bassy.is_active is True

    def test_dry_run_writes_nothing(self):
        before = snapshot()
        output = run(VALID, "--dry-run")
        assert "simulation" in output and "9 créés" in output
        assert snapshot() == before


MALFORMED = [
    ("communes_missing_column.csv", "communes.csv, ligne 1", "DEP"),
    ("communes_unknown_department.csv", "communes.csv, ligne 3", "« 99 » inconnu"),
    ("communes_unknown_epci.csv", "communes.csv, ligne 3", "999999999"),
    ("communes_bad_population.csv", "communes.csv, ligne 2", "beaucoup"),
    ("communes_wrong_columns.csv", "communes.csv, ligne 3", "valeurs"),
    ("communes_bad_encoding.csv", "communes.csv, ligne 4", "UTF-8"),
    ("departements_unknown_region.csv", "departements.csv, ligne 4", "« 99 » inconnue"),
    ("epci_bad_code.csv", "epci.csv, ligne 3", "12AB"),
]


class TestMalformedFiles:
    @pytest.mark.parametrize(("broken", "where", "what"), MALFORMED)
    def test_stops_with_file_and_line_and_changes_nothing(self, files, broken, where, what):
        run(VALID)
        before = snapshot()
        table = broken.split("_")[0]
        shutil.copy(DATA / "malformed" / broken, files / f"{table}.csv")
        with pytest.raises(CommandError) as error:
            run(files)
        message = str(error.value)
        assert where in message
        assert what in message
        assert "rien n'a été modifié" in message
        assert snapshot() == before

    def test_on_an_empty_database_nothing_is_written(self, files):
        shutil.copy(DATA / "malformed" / "communes_unknown_epci.csv", files / "communes.csv")
        with pytest.raises(CommandError):
            run(files)
        assert list(Territory.objects.values_list("code", flat=True)) == ["FR"]

    def test_missing_file_and_missing_directory(self, files, tmp_path):
        (files / "epci.csv").unlink()
        with pytest.raises(CommandError, match=r"epci\.csv : fichier introuvable"):
            run(files)
        with pytest.raises(CommandError, match="dossier introuvable"):
            run(tmp_path / "nowhere")

    def test_corrupt_gzip(self, files):
        (files / "communes.csv").unlink()
        (files / "communes.csv.gz").write_bytes(b"not gzip at all")
        with pytest.raises(CommandError, match=r"communes\.csv\.gz : fichier illisible"):
            run(files)

    def test_duplicate_code(self, files):
        with (files / "regions.csv").open("a", encoding="utf-8") as regions:
            regions.write("84,69123,1,ARA,Auvergne-Rhône-Alpes,Auvergne-Rhône-Alpes bis\n")
        with pytest.raises(CommandError, match=r"regions\.csv, ligne 5 : région « 84 » en double"):
            run(files)


class TestContentFollowsTheGeography:
    """Territory names and the hierarchy are part of the search index of content."""

    def test_a_commune_moved_to_another_department_moves_its_content_in_the_facets(
        self, files, client
    ):
        run(files)
        resource = factories.ResourceFactory(title="Atelier mobilité à Anglefort")
        resource.coverage.set([territory("commune", "01010")])
        listing = "/ressources/?region=84&department="
        assert resource.title in client.get(listing + "01").content.decode()
        assert resource.title not in client.get(listing + "74").content.decode()

        replace_line(
            files / "communes.csv",
            "COM,01010,",
            "COM,01010,84,74,,,1,ANGLEFORT,Anglefort,Anglefort,,,200070852,1115,45.9,5.8",
        )
        output = run(files)

        assert "Index de recherche recalculé pour 1 contenus" in output
        assert resource.title in client.get(listing + "74").content.decode()
        assert resource.title not in client.get(listing + "01").content.decode()

    def test_a_renamed_commune_is_found_under_its_new_name(self, files, client):
        run(files)
        resource = factories.ResourceFactory(title="Atelier mobilité")
        resource.coverage.set([territory("commune", "01010")])
        replace_line(
            files / "communes.csv",
            "COM,01010,",
            "COM,01010,84,01,,,1,ANGLEFORT,Anglefort,Anglefortville,,,200070852,1115,45.9,5.8",
        )
        run(files)
        page = client.get("/ressources/?q=anglefortville").content.decode()
        assert "Atelier mobilité" in page
