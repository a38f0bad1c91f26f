"""The curators' admin, one module per concept (imported here so that they register)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import (  # noqa: F401
    autocomplete,
    case_study,
    collection,
    contribution,
    partner,
    resource,
    taxonomy,
    territory,
)

autocomplete.install(admin.site)
admin.site.site_header = _("Centre de ressources de la co-construction territoriale")
admin.site.site_title = _("Administration du centre de ressources")
admin.site.index_title = _("Contenus et référentiels")
