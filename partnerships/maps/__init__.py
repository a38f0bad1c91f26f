"""The map of France: départements shaded by their number of published case studies.

``case_study_map()`` returns what ``includes/france_map.html`` draws: one link per
département (to the case-study listing filtered on its région and département,
the same filter that counts it), a title per shape, the legend and the rows of
the table alternative. The geometry is cached per process (see ``geometry``);
the counts cost one grouped query.
"""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import CaseStudy, TerritoryLevel
from .geometry import FranceGeometry, Shape, france_geometry, region_names

__all__ = ["case_study_counts", "case_study_map", "classes_for", "france_geometry"]

CLASS_COUNT = 4  # shades for départements with at least one case study


@dataclass(frozen=True)
class MapDepartement:
    shape: Shape
    count: int
    level: int  # 0 (none) to CLASS_COUNT (most)
    url: str
    title: str
    region_name: str

    @property
    def code(self) -> str:
        return self.shape.code

    @property
    def name(self) -> str:
        return self.shape.name


def case_study_counts() -> dict[str, int]:
    """Published case studies located in each département (its main territory is in it)."""
    link = "main_territory__ancestor_links__ancestor"
    rows = (
        CaseStudy.objects.published()
        .filter(**{f"{link}__level": TerritoryLevel.DEPARTMENT})
        .order_by()
        .values_list(f"{link}__code")
        .annotate(n=Count("pk", distinct=True))
        .values_list(f"{link}__code", "n")
    )
    return dict(rows)


def classes_for(maximum: int) -> list[tuple[int, int]]:
    """Count ranges (low, high) of the shades 1…n: one per count up to 4, else 4 even steps."""
    if maximum <= 0:
        return []
    if maximum <= CLASS_COUNT:
        return [(count, count) for count in range(1, maximum + 1)]
    highs = [math.ceil(maximum * step / CLASS_COUNT) for step in range(1, CLASS_COUNT + 1)]
    ranges, low = [], 1
    for high in highs:
        if high >= low:
            ranges.append((low, high))
            low = high + 1
    return ranges


def level_of(count: int, ranges: list[tuple[int, int]]) -> int:
    """The shade (1…CLASS_COUNT) of ``count``: fewer ranges than shades spread over the scale,
    so that one or two case studies still stand out from none."""
    for index, (_low, high) in enumerate(ranges, start=1):
        if count <= high:
            return math.ceil(index * CLASS_COUNT / len(ranges))
    return 0


def shape_title(shape: Shape, count: int) -> str:
    if count == 0:
        figure = _("aucun retour d'expérience")
    else:
        figure = ngettext(
            "%(count)d retour d'expérience", "%(count)d retours d'expérience", count
        ) % {"count": count}
    return f"{shape.name} ({shape.code}) : {figure}"


def listing_url(shape: Shape) -> str:
    query = urlencode([("region", shape.region_code), ("department", shape.code)])
    return f"{reverse('partnerships:case_study_list')}?{query}"


def case_study_map(geometry: FranceGeometry | None = None) -> dict:
    geometry = geometry or france_geometry()
    counts = case_study_counts()
    ranges = classes_for(max(counts.values(), default=0))
    regions = region_names()
    departements = []
    for shape in geometry.shapes:
        count = counts.get(shape.code, 0)
        departements.append(
            MapDepartement(
                shape=shape,
                count=count,
                level=level_of(count, ranges) if count else 0,
                url=listing_url(shape),
                title=shape_title(shape, count),
                region_name=regions.get(shape.region_code, ""),
            )
        )
    legend = [{"level": 0, "label": _("Aucun")}]
    for low, high in ranges:
        label = str(low) if low == high else _("%(low)d à %(high)d") % {"low": low, "high": high}
        legend.append({"level": level_of(low, ranges), "label": label})
    return {
        "geometry": geometry,
        "departements": departements,
        "legend": legend,
        "covered": sum(1 for department in departements if department.count),
    }
