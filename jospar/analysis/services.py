"""Writes of the analysis stage (cl. 7-30) and of the risk register (cl. 198-204).

Every `do_*` function checks who acts, validates everything first and then writes in one transaction,
stamping the history with the user and the reason. A refusal raises `AnalysisRefused` with one message per
problem, each naming the field or item and the clause; nothing is written then. `acting_user=None` is the
system (management commands, the demo), as for `interchange.do_import_document`.

Who may write: the analysis and the risks of a document belong to its developer (`planning.change_document`:
the developer's planners, first head and administrators; superusers). A risk may also be reviewed by the
writers of its responsible body (cl. 201, 204).

Decisions on ambiguous clauses:
* cl. 9: the "current year" is the year of development or correction, stored on the analysis; starting an
  analysis records the three years before it as data years unless other years are given. Extra, older
  years are allowed (the rule requires the window, it does not exclude history).
* cl. 18: a SWOT link joins two items of different categories (a link inside one category says nothing
  about their relation); the text does not restrict the pairs further.
* cl. 25: an exact repetition (same words after folding case and punctuation) is refused; a near
  duplicate is allowed and reported by rule V-06.
* cl. 27: a link that would make a cycle is refused with the cycle named ("P3 → P5 → P3").
* cl. 30: a goal may be linked to any problem of its document; rule V-08 asks for at least one key problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jospar.core.history import stamp as _stamp
from jospar.core.models import Organization
from jospar.core.permissions import writing_organization_ids
from jospar.planning.models import Document, Goal, Indicator, Measure
from jospar.planning.services import NotAllowed

from . import tree
from .choices import FactorGroup, FactorKind, ResolvedVia, RiskKind, RiskStatus, SourceType, SwotCategory
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

LANGS = ("kk", "ru", "en")
SWOT_PREFIX = {"strength": "S", "weakness": "W", "opportunity": "O", "threat": "T"}
CODE_PATTERN = re.compile(r"^[\w.\-]{1,40}$")


class AnalysisRefused(Exception):
    """The change is refused; `problems` says why, one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


# ------------------------------------------------------------------------------------------------ helpers


def _require_writer(user, document: Document) -> None:
    if user is None:
        return
    if not user.has_perm("planning.change_document", document):
        raise NotAllowed(_("Only the planners of the developer may change the analysis and the risks of %(document)s.")
                         % {"document": document.code})


def _save(obj, user, reason: str):
    _stamp(obj, user, reason)
    obj.save()
    return obj


def texts(value: str | Mapping[str, str] | None) -> dict[str, str]:
    """kk/ru/en text from a dict, or from a plain string taken as the text in the active language."""
    if value is None:
        return {}
    if isinstance(value, str):
        lang = (translation.get_language() or "kk")[:2]
        return {lang if lang in LANGS else "kk": value.strip()}
    unknown = set(value) - set(LANGS)
    if unknown:
        raise AnalysisRefused([_("unknown language(s) %(langs)s: use kk, ru, en") % {"langs": ", ".join(sorted(unknown))}])
    return {lang: (text or "").strip() for lang, text in value.items()}


def _filled(value: Mapping[str, str]) -> bool:
    return any(v for v in value.values())


def _set_texts(obj, name: str, value: Mapping[str, str]) -> None:
    for lang, text in value.items():
        setattr(obj, f"{name}_{lang}", text)


def _obj_texts(obj, name: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in LANGS}


def _next_code(existing: Iterable[str], prefix: str) -> str:
    numbers = [int(c[len(prefix):]) for c in existing if c.startswith(prefix) and c[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _code(problems: list[str], code: str | None, existing: set[str], prefix: str, what: str) -> str:
    if code is None or code == "":
        return _next_code(existing, prefix)
    if not CODE_PATTERN.match(code):
        problems.append(_("code «%(code)s»: use up to 40 letters, digits, dots, dashes or underscores") % {"code": code})
    elif code in existing:
        problems.append(_("code %(code)s: another %(what)s already has this code") % {"code": code, "what": what})
    return code


def _choice(problems: list[str], field: str, value: str, choices, clause: str) -> None:
    if value not in choices.values:
        problems.append(_("%(field)s «%(value)s»: not one of %(allowed)s (%(clause)s)") % {
            "field": field, "value": value, "allowed": ", ".join(choices.values), "clause": clause})


def _refuse_if(problems: list[str]) -> None:
    if problems:
        raise AnalysisRefused(problems)


def analysis_of(document: Document) -> Analysis:
    analysis = Analysis.objects.filter(document=document).first()
    if analysis is None:
        raise AnalysisRefused([_("%(document)s has no analysis yet: start it first (cl. 4, 7)")
                               % {"document": document.code}])
    return analysis


# ----------------------------------------------------------------------------------------- analysis, years


def do_start_analysis(
    document: Document, *, development_year: int, data_years: Iterable[int] | None = None,
    summary: str | Mapping[str, str] | None = None, acting_user, reason: str = "",
) -> Analysis:
    """Start (or update) the analysis of a document; the data years default to the three before (cl. 9)."""
    _require_writer(acting_user, document)
    problems: list[str] = []
    if not 1991 <= development_year <= 2100:
        problems.append(_("year of development %(year)s: not between 1991 and 2100") % {"year": development_year})
    years = sorted(set(data_years)) if data_years is not None else None
    if years is not None:
        problems += _year_problems(years, development_year)
    summary_texts = texts(summary)
    _refuse_if(problems)
    with transaction.atomic():
        analysis = Analysis.objects.select_for_update().filter(document=document).first()
        created = analysis is None
        analysis = analysis or Analysis(document=document)
        analysis.development_year = development_year
        _set_texts(analysis, "summary", summary_texts)
        _save(analysis, acting_user, reason)
        if years is None and created:
            years = tree.required_data_years(development_year)
        if years is not None:
            _replace_years(analysis, years, acting_user, reason)
    return analysis


def _year_problems(years: list[int], development_year: int) -> list[str]:
    out = []
    for y in years:
        if y >= development_year:
            out.append(_("data year %(year)s: the analysis uses data of the years before %(current)s (cl. 9)")
                       % {"year": y, "current": development_year})
        elif y < 1991:
            out.append(_("data year %(year)s: before 1991") % {"year": y})
    return out


def _replace_years(analysis: Analysis, years: list[int], user, reason: str) -> None:
    current = {d.year: d for d in DataYear.objects.filter(analysis=analysis)}
    for year, row in current.items():
        if year not in years:
            _stamp(row, user, reason)
            row.delete()
    for year in years:
        if year not in current:
            _save(DataYear(analysis=analysis, year=year), user, reason)


def do_set_data_years(analysis: Analysis, years: Iterable[int], *, acting_user, reason: str = "") -> Analysis:
    """Replace the years whose data the analysis uses (cl. 9)."""
    _require_writer(acting_user, analysis.document)
    years = sorted(set(years))
    _refuse_if(_year_problems(years, analysis.development_year))
    with transaction.atomic():
        _replace_years(analysis, years, acting_user, reason)
    return analysis


def _check_url(problems: list[str], url: str | None) -> None:
    """A source's address, when given, is a web address (cl. 8)."""
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            problems.append(_("address «%(url)s»: not a web address") % {"url": url})


def do_add_source(
    analysis: Analysis, *, type: str, citation: str | Mapping[str, str], url: str = "", code: str | None = None,
    acting_user, reason: str = "",
) -> Source:
    """A source of information of the analysis, of one of the five types of cl. 8."""
    _require_writer(acting_user, analysis.document)
    problems: list[str] = []
    _choice(problems, _("type"), type, SourceType, "cl. 8")
    cited = texts(citation)
    if not _filled(cited):
        problems.append(_("citation: empty; name the source (cl. 8)"))
    _check_url(problems, url)
    existing = set(Source.objects.filter(analysis=analysis).values_list("code", flat=True))
    code = _code(problems, code, existing, "SRC", _("source"))
    _refuse_if(problems)
    with transaction.atomic():
        source = Source(analysis=analysis, code=code, order=len(existing) + 1, type=type, url=url)
        _set_texts(source, "citation", cited)
        return _save(source, acting_user, reason)


def do_update_source(
    source: Source, *, type: str | None = None, citation: str | Mapping[str, str] | None = None,
    url: str | None = None, acting_user, reason: str = "",
) -> Source:
    """Change the type, the citation (only the languages given) or the address of a source (cl. 8)."""
    _require_writer(acting_user, source.analysis.document)
    problems: list[str] = []
    if type is not None:
        _choice(problems, _("type"), type, SourceType, "cl. 8")
    cited = texts(citation) if citation is not None else None
    if cited is not None and not _filled({**_obj_texts(source, "citation"), **cited}):
        problems.append(_("citation: empty; name the source (cl. 8)"))
    _check_url(problems, url)
    _refuse_if(problems)
    with transaction.atomic():
        if type is not None:
            source.type = type
        if url is not None:
            source.url = url
        if cited is not None:
            _set_texts(source, "citation", cited)
        return _save(source, acting_user, reason)


# ----------------------------------------------------------------------------------------------- factors


def do_add_factor(
    analysis: Analysis, *, kind: str, group: str, description: str | Mapping[str, str],
    foreign_country: str = "", foreign_comparison: str | Mapping[str, str] | None = None,
    code: str | None = None, acting_user, reason: str = "",
) -> Factor:
    """An external or internal factor of development in one of the seven groups (cl. 10-13), with an optional
    comparison with the practice of a foreign country (cl. 15)."""
    _require_writer(acting_user, analysis.document)
    problems: list[str] = []
    _choice(problems, _("kind"), kind, FactorKind, "cl. 11-13")
    _choice(problems, _("group"), group, FactorGroup, "cl. 10")
    described = texts(description)
    if not _filled(described):
        problems.append(_("description: empty; describe the factor (cl. 11)"))
    comparison = texts(foreign_comparison)
    if foreign_country and not _filled(comparison):
        problems.append(_("foreign comparison: a country is named but the comparison is empty (cl. 15)"))
    existing = set(Factor.objects.filter(analysis=analysis).values_list("code", flat=True))
    code = _code(problems, code, existing, "F", _("factor"))
    _refuse_if(problems)
    with transaction.atomic():
        factor = Factor(analysis=analysis, code=code, order=len(existing) + 1, kind=kind, group=group,
                        foreign_country=foreign_country)
        _set_texts(factor, "description", described)
        _set_texts(factor, "foreign_comparison", comparison)
        return _save(factor, acting_user, reason)


def do_update_factor(
    factor: Factor, *, kind: str | None = None, group: str | None = None,
    description: str | Mapping[str, str] | None = None, foreign_country: str | None = None,
    foreign_comparison: str | Mapping[str, str] | None = None, acting_user, reason: str = "",
) -> Factor:
    """Change a factor (cl. 10-15): its kind, group, description or foreign comparison; a text changes only in
    the languages given (a change of the English text keeps the Kazakh and Russian)."""
    _require_writer(acting_user, factor.analysis.document)
    problems: list[str] = []
    if kind is not None:
        _choice(problems, _("kind"), kind, FactorKind, "cl. 11-13")
    if group is not None:
        _choice(problems, _("group"), group, FactorGroup, "cl. 10")
    described = texts(description) if description is not None else None
    if described is not None and not _filled({**_obj_texts(factor, "description"), **described}):
        problems.append(_("description: empty; describe the factor (cl. 11)"))
    comparison = texts(foreign_comparison) if foreign_comparison is not None else None
    country = factor.foreign_country if foreign_country is None else foreign_country.strip()
    if country and not _filled({**_obj_texts(factor, "foreign_comparison"), **(comparison or {})}):
        problems.append(_("foreign comparison: a country is named but the comparison is empty (cl. 15)"))
    _refuse_if(problems)
    with transaction.atomic():
        if kind is not None:
            factor.kind = kind
        if group is not None:
            factor.group = group
        factor.foreign_country = country
        if described is not None:
            _set_texts(factor, "description", described)
        if comparison is not None:
            _set_texts(factor, "foreign_comparison", comparison)
        return _save(factor, acting_user, reason)


# -------------------------------------------------------------------------------------------------- SWOT


def do_add_swot_item(
    analysis: Analysis, *, category: str, text: str | Mapping[str, str], factor: Factor | None = None,
    code: str | None = None, acting_user, reason: str = "",
) -> SwotItem:
    """A strength, weakness, opportunity or threat (cl. 17-20); its aspect follows from the category."""
    _require_writer(acting_user, analysis.document)
    problems: list[str] = []
    _choice(problems, _("category"), category, SwotCategory, "cl. 2(12), 19-20")
    written = texts(text)
    if not _filled(written):
        problems.append(_("text: empty; state the SWOT item (cl. 17)"))
    if factor is not None and factor.analysis_id != analysis.pk:
        problems.append(_("factor %(code)s: belongs to the analysis of another document") % {"code": factor.code})
    existing = set(SwotItem.objects.filter(analysis=analysis).values_list("code", flat=True))
    code = _code(problems, code, existing, SWOT_PREFIX.get(category, "X"), _("SWOT item"))
    _refuse_if(problems)
    with transaction.atomic():
        item = SwotItem(analysis=analysis, code=code, order=len(existing) + 1, category=category, factor=factor)
        _set_texts(item, "text", written)
        return _save(item, acting_user, reason)


KEEP = object()  # "leave as it is" for an argument where None means "clear it"


def do_update_swot_item(item: SwotItem, *, text: str | Mapping[str, str] | None = None, factor=KEEP,
                        acting_user, reason: str = "") -> SwotItem:
    """Change the text of a SWOT item (only the languages given) or the factor it rests on (None: no factor).

    The category is not changed here: the code (S1, W2, ...) and the aspect follow from it (cl. 19-20), so an
    item of another category is a new item (add it, link it, delete the old one)."""
    _require_writer(acting_user, item.analysis.document)
    problems: list[str] = []
    written = texts(text) if text is not None else None
    if written is not None and not _filled({**_obj_texts(item, "text"), **written}):
        problems.append(_("text: empty; state the SWOT item (cl. 17)"))
    if factor is not KEEP and factor is not None and factor.analysis_id != item.analysis_id:
        problems.append(_("factor %(code)s: belongs to the analysis of another document") % {"code": factor.code})
    _refuse_if(problems)
    with transaction.atomic():
        if written is not None:
            _set_texts(item, "text", written)
        if factor is not KEEP:
            item.factor = factor
        return _save(item, acting_user, reason)


def do_link_swot(first: SwotItem, second: SwotItem, *, note: str = "", acting_user, reason: str = "") -> SwotLink:
    """Link two SWOT items of different categories of one analysis (cl. 18)."""
    _require_writer(acting_user, first.analysis.document)
    problems: list[str] = []
    if first.analysis_id != second.analysis_id:
        problems.append(_("%(a)s – %(b)s: the items belong to different analyses") % {"a": first.code, "b": second.code})
    elif first.category == second.category:
        problems.append(_("%(a)s – %(b)s: both items are of the same category; a link joins different categories "
                          "(cl. 18)") % {"a": first.code, "b": second.code})
    elif SwotLink.objects.filter(first__in=(first, second), second__in=(first, second)).exists():
        problems.append(_("%(a)s – %(b)s: already linked") % {"a": first.code, "b": second.code})
    _refuse_if(problems)
    with transaction.atomic():
        return _save(SwotLink(first=first, second=second, note=note), acting_user, reason)


# ---------------------------------------------------------------------------------------------- problems


def do_add_problem(
    analysis: Analysis, *, text: str | Mapping[str, str], is_key: bool = False, relevant: bool = False,
    concrete: bool = False, brief: bool = False, criteria_note: str = "",
    expected_resolution: str | Mapping[str, str] | None = None, resolved_via: str = "",
    code: str | None = None, acting_user, reason: str = "",
) -> Problem:
    """A problem formulated on the basis of the analysis (cl. 21), checked against the criteria of cl. 24."""
    _require_writer(acting_user, analysis.document)
    problems: list[str] = []
    written = texts(text)
    if not _filled(written):
        problems.append(_("formulation: empty; formulate the problem (cl. 21)"))
    _choice(problems, _("how it is solved"), resolved_via, ResolvedVia, "cl. 28")
    others = list(Problem.objects.filter(analysis=analysis))
    problems += _repeats(written, others)
    code = _code(problems, code, {p.code for p in others}, "P", _("problem"))
    _refuse_if(problems)
    with transaction.atomic():
        problem = Problem(analysis=analysis, code=code, order=len(others) + 1, is_key=is_key, relevant=relevant,
                          concrete=concrete, brief=brief, criteria_note=criteria_note, resolved_via=resolved_via)
        _set_texts(problem, "text", written)
        _set_texts(problem, "expected_resolution", texts(expected_resolution))
        return _save(problem, acting_user, reason)


def _repeats(written: Mapping[str, str], others: Iterable[Problem]) -> list[str]:
    """cl. 25: a formulation equal to another's (after folding case and punctuation) is refused."""
    out = []
    for other in others:
        theirs = _obj_texts(other, "text")
        if any(text and tree.normalized(text) == tree.normalized(theirs.get(lang, ""))
               for lang, text in written.items()):
            out.append(_("formulation: repeats problem %(code)s; problems do not repeat: merge them or make the "
                         "difference clear (cl. 25)") % {"code": other.code})
    return out


PROBLEM_FIELDS = ("is_key", "relevant", "concrete", "brief", "criteria_note", "resolved_via")


def do_update_problem(problem: Problem, *, acting_user, reason: str = "", text=None, expected_resolution=None,
                      **fields) -> Problem:
    """Change the formulation, the key flag (cl. 23, 28), the criteria (cl. 24) or cl. 28's details."""
    _require_writer(acting_user, problem.analysis.document)
    problems: list[str] = []
    unknown = set(fields) - set(PROBLEM_FIELDS)
    if unknown:
        problems.append(_("unknown field(s): %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if "resolved_via" in fields:
        _choice(problems, _("how it is solved"), fields["resolved_via"], ResolvedVia, "cl. 28")
    written = texts(text) if text is not None else None
    if written is not None:
        if not _filled({**_obj_texts(problem, "text"), **written}):
            problems.append(_("formulation: empty; formulate the problem (cl. 21)"))
        problems += _repeats(written, Problem.objects.filter(analysis=problem.analysis_id).exclude(pk=problem.pk))
    _refuse_if(problems)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(problem, name, value)
        if written is not None:
            _set_texts(problem, "text", written)
        if expected_resolution is not None:
            _set_texts(problem, "expected_resolution", texts(expected_resolution))
        return _save(problem, acting_user, reason)


def do_link_problems(cause: Problem, effect: Problem, *, acting_user, reason: str = "") -> ProblemLink:
    """Record that `cause` is a cause of `effect` (cl. 26); refused if it would make a cycle (cl. 27)."""
    _require_writer(acting_user, cause.analysis.document)
    problems: list[str] = []
    if cause.analysis_id != effect.analysis_id:
        problems.append(_("%(a)s → %(b)s: the problems belong to different analyses") % {"a": cause.code, "b": effect.code})
    _refuse_if(problems)
    with transaction.atomic():
        Analysis.objects.select_for_update().filter(pk=cause.analysis_id).first()  # one link at a time
        links = list(ProblemLink.objects.filter(cause__analysis=cause.analysis_id)
                     .values_list("cause__code", "effect__code"))
        if (cause.code, effect.code) in links:
            raise AnalysisRefused([_("%(a)s → %(b)s: already linked") % {"a": cause.code, "b": effect.code}])
        cycle = tree.cycle_if_linked(links, cause.code, effect.code)
        if cycle:
            raise AnalysisRefused([_(
                "%(a)s → %(b)s: the link would make the cycle %(cycle)s; a cause sits below its consequence, "
                "so the problem tree cannot have a cycle (cl. 26-27)") % {
                    "a": cause.code, "b": effect.code, "cycle": tree.cycle_text(cycle)}])
        return _save(ProblemLink(cause=cause, effect=effect), acting_user, reason)


def do_unlink_problems(cause: Problem, effect: Problem, *, acting_user, reason: str = "") -> None:
    _require_writer(acting_user, cause.analysis.document)
    with transaction.atomic():
        for link in ProblemLink.objects.filter(cause=cause, effect=effect):
            _stamp(link, acting_user, reason)
            link.delete()


def do_link_goal_to_problem(goal: Goal, problem: Problem, *, acting_user, reason: str = "") -> GoalProblem:
    """Record that a goal is formed on a problem of its document (cl. 30, 113(1))."""
    document = problem.analysis.document
    _require_writer(acting_user, document)
    problems: list[str] = []
    if goal.document_id != document.pk:
        problems.append(_("goal %(goal)s: belongs to another document than problem %(problem)s")
                        % {"goal": goal.code, "problem": problem.code})
    elif GoalProblem.objects.filter(goal=goal, problem=problem).exists():
        problems.append(_("goal %(goal)s is already formed on problem %(problem)s")
                        % {"goal": goal.code, "problem": problem.code})
    _refuse_if(problems)
    with transaction.atomic():
        return _save(GoalProblem(goal=goal, problem=problem), acting_user, reason)


@dataclass(frozen=True)
class TreeRow:
    level: int
    problems: list[Problem]


def problem_tree(analysis: Analysis) -> list[TreeRow]:
    """The problems by level of the problem tree (cl. 27), the highest level (the consequences) first."""
    problems = {p.code: p for p in Problem.objects.filter(analysis=analysis)}
    links = ProblemLink.objects.filter(cause__analysis=analysis).values_list("cause__code", "effect__code")
    levels = tree.problem_levels(problems, links)
    rows = tree.by_level(levels)
    return [TreeRow(n, [problems[c] for c in rows[n]]) for n in reversed(range(len(rows)))]


# ------------------------------------------------------------------------------------------------- risks


def _rating_problems(likelihood, impact) -> list[str]:
    out = []
    for name, value in ((_("likelihood"), likelihood), (_("impact"), impact)):
        if not isinstance(value, int) or isinstance(value, bool) or value not in tree.SCALE:
            out.append(_("%(field)s %(value)s: rate it from 1 to 5") % {"field": name, "value": value})
    return out


def _same_document(problems: list[str], document: Document, rows: Iterable, what: str) -> list:
    rows = list(rows)
    for row in rows:
        if row.document_id != document.pk:
            problems.append(_("%(what)s %(code)s: belongs to another document") % {"what": what, "code": row.code})
    return rows


def do_add_risk(
    document: Document, *, title: str | Mapping[str, str], kind: str, likelihood: int, impact: int,
    owner: Organization, goals: Iterable[Goal] = (), indicators: Iterable[Indicator] = (),
    measures: Iterable[Measure] = (), prevention: str | Mapping[str, str] | None = None,
    overcoming: str | Mapping[str, str] | None = None, description: str | Mapping[str, str] | None = None,
    status: str = RiskStatus.OPEN, code: str | None = None, acting_user, reason: str = "",
) -> Risk:
    """Enter a risk in the document's register (cl. 198-204; cl. 29(5): risks and the measures against them)."""
    _require_writer(acting_user, document)
    problems: list[str] = []
    named = texts(title)
    if not _filled(named):
        problems.append(_("risk: empty; name the risk (cl. 198)"))
    _choice(problems, _("kind"), kind, RiskKind, "cl. 7, 201")
    _choice(problems, _("status"), status, RiskStatus, "cl. 199-201")
    problems += _rating_problems(likelihood, impact)
    if owner is None:
        problems.append(_("responsible body: missing; risks are managed by the body responsible (cl. 204)"))
    goals = _same_document(problems, document, goals, _("goal"))
    indicators = _same_document(problems, document, indicators, _("indicator"))
    measures = _same_document(problems, document, measures, _("measure"))
    existing = set(Risk.objects.filter(document=document).values_list("code", flat=True))
    code = _code(problems, code, existing, "R", _("risk"))
    _refuse_if(problems)
    with transaction.atomic():
        risk = Risk(document=document, code=code, order=len(existing) + 1, kind=kind, likelihood=likelihood,
                    impact=impact, owner=owner, status=status)
        _set_texts(risk, "title", named)
        for name, value in (("description", description), ("prevention", prevention), ("overcoming", overcoming)):
            _set_texts(risk, name, texts(value))
        _save(risk, acting_user, reason)
        risk.goals.set(goals)
        risk.indicators.set(indicators)
        risk.measures.set(measures)
    return risk


def _may_review(user, risk: Risk) -> bool:
    if user is None or user.has_perm("planning.change_document", risk.document):
        return True
    return risk.owner_id in writing_organization_ids(user)


def do_review_risk(
    risk: Risk, *, likelihood: int, impact: int, status: str | None = None, note: str = "",
    reviewed_on: dt.date | None = None, acting_user, reason: str = "",
) -> RiskReview:
    """Review a risk (cl. 199-203): record the likelihood, impact and status found now, and update the risk."""
    if not _may_review(acting_user, risk):
        raise NotAllowed(_("Only the developer or the body responsible for risk %(code)s may review it (cl. 204).")
                         % {"code": risk.code})
    problems = _rating_problems(likelihood, impact)
    status = status or risk.status
    _choice(problems, _("status"), status, RiskStatus, "cl. 199-201")
    today = timezone.localdate()
    reviewed_on = reviewed_on or today
    if reviewed_on > today:
        problems.append(_("date of review %(date)s: in the future") % {"date": reviewed_on.isoformat()})
    last = risk.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    if last and reviewed_on < last:
        problems.append(_("date of review %(date)s: before the last review of %(last)s")
                        % {"date": reviewed_on.isoformat(), "last": last.isoformat()})
    _refuse_if(problems)
    with transaction.atomic():
        review = _save(RiskReview(risk=risk, reviewed_on=reviewed_on, reviewed_by=acting_user, likelihood=likelihood,
                                  impact=impact, status=status, note=note), acting_user, reason)
        risk.likelihood, risk.impact, risk.status = likelihood, impact, status
        _save(risk, acting_user, reason or _("review of %(date)s") % {"date": reviewed_on.isoformat()})
    return review


# ------------------------------------------------------------------------- deleting items, editing risks


def _delete(obj: Model, user, reason: str) -> None:
    _stamp(obj, user, reason)
    obj.delete()


def document_of(obj: Model) -> Document:
    if isinstance(obj, Risk):
        return obj.document
    if isinstance(obj, SwotLink):
        return obj.first.analysis.document
    if isinstance(obj, GoalProblem):
        return obj.problem.analysis.document
    return obj.analysis.document


def do_delete_analysis_item(obj: Factor | SwotItem | SwotLink | Problem | GoalProblem | Risk, *, acting_user,
                            reason: str = "") -> None:
    """Delete an item of the analysis or the risk register; what depends on it is unlinked first, each change
    stamped with the user and the reason. Refused for a problem a goal is formed on (cl. 30) and for a risk
    that has been reviewed (cl. 199-203)."""
    _require_writer(acting_user, document_of(obj))
    if isinstance(obj, Problem):
        goals = [gp.goal.code for gp in obj.goal_links.select_related("goal")]
        if goals:
            raise AnalysisRefused([_("problem %(code)s: goal(s) %(goals)s are formed on it; unlink them first "
                                       "(cl. 30)") % {"code": obj.code, "goals": ", ".join(goals)}])
    if isinstance(obj, Risk) and obj.reviews.exists():
        raise AnalysisRefused([_("risk %(code)s: it has been reviewed; close it instead, so that the history of "
                                   "its reviews stays (cl. 199-203)") % {"code": obj.code}])
    with transaction.atomic():
        if isinstance(obj, Factor):
            for item in obj.swot_items.all():
                item.factor = None
                _save(item, acting_user, reason)
        if isinstance(obj, SwotItem):
            for link in SwotLink.objects.filter(first=obj) | SwotLink.objects.filter(second=obj):
                _delete(link, acting_user, reason)
        if isinstance(obj, Problem):
            for link in ProblemLink.objects.filter(cause=obj) | ProblemLink.objects.filter(effect=obj):
                _delete(link, acting_user, reason)
        _delete(obj, acting_user, reason)


RISK_TEXTS = ("title", "description", "prevention", "overcoming")


def do_update_risk(risk: Risk, *, acting_user, reason: str = "", kind: str | None = None,
                   owner: Organization | None = None, goals: Iterable[Goal] | None = None,
                   indicators: Iterable[Indicator] | None = None, measures: Iterable[Measure] | None = None,
                   **text_fields: str | Mapping[str, str]) -> Risk:
    """Change the text, kind, responsible body or links of a risk (cl. 198-204). The likelihood, impact and status
    change by a review (`do_review_risk`) so that every rating stays in the history of reviews."""
    document = risk.document
    _require_writer(acting_user, document)
    problems: list[str] = []
    unknown = set(text_fields) - set(RISK_TEXTS)
    if unknown:
        problems.append(_("unknown field(s): %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if kind is not None:
        _choice(problems, _("kind"), kind, RiskKind, "cl. 7, 201")
    written = {name: texts(value) for name, value in text_fields.items() if name in RISK_TEXTS}
    if "title" in written and not _filled({**_obj_texts(risk, "title"), **written["title"]}):
        problems.append(_("risk: empty; name the risk (cl. 198)"))
    links = {}
    for name, rows, what in (("goals", goals, _("goal")), ("indicators", indicators, _("indicator")),
                             ("measures", measures, _("measure"))):
        if rows is not None:
            links[name] = _same_document(problems, document, rows, what)
    _refuse_if(problems)
    with transaction.atomic():
        if kind is not None:
            risk.kind = kind
        if owner is not None:
            risk.owner = owner
        for name, value in written.items():
            _set_texts(risk, name, value)
        _save(risk, acting_user, reason)
        for name, rows in links.items():
            getattr(risk, name).set(rows)
    return risk
