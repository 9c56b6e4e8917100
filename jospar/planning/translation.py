"""Text that appears in the official forms exists in kk, ru and en (forms are Kazakh by default)."""

from modeltranslation.translator import TranslationOptions, register, translator

from .models import Direction, Document, FinancialNeed, Goal, Indicator, Measure, Section, Task


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "basis", "mission", "vision")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Direction)
class DirectionTranslation(TranslationOptions):
    fields = ("title",)


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title",)


@register(Task)
class TaskTranslation(TranslationOptions):
    fields = ("title",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("title", "unit", "information_source", "definition", "calculation_method", "budget_program_name")


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "completion_form", "expected_result", "deadline_text", "unit")


@register(FinancialNeed)
class FinancialNeedTranslation(TranslationOptions):
    fields = ("grounds", "expected_effect", "gdp_contribution", "note_history", "note_calculation",
              "note_justification")


# The historical models of django-simple-history copy every column, so they carry the translations too.
translator.register(Document.history.model, DocumentTranslation)
translator.register(Section.history.model, SectionTranslation)
translator.register(Direction.history.model, DirectionTranslation)
translator.register(Goal.history.model, GoalTranslation)
translator.register(Task.history.model, TaskTranslation)
translator.register(Indicator.history.model, IndicatorTranslation)
translator.register(Measure.history.model, MeasureTranslation)
translator.register(FinancialNeed.history.model, FinancialNeedTranslation)
