from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "jospar.interchange"
    label = "interchange"
    verbose_name = _("JSON interchange")

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers the background job handlers)
