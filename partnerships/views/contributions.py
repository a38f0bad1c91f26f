"""Public contributions: « Proposer une ressource / un retour d'expérience / un partenaire »."""

from django.views.generic import TemplateView


class ContributionCreateView(TemplateView):
    template_name = "partnerships/contribution_form.html"


class ContributionThanksView(TemplateView):
    template_name = "partnerships/contribution_thanks.html"
