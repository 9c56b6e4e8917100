"""Text of the analysis and of the risk register in kk, ru and en (the analysis section of the forms is Kazakh first)."""

from modeltranslation.translator import TranslationOptions, register, translator

from .models import Analysis, Factor, Problem, Risk, Source, SwotItem


@register(Analysis)
class AnalysisTranslation(TranslationOptions):
    fields = ("summary",)


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("citation",)


@register(Factor)
class FactorTranslation(TranslationOptions):
    fields = ("description", "foreign_comparison")


@register(SwotItem)
class SwotItemTranslation(TranslationOptions):
    fields = ("text",)


@register(Problem)
class ProblemTranslation(TranslationOptions):
    fields = ("text", "expected_resolution")


@register(Risk)
class RiskTranslation(TranslationOptions):
    fields = ("title", "description", "prevention", "overcoming")


# The historical models of django-simple-history copy every column, so they carry the translations too.
translator.register(Analysis.history.model, AnalysisTranslation)
translator.register(Source.history.model, SourceTranslation)
translator.register(Factor.history.model, FactorTranslation)
translator.register(SwotItem.history.model, SwotItemTranslation)
translator.register(Problem.history.model, ProblemTranslation)
translator.register(Risk.history.model, RiskTranslation)
