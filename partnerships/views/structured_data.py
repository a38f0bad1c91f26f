"""schema.org descriptions (JSON-LD) of the detail pages, for search engines and link previews.

Each function returns a plain dict that ``base.html`` writes with the ``jsonld``
filter (escaped so that no value can close the script element). Only public
data goes in: the views pass objects already limited to published content.
"""

from django.utils.translation import get_language

from ..models import TerritoryLevel

SCHEMA = "https://schema.org"

PLACE_TYPES = {
    TerritoryLevel.COUNTRY: "Country",
    TerritoryLevel.REGION: "AdministrativeArea",
    TerritoryLevel.DEPARTMENT: "AdministrativeArea",
    TerritoryLevel.EPCI: "AdministrativeArea",
    TerritoryLevel.COMMUNE: "City",
}


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def place(request, territory) -> dict:
    return {
        "@type": PLACE_TYPES.get(territory.level, "Place"),
        "name": territory.name,
        "identifier": territory.code,
        "url": absolute(request, territory.get_absolute_url()),
    }


def organization(request, partner) -> dict:
    data = {
        "@type": "Organization",
        "name": partner.name,
        "url": absolute(request, partner.get_absolute_url()),
    }
    if partner.website:
        data["sameAs"] = partner.website
    return data


def breadcrumb(request, items: list[tuple[str, str]]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": absolute(request, url),
            }
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def graph(*nodes: dict) -> dict:
    return {"@context": SCHEMA, "@graph": [node for node in nodes if node]}


def resource_data(request, resource, authors, crumbs) -> dict:
    data = {
        "@type": "CreativeWork",
        "@id": absolute(request, resource.get_absolute_url()),
        "url": absolute(request, resource.get_absolute_url()),
        "name": resource.title,
        "description": resource.summary,
        "genre": resource.format.name,
        "inLanguage": resource.language if resource.language != "other" else None,
        "datePublished": iso_date(resource.publication_date or resource.published_at),
        "author": [organization(request, author) for author in authors],
        "about": [theme.name for theme in resource.themes.all()],
        "audience": [
            {"@type": "Audience", "audienceType": actor.name} for actor in resource.audiences.all()
        ],
        "keywords": ", ".join(tag.name for tag in resource.tags.all()),
        "spatialCoverage": [place(request, territory) for territory in resource.coverage.all()],
        "isAccessibleForFree": True,
    }
    if resource.external_url:
        data["sameAs"] = resource.external_url
    return graph(cleaned(data), breadcrumb(request, crumbs))


def case_study_data(request, case_study, participations, crumbs) -> dict:
    data = {
        "@type": "Article",
        "@id": absolute(request, case_study.get_absolute_url()),
        "url": absolute(request, case_study.get_absolute_url()),
        "headline": case_study.title[:110],
        "name": case_study.title,
        "description": case_study.summary,
        "inLanguage": "fr",
        "datePublished": iso_date(case_study.published_at),
        "dateModified": iso_date(case_study.updated_at),
        "about": [theme.name for theme in case_study.themes.all()],
        "contentLocation": place(request, case_study.main_territory),
        "contributor": [
            organization(request, participation.partner) for participation in participations
        ],
        "keywords": ", ".join(tag.name for tag in case_study.tags.all()),
    }
    return graph(cleaned(data), breadcrumb(request, crumbs))


def partner_data(request, partner, crumbs) -> dict:
    data = organization(request, partner)
    home = partner.home_territory
    data.update(
        {
            "@id": data["url"],
            "description": partner.description,
            "areaServed": place(request, home) if home else None,
            "knowsAbout": [theme.name for theme in partner.themes.all()],
            "identifier": partner.siren or None,
        }
    )
    return graph(cleaned(data), breadcrumb(request, crumbs))


def collection_data(request, collection, items, crumbs) -> dict:
    data = {
        "@type": "CollectionPage",
        "@id": absolute(request, collection.get_absolute_url()),
        "url": absolute(request, collection.get_absolute_url()),
        "name": collection.title,
        "description": collection.summary,
        "mainEntity": {
            "@type": "ItemList",
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "numberOfItems": len(items),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": str(item.target),
                    "url": absolute(request, item.target.get_absolute_url()),
                }
                for position, item in enumerate(items, start=1)
            ],
        },
    }
    return graph(cleaned(data), breadcrumb(request, crumbs))


def territory_data(request, territory, crumbs) -> dict:
    data = place(request, territory)
    data["@id"] = data["url"]
    if territory.latitude is not None and territory.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(territory.latitude),
            "longitude": float(territory.longitude),
        }
    return graph(data, breadcrumb(request, crumbs))


def website_data(request, home_url: str, search_url: str) -> dict:
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "url": absolute(request, home_url),
        "inLanguage": get_language(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute(request, search_url) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def iso_date(value) -> str | None:
    """A date or datetime in ISO 8601; None (left out) for drafts seen in a staff preview."""
    return value.isoformat() if value is not None else None


def cleaned(data: dict) -> dict:
    """Without empty values: schema.org readers prefer a missing property to an empty one."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
