"""Pieces shared by the builders of every annex."""

from __future__ import annotations

from decimal import Decimal

from jospar.monitoring.achievement import ExecutionStatus, assess_indicator
from jospar.planning.models import Financing, Indicator, IndicatorValue, Measure

from ..data import PlanData
from ..table import Binding, Cell, Form, Row
from ..text import CAPTION, FORM, T, tr

# Why a cell is closed to a co-executor (the message of the import names it, with the clause).
GUARD_PLAN = T("жоспарлы мәндер бекітілген жоспардан алынады, 213-т.",
               "плановые значения берутся из утверждённого плана, п. 213",
               "plan values come from the approved plan, cl. 213")
GUARD_TEXT = T("атаулар мен деректемелер құжаттан алынады, 225-т. 1)",
               "наименования и реквизиты берутся из документа, п. 225 1)",
               "names and requisites come from the document, cl. 225(1)")
GUARD_OTHER = T("бұл жолды басқа орындаушы толтырады, 240, 254, 266-т.",
                "эту строку заполняет другой исполнитель, пп. 240, 254, 266",
                "another executor fills this row, cl. 240, 254, 266")
GUARD_DERIVED = T("есептелетін мән", "вычисляемое значение", "computed value")

IND_PREFIX = T("Нысаналы индикатор: ", "Целевой индикатор: ", "Target indicator: ")
MEASURE_PREFIX = T("Іс-шара: ", "Мероприятие: ", "Measure: ")
DIRECTION_PREFIX = T("Бағыты: ", "Направление: ", "Direction: ")
GOAL_PREFIX = T("Мақсат: ", "Цель: ", "Goal: ")
CO_EXECUTOR = T("бірлесіп орындаушы", "соисполнитель", "co-executor")


def caption_form(annex: str, lang: str, data: PlanData | None, title_lines: list[str], **kw) -> Form:
    meta = {"annex": annex, "lang": lang}
    if data is not None:
        meta.update(document=data.document.code, public="1" if data.public else "")
        if data.organization is not None:
            meta["organization"] = data.organization.code
    return Form(annex=annex, lang=lang, caption=CAPTION(lang, n=annex.split("-districts")[0]),
                title_lines=title_lines, form_label=FORM(lang), meta=meta, **kw)


def text(value, guard: T | None = GUARD_TEXT, lang: str = "kk", bold: bool = False, colspan: int = 1) -> Cell:
    return Cell(value if value not in (None, "") else None, "text", bold=bold, colspan=colspan,
                guard=guard(lang) if guard else "")


def number(value, fmt: str = "value", lang: str = "kk", guard: T | None = GUARD_PLAN, places: int | None = None,
           binding: Binding | None = None, derived: bool = False, bold: bool = False) -> Cell:
    return Cell(value, fmt, places=places, binding=binding, derived=derived, bold=bold,  # type: ignore[arg-type]
                guard="" if binding else (GUARD_DERIVED(lang) if derived else (guard(lang) if guard else "")))


def star() -> Cell:
    return Cell("*", star=True, guard="*")


def blank(lang: str = "kk") -> Cell:
    return Cell(None, guard=GUARD_TEXT(lang))


def group_row(label: str, width: int, kind: str = "group", level: int = 0, key: str = "", no: str = "",
              lang: str = "kk") -> Row:
    if no:
        return Row([text(no, lang=lang, bold=True), text(label, lang=lang, bold=True, colspan=width - 1)],
                   kind=kind, level=level, key=key)  # type: ignore[arg-type]
    return Row([text(label, lang=lang, bold=True, colspan=width)], kind=kind, level=level, key=key)  # type: ignore[arg-type]


def ind_key(indicator: Indicator, year: int, document_code: str | None = None) -> str:
    code = document_code or indicator.document.code
    return f"{code}:{indicator.code}|{year}"


def bind_value(data: PlanData, indicator: Indicator, year: int, field: str, clause: str) -> Binding | None:
    if data.organization is not None and not data.may_fill_indicator(indicator):
        return None
    doc = data.document.code if indicator.document_id == data.document.pk else indicator.document.code
    return Binding("indicator_value", f"{doc}:{indicator.code}|{year}", field, clause)


def bind_measure(data: PlanData, measure: Measure, year: int, field: str, clause: str) -> Binding | None:
    if data.organization is not None and not data.may_fill_measure(measure):
        return None
    doc = data.document.code if measure.document_id == data.document.pk else measure.document.code
    return Binding("measure_execution", f"{doc}:{measure.code}|{year}", field, clause)


def line_key(data: PlanData, line: Financing, measure: Measure) -> str:
    return f"{data.document.code}:{measure.code}|{line.year}|{line.source}|{line.budget_program_code}"


def bind_line(data: PlanData, line: Financing, measure: Measure, field: str, clause: str) -> Binding | None:
    if data.organization is not None and not data.may_fill_line(line, measure):
        return None
    return Binding("financing", line_key(data, line, measure), field, clause)


def org_name(org, lang: str) -> str:
    return tr(org, "name", lang) if org is not None else ""


def responsible_text(data: PlanData, indicator: Indicator, lang: str, official: bool = True) -> str:
    parts = []
    if indicator.responsible is not None:
        parts.append(org_name(indicator.responsible, lang))
    for c in data.coexec.get(indicator.pk, ()):
        parts.append(f"{org_name(c.organization, lang)} ({CO_EXECUTOR(lang)})")
    if official and indicator.responsible_official is not None:
        o = indicator.responsible_official
        parts.append(f"{o.full_name}, {tr(o, 'position', lang)}")
    return "; ".join(parts)


def measure_executors(data: PlanData, measure: Measure, lang: str) -> str:
    parts = [org_name(measure.responsible, lang)] if measure.responsible else []
    parts += [f"{org_name(o, lang)} ({CO_EXECUTOR(lang)})" for o in data.measure_coexec.get(measure.pk, ())]
    return "; ".join(parts)


def status_of(indicator: Indicator, value: IndicatorValue | None) -> ExecutionStatus | None:
    """The Annex 12/14 word for a target-indicator row, from plan and fact (jospar.monitoring.achievement)."""
    if value is None or value.fact is None:
        return None
    verdict = assess_indicator(value.effective_plan, value.fact, indicator.polarity,
                               range_low=indicator.range_low, range_high=indicator.range_high)
    from jospar.monitoring.achievement import IndicatorStatus

    return IndicatorStatus(verdict.status).to_execution_status()


def with_status(status: str | None, comment: str, lang: str, annex: int = 14) -> str | None:
    """Column 11 of Annex 14 / column 7 of Annex 12: "<status>. <brief information>"."""
    word = ExecutionStatus(status).label(lang, annex) if status else ""
    if word and comment:
        return f"{word}. {comment}"
    return word or comment or None


def status_words() -> dict[str, ExecutionStatus]:
    """Every spelling of the three statuses in the three languages (Annex 12 and 14 wording), lower-cased."""
    out: dict[str, ExecutionStatus] = {}
    for status in ExecutionStatus:
        for lang in ("kk", "ru", "en"):
            for annex in (12, 14):
                out[status.label(lang, annex).lower()] = status
    return out


def deviation(plan: Decimal | None, fact: Decimal | None) -> Decimal | None:
    """Annex 10 col. 7: fact − plan, in the indicator's unit (SPEC part 5 F-1, sign: fact minus plan)."""
    return None if plan is None or fact is None else fact - plan
