"""The site's own pages: about, legal notice, accessibility statement."""

from django.views.generic import TemplateView


class AboutView(TemplateView):
    template_name = "pages/about.html"


class LegalNoticeView(TemplateView):
    template_name = "pages/legal_notice.html"


class AccessibilityView(TemplateView):
    template_name = "pages/accessibility.html"
