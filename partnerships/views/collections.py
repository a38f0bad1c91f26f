"""Public pages of collections (« dossiers » and « parcours »): list and detail."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from ..models import Collection
from . import structured_data
from .mixins import PublicListView, public_authors_prefetch


class CollectionListView(PublicListView):
    template_name = "partnerships/collection_list.html"
    context_object_name = "collections"
    search_fields = ("title", "summary")

    def base_queryset(self):
        return Collection.objects.published().order_by("-featured", "title", "pk")


class CollectionDetailView(DetailView):
    template_name = "partnerships/collection_detail.html"
    context_object_name = "collection"

    def get_queryset(self):
        return Collection.objects.published().prefetch_related("audiences")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # public_items() keeps only items whose target is published.
        context["items"] = list(
            self.object.public_items().prefetch_related(
                "resource__themes",
                public_authors_prefetch("resource__authors"),
                "case_study__themes",
            )
        )
        collection = self.object
        context["structured_data"] = structured_data.collection_data(
            self.request,
            collection,
            context["items"],
            [
                (_("Accueil"), reverse("home")),
                (_("Collections"), reverse("partnerships:collection_list")),
                (collection.title, collection.get_absolute_url()),
            ],
        )
        return context
