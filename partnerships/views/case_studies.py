"""Public pages of case studies (« retours d'expérience »): list and detail."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from ..filters import CaseStudyFilterSet
from ..models import CaseStudy, ParticipantRole, Participation, Partner, Resource
from . import structured_data
from .listing import FacetedListView
from .mixins import case_study_cards, resource_cards


def participations_by_role(participations) -> list[tuple[str, list]]:
    """(role label, participations) in the order of ``ParticipantRole``, empty roles left out.

    Belongs on ``CaseStudy`` (e.g. ``participants_by_role()``); kept here until it moves.
    """
    groups: dict[str, list] = {}
    for participation in participations:
        groups.setdefault(participation.role, []).append(participation)
    ordered = [(role.label, groups.pop(role.value)) for role in ParticipantRole if role in groups]
    # Roles no longer in the choices still show, under their raw value.
    ordered.extend((role, items) for role, items in groups.items())
    return ordered


class CaseStudyListView(FacetedListView):
    template_name = "partnerships/case_study_list.html"
    context_object_name = "case_studies"
    filterset_class = CaseStudyFilterSet
    kind = "case_study"
    page_title = _("Retours d'expérience")
    intro = _(
        "Des alliances territoriales qui ont fonctionné, racontées par leurs acteurs : "
        "le contexte, la démarche, les moyens, les résultats."
    )
    meta_description = _(
        "Des alliances territoriales qui ont fonctionné, racontées par leurs acteurs."
    )
    empty_message = _("Aucun retour d'expérience ne correspond à ces critères.")

    def base_queryset(self):
        return case_study_cards(CaseStudy.objects.published())


class CaseStudyDetailView(DetailView):
    template_name = "partnerships/case_study_detail.html"
    context_object_name = "case_study"

    def get_queryset(self):
        return (
            CaseStudy.objects.published()
            .select_related("main_territory")
            .prefetch_related(
                "coverage",
                "themes",
                "partnership_types",
                "co_construction_forms",
                "tags",
                "key_figures",
                Prefetch(
                    "participations",
                    queryset=Participation.objects.filter(
                        partner__in=Partner.objects.published()
                    ).select_related("partner__actor_type"),
                    to_attr="public_participations",
                ),
                Prefetch(
                    "related_resources",
                    queryset=resource_cards(Resource.objects.published()),
                    to_attr="public_related_resources",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case_study = self.object
        context["participant_groups"] = participations_by_role(case_study.public_participations)
        context["structured_data"] = structured_data.case_study_data(
            self.request,
            case_study,
            case_study.public_participations,
            [
                (_("Accueil"), reverse("home")),
                (_("Retours d'expérience"), reverse("partnerships:case_study_list")),
                (case_study.title, case_study.get_absolute_url()),
            ],
        )
        return context
