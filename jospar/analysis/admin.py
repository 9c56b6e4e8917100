"""Admin of the analysis stage and the risk register: translated text, history with who, when and why.

The admin is the back office of the authorized bodies; planners work through the services. A cause -> effect
link entered here is still refused when it would make a cycle (cl. 27).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from jospar.core.admin_mixins import HistoryAdmin, ReasonForm, TranslatedHistoryAdmin

from . import tree
from .models import (
    Analysis,
    DataYear,
    Factor,
    GoalProblem,
    Problem,
    ProblemLink,
    Risk,
    RiskReview,
    Source,
    SwotItem,
    SwotLink,
)


class DataYearInline(admin.TabularInline):
    model = DataYear
    extra = 0


class SourceInline(TranslationTabularInline):
    model = Source
    extra = 0
    fields = ("order", "code", "type", "citation", "url")


class FactorInline(TranslationTabularInline):
    model = Factor
    extra = 0
    fields = ("order", "code", "kind", "group", "description")


class SwotItemInline(TranslationTabularInline):
    model = SwotItem
    extra = 0
    fields = ("order", "code", "category", "text", "factor")


class ProblemInline(TranslationTabularInline):
    model = Problem
    extra = 0
    fields = ("order", "code", "text", "is_key", "relevant", "concrete", "brief")


@admin.register(Analysis)
class AnalysisAdmin(TranslatedHistoryAdmin):
    list_display = ("document", "development_year")
    search_fields = ("document__code",)
    list_select_related = ("document",)
    autocomplete_fields = ("document",)
    inlines = [DataYearInline, SourceInline, FactorInline, SwotItemInline, ProblemInline]


@admin.register(Factor)
class FactorAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "description", "kind", "group", "analysis")
    list_filter = ("kind", "group")
    search_fields = ("code", "description_kk", "description_ru", "analysis__document__code")
    list_select_related = ("analysis__document",)
    autocomplete_fields = ("analysis",)


@admin.register(SwotItem)
class SwotItemAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "text", "category", "aspect", "analysis")
    list_filter = ("category",)
    search_fields = ("code", "text_kk", "text_ru", "analysis__document__code")
    list_select_related = ("analysis__document",)
    autocomplete_fields = ("analysis", "factor")
    readonly_fields = ("aspect",)


@admin.register(SwotLink)
class SwotLinkAdmin(HistoryAdmin):
    list_display = ("first", "second")
    search_fields = ("first__code", "second__code")
    autocomplete_fields = ("first", "second")


class ProblemLinkForm(ReasonForm):
    class Meta:
        model = ProblemLink
        fields = "__all__"

    def clean(self):
        data = super().clean()
        cause, effect = data.get("cause"), data.get("effect")
        if cause and effect:
            if cause.analysis_id != effect.analysis_id:
                raise forms.ValidationError(_("The problems belong to different analyses."))
            links = ProblemLink.objects.filter(cause__analysis=cause.analysis_id)
            if self.instance.pk:
                links = links.exclude(pk=self.instance.pk)
            cycle = tree.cycle_if_linked(links.values_list("cause__code", "effect__code"), cause.code, effect.code)
            if cycle:
                raise forms.ValidationError(
                    _("The link would make the cycle %(cycle)s; a cause sits below its consequence (cl. 26-27).")
                    % {"cycle": tree.cycle_text(cycle)})
        return data


@admin.register(Problem)
class ProblemAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "text", "is_key", "relevant", "concrete", "brief", "analysis")
    list_filter = ("is_key", "relevant", "concrete", "brief")
    search_fields = ("code", "text_kk", "text_ru", "analysis__document__code")
    list_select_related = ("analysis__document",)
    autocomplete_fields = ("analysis",)


@admin.register(ProblemLink)
class ProblemLinkAdmin(HistoryAdmin):
    form = ProblemLinkForm
    list_display = ("cause", "effect")
    search_fields = ("cause__code", "effect__code", "cause__analysis__document__code")
    autocomplete_fields = ("cause", "effect")


@admin.register(GoalProblem)
class GoalProblemAdmin(HistoryAdmin):
    list_display = ("goal", "problem")
    search_fields = ("goal__code", "problem__code", "goal__document__code")
    autocomplete_fields = ("goal", "problem")


@admin.register(Source)
class SourceAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "type", "citation", "analysis")
    list_filter = ("type",)
    search_fields = ("code", "citation_kk", "citation_ru", "analysis__document__code")
    autocomplete_fields = ("analysis",)


class RiskReviewInline(admin.TabularInline):
    model = RiskReview
    extra = 0
    fields = ("reviewed_on", "reviewed_by", "likelihood", "impact", "status", "note")
    readonly_fields = ("reviewed_by",)


@admin.register(Risk)
class RiskAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "title", "document", "kind", "likelihood", "impact", "score", "status", "owner")
    list_filter = ("kind", "status")
    search_fields = ("code", "title_kk", "title_ru", "title_en", "document__code")
    list_select_related = ("document", "owner")
    autocomplete_fields = ("document", "owner", "goals", "indicators", "measures")
    inlines = [RiskReviewInline]

    @admin.display(description=_("score"))
    def score(self, obj):
        return obj.score


@admin.register(RiskReview)
class RiskReviewAdmin(HistoryAdmin):
    list_display = ("risk", "reviewed_on", "reviewed_by", "likelihood", "impact", "status")
    list_filter = ("status",)
    search_fields = ("risk__code", "risk__document__code")
    list_select_related = ("risk", "reviewed_by")
    autocomplete_fields = ("risk",)
    readonly_fields = ("reviewed_by",)
