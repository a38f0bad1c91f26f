"""The curators' dashboard on the admin index (template library ``curation_dashboard``)."""

from django import template

register = template.Library()
