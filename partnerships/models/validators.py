"""Validators for official identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value: str) -> None:
    """A SIREN is 9 digits passing the Luhn check (La Poste's 356000000 is the known exception)."""
    if not value:
        return
    if len(value) != 9 or not value.isdigit():
        raise ValidationError(_("Un SIREN compte exactement 9 chiffres."), code="siren_format")
    if value != "356000000" and not luhn_is_valid(value):
        raise ValidationError(
            _("Ce SIREN n'est pas valide (clé de contrôle incorrecte)."), code="siren_checksum"
        )
