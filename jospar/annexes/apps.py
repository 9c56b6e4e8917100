from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnexesConfig(AppConfig):
    name = "jospar.annexes"
    label = "annexes"
    verbose_name = _("Official forms (annexes)")
