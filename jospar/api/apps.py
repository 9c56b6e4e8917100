from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "jospar.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from jospar.core import permissions  # noqa: F401  (registers the rules of who may write what)
