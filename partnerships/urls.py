from django.urls import path

from .views import (
    case_studies,
    collections,
    contributions,
    partners,
    resources,
    search,
    territories,
)

app_name = "partnerships"

urlpatterns = [
    path("recherche/", search.SearchView.as_view(), name="search"),
    path("ressources/", resources.ResourceListView.as_view(), name="resource_list"),
    path("ressources/<slug:slug>/", resources.ResourceDetailView.as_view(), name="resource_detail"),
    path("retours-experience/", case_studies.CaseStudyListView.as_view(), name="case_study_list"),
    path(
        "retours-experience/<slug:slug>/",
        case_studies.CaseStudyDetailView.as_view(),
        name="case_study_detail",
    ),
    path("partenaires/", partners.PartnerListView.as_view(), name="partner_list"),
    path("partenaires/<slug:slug>/", partners.PartnerDetailView.as_view(), name="partner_detail"),
    path(
        "territoires/autocompletion/",
        territories.TerritoryAutocompleteView.as_view(),
        name="territory_autocomplete",
    ),
    path(
        "territoires/<str:level>/<str:code>/",
        territories.TerritoryDetailView.as_view(),
        name="territory_detail",
    ),
    path("collections/", collections.CollectionListView.as_view(), name="collection_list"),
    path(
        "collections/<slug:slug>/",
        collections.CollectionDetailView.as_view(),
        name="collection_detail",
    ),
    path(
        "proposer/",
        contributions.ContributionCreateView.as_view(),
        name="contribution_create",
    ),
    path(
        "proposer/merci/",
        contributions.ContributionThanksView.as_view(),
        name="contribution_thanks",
    ),
]
