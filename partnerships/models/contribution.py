"""Public contributions: a visitor proposes a resource, a case study or a partner.

A proposal waits in the admin's moderation queue. A curator accepts it — it becomes a
draft of the right kind, linked from the proposal, to be completed and published like
any other content — or rejects it with a reason. The contributor's name and e-mail
address are the only personal data kept, with the moment they consented; a curator can
erase them once they are no longer needed (« Effacer les données personnelles »).
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .publication import PublicationStatus


class ContributionKind(models.TextChoices):
    RESOURCE = "resource", _("Une ressource")
    CASE_STUDY = "case_study", _("Un retour d'expérience")
    PARTNER = "partner", _("Un partenaire")


class ContributionStatus(models.TextChoices):
    PENDING = "pending", _("À modérer")
    ACCEPTED = "accepted", _("Acceptée")
    REJECTED = "rejected", _("Refusée")


class ContributionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ContributionStatus.PENDING)


class Contribution(models.Model):
    kind = models.CharField(
        _("type de proposition"), max_length=12, choices=ContributionKind.choices
    )
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=ContributionStatus.choices,
        default=ContributionStatus.PENDING,
        db_index=True,
    )
    title = models.CharField(
        _("titre ou nom"),
        max_length=250,
        help_text=_("Titre de la ressource ou du retour d'expérience, nom du partenaire."),
    )
    summary = models.TextField(_("présentation"), max_length=1200)
    details = models.TextField(
        _("précisions"),
        max_length=8000,
        blank=True,
        help_text=_("Contexte, démarche, résultats, contenu du document…"),
    )
    external_url = models.URLField(_("lien"), max_length=500, blank=True)
    territory = models.ForeignKey(
        "partnerships.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("territoire"),
    )
    themes = models.ManyToManyField(
        "partnerships.Theme",
        related_name="contributions",
        blank=True,
        verbose_name=_("thématiques"),
    )
    resource_format = models.ForeignKey(
        "partnerships.ResourceFormat",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("format de la ressource"),
    )
    actor_type = models.ForeignKey(
        "partnerships.ActorType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("type d'acteur du partenaire"),
    )
    organisation = models.CharField(_("structure du contributeur"), max_length=200, blank=True)
    # Personal data, kept with the visitor's consent to be contacted about the proposal.
    contributor_name = models.CharField(_("nom du contributeur"), max_length=150, blank=True)
    contributor_email = models.EmailField(_("e-mail du contributeur"), blank=True)
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(
        _("données personnelles effacées le"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("proposée le"), default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(_("modérée le"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_contributions",
        verbose_name=_("modérée par"),
    )
    rejection_reason = models.TextField(_("motif du refus"), blank=True)
    resource = models.ForeignKey(
        "partnerships.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("ressource créée"),
    )
    case_study = models.ForeignKey(
        "partnerships.CaseStudy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("retour d'expérience créé"),
    )
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("partenaire créé"),
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition du public")
        verbose_name_plural = _("propositions du public")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("moderate_contribution", _("Peut accepter ou refuser les propositions du public"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="contribution_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.title}"

    @property
    def draft(self):
        """The content created when the proposal was accepted (if it still exists)."""
        return self.resource or self.case_study or self.partner

    # -- moderation ------------------------------------------------------------------------

    def _draft_body(self) -> str:
        parts = [linebreaks(escape(self.details))] if self.details else []
        if self.organisation:
            credit = gettext("Proposé par : %(org)s") % {"org": self.organisation}
            parts.append(f"<p>{escape(credit)}</p>")
        return "".join(parts)

    def build_draft(self):
        """The unsaved draft this proposal becomes (its relations are set by ``accept``)."""
        from .case_study import CaseStudy
        from .partner import Partner
        from .resource import Resource
        from .territory import Territory

        common = {"status": PublicationStatus.DRAFT}
        if self.kind == ContributionKind.RESOURCE:
            return Resource(
                title=self.title,
                summary=self.summary,
                body=self._draft_body(),
                format=self.resource_format,
                external_url=self.external_url,
                **common,
            )
        if self.kind == ContributionKind.CASE_STUDY:
            return CaseStudy(
                title=self.title,
                summary=self.summary,
                context=self._draft_body(),
                main_territory=self.territory or Territory.objects.france(),
                **common,
            )
        description = self.summary
        if self.details:
            description = f"{description}\n\n{self.details}"
        return Partner(
            name=self.title,
            description=description,
            website=self.external_url,
            actor_type=self.actor_type,
            home_territory=self.territory,
            **common,
        )

    def accept(self, user):
        """Create the linked draft and close the proposal; returns the draft."""
        if self.status != ContributionStatus.PENDING:
            raise ValueError("Only a pending proposal can be accepted.")
        with transaction.atomic():
            draft = self.build_draft()
            draft._history_user = user
            draft._transition_comment = gettext("Proposition du public n° %(pk)s acceptée.") % {
                "pk": self.pk
            }
            draft._change_reason = gettext("Proposition du public acceptée")
            draft.save()
            themes = list(self.themes.all())
            if themes:
                draft.themes.set(themes)
            if self.kind == ContributionKind.RESOURCE and self.territory_id:
                draft.coverage.set([self.territory])
            setattr(self, self.kind, draft)
            self.status = ContributionStatus.ACCEPTED
            self.moderated_by = user
            self.moderated_at = timezone.now()
            self.save()
        return draft

    def reject(self, user, reason: str) -> None:
        if self.status != ContributionStatus.PENDING:
            raise ValueError("Only a pending proposal can be rejected.")
        reason = (reason or "").strip()
        if not reason:
            raise ValueError("A rejection needs a reason.")
        self.status = ContributionStatus.REJECTED
        self.rejection_reason = reason
        self.moderated_by = user
        self.moderated_at = timezone.now()
        self.save()

    def erase_personal_data(self) -> None:
        self.contributor_name = ""
        self.contributor_email = ""
        self.personal_data_erased_at = timezone.now()
        self.save(
            update_fields=["contributor_name", "contributor_email", "personal_data_erased_at"]
        )
