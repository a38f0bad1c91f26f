"""Territory pages and the territory autocomplete (work in progress)."""

from django.http import Http404, JsonResponse
from django.views import View


class TerritoryAutocompleteView(View):
    def get(self, request):
        return JsonResponse({"results": []})


class TerritoryDetailView(View):
    def get(self, request, level, code):
        raise Http404
