"""Closed lists of the methodology used by the planning model. Each cites the clause it comes from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """cl. 1 (the five SPS documents), cl. 6, 104, 127 (national projects, holdings' plans), cl. 125 (operational plan)."""

    NDP = "ndp", _("National Development Plan")
    TDP = "tdp", _("Territorial Development Plan of the Country")
    CONCEPT = "concept", _("Concept")
    NATIONAL_PROJECT = "national_project", _("National project")
    SBDP = "sbdp", _("Development plan of a state body")
    OPERATIONAL_PLAN = "operational_plan", _("Operational plan of a state body")
    RDP = "rdp", _("Development plan of an oblast, city of republican significance, the capital")
    HOLDING_PLAN = "holding_plan", _("Development plan of a national holding or company")


class DocumentStatus(models.TextChoices):
    """Software-defined lifecycle (SPEC part 1 §19 [INFERRED])."""

    DRAFT = "draft", _("Draft")
    UNDER_AGREEMENT = "under_agreement", _("Under agreement")
    PUBLIC_DISCUSSION = "public_discussion", _("Public discussion")
    APPROVED = "approved", _("Approved")
    IN_FORCE = "in_force", _("In force")
    COMPLETED = "completed", _("Completed")


class Confidentiality(models.TextChoices):
    """cl. 99, 123, 154, 231-233: restricted content is never published."""

    OPEN = "open", _("Open")
    OFFICIAL_USE = "official_use", _("For official use")
    SECRET = "secret", _("Secret")


class IndicatorKind(models.TextChoices):
    """cl. 2 (D-5, D-6, D-11), cl. 70 (strategic indicators of the Map), cl. 114, 144 (macroindicators)."""

    STRATEGIC = "strategic", _("Strategic indicator")
    MACRO = "macro", _("Macroindicator")
    TARGET = "target", _("Target indicator")
    RESULT = "result", _("Result indicator")


class Polarity(models.TextChoices):
    """Direction of improvement [INFERRED, needed to judge achievement]; Annex 3 expl. 5(4): dynamic, constant, range."""

    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")
    KEEP_RANGE = "keep_range", _("Keep within a range")
    KEEP_CONSTANT = "keep_constant", _("Keep constant")


class Accumulation(models.TextChoices):
    """How the values of successive years relate [INFERRED]."""

    ANNUAL = "annual", _("Annual (each year on its own)")
    CUMULATIVE = "cumulative", _("Cumulative (sum since the baseline)")
    STOCK = "stock", _("Stock (level at the end of the year)")


class ValueKind(models.TextChoices):
    """cl. 36."""

    ABSOLUTE = "absolute", _("Absolute")
    RELATIVE = "relative", _("Relative")


class DataSourceType(models.TextChoices):
    """Annex 1-1 expl. 2(4)."""

    OFFICIAL_STATISTICS = "official_statistics", _("Official statistical information")
    INTERNATIONAL_STATISTICS = "international_statistics", _("International statistics")
    DEPARTMENTAL_DATA = "departmental_data", _("Departmental data")


class MethodStatus(models.TextChoices):
    """cl. 58-59: the calculation methodology is agreed within a month of approval."""

    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    APPROVED = "approved", _("Approved")


class DecompositionKind(models.TextChoices):
    """cl. 2(1) (split / sequential copy), Annex 1-1 row 5 (contribution of co-executors)."""

    COPY = "copy", _("Copy")
    SHARE = "share", _("Share (split)")
    CONTRIBUTION = "contribution", _("Contribution")


class DecompositionDimension(models.TextChoices):
    """cl. 70-71 (region, sector, sphere), cl. 60 (body), cl. 148 (district)."""

    REGION = "region", _("Region")
    DISTRICT = "district", _("District")
    BODY = "body", _("Body")
    SECTOR = "sector", _("Sector or sphere")
    DOCUMENT = "document", _("Lower document")


class FinancingSource(models.TextChoices):
    """cl. 185: the closed list of eight financing sources."""

    BUDGET = "budget", _("Republican and local budgets")
    STATE_LOANS = "state_loans", _("State loans")
    GUARANTEED_LOANS = "guaranteed_loans", _("Non-state loans raised under state guarantee")
    INVESTMENT = "investment", _("Direct foreign and domestic investment")
    GRANTS = "grants", _("Grants of international financial organisations or donor countries")
    BANK_LOANS = "bank_loans", _("Loans of second-tier banks")
    OWN_FUNDS = "own_funds", _("Own funds of organisations")
    OTHER = "other", _("Other sources not prohibited by law")


class BudgetLevel(models.TextChoices):
    REPUBLICAN = "republican", _("Republican budget")
    LOCAL = "local", _("Local budget")


class Attribution(models.TextChoices):
    """The two types of indicators in the decomposition of a goal (cl. 60)."""

    SINGLE_BODY = "single_body", _("Achievement depends on one state body")
    MULTI_BODY = "multi_body", _("Achievement depends on several bodies and organisations")


class Priority(models.IntegerChoices):
    """Priority of a goal or target indicator in the financial need, the basis for financing limits (Annex 4
    col. 14 and its footnote; cl. 119-120)."""

    HIGH = 1, _("1: high (high expected effect, urgent)")
    MEDIUM = 2, _("2: medium (medium expected effect, medium term)")
    OTHER = 3, _("3: not belonging to priorities 1 and 2")
