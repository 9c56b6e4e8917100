from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from jospar.core.admin_mixins import HistoryAdmin, TranslatedHistoryAdmin

from .models import (
    DecompositionLink,
    Direction,
    Document,
    FinancialNeed,
    FinancialNeedAmount,
    Financing,
    Goal,
    Indicator,
    IndicatorCoExecutor,
    IndicatorValue,
    Measure,
    PublicProposal,
    Resources,
    Section,
    Task,
)


class ResourcesInline(admin.TabularInline):
    model = Resources
    extra = 0
    fields = ("year", "budget_expenditure", "national_project_expenditure", "staff")


class SectionInline(TranslationTabularInline):
    model = Section
    extra = 0
    fields = ("order", "key", "title", "text", "confidentiality")


@admin.register(Document)
class DocumentAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "title", "type", "period_start", "period_end", "developer", "status", "confidentiality")
    list_filter = ("type", "status", "confidentiality")
    search_fields = ("code", "title_kk", "title_ru", "title_en")
    list_select_related = ("developer",)
    autocomplete_fields = ("developer", "co_executors", "territory", "parents", "previous_version")
    inlines = [SectionInline, ResourcesInline]


@admin.register(Section)
class SectionAdmin(TranslatedHistoryAdmin):
    list_display = ("document", "order", "key", "title", "confidentiality")
    search_fields = ("key", "title_kk", "title_ru", "document__code")
    list_select_related = ("document",)
    autocomplete_fields = ("document",)


@admin.register(Direction)
class DirectionAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "title", "document")
    search_fields = ("code", "title_kk", "title_ru", "document__code")
    list_select_related = ("document",)
    autocomplete_fields = ("document",)


class TaskInline(TranslationTabularInline):
    model = Task
    extra = 0
    fields = ("order", "code", "title", "deadline_year")


@admin.register(Goal)
class GoalAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "title", "document", "direction", "achievement_year")
    search_fields = ("code", "title_kk", "title_ru", "document__code")
    list_select_related = ("document", "direction")
    autocomplete_fields = ("document", "direction")
    inlines = [TaskInline]


@admin.register(Task)
class TaskAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "title", "goal", "deadline_year")
    search_fields = ("code", "title_kk", "title_ru", "goal__document__code")
    list_select_related = ("goal",)
    autocomplete_fields = ("goal",)


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ("year", "quarter", "plan", "corrected_plan", "fact", "reason")


class IndicatorCoExecutorInline(admin.TabularInline):
    model = IndicatorCoExecutor
    extra = 0
    autocomplete_fields = ("organization",)


class ChildLinkInline(admin.TabularInline):
    model = DecompositionLink
    fk_name = "parent"
    extra = 0
    autocomplete_fields = ("child",)


@admin.register(Indicator)
class IndicatorAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "title", "kind", "unit", "document", "responsible", "territory", "in_strategic_map")
    list_filter = ("kind", "polarity", "accumulation", "in_strategic_map", "document__type")
    search_fields = ("code", "title_kk", "title_ru", "title_en", "document__code")
    list_select_related = ("document", "responsible", "territory")
    autocomplete_fields = ("document", "direction", "goal", "task", "responsible", "responsible_official", "territory",
                           "initiator")
    inlines = [IndicatorValueInline, IndicatorCoExecutorInline, ChildLinkInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(HistoryAdmin):
    list_display = ("indicator", "year", "quarter", "plan", "corrected_plan", "fact")
    list_filter = ("year", "quarter")
    search_fields = ("indicator__code", "indicator__document__code")
    list_select_related = ("indicator",)
    autocomplete_fields = ("indicator",)


@admin.register(DecompositionLink)
class DecompositionLinkAdmin(HistoryAdmin):
    list_display = ("parent", "child", "kind", "dimension", "weight")
    list_filter = ("kind", "dimension")
    search_fields = ("parent__code", "child__code")
    list_select_related = ("parent", "child")
    autocomplete_fields = ("parent", "child")


class FinancingInline(admin.TabularInline):
    model = Financing
    extra = 0
    autocomplete_fields = ("administrator",)


@admin.register(Measure)
class MeasureAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "title", "document", "responsible", "deadline", "deadline_text")
    search_fields = ("code", "title_kk", "title_ru", "document__code")
    list_select_related = ("document", "responsible")
    autocomplete_fields = ("document", "goal", "task", "indicators", "responsible", "co_executors", "territory")
    inlines = [FinancingInline]


@admin.register(Financing)
class FinancingAdmin(HistoryAdmin):
    list_display = ("measure", "year", "source", "budget_program_code", "plan", "corrected_plan", "absorbed")
    list_filter = ("year", "source")
    search_fields = ("measure__code", "budget_program_code")
    list_select_related = ("measure",)
    autocomplete_fields = ("measure", "administrator")


@admin.register(PublicProposal)
class PublicProposalAdmin(HistoryAdmin):
    list_display = ("document", "author_name", "submitted_at", "decision")
    list_filter = ("decision",)
    search_fields = ("author_name", "text", "document__code")
    list_select_related = ("document",)
    autocomplete_fields = ("document",)
    readonly_fields = ("submitted_at", "responded_at", "responded_by")


@admin.register(Resources)
class ResourcesAdmin(HistoryAdmin):
    list_display = ("document", "year", "budget_expenditure", "national_project_expenditure", "staff")
    list_filter = ("year",)
    search_fields = ("document__code",)
    list_select_related = ("document",)
    autocomplete_fields = ("document",)


class FinancialNeedAmountInline(admin.TabularInline):
    model = FinancialNeedAmount
    extra = 0
    fields = ("year", "amount")


@admin.register(FinancialNeed)
class FinancialNeedAdmin(TranslatedHistoryAdmin):
    list_display = ("document", "goal", "indicator", "priority")
    list_filter = ("priority",)
    search_fields = ("document__code", "goal__code", "indicator__code")
    list_select_related = ("document", "goal", "indicator")
    autocomplete_fields = ("document", "goal", "indicator")
    inlines = [FinancialNeedAmountInline]


@admin.register(FinancialNeedAmount)
class FinancialNeedAmountAdmin(HistoryAdmin):
    list_display = ("need", "year", "amount")
    list_filter = ("year",)
    search_fields = ("need__document__code",)
    list_select_related = ("need", "need__document", "need__goal", "need__indicator")
    autocomplete_fields = ("need",)
