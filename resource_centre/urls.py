"""Root URLs: the admin and i18n switch outside, the public site under i18n_patterns.

French is served without prefix (/ressources/…), English under /en/.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from partnerships.views.home import HomeView
from partnerships.views.pages import AboutView, AccessibilityView, LegalNoticeView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("a-propos/", AboutView.as_view(), name="about"),
    path("mentions-legales/", LegalNoticeView.as_view(), name="legal_notice"),
    path("accessibilite/", AccessibilityView.as_view(), name="accessibility"),
    path("", include("partnerships.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
