"""The analysis stage pages (SPEC part 1 §4, cl. 7-30) and the risk register page (part 2 §7, cl. 198-204).

Two pages per document, readable by whoever may see the document (`planning.access`):

    /documents/<code>/analysis/   data years (cl. 9), sources (cl. 8), factors in the seven groups, external and
                                  internal (cl. 10-15), SWOT with its links (cl. 17-20), the problem tree drawn by
                                  levels (cl. 21-27), key problems and the goals formed on them (cl. 28, 30)
    /documents/<code>/risks/      the risk register: risks linked to goals, indicators and measures, likelihood,
                                  impact, response, responsible body, status and the history of reviews

Every change is a POST to `/documents/<code>/analysis/do/<action>/[<pk>/]` with a reason; it goes through a
`do_*` service in one transaction. With htmx the page is re-rendered in place (the response carries the whole
page; the form selects `#analysis-page`), without it the browser follows a redirect. A refusal is shown next to
the field it concerns and names the clause; nothing is written then.

Who writes (jospar/core/permissions.py): the planners, first head and administrators of the developer
(`planning.change_document`); a risk may also be reviewed by the writers of its responsible body
(`analysis.review_risk`, cl. 201, 204). Everyone else reads.

Restricted content (cl. 231-233): a reader who may not see the restricted items of the document does not see
the analysis when the document's "analysis" section is restricted, nor the restricted indicators and measures
a risk is linked to, nor the names of the people who reviewed a risk.

Decisions on ambiguous points:
* The likelihood, impact and status of a risk change only by a review (cl. 199-203: risks are tracked during
  implementation), so the history of reviews is the history of the ratings; editing a risk changes its text,
  kind, responsible body and links.
* A risk that has been reviewed is not deleted: close it (status "closed") so the review history stays.
* A problem on which a goal is formed is not deleted: unlink the goal first (cl. 30). Deleting a problem
  removes its cause-and-effect links, each with the reason in its history.
* Deleting an item (`do_delete_analysis_item`) and editing a risk (`do_update_risk`) are services of
  `jospar/analysis/services.py`, shared with the REST API.
* Sources, factors and SWOT items are changed on a page of their own (`/analysis/edit/<action>/<pk>/`), like
  problems and risks, with all three languages of each text in the form (an emptied language is cleared) and
  the version the form was opened at (no silent overwrite). The category of a SWOT item is not changed: its
  code (S1, W2, ...) and its aspect follow from it (cl. 19-20); an item of another category is a new item.
* The findings of rules V-02..V-08 stand next to the factor, SWOT item or problem they concern; those on the
  document or a goal stand in the section they are about (`analysis_findings.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jospar.analysis import services as s
from jospar.analysis import tree
from jospar.analysis.choices import (
    FactorGroup,
    FactorKind,
    ResolvedVia,
    RiskKind,
    RiskStatus,
    SourceType,
    SwotCategory,
)
from jospar.analysis.models import (
    Analysis,
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
from jospar.analysis.services import RISK_TEXTS, do_delete_analysis_item, do_update_risk
from jospar.compliance.rules.analysis import AnalysisData
from jospar.core.models import Organization
from jospar.planning.access import RESTRICTED, access_document_by_code, sees_restricted_items
from jospar.planning.choices import Confidentiality
from jospar.planning.models import Document, Goal, Indicator, Measure
from jospar.planning.services import EditConflict, NotAllowed, current_version

from .analysis_findings import analysis_notes

LANGS = ("kk", "ru", "en")
RISK_LEVELS = {"low": gettext_lazy("low"), "medium": gettext_lazy("medium"), "high": gettext_lazy("high"),
               "critical": gettext_lazy("critical")}


# ============================================================================================ rights, reading


def may_write(user, document: Document) -> bool:
    """The developer's planners, first head and administrators (cl. 4, 7; jospar/core/permissions.py)."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm("planning.change_document", document)


def analysis_hidden(user, document: Document) -> bool:
    """cl. 231-233: the analysis of a document whose analysis section is restricted is hidden from outsiders."""
    if sees_restricted_items(user, document):
        return False
    return document.sections.filter(key="analysis", confidentiality__in=RESTRICTED).exists()


@dataclass
class TreeNode:
    problem: Problem
    level: int
    causes: list[str]
    effects: list[str]
    goals: list[GoalProblem]


def problem_tree_view(analysis: Analysis) -> tuple[list[s.TreeRow], list[TreeNode], dict, str]:
    """The rows of the problem tree (cl. 27), the problems with their links, the chart data and, when the stored
    links make a cycle (only possible through an import bypassing the services), the cycle named."""
    problems = list(Problem.objects.filter(analysis=analysis))
    links = list(ProblemLink.objects.filter(cause__analysis=analysis).order_by("id")
                 .values_list("cause__code", "effect__code"))
    goals: dict[int, list[GoalProblem]] = {}
    for gp in (GoalProblem.objects.filter(problem__analysis=analysis).select_related("goal")
               .order_by("goal__order", "goal__code")):
        goals.setdefault(gp.problem_id, []).append(gp)
    cycle = ""
    try:
        levels = tree.problem_levels([p.code for p in problems], links)
    except tree.CycleError as exc:
        levels, cycle = {}, str(exc)
    by_code = {p.code: p for p in problems}
    rows = [] if cycle else [s.TreeRow(n, [by_code[c] for c in codes])
                             for n, codes in reversed(list(enumerate(tree.by_level(levels))))]
    nodes = [TreeNode(p, levels.get(p.code, 0), [c for c, e in links if e == p.code],
                      [e for c, e in links if c == p.code], goals.get(p.pk, [])) for p in problems]
    chart: dict[str, Any] = {"nodes": [], "links": [], "levels": len(rows)}
    for row_index, row in enumerate(rows):  # the consequences on top (cl. 27)
        for col, p in enumerate(row.problems):
            chart["nodes"].append({"name": p.code, "text": p.text, "key": p.is_key, "level": row.level,
                                   "x": (col - (len(row.problems) - 1) / 2) * 220, "y": row_index * 120})
    if not cycle:
        # a link that skips a level is bent so that it does not run through the problems in between
        chart["links"] = [{"source": c, "target": e,
                           **({"lineStyle": {"curveness": 0.3}} if levels[e] - levels[c] > 1 else {})}
                          for c, e in links]
    chart["labels"] = {"key": _("key problem"), "level": _("level")}
    return rows, nodes, chart, cycle


# ============================================================================================== forms


def _text_fields(form: forms.Form, name: str, label: str, *, required_one: bool, widget=forms.Textarea) -> None:
    for lang in LANGS:
        form.fields[f"{name}_{lang}"] = forms.CharField(
            label=f"{label} [{lang}]", required=False,
            widget=widget(attrs={"rows": 2}) if widget is forms.Textarea else widget())
    form.fields[f"{name}_kk"].help_text = _("Kazakh first; Russian and English if you have them.") if required_one else ""


def _texts(data: Mapping[str, Any], name: str) -> dict[str, str]:
    return {lang: data.get(f"{name}_{lang}", "") or "" for lang in LANGS}


def _require_one(form: forms.Form, name: str, message: str) -> None:
    if form.is_bound and hasattr(form, "cleaned_data") and not any(_texts(form.cleaned_data, name).values()):
        form.add_error(f"{name}_kk", message)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=500,
                             help_text=gettext_lazy("Kept in the history of the item with who changed it and when."),
                             error_messages={"required": gettext_lazy("State the reason for the change: it is kept "
                                                                      "in the history.")})

    def __init__(self, *args, document: Document, analysis: Analysis | None = None, obj=None, **kwargs):
        self.document, self.analysis, self.obj = document, analysis, obj
        super().__init__(*args, **kwargs)
        self.build()
        self.fields["reason"] = self.fields.pop("reason")  # the reason last

    def build(self) -> None:
        pass


def _edit_initial(form: ReasonForm, texts_of: tuple[str, ...], fields: tuple[str, ...]) -> None:
    """A change form opened on an item: its current values and the version it was opened at."""
    obj = form.obj
    form.fields["opened_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
    form.initial.setdefault("opened_version", current_version(obj))
    for name in fields:
        value = getattr(obj, f"{name}_id", None) if name == "factor" else getattr(obj, name)
        form.initial.setdefault(name, value)
    for name in texts_of:
        for lang in LANGS:
            form.initial.setdefault(f"{name}_{lang}", getattr(obj, f"{name}_{lang}") or "")


class StartForm(ReasonForm):
    def build(self):
        self.fields["development_year"] = forms.IntegerField(
            label=_("Year of development or correction"), min_value=1991, max_value=2100,
            initial=timezone.localdate().year,
            help_text=_("cl. 9: the analysis uses data of the three years before this year"))


class YearsForm(ReasonForm):
    def build(self):
        self.fields["years"] = forms.CharField(
            label=_("Data years"), help_text=_("Years separated by commas, e.g. 2021, 2022, 2023 (cl. 9)."),
            initial=", ".join(map(str, self.analysis.data_years.values_list("year", flat=True)))
            if self.analysis else "")

    def clean_years(self):
        raw = self.cleaned_data["years"].replace(";", ",").replace(" ", ",")
        try:
            return sorted({int(part) for part in raw.split(",") if part.strip()})
        except ValueError:
            raise forms.ValidationError(_("Write the years as numbers separated by commas (cl. 9).")) from None


class SourceForm(ReasonForm):
    def build(self):
        self.fields["type"] = forms.ChoiceField(label=_("Type of source (cl. 8)"), choices=SourceType.choices)
        _text_fields(self, "citation", _("Citation"), required_one=True, widget=forms.TextInput)
        self.fields["url"] = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
        if self.obj is not None:
            _edit_initial(self, ("citation",), ("type", "url"))

    def clean(self):
        data = super().clean()
        _require_one(self, "citation", _("Name the source (cl. 8)."))
        return data


class FactorForm(ReasonForm):
    def build(self):
        self.fields["kind"] = forms.ChoiceField(label=_("External or internal (cl. 11-13)"),
                                                choices=FactorKind.choices)
        self.fields["group"] = forms.ChoiceField(label=_("Group of factors (cl. 10)"), choices=FactorGroup.choices)
        _text_fields(self, "description", _("Description"), required_one=True)
        self.fields["foreign_country"] = forms.CharField(label=_("Country compared with (cl. 15)"), required=False,
                                                         max_length=200)
        self.fields["foreign_comparison"] = forms.CharField(
            label=_("Comparison with foreign practice (cl. 15)"), required=False,
            widget=forms.Textarea(attrs={"rows": 2}))
        if self.obj is not None:  # the comparison in three languages, like every other text of the factor
            del self.fields["foreign_comparison"]
            _text_fields(self, "foreign_comparison", _("Comparison with foreign practice (cl. 15)"),
                         required_one=False)
            _edit_initial(self, ("description", "foreign_comparison"), ("kind", "group", "foreign_country"))

    def clean(self):
        data = super().clean()
        _require_one(self, "description", _("Describe the factor (cl. 11)."))
        return data


def _choices(queryset, label: Callable[[Any], str] = lambda o: f"{o.code}. {str(o.text)[:90]}") -> list:
    return [("", "—")] + [(str(o.pk), label(o)) for o in queryset]


class SwotForm(ReasonForm):
    def build(self):
        self.fields["category"] = forms.ChoiceField(label=_("Category (cl. 19-20)"), choices=SwotCategory.choices)
        _text_fields(self, "text", _("Text"), required_one=True)
        factors = Factor.objects.filter(analysis=self.analysis)
        self.fields["factor"] = forms.ModelChoiceField(
            label=_("Factor it rests on"), queryset=factors, required=False)
        self.fields["factor"].label_from_instance = lambda f: f"{f.code}. {str(f.description)[:90]}"
        if self.obj is not None:  # the category makes the code and the aspect (cl. 19-20): not changed here
            del self.fields["category"]
            _edit_initial(self, ("text",), ("factor",))

    def clean(self):
        data = super().clean()
        _require_one(self, "text", _("State the SWOT item (cl. 17)."))
        return data


class SwotLinkForm(ReasonForm):
    def build(self):
        items = SwotItem.objects.filter(analysis=self.analysis)
        for name, label in (("first", _("First item")), ("second", _("Second item"))):
            self.fields[name] = forms.ModelChoiceField(label=label, queryset=items)
            self.fields[name].label_from_instance = lambda i: f"{i.code}. {str(i.text)[:90]}"
        self.fields["note"] = forms.CharField(label=_("How they are linked"), required=False, max_length=1000)


class ProblemForm(ReasonForm):
    """A new problem (cl. 21) or a change to one (cl. 23-25, 28); with its optional first cause (cl. 26)."""

    def build(self):
        _text_fields(self, "text", _("Formulation"), required_one=True)
        self.fields["is_key"] = forms.BooleanField(label=_("Key problem (cl. 23, 28)"), required=False)
        self.fields["relevant"] = forms.BooleanField(label=_("Relevant at the time of development (cl. 24(1))"),
                                                     required=False)
        self.fields["concrete"] = forms.BooleanField(label=_("Stated concretely (cl. 24(2))"), required=False)
        self.fields["brief"] = forms.BooleanField(label=_("Brief, without superfluous information (cl. 24(3))"),
                                                  required=False)
        self.fields["criteria_note"] = forms.CharField(label=_("Note on the criteria"), required=False,
                                                       widget=forms.Textarea(attrs={"rows": 2}))
        _text_fields(self, "expected_resolution", _("To what level it will be solved (cl. 28)"), required_one=False)
        self.fields["resolved_via"] = forms.ChoiceField(label=_("How it is solved (cl. 28)"), required=False,
                                                        choices=ResolvedVia.choices)
        if self.obj is None:
            problems = Problem.objects.filter(analysis=self.analysis)
            self.fields["cause"] = forms.ModelChoiceField(
                label=_("Caused by (cl. 26)"), queryset=problems, required=False,
                help_text=_("Optional: a problem that is a cause of this one."))
            self.fields["cause"].label_from_instance = lambda p: f"{p.code}. {str(p.text)[:90]}"
        else:
            self.fields["opened_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
            self.initial.setdefault("opened_version", current_version(self.obj))
            for name in ("is_key", "relevant", "concrete", "brief", "criteria_note", "resolved_via"):
                self.initial.setdefault(name, getattr(self.obj, name))
            for name in ("text", "expected_resolution"):
                for lang in LANGS:
                    self.initial.setdefault(f"{name}_{lang}", getattr(self.obj, f"{name}_{lang}") or "")

    def clean(self):
        data = super().clean()
        _require_one(self, "text", _("Formulate the problem (cl. 21)."))
        return data


class ProblemLinkForm(ReasonForm):
    def build(self):
        problems = Problem.objects.filter(analysis=self.analysis)
        self.fields["cause"] = forms.ModelChoiceField(label=_("Cause"), queryset=problems)
        self.fields["effect"] = forms.ModelChoiceField(label=_("Consequence"), queryset=problems)
        for name in ("cause", "effect"):
            self.fields[name].label_from_instance = lambda p: f"{p.code}. {str(p.text)[:90]}"


class GoalLinkForm(ReasonForm):
    def build(self):
        self.fields["goal"] = forms.ModelChoiceField(label=_("Goal"),
                                                     queryset=Goal.objects.filter(document=self.document))
        self.fields["goal"].label_from_instance = lambda g: f"{g.code}. {str(g.title)[:90]}"
        self.fields["problem"] = forms.ModelChoiceField(
            label=_("Problem"), queryset=Problem.objects.filter(analysis=self.analysis).order_by("-is_key", "order"))
        self.fields["problem"].label_from_instance = lambda p: (
            f"{p.code}{' ★' if p.is_key else ''}. {str(p.text)[:90]}")


class KeyForm(ReasonForm):
    def build(self):
        self.fields["is_key"] = forms.BooleanField(label=_("Key problem (cl. 23, 28)"), required=False)


class RiskForm(ReasonForm):
    """A new risk or a change to one (cl. 198-204)."""

    def build(self):
        _text_fields(self, "title", _("Risk"), required_one=True, widget=forms.TextInput)
        _text_fields(self, "description", _("Description"), required_one=False)
        self.fields["kind"] = forms.ChoiceField(label=_("Kind"), choices=RiskKind.choices)
        if self.obj is None:
            self.fields["likelihood"] = forms.TypedChoiceField(label=_("Likelihood (1-5)"), coerce=int,
                                                               choices=[(n, n) for n in tree.SCALE], initial=3)
            self.fields["impact"] = forms.TypedChoiceField(label=_("Impact (1-5)"), coerce=int,
                                                           choices=[(n, n) for n in tree.SCALE], initial=3)
            self.fields["status"] = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices,
                                                      initial=RiskStatus.OPEN)
        self.fields["owner"] = forms.ModelChoiceField(label=_("Responsible body (cl. 204)"),
                                                      queryset=Organization.objects.order_by("code"),
                                                      initial=self.document.developer_id)
        doc = self.document
        for name, label, queryset in (
            ("goals", _("Goals"), Goal.objects.filter(document=doc)),
            ("indicators", _("Indicators"), Indicator.objects.filter(document=doc, territory__isnull=True)),
            ("measures", _("Measures"), Measure.objects.filter(document=doc)),
        ):
            self.fields[name] = forms.ModelMultipleChoiceField(label=label, queryset=queryset, required=False,
                                                               widget=forms.SelectMultiple(attrs={"size": 4}))
            self.fields[name].label_from_instance = lambda o: f"{o.code}. {str(o.title)[:80]}"
        _text_fields(self, "prevention", _("Measures to prevent the risk (cl. 29(5))"), required_one=False)
        _text_fields(self, "overcoming", _("Measures to overcome it if it occurs (cl. 29(5))"), required_one=False)
        if self.obj is not None:
            risk = self.obj
            self.fields["opened_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
            self.initial.setdefault("opened_version", current_version(risk))
            self.initial.setdefault("kind", risk.kind)
            self.initial.setdefault("owner", risk.owner_id)
            for name in ("goals", "indicators", "measures"):
                self.initial.setdefault(name, [o.pk for o in getattr(risk, name).all()])
            for name in RISK_TEXTS:
                for lang in LANGS:
                    self.initial.setdefault(f"{name}_{lang}", getattr(risk, f"{name}_{lang}") or "")

    def clean(self):
        data = super().clean()
        _require_one(self, "title", _("Name the risk (cl. 198)."))
        return data


class ReviewForm(ReasonForm):
    def build(self):
        risk = self.obj
        self.fields["reviewed_on"] = forms.DateField(label=_("Date of review"), initial=timezone.localdate,
                                                     widget=forms.DateInput(attrs={"type": "date"}))
        self.fields["likelihood"] = forms.TypedChoiceField(label=_("Likelihood (1-5)"), coerce=int,
                                                           choices=[(n, n) for n in tree.SCALE],
                                                           initial=risk.likelihood if risk else 3)
        self.fields["impact"] = forms.TypedChoiceField(label=_("Impact (1-5)"), coerce=int,
                                                       choices=[(n, n) for n in tree.SCALE],
                                                       initial=risk.impact if risk else 3)
        self.fields["status"] = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices,
                                                  initial=risk.status if risk else RiskStatus.OPEN)
        self.fields["note"] = forms.CharField(label=_("What was found"), required=False,
                                              widget=forms.Textarea(attrs={"rows": 2}))


# ============================================================================================== actions


def _check_version(obj: Model, form: forms.Form) -> None:
    """No silent overwrite: refuse when someone saved the item after this form was opened."""
    opened = form.cleaned_data.get("opened_version")
    type(obj).objects.select_for_update().filter(pk=obj.pk).first()
    current = current_version(obj)
    if opened is not None and current != opened:
        raise EditConflict(current)


def _start(form, user, document, analysis, obj):
    s.do_start_analysis(document, development_year=form.cleaned_data["development_year"], acting_user=user,
                        reason=form.cleaned_data["reason"])
    return _("The analysis is started; its data years are the three years before the year of development (cl. 9).")


def _years(form, user, document, analysis, obj):
    s.do_set_data_years(analysis, form.cleaned_data["years"], acting_user=user, reason=form.cleaned_data["reason"])
    return _("Data years saved.")


def _source(form, user, document, analysis, obj):
    d = form.cleaned_data
    source = s.do_add_source(analysis, type=d["type"], citation=_texts(d, "citation"), url=d["url"],
                             acting_user=user, reason=d["reason"])
    return _("Source %(code)s added.") % {"code": source.code}


def _source_edit(form, user, document, analysis, obj):
    d = form.cleaned_data
    _check_version(obj, form)
    s.do_update_source(obj, type=d["type"], citation=_texts(d, "citation"), url=d["url"], acting_user=user,
                       reason=d["reason"])
    return _("Source %(code)s saved.") % {"code": obj.code}


def _factor_edit(form, user, document, analysis, obj):
    d = form.cleaned_data
    _check_version(obj, form)
    s.do_update_factor(obj, kind=d["kind"], group=d["group"], description=_texts(d, "description"),
                       foreign_country=d["foreign_country"], foreign_comparison=_texts(d, "foreign_comparison"),
                       acting_user=user, reason=d["reason"])
    return _("Factor %(code)s saved.") % {"code": obj.code}


def _swot_edit(form, user, document, analysis, obj):
    d = form.cleaned_data
    _check_version(obj, form)
    s.do_update_swot_item(obj, text=_texts(d, "text"), factor=d["factor"], acting_user=user, reason=d["reason"])
    return _("SWOT item %(code)s saved.") % {"code": obj.code}


def _factor(form, user, document, analysis, obj):
    d = form.cleaned_data
    comparison = d["foreign_comparison"].strip()
    factor = s.do_add_factor(analysis, kind=d["kind"], group=d["group"], description=_texts(d, "description"),
                             foreign_country=d["foreign_country"].strip(), foreign_comparison=comparison or None,
                             acting_user=user, reason=d["reason"])
    return _("Factor %(code)s added.") % {"code": factor.code}


def _swot(form, user, document, analysis, obj):
    d = form.cleaned_data
    item = s.do_add_swot_item(analysis, category=d["category"], text=_texts(d, "text"), factor=d["factor"],
                              acting_user=user, reason=d["reason"])
    return _("SWOT item %(code)s added.") % {"code": item.code}


def _swot_link(form, user, document, analysis, obj):
    d = form.cleaned_data
    s.do_link_swot(d["first"], d["second"], note=d["note"], acting_user=user, reason=d["reason"])
    return _("%(a)s and %(b)s are linked (cl. 18).") % {"a": d["first"].code, "b": d["second"].code}


def _problem(form, user, document, analysis, obj):
    d = form.cleaned_data
    problem = s.do_add_problem(analysis, text=_texts(d, "text"), is_key=d["is_key"], relevant=d["relevant"],
                               concrete=d["concrete"], brief=d["brief"], criteria_note=d["criteria_note"],
                               expected_resolution=_texts(d, "expected_resolution"),
                               resolved_via=d["resolved_via"], acting_user=user, reason=d["reason"])
    if d.get("cause"):
        s.do_link_problems(d["cause"], problem, acting_user=user, reason=d["reason"])
        return _("Problem %(code)s added, caused by %(cause)s.") % {"code": problem.code, "cause": d["cause"].code}
    return _("Problem %(code)s added.") % {"code": problem.code}


def _problem_edit(form, user, document, analysis, obj):
    d = form.cleaned_data
    _check_version(obj, form)
    s.do_update_problem(obj, text=_texts(d, "text"), expected_resolution=_texts(d, "expected_resolution"),
                        is_key=d["is_key"], relevant=d["relevant"], concrete=d["concrete"], brief=d["brief"],
                        criteria_note=d["criteria_note"], resolved_via=d["resolved_via"], acting_user=user,
                        reason=d["reason"])
    return _("Problem %(code)s saved.") % {"code": obj.code}


def _problem_key(form, user, document, analysis, obj):
    is_key = form.cleaned_data["is_key"]
    s.do_update_problem(obj, is_key=is_key, acting_user=user, reason=form.cleaned_data["reason"])
    if is_key:
        return _("%(code)s is a key problem now (cl. 23, 28).") % {"code": obj.code}
    return _("%(code)s is no longer a key problem.") % {"code": obj.code}


def _problem_link(form, user, document, analysis, obj):
    d = form.cleaned_data
    s.do_link_problems(d["cause"], d["effect"], acting_user=user, reason=d["reason"])
    return _("%(a)s is recorded as a cause of %(b)s (cl. 26).") % {"a": d["cause"].code, "b": d["effect"].code}


def _problem_unlink(form, user, document, analysis, obj):
    s.do_unlink_problems(obj.cause, obj.effect, acting_user=user, reason=form.cleaned_data["reason"])
    return _("The link %(link)s is removed.") % {"link": str(obj)}


def _goal_link(form, user, document, analysis, obj):
    d = form.cleaned_data
    s.do_link_goal_to_problem(d["goal"], d["problem"], acting_user=user, reason=d["reason"])
    return _("Goal %(goal)s is formed on problem %(problem)s (cl. 30).") % {"goal": d["goal"].code,
                                                                           "problem": d["problem"].code}


def _delete_item(form, user, document, analysis, obj):
    label = str(obj) if isinstance(obj, SwotLink | GoalProblem) else obj.code
    do_delete_analysis_item(obj, acting_user=user, reason=form.cleaned_data["reason"])
    return _("%(item)s is deleted. The history keeps what it was.") % {"item": label}


def _risk_fields(d) -> dict:
    return {"kind": d["kind"], "owner": d["owner"], "goals": d["goals"], "indicators": d["indicators"],
            "measures": d["measures"], **{name: _texts(d, name) for name in RISK_TEXTS}}


def _risk(form, user, document, analysis, obj):
    d = form.cleaned_data
    fields = _risk_fields(d)
    risk = s.do_add_risk(document, likelihood=d["likelihood"], impact=d["impact"], status=d["status"],
                         acting_user=user, reason=d["reason"], **fields)
    return _("Risk %(code)s added to the register.") % {"code": risk.code}


def _risk_edit(form, user, document, analysis, obj):
    _check_version(obj, form)
    do_update_risk(obj, acting_user=user, reason=form.cleaned_data["reason"], **_risk_fields(form.cleaned_data))
    return _("Risk %(code)s saved.") % {"code": obj.code}


def _risk_review(form, user, document, analysis, obj):
    d = form.cleaned_data
    s.do_review_risk(obj, likelihood=d["likelihood"], impact=d["impact"], status=d["status"], note=d["note"],
                     reviewed_on=d["reviewed_on"], acting_user=user, reason=d["reason"])
    return _("The review of risk %(code)s is recorded.") % {"code": obj.code}


def _writer(user, document, obj) -> bool:
    return may_write(user, document)


def _reviewer(user, document, obj) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm("analysis.review_risk", obj)


@dataclass(frozen=True)
class Action:
    page: str  # "analysis" or "risks"
    form: type[ReasonForm]
    run: Callable[..., str]
    model: type[Model] | None = None  # the item the action is on (its pk in the URL)
    needs_analysis: bool = True
    allowed: Callable[..., bool] = _writer
    # a refusal message starting with this word goes next to this field; others next to `default_field`
    fields: tuple[tuple[Any, str], ...] = ()
    default_field: str | None = None
    anchor: str = ""


ACTIONS: dict[str, Action] = {
    "start": Action("analysis", StartForm, _start, needs_analysis=False, default_field="development_year",
                    anchor="years"),
    "years": Action("analysis", YearsForm, _years, default_field="years", anchor="years"),
    "source_add": Action("analysis", SourceForm, _source, anchor="sources",
                         fields=((gettext_lazy("citation"), "citation_kk"), (gettext_lazy("address"), "url"))),
    "factor_add": Action("analysis", FactorForm, _factor, anchor="factors",
                         fields=((gettext_lazy("description"), "description_kk"),
                                 (gettext_lazy("foreign comparison"), "foreign_comparison"))),
    "source_edit": Action("analysis", SourceForm, _source_edit, Source, anchor="sources",
                          fields=((gettext_lazy("citation"), "citation_kk"), (gettext_lazy("address"), "url"))),
    "factor_edit": Action("analysis", FactorForm, _factor_edit, Factor, anchor="factors",
                          fields=((gettext_lazy("description"), "description_kk"),
                                  (gettext_lazy("foreign comparison"), "foreign_comparison_kk"))),
    "factor_delete": Action("analysis", ReasonForm, _delete_item, Factor, anchor="factors"),
    "swot_add": Action("analysis", SwotForm, _swot, anchor="swot",
                       fields=((gettext_lazy("text"), "text_kk"), (gettext_lazy("factor"), "factor"))),
    "swot_edit": Action("analysis", SwotForm, _swot_edit, SwotItem, anchor="swot",
                        fields=((gettext_lazy("text"), "text_kk"), (gettext_lazy("factor"), "factor"))),
    "swot_delete": Action("analysis", ReasonForm, _delete_item, SwotItem, anchor="swot"),
    "swot_link": Action("analysis", SwotLinkForm, _swot_link, default_field="second", anchor="swot"),
    "swot_unlink": Action("analysis", ReasonForm, _delete_item, SwotLink, anchor="swot"),
    "problem_add": Action("analysis", ProblemForm, _problem, anchor="problems", default_field="cause",
                          fields=((gettext_lazy("formulation"), "text_kk"),
                                  (gettext_lazy("how it is solved"), "resolved_via"))),
    "problem_edit": Action("analysis", ProblemForm, _problem_edit, Problem, anchor="problems",
                           fields=((gettext_lazy("formulation"), "text_kk"),
                                   (gettext_lazy("how it is solved"), "resolved_via"))),
    "problem_key": Action("analysis", KeyForm, _problem_key, Problem, anchor="problems"),
    "problem_delete": Action("analysis", ReasonForm, _delete_item, Problem, anchor="problems"),
    "problem_link": Action("analysis", ProblemLinkForm, _problem_link, default_field="effect", anchor="problems"),
    "problem_unlink": Action("analysis", ReasonForm, _problem_unlink, ProblemLink, anchor="problems"),
    "goal_link": Action("analysis", GoalLinkForm, _goal_link, default_field="goal", anchor="key-problems"),
    "goal_unlink": Action("analysis", ReasonForm, _delete_item, GoalProblem, anchor="key-problems"),
    "risk_add": Action("risks", RiskForm, _risk, needs_analysis=False, anchor="risks",
                       fields=((gettext_lazy("risk"), "title_kk"), (gettext_lazy("likelihood"), "likelihood"),
                               (gettext_lazy("impact"), "impact"), (gettext_lazy("goal"), "goals"),
                               (gettext_lazy("indicator"), "indicators"), (gettext_lazy("measure"), "measures"))),
    "risk_edit": Action("risks", RiskForm, _risk_edit, Risk, needs_analysis=False, anchor="risks",
                        fields=((gettext_lazy("risk"), "title_kk"), (gettext_lazy("goal"), "goals"),
                                (gettext_lazy("indicator"), "indicators"), (gettext_lazy("measure"), "measures"))),
    "risk_review": Action("risks", ReviewForm, _risk_review, Risk, needs_analysis=False, allowed=_reviewer,
                          anchor="risks", fields=((gettext_lazy("date of review"), "reviewed_on"),
                                                  (gettext_lazy("likelihood"), "likelihood"),
                                                  (gettext_lazy("impact"), "impact"))),
    "risk_delete": Action("risks", ReasonForm, _delete_item, Risk, needs_analysis=False, anchor="risks"),
}

ITEM_SCOPE = {  # how an item in the URL is found inside the document (anything else: 404)
    Source: "analysis__document",
    Factor: "analysis__document",
    SwotItem: "analysis__document",
    SwotLink: "first__analysis__document",
    Problem: "analysis__document",
    ProblemLink: "cause__analysis__document",
    GoalProblem: "problem__analysis__document",
    Risk: "document",
}


EDIT_ACTIONS = ("source_edit", "factor_edit", "swot_edit", "problem_edit", "risk_edit")  # each with its own page


def _item(action: Action, document: Document, pk: int | None):
    if action.model is None:
        if pk is not None:
            raise Http404
        return None
    obj = action.model.objects.filter(pk=pk, **{ITEM_SCOPE[action.model]: document}).first()
    if obj is None:
        raise Http404
    return obj


def _place(form: forms.Form, problems: list[str], action: Action) -> None:
    """Put each refusal next to the field it names (the service's messages start with the field's name)."""
    for problem in problems:
        field = action.default_field
        for word, name in action.fields:
            if problem.lower().startswith(str(word).lower()):
                field = name
                break
        form.add_error(field if field in form.fields else None, problem)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def analysis_action(request, code: str, action: str, pk: int | None = None):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    document = access_document_by_code(request.user, code)
    obj = _item(spec, document, pk)
    if not spec.allowed(request.user, document, obj):
        raise PermissionDenied(_("Only the planners of the developer may change the analysis and the risks of "
                                 "%(document)s.") % {"document": document.code})
    analysis = Analysis.objects.filter(document=document).first()
    form = spec.form(request.POST, document=document, analysis=analysis, obj=obj, prefix=_prefix(action, pk))
    if spec.needs_analysis and analysis is None:
        form.add_error(None, _("%(document)s has no analysis yet: start it first (cl. 4, 7)")
                       % {"document": document.code})
    elif form.is_valid():
        try:
            with transaction.atomic():
                done = spec.run(form, request.user, document, analysis, obj)
        except s.AnalysisRefused as exc:
            _place(form, exc.problems, spec)
        except NotAllowed as exc:
            form.add_error(None, str(exc))
        except EditConflict:
            form.add_error(None, _("Someone saved this item after you opened it. Reload the page to see their "
                                   "version; your changes are still in the form."))
        else:
            if _is_htmx(request):
                return _render_page(request, document, spec.page, flash=done)
            messages.success(request, done)
            if spec.page == "risks":
                return redirect(reverse("risk-register", args=[document.code]) + f"#{spec.anchor}")
            return redirect(reverse("analysis-page", args=[document.code]) + f"#{spec.anchor}")
    if action in EDIT_ACTIONS and not _is_htmx(request):
        return _render_edit(request, document, action, obj, form, status=400)
    return _render_page(request, document, spec.page, bound={(action, pk): form},
                        status=200 if _is_htmx(request) else 400)


def _prefix(action: str, pk: int | None) -> str:
    return action if pk is None else f"{action}-{pk}"


# ============================================================================================== pages


def analysis_page(request, code: str):
    document = access_document_by_code(request.user, code)
    return _render_page(request, document, "analysis")


def risk_register(request, code: str):
    document = access_document_by_code(request.user, code)
    return _render_page(request, document, "risks")


@login_required
def item_edit(request, code: str, action: str, pk: int):
    """The page to change a source (cl. 8), a factor (cl. 10-15), a SWOT item (cl. 17-20), a problem (cl. 21-28) or
    a risk (cl. 198-204); the POST goes to `analysis_action`."""
    if action not in EDIT_ACTIONS:
        raise Http404
    spec = ACTIONS[action]
    document = access_document_by_code(request.user, code)
    obj = _item(spec, document, pk)
    if not spec.allowed(request.user, document, obj):
        raise PermissionDenied
    analysis = Analysis.objects.filter(document=document).first()
    form = spec.form(document=document, analysis=analysis, obj=obj, prefix=_prefix(action, pk))
    if analysis_hidden(request.user, document) and spec.page == "analysis":
        raise Http404
    return _render_edit(request, document, action, obj, form)


def _render_edit(request, document, action: str, obj, form, status: int = 200):
    spec = ACTIONS[action]
    back = reverse("analysis-page" if spec.page == "analysis" else "risk-register", args=[document.code])
    return render(request, "web/analysis/edit.html", {
        "document": document, "obj": obj, "form": form, "back": f"{back}#{spec.anchor}",
        "action_url": reverse("analysis-action-item", args=[document.code, action, obj.pk]),
    }, status=status)


def _forms(page: str, document: Document, analysis: Analysis | None, bound: Mapping) -> dict[str, forms.Form]:
    out = {}
    for name, spec in ACTIONS.items():
        if spec.page != page or spec.model is not None:
            continue
        if spec.needs_analysis and analysis is None:
            continue
        out[name] = bound.get((name, None)) or spec.form(document=document, analysis=analysis, prefix=name)
    return out


def _render_page(request, document: Document, page: str, *, bound: Mapping | None = None, flash: str = "",
                 status: int = 200):
    bound = bound or {}
    user = request.user
    writer = may_write(user, document)
    context: dict[str, Any] = {"document": document, "can_write": writer, "flash": flash, "page": page}
    # the refusal of an action on one item (e.g. deleting problem P3) is shown next to that item
    context["failed"] = next(({"action": name, "pk": pk, "errors": [e for errs in form.errors.values() for e in errs]}
                              for (name, pk), form in bound.items() if pk is not None and name != "risk_review"),
                             None)
    analysis = Analysis.objects.filter(document=document).first()
    context["analysis"] = analysis
    if page == "analysis":
        context["hidden"] = analysis_hidden(user, document)
        if analysis is not None and not context["hidden"]:
            context.update(_analysis_context(analysis, document))
        elif analysis is None:  # V-05: a regional plan must have a SWOT analysis (cl. 17, 130(5))
            context["notes"] = analysis_notes(document, AnalysisData(recorded=False))
        if writer:
            context["forms"] = _forms("analysis", document, analysis, bound)
        template = "web/analysis/analysis.html"
    else:
        context.update(_risk_context(user, document))
        if writer:
            context["forms"] = _forms("risks", document, analysis, bound)
        context["review_forms"] = {
            r.pk: bound.get(("risk_review", r.pk)) or ReviewForm(document=document, obj=r,
                                                                   prefix=_prefix("risk_review", r.pk))
            for r in context["risks"] if r.can_review}
        template = "web/analysis/risks.html"
    return render(request, template, context, status=status)


def _analysis_context(analysis: Analysis, document: Document) -> dict[str, Any]:
    years = sorted(analysis.data_years.values_list("year", flat=True))
    factors = list(analysis.factors.all())
    groups = [(label, [f for f in factors if f.group == value and f.kind == FactorKind.EXTERNAL],
               [f for f in factors if f.group == value and f.kind == FactorKind.INTERNAL])
              for value, label in FactorGroup.choices]
    items = list(analysis.swot_items.select_related("factor"))
    swot = [(value, label, tree.swot_aspect(value), [i for i in items if i.category == value])
            for value, label in SwotCategory.choices]
    swot_links = list(SwotLink.objects.filter(first__analysis=analysis).select_related("first", "second")
                      .order_by("id"))
    rows, nodes, chart, cycle = problem_tree_view(analysis)
    problem_links = list(ProblemLink.objects.filter(cause__analysis=analysis).select_related("cause", "effect")
                         .order_by("id"))
    notes = analysis_notes(document)  # V-02..V-08 next to the item they concern
    for kind, rows in (("factor", factors), ("swot", items), ("problem", [n.problem for n in nodes])):
        for row in rows:
            row.notes = notes.for_item(kind, row.code)
    return {
        "notes": notes,
        "years": years,
        "required_years": analysis.required_years,
        "missing_years": [y for y in analysis.required_years if y not in years],
        "sources": list(analysis.sources.all()),
        "factor_groups": groups,
        "factor_count": len(factors),
        "swot": swot,
        "swot_count": len(items),
        "swot_links": swot_links,
        "tree_rows": rows,
        "nodes": nodes,
        "chart": chart,
        "cycle": cycle,
        "problem_links": problem_links,
        "key_nodes": [n for n in nodes if n.problem.is_key],
        "has_problems": bool(nodes),
    }


def _risk_context(user, document: Document) -> dict[str, Any]:
    restricted = sees_restricted_items(user, document)  # cl. 231-233
    indicators = Indicator.objects.all() if restricted else Indicator.objects.filter(
        confidentiality=Confidentiality.OPEN)
    measures = Measure.objects.all() if restricted else Measure.objects.filter(confidentiality=Confidentiality.OPEN)
    reviews = RiskReview.objects.select_related("reviewed_by").order_by("reviewed_on", "id")
    risks = list(Risk.objects.filter(document=document).select_related("owner", "document").prefetch_related(
        "goals", Prefetch("indicators", queryset=indicators), Prefetch("measures", queryset=measures),
        Prefetch("reviews", queryset=reviews)))
    writer = may_write(user, document)
    for risk in risks:
        risk.level_label = RISK_LEVELS[risk.level]
        risk.can_review = writer or (getattr(user, "is_authenticated", False)
                                     and user.has_perm("analysis.review_risk", risk))
    matrix = [[([r.code for r in risks if r.likelihood == lk and r.impact == im],
                tree.risk_level(tree.risk_score(lk, im))) for im in tree.SCALE]
              for lk in reversed(tree.SCALE)]
    return {"risks": risks, "show_people": restricted, "matrix": matrix, "scale": list(tree.SCALE),
            "levels": [(bound, RISK_LEVELS[name]) for bound, name in tree.LEVELS]}
