from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "jospar.analysis"
    label = "analysis"
    verbose_name = _("Analysis stage")

    def ready(self):
        from jospar.compliance.context import CONTEXT_EXTENSIONS

        from .snapshot import attach_analysis, load_analyses

        def with_analysis(context, payload):
            """The analysis of the document for rules V-02..V-08 (1 query without one, 7 with)."""
            return attach_analysis(context, payload.code)

        def many(contexts, payloads):
            """The same for a batch of documents (`jospar check --all`): one query for those without one."""
            found = load_analyses([p.code for p in payloads])
            for context, payload in zip(contexts, payloads, strict=True):
                context.analysis = found[payload.code]
            return contexts

        with_analysis.many = many

        if with_analysis.__qualname__ not in {f.__qualname__ for f in CONTEXT_EXTENSIONS}:
            CONTEXT_EXTENSIONS.append(with_analysis)
