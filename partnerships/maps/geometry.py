"""Département shapes of France as SVG paths, computed once per process.

The boundaries come from the project's territories snapshot
(``fixtures/territories/departements.geojson``, WGS84, simplified). They are
projected to SVG coordinates (an equirectangular projection with the parallels
of metropolitan France shortened, close enough to Lambert-93 at this size), then
simplified with Douglas-Peucker and written as compact relative paths. The five
overseas départements are drawn in insets, each at its own scale.

Nothing is fetched or parsed per request: ``departement_shapes()`` is cached.
"""

import csv
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

TERRITORIES_DIR = Path(settings.BASE_DIR) / "fixtures" / "territories"

# Metropolitan France (with Corsica): the projected window.
METRO_WEST, METRO_EAST = -5.2, 9.6
METRO_SOUTH, METRO_NORTH = 41.3, 51.15
METRO_SCALE = 56.0  # SVG units per degree of latitude
METRO_ORIGIN = (150.0, 8.0)  # top-left corner of the metropolitan window
TOLERANCE = 0.8  # Douglas-Peucker tolerance, in SVG units
MIN_RING_AREA = 1.5  # rings smaller than this (in square SVG units) are left out

# Overseas départements: drawn in a column of insets on the left, in this order.
OVERSEAS = ("971", "972", "973", "974", "976")
INSET_X, INSET_Y = 8.0, 8.0
INSET_WIDTH, INSET_HEIGHT = 118.0, 92.0
INSET_GAP = 20.0  # room under each inset for its name
INSET_PADDING = 8.0


@dataclass(frozen=True)
class Inset:
    code: str
    name: str
    x: float
    y: float
    width: float
    height: float

    @property
    def label_y(self) -> float:
        return self.y + self.height + 14


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    region_code: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class FranceGeometry:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    insets: tuple[Inset, ...]


def douglas_peucker(points: list[tuple[float, float]], tolerance: float):
    """The points of a polyline that stay within ``tolerance`` of the original."""
    count = len(points)
    if count < 3:
        return points
    keep = [False] * count
    keep[0] = keep[-1] = True
    stack = [(0, count - 1)]
    limit = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        farthest, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
                distance = (ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2
            if distance > farthest:
                farthest, index = distance, i
        if farthest > limit:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_area(points) -> float:
    following = points[1:] + points[:1]
    pairs = zip(points, following, strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def encode_ring(points: list[tuple[int, int]]) -> str:
    """``M x y l dx dy … z`` with integer coordinates: about half the bytes of absolute ones."""
    x0, y0 = points[0]
    parts = [f"M{x0} {y0}l"]
    deltas = []
    for (px, py), (x, y) in zip(points, points[1:], strict=False):
        if (x, y) != (px, py):
            deltas.append(f"{x - px} {y - py}")
    parts.append(" ".join(deltas))
    parts.append("z")
    return "".join(parts)


def polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def shape_path(rings, project) -> tuple[str, tuple[float, float]]:
    """The SVG path of some lon/lat rings, and the centre of its largest ring (for labels)."""
    encoded = []
    largest, centre = 0.0, (0.0, 0.0)
    for ring in rings:
        projected = [project(lon, lat) for lon, lat in ring]
        area = ring_area(projected)
        if area < MIN_RING_AREA:
            continue
        simplified = douglas_peucker(projected, TOLERANCE)
        rounded = [(round(x), round(y)) for x, y in simplified]
        if len(set(rounded)) < 3:
            continue
        encoded.append(encode_ring(rounded))
        if area > largest:
            xs = [x for x, _y in projected]
            ys = [y for _x, y in projected]
            largest = area
            centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return "".join(encoded), centre


def metro_projection(lon: float, lat: float) -> tuple[float, float]:
    shrink = math.cos(math.radians((METRO_NORTH + METRO_SOUTH) / 2))
    x0, y0 = METRO_ORIGIN
    return (
        x0 + (lon - METRO_WEST) * shrink * METRO_SCALE,
        y0 + (METRO_NORTH - lat) * METRO_SCALE,
    )


def inset_projection(rings, box: Inset):
    """A projection that fits ``rings`` (outer rings of one département) into ``box``."""
    lons = [lon for ring in rings for lon, _lat in ring]
    lats = [lat for ring in rings for _lon, lat in ring]
    shrink = math.cos(math.radians((max(lats) + min(lats)) / 2))
    span_x = (max(lons) - min(lons)) * shrink
    span_y = max(lats) - min(lats)
    scale = min((box.width - 2 * INSET_PADDING) / span_x, (box.height - 2 * INSET_PADDING) / span_y)
    offset_x = box.x + (box.width - span_x * scale) / 2
    offset_y = box.y + (box.height - span_y * scale) / 2
    west, north = min(lons), max(lats)

    def project(lon, lat):
        return offset_x + (lon - west) * shrink * scale, offset_y + (north - lat) * scale

    return project


def read_regions_of_departements(directory: Path) -> dict[str, str]:
    with (directory / "departements.csv").open(encoding="utf-8", newline="") as handle:
        return {row["DEP"]: row["REG"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def region_names(directory: Path = TERRITORIES_DIR) -> dict[str, str]:
    with (directory / "regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["REG"]: row["LIBELLE"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def france_geometry(directory: Path = TERRITORIES_DIR) -> FranceGeometry:
    """Every département as an SVG path (overseas ones in insets), computed once."""
    with (directory / "departements.geojson").open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    regions = read_regions_of_departements(directory)
    shapes, insets = [], []
    by_code = {feature["properties"]["code"]: feature for feature in features}
    metro_width = (
        (METRO_EAST - METRO_WEST)
        * math.cos(math.radians((METRO_NORTH + METRO_SOUTH) / 2))
        * METRO_SCALE
    )
    metro_height = (METRO_NORTH - METRO_SOUTH) * METRO_SCALE
    for code in sorted(by_code):
        feature = by_code[code]
        name = feature["properties"]["nom"]
        rings = [ring for polygon in polygons(feature["geometry"]) for ring in polygon]
        outer_rings = [polygon[0] for polygon in polygons(feature["geometry"])]
        if code in OVERSEAS:
            index = OVERSEAS.index(code)
            box = Inset(
                code=code,
                name=name,
                x=INSET_X,
                y=INSET_Y + index * (INSET_HEIGHT + INSET_GAP),
                width=INSET_WIDTH,
                height=INSET_HEIGHT,
            )
            insets.append(box)
            project = inset_projection(outer_rings, box)
        else:
            project = metro_projection
        # Holes (enclaves such as the Enclave des papes) are kept: drawn with evenodd.
        path, (label_x, label_y) = shape_path(rings, project)
        shapes.append(
            Shape(
                code=code,
                name=name,
                region_code=regions.get(code, ""),
                path=path,
                label_x=round(label_x, 1),
                label_y=round(label_y, 1),
            )
        )
    width = math.ceil(METRO_ORIGIN[0] + metro_width + 8)
    height = math.ceil(
        max(METRO_ORIGIN[1] + metro_height, INSET_Y + len(OVERSEAS) * (INSET_HEIGHT + INSET_GAP))
        + 4
    )
    insets.sort(key=lambda inset: OVERSEAS.index(inset.code))
    return FranceGeometry(width=width, height=height, shapes=tuple(shapes), insets=tuple(insets))
