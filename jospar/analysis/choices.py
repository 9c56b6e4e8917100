"""Closed lists of the analysis stage (SPEC part 1 §4, §17) and of the risk register (part 2 §7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceType(models.TextChoices):
    """cl. 8: the five sources of information for the analysis."""

    OFFICIAL_STATISTICS = "official_statistics", _("Official statistics and administrative data of state bodies")
    EXTERNAL = "external", _("Information from external sources")
    SEMINARS_INTERVIEWS = "seminars_interviews", _("Interactive seminars and interviews")
    SURVEYS_INTERNET = "surveys_internet", _("Surveys of the population and internet technologies")
    REPORTS_MONITORING = "reports_monitoring", _("Reports and monitoring findings on State Planning System documents")


class FactorKind(models.TextChoices):
    """cl. 11-13."""

    EXTERNAL = "external", _("External factor")
    INTERNAL = "internal", _("Internal factor")


class FactorGroup(models.TextChoices):
    """cl. 10: the seven groups of factors."""

    ECONOMIC = "economic", _("Economic and financial")
    DEMOGRAPHIC = "demographic", _("Demographic")
    TECHNOLOGICAL = "technological", _("Technological")
    SOCIAL = "social", _("Social and cultural")
    SPATIAL = "spatial", _("Spatial and environmental")
    LEGISLATIVE = "legislative", _("Legislative and regulatory")
    POLITICAL = "political", _("Political and governance")


class SwotCategory(models.TextChoices):
    """cl. 2(12), 19-20."""

    STRENGTH = "strength", _("Strength")
    WEAKNESS = "weakness", _("Weakness")
    OPPORTUNITY = "opportunity", _("Opportunity")
    THREAT = "threat", _("Threat")


class SwotAspect(models.TextChoices):
    """cl. 19-20: derived from the category, never entered."""

    INTERNAL = "internal", _("Internal (controllable)")
    EXTERNAL = "external", _("External (not controllable)")


class ResolvedVia(models.TextChoices):
    """cl. 28: how a problem-consequence is expected to be solved."""

    UNSET = "", _("Not stated")
    SELF = "self", _("Solved by itself")
    OTHER_PROBLEMS = "other_problems", _("Solved by solving other problems")


class RiskKind(models.TextChoices):
    """cl. 7, 198-201: external or internal risk [INFERRED: the register's kinds]."""

    EXTERNAL = "external", _("External risk")
    INTERNAL = "internal", _("Internal risk")


class RiskStatus(models.TextChoices):
    """cl. 199-201: risks change during implementation and are tracked continuously [INFERRED statuses]."""

    OPEN = "open", _("Open")
    MONITORED = "monitored", _("Monitored")
    OCCURRED = "occurred", _("Occurred")
    CLOSED = "closed", _("Closed")
