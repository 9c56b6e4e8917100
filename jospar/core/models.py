"""Organizations, territories, people and roles (SPEC part 1 §16.1, §15; part 3 §7 item 8)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TerritoryKind(models.TextChoices):
    """cl. 127 (oblast / city of republican significance / capital), cl. 148 (districts, cities of oblast significance)."""

    OBLAST = "oblast", _("Oblast")
    CITY_REPUBLICAN = "city_republican", _("City of republican significance")
    CAPITAL = "capital", _("Capital")
    DISTRICT = "district", _("District")
    CITY_OBLAST = "city_oblast", _("City of oblast significance")
    CITY_DISTRICT = "city_district", _("District of a city")


REGION_KINDS = (TerritoryKind.OBLAST, TerritoryKind.CITY_REPUBLICAN, TerritoryKind.CAPITAL)


class Territory(models.Model):
    """A region (top level) or one of its districts, identified by its KATO code."""

    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TerritoryKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name"), max_length=200)
    kato_verified = models.BooleanField(_("KATO code verified"), default=True)

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["kato"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_region(self) -> bool:
        return self.kind in REGION_KINDS


class OrganizationKind(models.TextChoices):
    """SPEC part 1 §16.1 Organisation.kind, with the bodies of §15 that act in the cycle."""

    GOVERNMENT = "government", _("Government")
    PRESIDENTIAL_ADMINISTRATION = "presidential_administration", _("Administration of the President")
    CENTRAL_STATE_BODY = "central_state_body", _("Central state body")
    LOCAL_EXECUTIVE_BODY = "local_executive_body", _("Local executive body (akimat)")
    NATIONAL_PROJECT_OFFICE = "national_project_office", _("National Project Office")
    SUBORDINATE_ORGANIZATION = "subordinate_organization", _("Subordinate organization")
    QUASI_PUBLIC = "quasi_public", _("Quasi-public sector entity")
    NATIONAL_MANAGING_HOLDING = "national_managing_holding", _("National managing holding")
    NATIONAL_HOLDING = "national_holding", _("National holding")
    NATIONAL_COMPANY = "national_company", _("National company")
    OTHER = "other", _("Other organization")


class Authority(models.TextChoices):
    """The authorized bodies of the methodology (cl. 2, ch. 4-5)."""

    NONE = "", _("—")
    STATE_PLANNING = "state_planning", _("Authorized body for state planning")
    STRATEGIC_PLANNING = "strategic_planning", _("Authorized body for strategic planning")
    BUDGET_PLANNING = "budget_planning", _("Authorized body for budget planning")
    STATISTICS = "statistics", _("Authorized body for state statistics")


class Organization(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganizationKind.choices)
    authority = models.CharField(_("authority"), max_length=30, choices=Authority.choices, blank=True, default="")
    name = models.CharField(_("name"), max_length=300)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organization"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="organizations",
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_authorized_body(self) -> bool:
        return bool(self.authority)


class OfficialRank(models.TextChoices):
    FIRST_HEAD = "first_head", _("First head")
    DEPUTY_HEAD = "deputy_head", _("Deputy head")
    OTHER = "other", _("Other official")


class Official(models.Model):
    """A person in office. The responsible official for an indicator is at deputy-head level (Annex 3 expl. 5(5))."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="officials"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=300)
    rank = models.CharField(_("rank"), max_length=20, choices=OfficialRank.choices, default=OfficialRank.OTHER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["organization__code", "rank", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name}, {self.position}"


class User(AbstractUser):
    """A Jospar user; what they may do comes from their memberships."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")],
        default="kk",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    """What a member may do inside its organization; authorized-body powers come from the organization."""

    VIEWER = "viewer", _("Viewer")
    PLANNER = "planner", _("Planner")  # edits the organization's documents and reports
    HEAD = "head", _("First head")  # signs and submits (ch. 4)
    ADMIN = "admin", _("Organization administrator")


class Membership(models.Model):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization.code} ({self.role})"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """Long work (imports, checks of many documents) run in the background; its page shows the progress.

    The work itself runs as a django-tasks task (database backend, `jospar db_worker`); this row is what
    the user sees: status, percentage, a message and the result.
    """

    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    input_text = models.TextField(_("input"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(User, verbose_name=_("started by"), on_delete=models.CASCADE, related_name="jobs")
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
