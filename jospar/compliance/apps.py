from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "jospar.compliance"
    label = "compliance"
    verbose_name = _("Compliance with the methodology")

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers the background job handlers)
