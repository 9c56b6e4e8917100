from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "jospar.analysis"
    label = "analysis"
    verbose_name = _("Analysis stage")

    def ready(self):
        from jospar.compliance.context import CONTEXT_EXTENSIONS

        from .snapshot import attach_analysis

        def with_analysis(context, payload):
            """The analysis of the document for rules V-02..V-08 (1 query without one, 7 with)."""
            return attach_analysis(context, payload.code)

        if with_analysis.__qualname__ not in {f.__qualname__ for f in CONTEXT_EXTENSIONS}:
            CONTEXT_EXTENSIONS.append(with_analysis)
