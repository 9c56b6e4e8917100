"""The forms of the document editor: one per item, each with the reason for the change."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from jospar.core.models import Organization, Territory
from jospar.planning.models import (
    Direction,
    Document,
    Financing,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Section,
    Task,
)


def _i18n(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in ("kk", "ru", "en")]


class ReasonMixin(forms.Form):
    change_reason = forms.CharField(
        label=_("Reason for the change"), required=False, max_length=500,
        help_text=_("Kept in the history of the item with who changed it and when."),
    )
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentCreateForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["code", "type", *_i18n("title"), "period_start", "period_end", "developer", "territory"]

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["developer"].queryset = organizations
        self.fields["territory"].queryset = Territory.objects.filter(parent__isnull=True)
        self.fields["title_kk"].required = True


class DocumentForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            *_i18n("title"), "period_start", "period_end", "territory", "co_executors", "parents", "confidentiality",
            "approval_act_name", "approval_act_number", "approval_act_date", *_i18n("basis", "mission", "vision"),
        ]
        widgets = {"approval_act_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.filter(parent__isnull=True)
        self.fields["parents"].queryset = Document.objects.exclude(pk=self.instance.pk).only(
            "code", "title", "period_start", "period_end")
        self.fields["co_executors"].widget.attrs["size"] = 8
        self.fields["title_kk"].required = True


class SectionForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["key", "order", *_i18n("title"), *_i18n("text"), "confidentiality"]


class DirectionForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Direction
        fields = ["code", "order", *_i18n("title")]


class GoalForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["code", "order", "direction", *_i18n("title"), "achievement_year", "budget_program_codes"]


class TaskForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["goal", "code", "order", *_i18n("title"), "deadline_year"]


class IndicatorForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code", "kind", "order", "direction", "goal", "task", *_i18n("title", "unit"), "value_kind", "polarity",
            "accumulation", "range_low", "range_high", "baseline_year", "baseline_value", "final_year",
            "in_strategic_map", "responsible", "responsible_official", "territory", "budget_program_code", "sdg",
            "confidentiality", "data_source_type", *_i18n("information_source"), "data_collection_method",
            *_i18n("definition"), "data_periodicity", *_i18n("calculation_method"), "calculation_republican",
            "calculation_local", "higher_links_note", "is_estimated", "method_status",
        ]

    def clean(self):
        data = super().clean()
        task, goal = data.get("task"), data.get("goal")
        if task and goal and task.goal_id != goal.pk:
            self.add_error("task", _("The task belongs to another goal (cl. 46: a task serves exactly one goal)."))
        if data.get("polarity") == "keep_range" and (data.get("range_low") is None or data.get("range_high") is None):
            self.add_error("range_low", _("An indicator kept within a range needs both bounds."))
        return data


class MeasureForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "code", "order", "goal", "task", "indicators", *_i18n("title", "completion_form"), "start_year",
            "deadline", *_i18n("deadline_text"), "responsible", "co_executors", "territory", *_i18n("unit"),
            "planned_quantity", *_i18n("expected_result"), "confidentiality",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        data = super().clean()
        task, goal = data.get("task"), data.get("goal")
        if task and goal and task.goal_id != goal.pk:
            self.add_error("task", _("The task belongs to another goal (cl. 46: a task serves exactly one goal)."))
        return data


class YearWithinPeriod:
    """Inline rows (values, financing) must fall within the document's period (cl. 35)."""

    document: Document

    def clean(self):
        super().clean()
        for form in self.forms:
            year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
            if year and not form.cleaned_data.get("DELETE") and year not in self.document.years:
                form.add_error("year", _("Outside the document period %(start)s-%(end)s (cl. 35).") % {
                    "start": self.document.period_start, "end": self.document.period_end})


BaseValueFormSet = inlineformset_factory(
    Indicator, IndicatorValue, fields=["year", "quarter", "plan", "corrected_plan", "fact", "reason"],
    extra=1, can_delete=True, widgets={"reason": forms.TextInput(attrs={"size": 30})},
)
BaseFinancingFormSet = inlineformset_factory(
    Measure, Financing,
    fields=["year", "source", "budget_level", "budget_program_code", "administrator", "plan", "corrected_plan",
            "absorbed", "reason_unabsorbed"],
    extra=1, can_delete=True, widgets={"reason_unabsorbed": forms.TextInput(attrs={"size": 24})},
)


class ValueFormSet(YearWithinPeriod, BaseValueFormSet):
    pass


class FinancingFormSet(YearWithinPeriod, BaseFinancingFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form in self.forms:
            form.fields["administrator"].queryset = Organization.objects.only("code", "name")


# kind in the URL -> (model, form, formset, parent field of the document)
ITEM_KINDS = {
    "section": (Section, SectionForm, None),
    "direction": (Direction, DirectionForm, None),
    "goal": (Goal, GoalForm, None),
    "task": (Task, TaskForm, None),
    "indicator": (Indicator, IndicatorForm, ValueFormSet),
    "measure": (Measure, MeasureForm, FinancingFormSet),
}


def limit_to_document(form: forms.ModelForm, document: Document) -> None:
    """Offer only the document's own directions, goals, tasks and indicators."""
    fields = form.fields
    if "direction" in fields:
        fields["direction"].queryset = Direction.objects.filter(document=document)
    if "goal" in fields:
        fields["goal"].queryset = Goal.objects.filter(document=document)
    if "task" in fields:
        fields["task"].queryset = Task.objects.filter(goal__document=document).select_related("goal")
    if "indicators" in fields:
        fields["indicators"].queryset = Indicator.objects.filter(document=document, territory__isnull=True)
        fields["indicators"].widget.attrs["size"] = 6
    if "territory" in fields and document.territory_id:
        fields["territory"].queryset = Territory.objects.filter(pk=document.territory_id) | Territory.objects.filter(
            parent_id=document.territory_id)
    if "responsible_official" in fields:
        fields["responsible_official"].queryset = fields["responsible_official"].queryset.select_related("organization")
    if "co_executors" in fields:
        fields["co_executors"].widget.attrs["size"] = 6
