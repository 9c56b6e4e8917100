"""The analysis of one document as the plain `AnalysisData` the compliance rules read (V-02..V-08).

`load_analysis(code)` reads it in a fixed number of queries whatever the size: one when the document has
no analysis, seven when it has one. `attach_analysis(context, code)` puts it on a check's context.
"""

from __future__ import annotations

from jospar.compliance.rules.analysis import AnalysisData, FactorInfo, ProblemInfo, SwotInfo

from .models import Analysis, DataYear, Factor, GoalProblem, Problem, ProblemLink, SwotItem

LANGS = ("kk", "ru", "en")


def _text(obj, name: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in LANGS}


def load_analysis(document_code: str) -> AnalysisData:
    analysis = Analysis.objects.filter(document__code=document_code).first()
    if analysis is None:
        return AnalysisData(recorded=False)
    years = set(DataYear.objects.filter(analysis=analysis).values_list("year", flat=True))
    factors = [FactorInfo(f.code, f.kind, f.group, _text(f, "description"))
               for f in Factor.objects.filter(analysis=analysis)]
    swot = [SwotInfo(s.code, s.category, s.aspect, _text(s, "text"))
            for s in SwotItem.objects.filter(analysis=analysis)]
    problems = [ProblemInfo(p.code, _text(p, "text"), p.is_key) for p in Problem.objects.filter(analysis=analysis)]
    links = list(ProblemLink.objects.filter(cause__analysis=analysis).order_by("cause__order", "cause__code", "id")
                 .values_list("cause__code", "effect__code"))
    goal_problems: dict[str, set[str]] = {}
    for goal, problem in GoalProblem.objects.filter(problem__analysis=analysis).values_list("goal__code",
                                                                                             "problem__code"):
        goal_problems.setdefault(goal, set()).add(problem)
    return AnalysisData(recorded=True, development_year=analysis.development_year, data_years=years,
                        factors=factors, swot=swot, problems=problems, links=links, goal_problems=goal_problems)


def attach_analysis(context, document_code: str):
    """Give a check's context the analysis of the document (the rules read `context.analysis`)."""
    context.analysis = load_analysis(document_code)
    return context


def load_analyses(document_codes: list[str]) -> dict[str, AnalysisData]:
    """`load_analysis` of several documents: one query finds which have an analysis, seven per one that has."""
    recorded = set(Analysis.objects.filter(document__code__in=document_codes).values_list("document__code", flat=True))
    return {code: load_analysis(code) if code in recorded else AnalysisData(recorded=False) for code in document_codes}
