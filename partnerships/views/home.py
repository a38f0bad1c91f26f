"""The home page: search, entry by profile, themes, the map, collections and the latest content."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..maps import case_study_map
from ..models import ActorType, CaseStudy, Collection, CollectionKind, Partner, Resource, Theme
from . import structured_data
from .mixins import case_study_cards, resource_cards

LATEST_COUNT = 6
FEATURED_COLLECTIONS_COUNT = 6

# « Je suis… »: one entry per actor type, in this order (other types get generic labels):
# (the profile, the link to the case studies such actors took part in).
PROFILES = {
    "association": (_("Je suis une association"), _("Les alliances avec des associations")),
    "entreprise": (_("Je suis une entreprise"), _("Les alliances avec des entreprises")),
    "collectivite": (_("Je suis une collectivité"), _("Les alliances avec des collectivités")),
    "fondation": (_("Je suis une fondation"), _("Les alliances avec des fondations")),
    "etat": (_("Je représente l'État"), _("Les alliances avec les services de l'État")),
    "accompagnement": (
        _("J'accompagne des projets"),
        _("Les alliances avec des acteurs de l'accompagnement"),
    ),
    "academique": (_("Je fais de la recherche"), _("Les alliances avec des chercheurs")),
    "citoyens": (_("Je suis habitant ou habitante"), _("Les alliances avec des habitants")),
}


def profiles(collections: list) -> list[dict]:
    """The profile entries: resources for that audience, case studies it took part in, and the
    first featured « parcours » written for it."""
    published = Resource.objects.published().values("pk")
    actor_types = ActorType.objects.annotate(
        resource_count=Count("resources_for", filter=Q(resources_for__in=published))
    )
    order = list(PROFILES)
    entries = []
    for actor in sorted(
        actor_types, key=lambda a: order.index(a.slug) if a.slug in order else len(order)
    ):
        pathway = next(
            (
                collection
                for collection in collections
                if collection.kind == CollectionKind.PATHWAY and actor in collection.audiences.all()
            ),
            None,
        )
        label, alliances_label = PROFILES.get(actor.slug) or (
            _("Je suis : %(name)s") % {"name": actor.name},
            _("Les alliances avec : %(name)s") % {"name": actor.name},
        )
        entries.append(
            {
                "slug": actor.slug,
                "label": label,
                "alliances_label": alliances_label,
                "actor": actor,
                "resource_count": actor.resource_count,
                "resources_url": f"{reverse('partnerships:resource_list')}?audience={actor.slug}",
                "case_studies_url": f"{reverse('partnerships:case_study_list')}?actor={actor.slug}",
                "pathway": pathway,
            }
        )
    return entries


class HomeView(TemplateView):
    template_name = "partnerships/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_resources"] = resource_cards(Resource.objects.published()).order_by(
            "-published_at", "pk"
        )[:LATEST_COUNT]
        context["latest_case_studies"] = case_study_cards(CaseStudy.objects.published()).order_by(
            "-published_at", "pk"
        )[:LATEST_COUNT]
        collections = list(
            Collection.objects.published()
            .filter(featured=True)
            .prefetch_related("audiences")[:FEATURED_COLLECTIONS_COUNT]
        )
        context["featured_collections"] = collections
        context["profiles"] = profiles(collections)
        # Themes with how many published resources each leads to (the link's target).
        context["themes"] = Theme.objects.annotate(
            resource_count=Count(
                "resources", filter=Q(resources__in=Resource.objects.published().values("pk"))
            )
        )
        context["stats"] = {
            "resources": Resource.objects.published().count(),
            "case_studies": CaseStudy.objects.published().count(),
            "partners": Partner.objects.published().count(),
        }
        context["map"] = case_study_map()
        context["structured_data"] = structured_data.website_data(
            self.request, reverse("home"), reverse("partnerships:search")
        )
        return context
