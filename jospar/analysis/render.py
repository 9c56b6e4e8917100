"""The analysis and the risk register of a document as plain text (`jospar analysis show`), in kk, ru or en."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jospar.planning.models import Document

from . import tree
from .choices import FactorKind, SwotCategory
from .models import Analysis, GoalProblem, ProblemLink, Risk, RiskReview, SwotLink
from .services import problem_tree

INDENT = "  "
RISK_LEVELS = {"low": gettext_lazy("low"), "medium": gettext_lazy("medium"), "high": gettext_lazy("high"),
               "critical": gettext_lazy("critical")}


def _short(text: str, width: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_analysis(document: Document, lang: str = "kk") -> str:
    with translation.override(lang):
        lines = [_("%(code)s «%(title)s»") % {"code": document.code, "title": _short(document.title)}]
        analysis = Analysis.objects.filter(document=document).first()
        if analysis is None:
            lines.append(_("No analysis is recorded for this document (cl. 4, 7)."))
        else:
            lines += _analysis_lines(analysis)
        lines += _risk_lines(document)
    return "\n".join(lines) + "\n"


def _analysis_lines(analysis: Analysis) -> list[str]:
    years = sorted(analysis.data_years.values_list("year", flat=True))
    missing = [y for y in analysis.required_years if y not in years]
    out = [_("Year of development: %(year)s; data years: %(years)s") % {
        "year": analysis.development_year, "years": ", ".join(map(str, years)) or "—"}]
    if missing:
        out.append(INDENT + _("missing data years: %(years)s (cl. 9)") % {"years": ", ".join(map(str, missing))})
    if analysis.summary:
        out.append(INDENT + _short(analysis.summary, 400))

    out += ["", _("Sources of information (cl. 8)")]
    sources = list(analysis.sources.all())
    out += [f"{INDENT}{s.code} [{s.get_type_display()}] {_short(s.citation)}" for s in sources] or [INDENT + "—"]

    out += ["", _("Factors of development (cl. 10-15)")]
    factors = list(analysis.factors.all())
    for kind in FactorKind:
        rows = [f for f in factors if f.kind == kind]
        if not rows:
            continue
        out.append(INDENT + str(kind.label))
        for f in rows:
            out.append(f"{INDENT * 2}{f.code} [{f.get_group_display()}] {_short(f.description)}")
            if f.foreign_comparison:
                label = _("foreign practice")
                out.append(f"{INDENT * 3}{label} ({f.foreign_country or '—'}): {_short(f.foreign_comparison)}")
    if not factors:
        out.append(INDENT + "—")

    out += ["", _("SWOT analysis (cl. 17-20)")]
    items = list(analysis.swot_items.all())
    for category in SwotCategory:
        rows = [s for s in items if s.category == category]
        if rows:
            out.append(f"{INDENT}{category.label} ({rows[0].get_aspect_display()})")
            out += [f"{INDENT * 2}{s.code} {_short(s.text)}" for s in rows]
    links = SwotLink.objects.filter(first__analysis=analysis).select_related("first", "second").order_by("id")
    pairs = [f"{link.first.code} – {link.second.code}" for link in links]
    if pairs:
        out.append(INDENT + _("links (cl. 18): %(links)s") % {"links": ", ".join(pairs)})
    if not items:
        out.append(INDENT + "—")

    out += ["", _("Problem tree (cl. 26-27): consequences above, causes below")]
    try:
        rows = problem_tree(analysis)
    except tree.CycleError as exc:
        rows = []
        out.append(INDENT + _("the links make a cycle %(cycle)s: no levels (cl. 27)") % {"cycle": str(exc)})
    for row in rows:
        out.append(INDENT + _("Level %(level)s") % {"level": row.level})
        for p in row.problems:
            marks = [_("key")] if p.is_key else []
            if not p.meets_criteria:
                marks.append(_("criteria of cl. 24 not confirmed"))
            mark = f" [{'; '.join(marks)}]" if marks else ""
            out.append(f"{INDENT * 2}{p.code} {_short(p.text)}{mark}")
    plinks = ProblemLink.objects.filter(cause__analysis=analysis).select_related("cause", "effect").order_by("id")
    arrows = [f"{link.cause.code}{tree.ARROW}{link.effect.code}" for link in plinks]
    if arrows:
        out.append(INDENT + _("cause → consequence: %(links)s") % {"links": ", ".join(arrows)})

    out += ["", _("Key problems (cl. 23, 28) and the goals formed on them (cl. 30)")]
    goals: dict[int, list[str]] = {}
    for gp in GoalProblem.objects.filter(problem__analysis=analysis).select_related("goal").order_by("goal__order",
                                                                                                      "goal__code"):
        goals.setdefault(gp.problem_id, []).append(gp.goal.code)
    key = [p for p in analysis.problems.all() if p.is_key]
    for p in key:
        out.append(f"{INDENT}{p.code} {_short(p.text)}")
        out.append(INDENT * 2 + _("goals: %(goals)s") % {"goals": ", ".join(goals.get(p.pk, [])) or "—"})
        if p.expected_resolution:
            out.append(INDENT * 2 + _("to what level it will be solved: %(text)s")
                       % {"text": _short(p.expected_resolution)})
    if not key:
        out.append(INDENT + "—")
    return out


def _risk_lines(document: Document) -> list[str]:
    out = ["", _("Risks (cl. 198-204)")]
    reviews = RiskReview.objects.select_related("reviewed_by").order_by("reviewed_on", "id")
    risks = (Risk.objects.filter(document=document).select_related("owner")
             .prefetch_related("goals", "indicators", "measures", Prefetch("reviews", queryset=reviews)))
    for r in risks:
        out.append(f"{INDENT}{r.code} {_short(r.title)} [{r.get_kind_display()}; {r.get_status_display()}]")
        out.append(INDENT * 2 + _("likelihood %(l)s × impact %(i)s = %(score)s (%(level)s); responsible: %(owner)s") % {
            "l": r.likelihood, "i": r.impact, "score": r.score, "level": RISK_LEVELS[r.level], "owner": r.owner.code})
        linked = [(_("goals"), [g.code for g in r.goals.all()]),
                  (_("indicators"), [i.code for i in r.indicators.all()]),
                  (_("measures"), [m.code for m in r.measures.all()])]
        parts = [f"{name}: {', '.join(codes)}" for name, codes in linked if codes]
        if parts:
            out.append(INDENT * 2 + "; ".join(parts))
        if r.prevention:
            out.append(INDENT * 2 + _("prevention: %(text)s") % {"text": _short(r.prevention)})
        if r.overcoming:
            out.append(INDENT * 2 + _("overcoming: %(text)s") % {"text": _short(r.overcoming)})
        for review in r.reviews.all():
            who = review.reviewed_by.username if review.reviewed_by else _("system")
            out.append(INDENT * 2 + _("review %(date)s by %(who)s: %(l)s × %(i)s = %(score)s, %(status)s") % {
                "date": review.reviewed_on.isoformat(), "who": who, "l": review.likelihood, "i": review.impact,
                "score": review.score, "status": review.get_status_display()} + (
                f" — {_short(review.note)}" if review.note else ""))
    if len(out) == 2:
        out.append(INDENT + "—")
    return out
