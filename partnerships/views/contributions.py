"""Public contributions: « Proposer une ressource / un retour d'expérience / un partenaire ».

A visitor fills one form; the proposal waits in the admin's moderation queue and the
curators are told by e-mail. Protections, none of which needs JavaScript:

- **validation**: what each kind needs (a format for a resource, a territory for a case
  study, an actor type for a partner), a territory given by name or official code;
- **consent**: the name and e-mail address are kept only with the box ticked, and the
  moment of consent is stored with them;
- **honeypot**: a field hidden from people; a robot that fills it is thanked and
  nothing is kept;
- **rate limit**: ``CONTRIBUTION_RATE_LIMIT`` proposals (default 5) per address and per
  ``CONTRIBUTION_RATE_PERIOD`` seconds (default one hour), counted in Django's cache
  under a hash of the address (the address itself is not stored anywhere). Behind a
  reverse proxy, ``REMOTE_ADDR`` must be the visitor's address; with several server
  processes the cache must be shared (the default LocMem cache is per process).
"""

import hashlib
import logging

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from ..models import ActorType, Contribution, ContributionKind, ResourceFormat, Territory, Theme
from ..models.territory import TerritoryLevel

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "site_web_confirmation"
CURATOR_GROUP = "Curateur"


def resolve_territory(text: str) -> Territory:
    """The one active territory a visitor means by ``text`` (a name or an official code)."""
    matches = list(Territory.objects.autocomplete(text)[:6])
    exact = [territory for territory in matches if territory.match_tier == 0]
    if len(exact) == 1:
        return exact[0]
    candidates = exact or matches
    if not candidates:
        raise forms.ValidationError(
            _("Aucun territoire ne correspond à « %(text)s »."), params={"text": text}
        )
    if len(candidates) == 1 and candidates[0].match_tier <= 1:
        return candidates[0]
    labels = " ; ".join(
        f"{territory.name} ({territory.code})"
        if territory.level != TerritoryLevel.COUNTRY
        else territory.name
        for territory in candidates[:5]
    )
    raise forms.ValidationError(
        _("Précisez le territoire, par exemple avec son code : %(labels)s."),
        params={"labels": labels},
    )


class ContributionForm(forms.ModelForm):
    territory_text = forms.CharField(
        label=_("Territoire concerné"),
        required=False,
        max_length=200,
        help_text=_(
            "Nom ou code officiel : commune, intercommunalité, département, région, ou "
            "« France ». Obligatoire pour un retour d'expérience."
        ),
    )
    external_url = forms.URLField(
        label=_("Lien (document, page du projet, site du partenaire)"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que mon nom et mon adresse e-mail soient conservés pour que l'équipe "
            "du centre de ressources me recontacte au sujet de cette proposition. Ils ne "
            "sont ni publiés ni transmis, et sont effacés sur simple demande."
        ),
        error_messages={
            "required": _(
                "Cochez cette case : sans elle, nous ne pouvons pas garder vos coordonnées."
            )
        },
    )
    # Hidden from people (see the template); robots fill every field.
    site_web_confirmation = forms.CharField(
        label=_("Ne remplissez pas ce champ"), required=False, max_length=200
    )

    field_order = (
        "kind",
        "title",
        "summary",
        "details",
        "themes",
        "external_url",
        "territory_text",
        "resource_format",
        "actor_type",
        "organisation",
        "contributor_name",
        "contributor_email",
        "consent",
    )

    class Meta:
        model = Contribution
        fields = (
            "kind",
            "title",
            "summary",
            "details",
            "external_url",
            "themes",
            "resource_format",
            "actor_type",
            "organisation",
            "contributor_name",
            "contributor_email",
        )
        widgets = {
            "kind": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "details": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {
            "kind": _("Vous proposez"),
            "title": _("Titre (ou nom du partenaire)"),
            "summary": _("En quelques lignes"),
            "resource_format": _("Format (pour une ressource)"),
            "actor_type": _("Type d'acteur (pour un partenaire)"),
            "organisation": _("Votre structure (facultatif)"),
            "contributor_name": _("Votre nom"),
            "contributor_email": _("Votre adresse e-mail"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ContributionKind.choices
        self.fields["themes"].queryset = Theme.objects.order_by("position", "name")
        self.fields["resource_format"].queryset = ResourceFormat.objects.order_by("position")
        self.fields["actor_type"].queryset = ActorType.objects.order_by("position")
        for name in ("contributor_name", "contributor_email"):
            self.fields[name].required = True
        self.fields["themes"].required = False

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ContributionKind.RESOURCE and not cleaned.get("resource_format"):
            self.add_error("resource_format", _("Indiquez le format de la ressource."))
        if kind == ContributionKind.PARTNER and not cleaned.get("actor_type"):
            self.add_error("actor_type", _("Indiquez le type d'acteur du partenaire."))
        text = (cleaned.get("territory_text") or "").strip()
        cleaned["territory"] = None
        if text:
            try:
                cleaned["territory"] = resolve_territory(text)
            except forms.ValidationError as error:
                self.add_error("territory_text", error)
        elif kind == ContributionKind.CASE_STUDY:
            self.add_error("territory_text", _("Indiquez le territoire de l'expérience."))
        return cleaned

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def save(self, commit=True):
        contribution = super().save(commit=False)
        contribution.territory = self.cleaned_data.get("territory")
        contribution.consent_at = timezone.now()
        if commit:
            contribution.save()
            self.save_m2m()
        return contribution


# -- rate limit ---------------------------------------------------------------------------


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"contribution-rate:{digest}"


def over_limit(request) -> bool:
    return cache.get(client_key(request), 0) >= settings.CONTRIBUTION_RATE_LIMIT


def count_attempt(request) -> None:
    key = client_key(request)
    cache.add(key, 0, timeout=settings.CONTRIBUTION_RATE_PERIOD)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=settings.CONTRIBUTION_RATE_PERIOD)


# -- notification -------------------------------------------------------------------------


def curator_addresses() -> list[str]:
    if settings.CURATOR_EMAILS:
        return list(settings.CURATOR_EMAILS)
    users = (
        get_user_model()
        .objects.filter(groups__name=CURATOR_GROUP, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def notify_curators(contribution: Contribution, admin_url: str) -> None:
    recipients = curator_addresses()
    if not recipients:
        logger.warning("New contribution %s: no curator address to notify.", contribution.pk)
        return
    subject = gettext("Nouvelle proposition à modérer : %(title)s") % {
        "title": contribution.title[:80]
    }
    body = gettext(
        "Une proposition du public attend une décision.\n\n"
        "Type : %(kind)s\nTitre : %(title)s\n\n%(summary)s\n\n"
        "Pour l'accepter (elle deviendra un brouillon) ou la refuser : %(url)s\n"
    ) % {
        "kind": contribution.get_kind_display(),
        "title": contribution.title,
        "summary": contribution.summary,
        "url": admin_url,
    }
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # the proposal is saved: a mail failure must not lose it
        logger.exception("Could not notify the curators of contribution %s.", contribution.pk)


# -- views --------------------------------------------------------------------------------


class ContributionCreateView(FormView):
    template_name = "partnerships/contribution_form.html"
    form_class = ContributionForm
    success_url = reverse_lazy("partnerships:contribution_thanks")

    def get_initial(self):
        kind = self.request.GET.get("type")
        return {"kind": kind if kind in ContributionKind.values else ContributionKind.RESOURCE}

    def post(self, request, *args, **kwargs):
        if over_limit(request):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                gettext(
                    "Vous avez déjà envoyé plusieurs propositions récemment. "
                    "Merci de réessayer dans une heure."
                ),
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        count_attempt(self.request)
        if form.is_robot:
            return redirect(self.get_success_url())
        contribution = form.save()
        admin_url = self.request.build_absolute_uri(
            reverse("admin:partnerships_contribution_change", args=[contribution.pk])
        )
        transaction.on_commit(lambda: notify_curators(contribution, admin_url))
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        if form.is_robot:  # a robot gets no hint about what it got wrong
            count_attempt(self.request)
            return redirect(self.get_success_url())
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        context["kinds"] = ContributionKind
        return context


class ContributionThanksView(TemplateView):
    template_name = "partnerships/contribution_thanks.html"
