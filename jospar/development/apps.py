from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "jospar.development"
    label = "development"
    verbose_name = _("Development and agreement")

    def ready(self):
        from jospar.compliance.context import CONTEXT_EXTENSIONS

        from .checks import with_development

        # V-23, V-53, V-55, V-57 and the deadline rules read what the workflow recorded (rules/development.py).
        if with_development.__qualname__ not in {f.__qualname__ for f in CONTEXT_EXTENSIONS}:
            CONTEXT_EXTENSIONS.append(with_development)
