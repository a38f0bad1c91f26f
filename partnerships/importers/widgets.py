"""How each spreadsheet cell is read and written by the content imports and exports.

Cells are French and forgiving on the way in (« oui », « Français », « région:84 »,
dates as text or as spreadsheet dates), exact on the way out so that an export imports
back to the same content. A cell that cannot be read raises ``ValueError`` with a
French message naming the faulty value; the sheet reports it with the line and column.

References to other rows go by stable, human identifiers: slugs for taxonomies, partners
and resources, official codes for territories (a bare code when it names one territory,
``niveau:code`` when a région and a département share it, e.g. ``region:84``).
"""

import re
from datetime import date, datetime, time

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from import_export.widgets import Widget
from taggit.utils import edit_string_for_tags, parse_tags

from ..models import Territory, TerritoryLevel
from ..models.territory import normalize_name

LIST_SEPARATORS = re.compile(r"[,;\n]+")
LINE_SEPARATOR = "\n"
PART_SEPARATOR = "|"


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value) -> str:
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def folded(value: str) -> str:
    """Case, accents and punctuation ignored: « Département » == « departement »."""
    return normalize_name(value).replace(" ", "")


class TextWidget(Widget):
    """Plain or HTML text; an empty cell is an empty string (never None)."""

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).replace("\r\n", "\n").strip()

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IntegerWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return None
        if isinstance(value, bool):
            raise ValueError(f"« {value} » n'est pas un nombre entier.")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = as_text(value).replace(" ", "").replace("\u202f", "")
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        raise ValueError(f"« {value} » n'est pas un nombre entier.")

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


TRUE_WORDS = {"oui", "o", "vrai", "true", "1", "x", "yes", "y"}
FALSE_WORDS = {"non", "n", "faux", "false", "0", "no", ""}


class BooleanWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return bool(value)
        word = folded(as_text(value))
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"« {value} » : répondez « oui » ou « non ».")

    def render(self, value, obj=None, **kwargs):
        return "oui" if value else "non"


class DateWidget(Widget):
    """ISO dates (2024-05-31) or French ones (31/05/2024), or a spreadsheet date."""

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = as_text(value)
        parsed = parse_date(text[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", text) else None
        if parsed is None:
            match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
            if match:
                day, month, year = (int(part) for part in match.groups())
                try:
                    parsed = date(year, month, day)
                except ValueError:
                    parsed = None
        if parsed is None:
            raise ValueError(f"« {value} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA).")
        return parsed

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class DateTimeWidget(Widget):
    """ISO date-times; without an offset they are taken in the site's time zone."""

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return None
        if isinstance(value, datetime):
            parsed = value
        elif isinstance(value, date):
            parsed = datetime.combine(value, time())
        else:
            text = as_text(value)
            try:
                parsed = parse_datetime(text.replace(" ", "T", 1))
            except ValueError:
                parsed = None
            if parsed is None:
                day = DateWidget().clean(text) if len(text) <= 10 else None
                if day is None:
                    raise ValueError(f"« {value} » n'est pas une date et heure (AAAA-MM-JJ HH:MM).")
                parsed = datetime.combine(day, time())
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return timezone.localtime(value).isoformat(sep=" ")


class ChoiceWidget(Widget):
    """A value of ``choices`` given by its code or its label (« fr » or « Français »)."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)

    def lookup(self) -> dict[str, str]:
        table = {}
        for value, label in self.choices:
            table[folded(str(value))] = value
            table[folded(str(label))] = value
        return table

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return None
        found = self.lookup().get(folded(as_text(value)))
        if found is None:
            allowed = ", ".join(f"« {label} »" for _value, label in self.choices)
            raise ValueError(f"« {value} » n'est pas une valeur possible ({allowed}).")
        return found

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class SlugWidget(Widget):
    """A row of ``model`` by its slug (taxonomies, partners, resources)."""

    def __init__(self, model, **kwargs):
        super().__init__(**kwargs)
        self.model = model
        self._cache: dict[str, models.Model | None] = {}

    def get(self, slug: str):
        if slug not in self._cache:
            self._cache[slug] = self.model._default_manager.filter(slug=slug).first()
        return self._cache[slug]

    def prime(self, slugs) -> None:
        missing = [slug for slug in set(slugs) if slug not in self._cache]
        for start in range(0, len(missing), 1000):
            chunk = missing[start : start + 1000]
            found = {obj.slug: obj for obj in self.model._default_manager.filter(slug__in=chunk)}
            for slug in chunk:
                self._cache[slug] = found.get(slug)

    def prime_column(self, values) -> None:
        self.prime(as_text(value) for value in values if not is_empty(value))

    def unknown(self, slugs) -> ValueError:
        names = ", ".join(f"« {slug} »" for slug in slugs)
        label = self.model._meta.verbose_name
        return ValueError(f"{label} inconnu(e) : {names} (indiquez l'identifiant, son slug).")

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return None
        slug = as_text(value)
        obj = self.get(slug)
        if obj is None:
            raise self.unknown([slug])
        return obj

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class SlugListWidget(SlugWidget):
    """Several rows by their slugs, separated by commas (or semicolons, line breaks)."""

    def split(self, value) -> list[str]:
        if is_empty(value):
            return []
        seen = []
        for part in LIST_SEPARATORS.split(as_text(value)):
            part = part.strip()
            if part and part not in seen:
                seen.append(part)
        return seen

    def prime_column(self, values) -> None:
        self.prime(slug for value in values for slug in self.split(value))

    def clean(self, value, row=None, **kwargs):
        slugs = self.split(value)
        self.prime(slugs)
        missing = [slug for slug in slugs if self._cache.get(slug) is None]
        if missing:
            raise self.unknown(missing)
        return [self._cache[slug] for slug in slugs]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(item.slug for item in items))


LEVEL_WORDS = {folded(str(level.value)): level.value for level in TerritoryLevel}
LEVEL_WORDS.update({folded(str(level.label)): level.value for level in TerritoryLevel})
LEVEL_WORDS.update({"pays": TerritoryLevel.COUNTRY, "dep": TerritoryLevel.DEPARTMENT})
LEVEL_WORDS.update({"intercommunalite": TerritoryLevel.EPCI, "reg": TerritoryLevel.REGION})


class TerritoryWidget(Widget):
    """A territory by official code: ``69123``, ``200046977``, ``FR``, ``region:84``."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._by_code: dict[str, list[Territory]] = {}
        self._shared_codes: set[str] | None = None

    def shared_codes(self) -> set[str]:
        """Codes used at two levels (région 84 and département 84…): written ``niveau:code``."""
        if self._shared_codes is None:
            self._shared_codes = set(
                Territory.objects.values("code")
                .annotate(levels=models.Count("level", distinct=True))
                .filter(levels__gt=1)
                .values_list("code", flat=True)
            )
        return self._shared_codes

    def prime(self, codes) -> None:
        missing = [code for code in set(codes) if code not in self._by_code]
        for start in range(0, len(missing), 1000):
            chunk = missing[start : start + 1000]
            found: dict[str, list[Territory]] = {code: [] for code in chunk}
            for territory in Territory.objects.filter(code__in=chunk):
                found[territory.code].append(territory)
            self._by_code.update(found)

    def prime_column(self, values) -> None:
        codes = []
        for value in values:
            for text in LIST_SEPARATORS.split(as_text(value)):
                try:
                    codes.append(self.parse(text)[1])
                except ValueError:
                    continue
        self.prime(code for code in codes if code)

    def parse(self, text: str) -> tuple[str | None, str]:
        if ":" in text:
            level_word, code = text.split(":", 1)
            level = LEVEL_WORDS.get(folded(level_word))
            if level is None:
                raise ValueError(
                    f"« {text} » : niveau inconnu « {level_word} » (region, departement, "
                    "epci, commune ou pays)."
                )
            return level, code.strip().upper()
        return None, text.strip().upper()

    def resolve(self, text: str) -> Territory:
        level, code = self.parse(text)
        self.prime([code])
        candidates = self._by_code.get(code, [])
        if level is not None:
            candidates = [territory for territory in candidates if territory.level == level]
        if not candidates:
            raise ValueError(f"territoire inconnu : « {text} » (indiquez son code officiel).")
        if len(candidates) > 1:
            options = " ou ".join(f"« {t.level}:{t.code} » ({t.name})" for t in candidates)
            raise ValueError(f"« {text} » est ambigu : écrivez {options}.")
        return candidates[0]

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return None
        return self.resolve(as_text(value))

    def label(self, territory: Territory) -> str:
        if territory.code in self.shared_codes():
            return f"{territory.level}:{territory.code}"
        return territory.code

    def render(self, value, obj=None, **kwargs):
        return self.label(value) if value else ""


class TerritoryListWidget(TerritoryWidget):
    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return []
        texts = [part.strip() for part in LIST_SEPARATORS.split(as_text(value)) if part.strip()]
        self.prime([self.parse(text)[1] for text in texts])
        found, errors = [], []
        for text in texts:
            try:
                territory = self.resolve(text)
            except ValueError as error:
                errors.append(str(error))
                continue
            if territory not in found:
                found.append(territory)
        if errors:
            raise ValueError(" ; ".join(errors))
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(self.label(territory) for territory in items))


class TagsWidget(Widget):
    """Free keywords, comma-separated (a keyword with a comma goes in double quotes)."""

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return []
        return parse_tags(as_text(value))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if hasattr(value, "all"):
            value = list(value.all())
        if value and isinstance(value[0], str):
            from taggit.models import Tag

            value = [Tag(name=name) for name in value]
        return edit_string_for_tags(value)


def split_lines(value, parts: int) -> list[list[str]]:
    """Non-empty lines of a cell, each cut on its first ``parts - 1`` ``|`` (the last part
    keeps any further ``|``), parts stripped."""
    if is_empty(value):
        return []
    rows = []
    for line in as_text(value).splitlines():
        if line.strip():
            rows.append([part.strip() for part in line.split(PART_SEPARATOR, parts - 1)])
    return rows


class ParticipantsWidget(Widget):
    """One partner per line: ``slug du partenaire | rôle | apport`` (apport optional)."""

    def __init__(self, role_choices, **kwargs):
        super().__init__(**kwargs)
        self.partners = SlugWidget(_partner_model())
        self.roles = ChoiceWidget(role_choices)

    def prime_column(self, values) -> None:
        self.partners.prime(parts[0] for value in values for parts in split_lines(value, 3))

    def clean(self, value, row=None, **kwargs):
        lines = split_lines(value, 3)
        self.partners.prime(parts[0] for parts in lines)
        rows, errors, seen = [], [], set()
        for number, parts in enumerate(lines, start=1):
            if len(parts) < 2 or not parts[0] or not parts[1]:
                errors.append(f"ligne {number} de la cellule : écrivez « partenaire | rôle ».")
                continue
            try:
                partner = self.partners.clean(parts[0])
                role = self.roles.clean(parts[1])
            except ValueError as error:
                errors.append(f"ligne {number} de la cellule : {error}")
                continue
            if (partner.pk, role) in seen:
                errors.append(f"ligne {number} de la cellule : « {parts[0]} » déjà avec ce rôle.")
                continue
            seen.add((partner.pk, role))
            contribution = parts[2] if len(parts) > 2 else ""
            rows.append({"partner": partner, "role": role, "contribution": contribution})
        if errors:
            raise ValueError(" ; ".join(errors))
        return rows

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if hasattr(value, "all"):
            value = [
                {"partner": p.partner, "role": p.role, "contribution": p.contribution}
                for p in value.all()
            ]
        lines = []
        for item in value:
            parts = [item["partner"].slug, self.roles.render(item["role"])]
            if item["contribution"]:
                parts.append(item["contribution"])
            lines.append(f" {PART_SEPARATOR} ".join(parts))
        return LINE_SEPARATOR.join(lines)


class KeyFiguresWidget(Widget):
    """One figure per line: ``valeur | libellé`` (« 120 | personnes accompagnées »)."""

    def clean(self, value, row=None, **kwargs):
        rows, errors = [], []
        for number, parts in enumerate(split_lines(value, 2), start=1):
            if len(parts) < 2 or not parts[0] or not parts[1]:
                errors.append(f"ligne {number} de la cellule : écrivez « valeur | libellé ».")
                continue
            figure, label = parts
            if len(figure) > 60 or len(label) > 200:
                errors.append(f"ligne {number} de la cellule : valeur ou libellé trop long.")
                continue
            rows.append({"value": figure, "label": label})
        if errors:
            raise ValueError(" ; ".join(errors))
        return rows

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if hasattr(value, "all"):
            value = [{"value": f.value, "label": f.label} for f in value.all()]
        return LINE_SEPARATOR.join(
            f"{item['value']} {PART_SEPARATOR} {item['label']}" for item in value
        )


def _partner_model():
    from ..models import Partner

    return Partner
