"""Public pages of partners: the list (filterable by actor type) and the detail page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from ..filters import PartnerFilterSet
from ..models import CaseStudy, Participation, Partner
from . import structured_data
from .listing import FacetedListView
from .mixins import case_study_cards, partner_cards, resource_cards


class PartnerListView(FacetedListView):
    template_name = "partnerships/partner_list.html"
    context_object_name = "partners"
    filterset_class = PartnerFilterSet
    kind = "partner"
    page_title = _("Partenaires")
    intro = _(
        "Associations, entreprises, fondations, collectivités, services de l'État… "
        "les organisations qui co-construisent sur les territoires."
    )
    meta_description = _(
        "Les organisations qui co-construisent sur les territoires : associations, entreprises, "
        "fondations, collectivités…"
    )
    empty_message = _("Aucun partenaire ne correspond à ces critères.")
    snippet_field = "description"

    def base_queryset(self):
        return partner_cards(Partner.objects.published())


class PartnerDetailView(DetailView):
    template_name = "partnerships/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return (
            Partner.objects.published()
            .select_related("actor_type", "home_territory")
            .prefetch_related("themes")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partner = self.object
        context["resources"] = list(resource_cards(partner.resources.published()))
        case_studies = list(
            case_study_cards(
                CaseStudy.objects.published().filter(
                    pk__in=partner.participations.values("case_study_id")
                )
            )
        )
        roles: dict[int, list[str]] = {}
        for participation in Participation.objects.filter(
            partner=partner, case_study__in=case_studies
        ):
            roles.setdefault(participation.case_study_id, []).append(
                participation.get_role_display()
            )
        for case_study in case_studies:
            case_study.partner_roles = roles.get(case_study.pk, [])
        context["case_studies"] = case_studies
        context["structured_data"] = structured_data.partner_data(
            self.request,
            partner,
            [
                (_("Accueil"), reverse("home")),
                (_("Partenaires"), reverse("partnerships:partner_list")),
                (partner.name, partner.get_absolute_url()),
            ],
        )
        return context
