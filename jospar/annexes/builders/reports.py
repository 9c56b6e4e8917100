"""Implementation reports: Annexes 10, 12, 13, 14 (+ district breakdown) and the public "plan-fact-comments"."""

from __future__ import annotations

from jospar.planning.choices import IndicatorKind

from ..data import PlanData, by_source, money_sum
from ..periods import evaluated_years, implementation_years
from ..table import Column, Form, Paragraph, Row, Table, grouped_header, simple_header
from ..text import (
    AKIM,
    ANNEX_SHEET,
    APPROVED,
    DOC_TYPE,
    FIRST_HEAD,
    MLN_TENGE,
    NOTE_FILL,
    NOTE_STAR,
    REPORTING_PERIOD,
    RESTRICTED_NOTE,
    STATE_BODY,
    TOTAL,
    T,
    source_label,
    tr,
)
from .common import (
    DIRECTION_PREFIX,
    GOAL_PREFIX,
    GUARD_OTHER,
    IND_PREFIX,
    MEASURE_PREFIX,
    bind_line,
    bind_measure,
    bind_value,
    blank,
    caption_form,
    deviation,
    group_row,
    measure_executors,
    number,
    org_name,
    responsible_text,
    star,
    status_of,
    text,
    with_status,
)

TARGETS = (IndicatorKind.MACRO, IndicatorKind.TARGET)
YEAR_GROUP = T("{y} жыл", "{y} год", "{y}")
YEARS_NOTE_A10 = T("{a}-{b}-бағандар: Ұлттық жоспарды іске асырудың алдыңғы жылдарының жоспары мен фактісі "
                   "(10-қосымшаның түсіндірмесі, 2-тармақтың 8) тармақшасы; 230, 244-тармақтар).",
                   "Графы {a}-{b}: план и факт предыдущих лет реализации Национального плана (пояснение к "
                   "приложению 10, подпункт 8) пункта 2; пункты 230, 244).",
                   "Columns {a}-{b}: plan and fact of the earlier years of implementation of the National Plan "
                   "(Annex 10 expl. 2(8); cl. 230, 244).")
YEARS_NOTE_A14 = T("{a}-{b}-бағандар: бағаланған жылдардың базалық мәні, жоспары және нақты мәні (14-қосымшаның "
                   "түсіндірмесі, 4-тармақтың 10) тармақшасы; 230, 270-тармақтар).",
                   "Графы {a}-{b}: базовое значение, план и факт оцененных лет (пояснение к приложению 14, "
                   "подпункт 10) пункта 4; пункты 230, 270).",
                   "Columns {a}-{b}: baseline, plan and actual of the evaluated years (Annex 14 expl. 4(10); "
                   "cl. 230, 270).")
NOT_EVALUATED = T("Бағаланбаған жылдар (есеп қабылданбаған, 270-т.): {years}.",
                  "Не оценены годы (отчет не принят, п. 270): {years}.",
                  "Years not evaluated (no accepted report, cl. 270): {years}.")


def approved_text(data: PlanData) -> str:
    d = data.document
    parts = [d.approval_act_name, f"№ {d.approval_act_number}" if d.approval_act_number else "",
             d.approval_act_date.strftime("%d.%m.%Y") if d.approval_act_date else ""]
    return " ".join(p for p in parts if p)


def report_fields(data: PlanData, year: int, lang: str, *, body: bool = True) -> list[tuple[str, str]]:
    fields = [(REPORTING_PERIOD(lang), str(year)), (APPROVED(lang), approved_text(data))]
    if body:
        fields.append((STATE_BODY(lang), org_name(data.document.developer, lang)))
    return fields


def _finish(form: Form, data: PlanData, lang: str) -> Form:
    if data.public:
        form.notes.append(RESTRICTED_NOTE(lang))
    return form


def _in_part(data: PlanData, *bindings) -> bool:
    """A co-executor's workbook shows only the rows it fills (its part of the report)."""
    return data.organization is None or any(b is not None for b in bindings)


def _drop_empty_groups(rows: list[Row]) -> list[Row]:
    """Remove group/label rows left without item rows under them (a co-executor's part, a public version)."""
    rank = {"group": 0, "subgroup": 1, "label": 2}
    out: list[Row] = []
    for i, row in enumerate(rows):
        if row.kind in rank:
            level = rank[row.kind]
            has_child = False
            for nxt in rows[i + 1:]:
                if nxt.kind in rank and rank[nxt.kind] <= level:
                    break
                if nxt.kind not in rank:
                    has_child = True
                    break
            if not has_child:
                continue
        out.append(row)
    return out


# =========================================================================================== Annex 14

A14_TITLE = T("Облыстың, республикалық маңызы бар қаланың, астананың даму жоспарының іске асырылуы туралы есеп",
              "Отчет о реализации плана развития области, города республиканского значения, столицы",
              "Report on implementation of the development plan of an oblast, city of republican significance, "
              "capital")
A14_S1 = T("1. Жоспардың іске асырылу барысы туралы ақпарат", "1. Информация о ходе реализации Плана",
           "1. Information on the progress of implementation of the Plan")
A14_S2 = T("2. Қаржы қаражатының игерілуі", "2. Освоение финансовых средств", "2. Utilisation of financial resources")
A14_S3 = T("3. Талдамалық жазба", "3. Аналитическая записка", "3. Analytical note")
A14_HEAD = {
    "kk": ["№", "Атауы", "Өлшем бірлігі", "Ақпарат көзі", "Жауапты орындаушылар",
           ("Орындалуы", ["базалық (бастапқы) мән", "жоспар", "нақты"]), "Қаржыландыру көздері",
           "Бюджеттік бағдарламаның коды", "Орындалуы туралы ақпарат"],
    "ru": ["№", "Наименование", "Единица измерения", "Источник информации", "Ответственные исполнители",
           ("Исполнение", ["базовое (исходное) значение", "план", "факт"]), "Источники финансирования",
           "Код бюджетной программы", "Информация об исполнении"],
    "en": ["No.", "Name", "Unit of measure", "Source of information", "Responsible executors",
           ("Execution", ["baseline (initial) value", "plan", "actual"]), "Financing sources",
           "Budget programme code", "Information on execution"],
}
S2_HEAD = {
    "kk": ["Қаржыландыру көздері", "Жоспар, миллион теңге", "Нақты, миллион теңге", "Пайдаланылмау себептері"],
    "ru": ["Источники финансирования", "План, миллион тенге", "Факт, миллион тенге", "Причины неиспользования"],
    "en": ["Financing sources", "Plan, million tenge", "Actual, million tenge", "Reasons for non-use"],
}
DISTRICT_TITLE = T("Аудандар (облыстық маңызы бар қалалар) бөлінісінде нысаналы индикаторларға қол жеткізу туралы "
                   "ақпарат",
                   "Информация о достижении целевых индикаторов в разрезе районов (городов областного значения)",
                   "Information on achievement of target indicators broken down by districts (cities of oblast "
                   "significance)")
DISTRICT_HEAD = {
    "kk": ["р/с №", "Атауы", "Өлшем бірлігі", "базалық (бастапқы мән)", "жоспар", "нақты",
           "Орындалуы бойынша ақпарат"],
    "ru": ["№ п/п", "Наименование", "Единица измерения", "базовое (исходное значение)", "план", "факт",
           "Информация по исполнению"],
    "en": ["No.", "Name", "Unit of measure", "baseline (initial value)", "plan", "actual", "Information on execution"],
}
DISTRICT_PREFIX = T("Аудан (облыстық маңызы бар қала): ", "Район (город областного значения): ",
                    "District (city of oblast significance): ")
FACT_CLAUSE = "Annex 14 expl. 4(10)"
INFO_CLAUSE = "Annex 14 expl. 4(13)"
ABSORBED_CLAUSE = "Annex 14 expl. 4(10), 5(3)"


def _year_header(head: list, lang: str, years: list[int], children: slice) -> list:
    """The form's header followed by one group per added year (Annex 10 R-10.9, Annex 14 R-14.9)."""
    words = next(item[1] for item in head if isinstance(item, tuple))[children]
    return [*head, *[(YEAR_GROUP(lang, y=y), list(words)) for y in years]]


def _years_notes(note: T, lang: str, first: int, years: list[int], per_year: int) -> list[str]:
    if not years:
        return []
    return [note(lang, a=first, b=first + per_year * len(years) - 1)]


def annex14_s1(data: PlanData, year: int, lang: str, years: tuple[list[int], list[int]] = ([], [])) -> Table:
    """Section 1; ``years`` = (evaluated earlier years, years left out) of a final report (periods.py Y1-Y4)."""
    extra, left_out = years
    width = 11 + 3 * len(extra)
    rows: list[Row] = []
    no = 0
    for direction in [*data.directions, None]:
        goals = data.goals_of(direction)
        if direction is None and not goals:
            continue
        if direction is not None:
            rows.append(group_row(DIRECTION_PREFIX(lang) + tr(direction, "title", lang), width, "group", 0,
                                  f"direction:{direction.code}", lang=lang))
        for goal in goals:
            rows.append(group_row(GOAL_PREFIX(lang) + tr(goal, "title", lang), width, "subgroup", 1,
                                  f"goal:{goal.code}", lang=lang))
            for ind in data.indicators_of_goal(goal, TARGETS):
                v = data.value(ind, year)
                b_fact = bind_value(data, ind, year, "fact", FACT_CLAUSE)
                b_info = bind_value(data, ind, year, "reason", INFO_CLAUSE)
                if not _in_part(data, b_fact):
                    continue
                no += 1
                rows.append(Row([
                    text(str(no), lang=lang), text(IND_PREFIX(lang) + tr(ind, "title", lang), lang=lang),
                    text(tr(ind, "unit", lang), lang=lang), text(tr(ind, "information_source", lang), lang=lang),
                    text(responsible_text(data, ind, lang), lang=lang),
                    number(v.plan if v else None, lang=lang), number(v.effective_plan if v else None, lang=lang),
                    number(v.fact if v else None, lang=lang, binding=b_fact, guard=GUARD_OTHER),
                    star(), star(),
                    text(with_status(status_of(ind, v), v.reason if v else "", lang), guard=GUARD_OTHER, lang=lang)
                    if b_info is None else _bound_text(with_status(status_of(ind, v), v.reason if v else "", lang),
                                                       b_info),
                    *[cell for y in extra for cell in _indicator_triplet(data, ind, y, lang)],
                ], "item", 2, f"indicator:{ind.code}"))
            for m in data.measures_of_goal(goal):
                no = _measure_rows(data, m, year, lang, rows, no, extra)
    for m in data.measures_of_goal(None):
        no = _measure_rows(data, m, year, lang, rows, no, extra)
    notes = [NOTE_STAR(lang), *_years_notes(YEARS_NOTE_A14, lang, 12, extra, 3)]
    if left_out:
        notes.append(NOT_EVALUATED(lang, years=", ".join(map(str, left_out))))
    t = Table("s1", ANNEX_SHEET(lang, n="14"), A14_S1(lang),
              [Column(6), Column(46), Column(12), Column(22), Column(30), Column(13, "value"), Column(13, "value"),
               Column(13, "value"), Column(22), Column(16), Column(40),
               *[Column(13, "value") for _y in extra for _c in range(3)]],
              grouped_header(_year_header(A14_HEAD[lang], lang, extra, slice(0, 3))),
              [str(i) for i in range(1, width + 1)], _drop_empty_groups(rows), notes)
    return t


def _indicator_triplet(data: PlanData, ind, y: int, lang: str) -> list:
    """R-14.6-R-14.9: the approved value without corrections, the corrected plan and the fact of year ``y``."""
    v = data.value(ind, y)
    return [number(v.plan if v else None, lang=lang), number(v.effective_plan if v else None, lang=lang),
            number(v.fact if v else None, lang=lang)]


def _measure_triplet(data: PlanData, m, y: int, lang: str) -> list:
    """R-14.6-R-14.9 for a measure in year ``y``: quantities (physical measures) or money of the year's lines."""
    if m.planned_quantity is not None:
        ex = data.executions.get((m.pk, y))
        return [number(m.planned_quantity, lang=lang), number(m.planned_quantity, lang=lang),
                number(ex.fact_quantity if ex else None, lang=lang)]
    lines = data.lines(m, y)
    return [number(money_sum(f.plan for f in lines), "money", lang),
            number(money_sum(f.effective_plan for f in lines), "money", lang),
            number(money_sum(f.absorbed for f in lines), "money", lang)]


def _line_triplet(data: PlanData, m, line, y: int, lang: str) -> list:
    """The same financing line (source, level, budget programme, administrator) in year ``y``."""
    same = [f for f in data.lines(m, y) if (f.source, f.budget_level, f.budget_program_code, f.administrator_id)
            == (line.source, line.budget_level, line.budget_program_code, line.administrator_id)]
    return [number(money_sum(f.plan for f in same), "money", lang),
            number(money_sum(f.effective_plan for f in same), "money", lang),
            number(money_sum(f.absorbed for f in same), "money", lang)]


def _bound_text(value, binding):
    from ..table import Cell

    return Cell(value, "text", binding=binding)


def _measure_rows(data: PlanData, m, year: int, lang: str, rows: list[Row], no: int, extra: list[int]) -> int:
    lines = data.lines(m, year)
    b_status = bind_measure(data, m, year, "status_comment", INFO_CLAUSE)
    b_qty = bind_measure(data, m, year, "fact_quantity", FACT_CLAUSE)
    line_bindings = [(f, bind_line(data, f, m, "absorbed", ABSORBED_CLAUSE),
                      bind_line(data, f, m, "reason_unabsorbed", "Annex 14 expl. 5(4)")) for f in lines]
    if not _in_part(data, b_status, *[b for _, b, _ in line_bindings]):
        return no
    no += 1
    ex = data.executions.get((m.pk, year))
    physical = m.planned_quantity is not None
    sources = sorted({source_label(f.source, f.budget_level, lang) for f in lines})
    codes = sorted({f.budget_program_code for f in lines if f.budget_program_code})
    info = with_status(ex.status if ex else None, ex.comment if ex else "", lang)
    if physical:
        c6 = number(m.planned_quantity, lang=lang)
        c7 = number(m.planned_quantity, lang=lang)
        c8 = number(ex.fact_quantity if ex else None, lang=lang, binding=b_qty, guard=GUARD_OTHER)
        unit = tr(m, "unit", lang)
    else:
        c6 = number(money_sum(f.plan for f in lines), "money", lang)
        c7 = number(money_sum(f.effective_plan for f in lines), "money", lang)
        c8 = number(money_sum(f.absorbed for f in lines), "money", lang, derived=True)
        unit = MLN_TENGE(lang)
    rows.append(Row([
        text(str(no), lang=lang), text(MEASURE_PREFIX(lang) + tr(m, "title", lang), lang=lang), text(unit, lang=lang),
        star(), text(measure_executors(data, m, lang), lang=lang), c6, c7, c8,
        text("; ".join(sources), lang=lang), text(", ".join(codes), lang=lang),
        _bound_text(info, b_status) if b_status else text(info, GUARD_OTHER, lang),
        *[cell for y in extra for cell in _measure_triplet(data, m, y, lang)],
    ], "item", 2, f"measure:{m.code}"))
    for f, b_abs, b_reason in line_bindings:
        if not _in_part(data, b_abs):
            continue
        rows.append(Row([
            text(None, lang=lang), text(org_name(f.administrator, lang) or source_label(f.source, f.budget_level, lang),
                                        lang=lang),
            text(MLN_TENGE(lang), lang=lang), star(), text(org_name(f.administrator, lang), lang=lang),
            number(f.plan, "money", lang), number(f.effective_plan, "money", lang),
            number(f.absorbed, "money", lang, binding=b_abs, guard=GUARD_OTHER),
            text(source_label(f.source, f.budget_level, lang), lang=lang), text(f.budget_program_code, lang=lang),
            _bound_text(f.reason_unabsorbed or None, b_reason) if b_reason else text(f.reason_unabsorbed, GUARD_OTHER,
                                                                                    lang),
            *[cell for y in extra for cell in _line_triplet(data, m, f, y, lang)],
        ], "subitem", 3, f"financing:{m.code}|{f.source}|{f.budget_program_code}"))
    return no


def finance_table(data: PlanData, year: int, lang: str, sheet: str, heading: str, clause_total: str,
                  line_rows: str = "") -> Table:
    """Annex 13 s.2 / Annex 14 s.2: plan (corrected budget for budget sources, F-7), absorbed, reasons, total.

    ``line_rows`` (the clause of the form's column 3, e.g. "Annex 13 expl. 6(3)") puts one row per financing line
    under its source row, with the absorbed money and the reason for non-absorption to fill in the workbook; the
    source and total rows are then their sums. Annex 14 reports the lines in section 1, so it passes none."""
    pairs = [(f, m) for m in data.measures for f in data.lines(m, year)]
    if data.organization is not None:
        pairs = [(f, m) for f, m in pairs if data.may_fill_line(f, m)]
    lines = [f for f, _m in pairs]
    measure_of = {id(f): m for f, m in pairs}
    rows: list[Row] = []
    groups = by_source(lines)
    order = ["budget:republican", "budget:local", "budget", "state_loans", "guaranteed_loans", "investment", "grants",
             "bank_loans", "own_funds", "other"]
    keys = sorted(groups, key=lambda k: order.index(f"{k[0]}:{k[1]}" if k[1] else k[0])
                  if (f"{k[0]}:{k[1]}" if k[1] else k[0]) in order else 99)
    for source, level in keys:
        items = groups[(source, level)]
        reasons = sorted({f.reason_unabsorbed for f in items if f.reason_unabsorbed})
        rows.append(Row([text(source_label(source, level, lang), lang=lang),
                         number(money_sum(f.effective_plan for f in items), "money", lang),
                         number(money_sum(f.absorbed for f in items), "money", lang, derived=True),
                         text("; ".join(reasons) or None, lang=lang)], "item", 0, f"source:{source}|{level}"))
        rows[-1].cells[3].derived = True
        if line_rows:
            for f in items:
                rows.append(_line_row(data, f, measure_of[id(f)], lang, line_rows))
    rows.append(Row([text(TOTAL(lang), lang=lang, bold=True),
                     number(money_sum(f.effective_plan for f in lines), "money", lang, bold=True),
                     number(money_sum(f.absorbed for f in lines), "money", lang, derived=True, bold=True),
                     text(None, lang=lang)], "total", 0, "total"))
    return Table("s2", sheet, heading, [Column(46), Column(18, "money"), Column(18, "money"), Column(50)],
                 simple_header(S2_HEAD[lang]), ["1", "2", "3", "4"], rows, [clause_total])


def _line_row(data: PlanData, f, m, lang: str, clause: str) -> Row:
    """One financing line of section 2: measure, budget programme and administrator; plan; absorbed and reason."""
    b_abs = bind_line(data, f, m, "absorbed", clause)
    b_reason = bind_line(data, f, m, "reason_unabsorbed", clause.replace("6(3)", "6(4)"))
    whose = ", ".join(x for x in (f.budget_program_code, org_name(f.administrator, lang)) if x)
    label = f"{m.code}. {tr(m, 'title', lang)}" + (f" ({whose})" if whose else "")
    return Row([text(label, lang=lang), number(f.effective_plan, "money", lang),
                number(f.absorbed, "money", lang, binding=b_abs, guard=GUARD_OTHER),
                _bound_text(f.reason_unabsorbed or None, b_reason) if b_reason
                else text(f.reason_unabsorbed, GUARD_OTHER, lang)],
               "subitem", 1, f"financing:{m.code}|{f.year}|{f.source}|{f.budget_program_code}")


def district_table(data: PlanData, year: int, lang: str, sheet: str) -> Table:
    rows: list[Row] = []
    k = 0
    for ind in data.main_indicators(TARGETS):
        districts = data.district_rows(ind)
        if not districts:
            continue
        v = data.value(ind, year)
        sub: list[Row] = []
        for place in districts:
            dv = data.value(place, year)
            b_fact = bind_value(data, place, year, "fact", "Annex 14 district expl. 6")
            b_info = bind_value(data, place, year, "reason", "Annex 14 district expl. 7")
            if not _in_part(data, b_fact):
                continue
            name = tr(place.territory, "name", lang) if place.territory else tr(place, "title", lang)
            sub.append(Row([
                text(None, lang=lang), text(DISTRICT_PREFIX(lang) + name, lang=lang),
                text(tr(place, "unit", lang), lang=lang),
                number(dv.plan if dv else None, lang=lang), number(dv.effective_plan if dv else None, lang=lang),
                number(dv.fact if dv else None, lang=lang, binding=b_fact, guard=GUARD_OTHER),
                _bound_text(dv.reason if dv and dv.reason else None, b_info) if b_info
                else text(dv.reason if dv else None, GUARD_OTHER, lang),
            ], "subitem", 1, f"indicator:{place.code}"))
        if not sub:
            continue
        k += 1
        for m, row in enumerate(sub, start=1):
            row.cells[0] = text(f"{k}.{m}.", lang=lang)
        rows.append(Row([
            text(str(k), lang=lang, bold=True), text(IND_PREFIX(lang) + tr(ind, "title", lang), lang=lang, bold=True),
            text(tr(ind, "unit", lang), lang=lang), number(v.plan if v else None, lang=lang),
            number(v.effective_plan if v else None, lang=lang), number(v.fact if v else None, lang=lang, derived=True),
            text(v.reason if v and v.reason else None, lang=lang),
        ], "item", 0, f"indicator-total:{ind.code}"))
        rows[-1].cells[6].derived = True
        rows.extend(sub)
    return Table("districts", sheet, DISTRICT_TITLE(lang),
                 [Column(8), Column(50), Column(14), Column(14, "value"), Column(14, "value"), Column(14, "value"),
                  Column(50)],
                 simple_header(DISTRICT_HEAD[lang]), [str(i) for i in range(1, 8)], rows, [NOTE_FILL(lang)])


def build_annex14(data: PlanData, year: int, lang: str) -> Form:
    form = caption_form("14", lang, data, [A14_TITLE(lang), tr(data.document, "title", lang)],
                        fields=report_fields(data, year, lang), signature=AKIM(lang), notes=[NOTE_FILL(lang)])
    form.meta["year"] = str(year)
    form.blocks = [
        annex14_s1(data, year, lang, evaluated_years(data.document, year)),
        finance_table(data, year, lang, ANNEX_SHEET(lang, n="14") + " (2)", A14_S2(lang), "Annex 14 expl. 5(5)"),
        Paragraph(A14_S3(lang), ""),
        district_table(data, year, lang, ANNEX_SHEET(lang, n="14") + " (3)"),
    ]
    return _finish(form, data, lang)


def build_annex14_districts(data: PlanData, year: int, lang: str) -> Form:
    form = caption_form("14-districts", lang, data, [DISTRICT_TITLE(lang), tr(data.document, "title", lang)],
                        fields=[(REPORTING_PERIOD(lang), str(year))], notes=[NOTE_FILL(lang)])
    form.meta["year"] = str(year)
    form.blocks = [district_table(data, year, lang, ANNEX_SHEET(lang, n="14") + " (3)")]
    return _finish(form, data, lang)


# =========================================================================================== Annex 13

A13_TITLE = T("Мемлекеттік органның даму жоспарының іске асырылуы туралы есеп",
              "Отчет о реализации плана развития государственного органа",
              "Report on implementation of the development plan of a state body")
A13_S1 = T("1. Мақсаттар мен нысаналы индикаторларға қол жеткізу", "1. Достижение целей и целевых индикаторов",
           "1. Achievement of goals and target indicators")
A13_HEAD = {
    "kk": ["Нысаналы индикатордың атауы", "Ақпарат көзі", "Өлшем бірлігі", ("Есепті кезең", ["Жоспар", "Нақты"]),
           "Ескерту (орындалуы / орындалмауы туралы ақпарат)"],
    "ru": ["Наименование целевого индикатора", "Источник информации", "Единица измерения",
           ("Отчетный период", ["План", "Факт"]), "Примечание (информация об исполнении / неисполнении)"],
    "en": ["Name of the target indicator", "Source of information", "Unit of measure",
           ("Reporting period", ["Plan", "Actual"]), "Note (information on execution / non-execution)"],
}
STRATEGIC_DIRECTION = T("{n}-стратегиялық бағыт. {t}", "Стратегическое направление {n}. {t}",
                        "Strategic direction {n}. {t}")
GOAL_N = T("{n}-мақсат. {t}", "Цель {n}. {t}", "Goal {n}. {t}")
MACRO_LABEL = T("Макроиндикаторлар", "Макроиндикаторы", "Macroindicators")
BUDGET_LINKED = T("Бюджеттік бағдарламалармен өзара байланысты нысаналы индикаторлар",
                  "Целевые индикаторы, взаимоувязанные с бюджетными программами",
                  "Target indicators interrelated with budget programmes")
A13_S3 = T("3. Талдамалық жазба", "3. Аналитическая записка", "3. Analytical note")
A13_FIRST_HEAD = T("Мемлекеттік органның бірінші басшысы ______________ қолы, аты, әкесінің аты (болған жағдайда), "
                   "тегі",
                   "Первый руководитель государственного органа ______________ подпись, имя, отчество (при его "
                   "наличии), фамилия",
                   "First head of the state body ______________ signature, first name, patronymic (if any), surname")


def _a13_row(data: PlanData, ind, year: int, lang: str) -> Row | None:
    v = data.value(ind, year)
    b_fact = bind_value(data, ind, year, "fact", "Annex 13 expl. 5(7)")
    b_note = bind_value(data, ind, year, "reason", "Annex 13 expl. 5(8)")
    if not _in_part(data, b_fact):
        return None
    note = with_status(status_of(ind, v), v.reason if v else "", lang)
    return Row([
        text(tr(ind, "title", lang), lang=lang), text(tr(ind, "information_source", lang), lang=lang),
        text(tr(ind, "unit", lang), lang=lang), number(v.effective_plan if v else None, lang=lang),
        number(v.fact if v else None, lang=lang, binding=b_fact, guard=GUARD_OTHER),
        _bound_text(note, b_note) if b_note else text(note, GUARD_OTHER, lang),
    ], "item", 2, f"indicator:{ind.code}")


def build_annex13(data: PlanData, year: int, lang: str) -> Form:
    d = data.document
    form = caption_form("13", lang, data, [
        A13_TITLE(lang), org_name(d.developer, lang),
        T("{a}-{b} жылдарға арналған", "на {a}-{b} годы", "for {a}-{b}")(lang, a=d.period_start, b=d.period_end),
        tr(d, "title", lang)], fields=[(APPROVED(lang), approved_text(data)), (REPORTING_PERIOD(lang), str(year))],
        signature=A13_FIRST_HEAD(lang), notes=[NOTE_FILL(lang)])
    form.meta["year"] = str(year)
    width = 6
    rows: list[Row] = []
    for dn, direction in enumerate(data.directions, start=1):
        rows.append(group_row(STRATEGIC_DIRECTION(lang, n=dn, t=tr(direction, "title", lang)), width, "group", 0,
                              f"direction:{direction.code}", lang=lang))
        macro = [r for r in (_a13_row(data, i, year, lang) for i in data.macro_of_direction(direction)) if r]
        if macro:
            rows.append(group_row(MACRO_LABEL(lang), width, "label", 1, "label:macro", lang=lang))
            rows.extend(macro)
        for gn, goal in enumerate(data.goals_of(direction), start=1):
            rows.append(group_row(GOAL_N(lang, n=f"{dn}.{gn}", t=tr(goal, "title", lang)), width, "subgroup", 1,
                                  f"goal:{goal.code}", lang=lang))
            items = [r for r in (_a13_row(data, i, year, lang)
                                 for i in data.indicators_of_goal(goal, (IndicatorKind.TARGET,))) if r]
            if items:
                rows.append(group_row(BUDGET_LINKED(lang), width, "label", 2, f"label:{goal.code}", lang=lang))
                rows.extend(items)
    s1 = Table("s1", ANNEX_SHEET(lang, n="13"), A13_S1(lang),
               [Column(50), Column(30), Column(14), Column(14, "value"), Column(14, "value"), Column(45)],
               grouped_header(A13_HEAD[lang]), [str(i) for i in range(1, 7)], _drop_empty_groups(rows))
    form.blocks = [s1, finance_table(data, year, lang, ANNEX_SHEET(lang, n="13") + " (2)", A14_S2(lang),
                                     "Annex 13 expl. 6(5)", line_rows="Annex 13 expl. 6(3)"),
                   Paragraph(A13_S3(lang), "")]
    return _finish(form, data, lang)


# =========================================================================================== Annex 12

A12_TITLE = T("Тұжырымдаманы іске асыру туралы есеп", "Отчет о реализации концепции",
              "Report on implementation of the Concept")
A12_S1 = T("1-бөлім. Іс-шараларды іске асыру барысы туралы ақпарат",
           "Раздел 1. Информация о ходе реализации мероприятий",
           "Section 1. Information on the progress of implementation of measures")
A12_HEAD = {
    "kk": ["№", "Реформалардың / негізгі іс-шаралардың атауы", "Аяқтау нысаны / өлшем бірлігі",
           "Жауапты орындаушылар", ("Орындалуы туралы ақпарат", ["жоспары", "факт", "Түсініктеме"])],
    "ru": ["№", "Наименование реформ / ключевых мероприятий", "Форма завершения / единица измерения",
           "Ответственные исполнители", ("Информация об исполнении", ["план", "факт", "Комментарий"])],
    "en": ["No.", "Name of reforms / key measures", "Form of completion / unit of measure", "Responsible executors",
           ("Information on execution", ["plan", "fact", "Comment"])],
}
A12_S2 = T("2-бөлім. Ішкі және сыртқы әсерді талдау", "Раздел 2. Анализ внутреннего и внешнего влияния",
           "Section 2. Analysis of internal and external impact")
A12_S2_HEAD = {
    "kk": ["Ішкі және сыртқы әсер ету факторлары және олардың нысаналы индикаторларға / күтілетін нәтижелерге қол "
           "жеткізуге әсері", "Қабылданған шаралар"],
    "ru": ["Факторы внутреннего и внешнего воздействия и их влияние на достижение целевых индикаторов / ожидаемых "
           "результатов", "Принятые меры"],
    "en": ["Internal and external impact factors and their impact on achieving target indicators / expected results",
           "Measures taken"],
}
INTERNAL = T("Ішкі факторлар:", "Внутренние факторы:", "Internal factors:")
EXTERNAL = T("Сыртқы факторлар:", "Внешние факторы:", "External factors:")
A12_S3 = T("3-бөлім. Талдамалық жазба", "Раздел 3. Аналитическая записка", "Section 3. Analytical note")
IND_N = T("{n}-нысаналы индикатор: {t}", "Целевой индикатор {n}: {t}", "Target indicator {n}: {t}")
OTHER_MEASURES = T("Нысаналы индикаторға байланыстырылмаған іс-шаралар", "Мероприятия, не связанные с целевым "
                   "индикатором", "Measures not linked to a target indicator")


def build_annex12(data: PlanData, year: int, lang: str) -> Form:
    form = caption_form("12", lang, data, [A12_TITLE(lang), tr(data.document, "title", lang)],
                        fields=report_fields(data, year, lang), signature=FIRST_HEAD(lang), notes=[NOTE_FILL(lang)])
    form.meta["year"] = str(year)
    rows: list[Row] = []
    placed: set[int] = set()
    no = 0
    indicators = data.main_indicators((IndicatorKind.TARGET, IndicatorKind.MACRO, IndicatorKind.RESULT))

    def measure_row(m) -> Row | None:
        b = bind_measure(data, m, year, "status_comment", "Annex 12 expl. 2(7)")
        if not _in_part(data, b):
            return None
        ex = data.executions.get((m.pk, year))
        info = with_status(ex.status if ex else None, ex.comment if ex else "", lang, annex=12)
        return Row([text(None, lang=lang), text(tr(m, "title", lang), lang=lang),
                    text(tr(m, "completion_form", lang), lang=lang), text(measure_executors(data, m, lang), lang=lang),
                    text(None, lang=lang), text(None, lang=lang),
                    _bound_text(info, b) if b else text(info, GUARD_OTHER, lang)], "item", 1, f"measure:{m.code}")

    for n, ind in enumerate(indicators, start=1):
        v = data.value(ind, year)
        b_fact = bind_value(data, ind, year, "fact", "Annex 12 expl. 2(6)")
        b_info = bind_value(data, ind, year, "reason", "Annex 12 expl. 2(7)")
        info = with_status(status_of(ind, v), v.reason if v else "", lang, annex=12)
        head = Row([text(None, lang=lang), text(IND_N(lang, n=n, t=tr(ind, "title", lang)), lang=lang, bold=True),
                    text(tr(ind, "unit", lang), lang=lang), text(responsible_text(data, ind, lang, False), lang=lang),
                    number(v.effective_plan if v else None, lang=lang),
                    number(v.fact if v else None, lang=lang, binding=b_fact, guard=GUARD_OTHER),
                    _bound_text(info, b_info) if b_info else text(info, GUARD_OTHER, lang)],
                   "item" if b_fact else "subgroup", 0, f"indicator:{ind.code}")
        sub = []
        for m in data.measures:
            if m.pk in placed or ind.pk not in data.measure_indicators.get(m.pk, ()):
                continue
            placed.add(m.pk)
            r = measure_row(m)
            if r:
                sub.append(r)
        if not _in_part(data, b_fact) and not sub:
            continue
        rows.append(head)
        for r in sub:
            no += 1
            r.cells[0] = text(str(no), lang=lang)
            rows.append(r)
    rest = [r for r in (measure_row(m) for m in data.measures if m.pk not in placed) if r]
    if rest:
        rows.append(group_row(OTHER_MEASURES(lang), 7, "subgroup", 0, "label:other", lang=lang))
        for r in rest:
            no += 1
            r.cells[0] = text(str(no), lang=lang)
            rows.append(r)
    s1 = Table("s1", ANNEX_SHEET(lang, n="12"), A12_S1(lang),
               [Column(6), Column(50), Column(22), Column(30), Column(13, "value"), Column(13, "value"), Column(45)],
               grouped_header(A12_HEAD[lang]), [str(i) for i in range(1, 8)], rows)
    s2 = Table("s2", ANNEX_SHEET(lang, n="12") + " (2)", A12_S2(lang), [Column(60), Column(50)],
               simple_header(A12_S2_HEAD[lang]), ["1", "2"],
               [group_row(INTERNAL(lang), 2, "label", 0, "label:internal", lang=lang),
                Row([blank(lang), blank(lang)], "item", 1, "factor:internal"),
                group_row(EXTERNAL(lang), 2, "label", 0, "label:external", lang=lang),
                Row([blank(lang), blank(lang)], "item", 1, "factor:external")])
    form.blocks = [s1, s2, Paragraph(A12_S3(lang), "")]
    return _finish(form, data, lang)


# =========================================================================================== Annex 10

A10_TITLE = T("Қазақстан Республикасының Ұлттық жоспарын іске асыру туралы есеп",
              "Отчет о реализации Национального плана Республики Казахстан",
              "Report on implementation of the National Plan of the Republic of Kazakhstan")
A10_S1 = T("1-бөлім. Ақпараттық бөлім", "Раздел 1. Информационный раздел", "Section 1. Information section")
A10_S11 = T("1.1-кіші бөлім, стратегиялық көрсеткіштерге қол жеткізу",
            "Подраздел 1.1, достижение стратегических показателей", "Subsection 1.1, achievement of strategic "
            "indicators")
A10_HEAD = {
    "kk": ["№", "Атауы", "Өлшем бірлігі", "Негізгі (бастапқы) мән",
           ("Орындалуы туралы ақпарат", ["жоспар", "факт", "ауытқу"]), "Орындалмау себептері"],
    "ru": ["№", "Наименование", "Единица измерения", "Базовое (исходное) значение",
           ("Информация об исполнении", ["план", "факт", "отклонение"]), "Причины неисполнения"],
    "en": ["No.", "Name", "Unit of measure", "Baseline (initial) value",
           ("Information on execution", ["plan", "fact", "deviation"]), "Reasons for non-fulfilment"],
}
A10_S12 = T("1.2-кіші бөлім. Тұжырымдаманың іс-қимыл жоспарында, ұлттық жобаның іс-шаралар жоспарында, мемлекеттік "
            "органның даму жоспарының операциялық жоспарында, облыстың, республикалық маңызы бар қаланың, астананың "
            "даму жоспарының іс-шаралар жоспарында, ұлттық холдингтің/ұлттық компанияның даму жоспарының іс-шаралар "
            "жоспарында орындалған және орындалмаған іс-шаралар туралы ақпарат",
            "Подраздел 1.2. Информация об исполненных и неисполненных мероприятиях плана действий концепции, плана "
            "мероприятий национального проекта, операционного плана плана развития государственного органа, плана "
            "мероприятий плана развития области, города республиканского значения, столицы, плана мероприятий плана "
            "развития национального холдинга/национальной компании",
            "Subsection 1.2. Information on executed and non-executed measures of the action plan of the Concept, the "
            "plan of measures of the national project, the operational plan of the development plan of the state "
            "body, the plan of measures of the development plan of the oblast, city of republican significance, "
            "capital, and the plan of measures of the development plan of the national holding/company")
A10_S12_HEAD = {
    "kk": ["№", "Стратегиялық көрсеткіштің атауы",
           "Стратегиялық көрсеткішке қол жеткізуді қамтамасыз ететін жоспарланған іс-шаралар", "Орындалмау себептері"],
    "ru": ["№", "Наименование стратегического показателя",
           "Запланированные мероприятия, обеспечивающие достижение стратегического показателя",
           "Причины неисполнения"],
    "en": ["No.", "Name of the strategic indicator",
           "Planned measures ensuring achievement of the strategic indicator", "Reasons for non-execution"],
}
PRIORITY = T("Жалпыұлттық басымдық: {t}", "Общенациональный приоритет: {t}", "Nationwide priority: {t}")
A10_S2 = T("2-бөлім. Талдамалық жазба", "Раздел 2. Аналитическая записка", "Section 2. Analytical note")
A10_S3 = T("3-бөлім. Қорытындылар мен ұсыныстар", "Раздел 3. Выводы и предложения", "Section 3. Conclusions and "
           "proposals")
A10_FOOT = T("Ұлттық жоспардың іске асырылуы туралы есепте салалар, аялар мен өңірлер бөлінісінде стратегиялық "
             "көрсеткіштердің орындалуы жөніндегі ақпарат қамтылады.",
             "Отчет о реализации Национального плана содержит информацию об исполнении стратегических показателей в "
             "разрезе отраслей, сфер и регионов.",
             "The report on implementation of the National Plan contains information on the fulfilment of strategic "
             "indicators broken down by sectors, areas and regions.")


def build_annex10(data: PlanData, year: int, lang: str) -> Form:
    form = caption_form("10", lang, data, [A10_TITLE(lang)],
                        fields=report_fields(data, year, lang, body=False), signature=FIRST_HEAD(lang),
                        notes=[NOTE_FILL(lang), A10_FOOT(lang)])
    form.meta["year"] = str(year)
    extra = implementation_years(data.document, year)  # periods.py Y1-Y3, Y5
    width = 8 + 2 * len(extra)
    rows: list[Row] = []
    rows12: list[Row] = []
    for pn, direction in enumerate(data.directions, start=1):
        rows.append(group_row(PRIORITY(lang, t=tr(direction, "title", lang)), width, "group", 0,
                              f"direction:{direction.code}", no=str(pn), lang=lang))
        rows12.append(group_row(PRIORITY(lang, t=tr(direction, "title", lang)), 4, "group", 0,
                                f"direction:{direction.code}", no=f"{pn}.", lang=lang))
        sn = 0
        for si in [i for i in data.main_indicators((IndicatorKind.STRATEGIC,)) if i.direction_id == direction.pk]:
            sub = []
            for link in data.children.get(si.pk, ()):
                child = link.child
                if child.document_id == data.document.pk:
                    continue
                sub.append(child)
            si_row = _a10_row(data, si, year, lang, extra)
            child_rows = [(c, _a10_row(data, c, year, lang, extra)) for c in sub]
            if data.organization is not None and not si_row[1] and not any(r[1] for _, r in child_rows):
                continue
            sn += 1
            si_row[0].cells[0] = text(f"{pn}.{sn}", lang=lang)
            rows.append(si_row[0])
            for cn, (c, (r, _)) in enumerate(child_rows, start=1):
                r.cells[0] = text(f"{pn}.{sn}.{cn}.", lang=lang)
                r.cells[1] = text(f"{tr(c, 'title', lang)} ({DOC_TYPE[c.document.type](lang)}: "
                                  f"{tr(c.document, 'title', lang)})", lang=lang)
                r.level = 2
                r.key = f"indicator:{c.document.code}:{c.code}"
                rows.append(r)
            # 1.2: all measures that ensure achievement of the strategic indicator (from the lower documents)
            measures = []
            seen: set[int] = set()
            for c in sub:
                for m in data.foreign_measures.get(c.pk, ()):
                    if m.pk not in seen:
                        seen.add(m.pk)
                        measures.append(m)
            rows12.append(Row([text(f"{pn}.{sn}", lang=lang), text(tr(si, "title", lang), lang=lang, bold=True),
                               text(None, lang=lang), text(None, lang=lang)], "subgroup", 1, f"indicator:{si.code}"))
            for m in measures:
                b = bind_measure(data, m, year, "status_comment", "Annex 10 expl. 3")
                ex = data.executions.get((m.pk, year))
                info = with_status(ex.status if ex else None, ex.comment if ex else "", lang)
                rows12.append(Row([text(None, lang=lang), text(None, lang=lang),
                                   text(f"{tr(m, 'title', lang)} ({DOC_TYPE[m.document.type](lang)}: "
                                        f"{tr(m.document, 'title', lang)})", lang=lang),
                                   _bound_text(info, b) if b else text(info, GUARD_OTHER, lang)], "item", 2,
                                  f"measure:{m.document.code}:{m.code}"))
    s11 = Table("s1", ANNEX_SHEET(lang, n="10"), A10_S1(lang) + ". " + A10_S11(lang),
                [Column(9), Column(60), Column(14), Column(13, "value"), Column(13, "value"), Column(13, "value"),
                 Column(13, "value"), Column(45), *[Column(13, "value") for _y in extra for _c in range(2)]],
                grouped_header(_year_header(A10_HEAD[lang], lang, extra, slice(0, 2))),
                [str(i) for i in range(1, width + 1)], _drop_empty_groups(rows),
                _years_notes(YEARS_NOTE_A10, lang, 9, extra, 2))
    s12 = Table("s12", ANNEX_SHEET(lang, n="10") + " (1.2)", A10_S12(lang),
                [Column(9), Column(40), Column(70), Column(45)], simple_header(A10_S12_HEAD[lang]), None,
                _drop_empty_groups(rows12))
    form.blocks = [s11, s12, Paragraph(A10_S2(lang), ""), Paragraph(A10_S3(lang), "")]
    return _finish(form, data, lang)


def _a10_row(data: PlanData, ind, year: int, lang: str, extra: list[int]):
    v = data.value(ind, year)
    b_fact = bind_value(data, ind, year, "fact", "Annex 10 expl. 2(8)")
    b_reason = bind_value(data, ind, year, "reason", "Annex 10 expl. 2(10)")
    plan = v.effective_plan if v else None
    fact = v.fact if v else None
    row = Row([
        text(None, lang=lang), text(tr(ind, "title", lang), lang=lang, bold=ind.document_id == data.document.pk),
        text(tr(ind, "unit", lang), lang=lang), number(ind.baseline_value, lang=lang), number(plan, lang=lang),
        number(fact, lang=lang, binding=b_fact, guard=GUARD_OTHER),
        number(deviation(plan, fact), lang=lang, derived=True),
        _bound_text(v.reason if v and v.reason else None, b_reason) if b_reason
        else text(v.reason if v else None, GUARD_OTHER, lang),
        *[cell for y in extra for cell in _plan_fact(data, ind, y, lang)],
    ], "item", 1, f"indicator:{ind.code}")
    return row, b_fact is not None and data.organization is not None


def _plan_fact(data: PlanData, ind, y: int, lang: str) -> list:
    """R-10.9: plan (corrected where corrected, R-10.7) and fact of year ``y``, like columns 5 and 6."""
    v = data.value(ind, y)
    return [number(v.effective_plan if v else None, lang=lang), number(v.fact if v else None, lang=lang)]


# =========================================================================================== plan-fact-comments

PFC_TITLE = T("«Жоспар – факт – түсініктемелер» кестесі түріндегі қысқаша есеп",
              "Краткий отчет в виде таблицы «план – факт – комментарии»",
              "Short report as a \"plan – fact – comments\" table")
PFC_HEAD = {
    "kk": ["№", "Көрсеткіш", "Өлшем бірлігі", "Жоспар", "Факт", "Түсініктемелер"],
    "ru": ["№", "Показатель", "Единица измерения", "План", "Факт", "Комментарии"],
    "en": ["No.", "Indicator", "Unit of measure", "Plan", "Fact", "Comments"],
}


def build_plan_fact_comments(data: PlanData, year: int, lang: str) -> Form:
    """cl. 251 (National Plan) and cl. 261 (concepts): a short table posted on the official site."""
    form = caption_form("pfc", lang, data, [PFC_TITLE(lang), tr(data.document, "title", lang)],
                        fields=[(REPORTING_PERIOD(lang), str(year))])
    form.caption = T("Әдістеменің 251, 261-тармақтары", "Пункты 251, 261 Методики", "Cl. 251, 261 of the "
                     "Methodology")(lang)
    form.meta["year"] = str(year)
    kinds = (IndicatorKind.STRATEGIC,) if data.document.type == "ndp" else TARGETS + (IndicatorKind.RESULT,)
    rows = []
    n = 0
    for ind in data.main_indicators(kinds):
        v = data.value(ind, year)
        if v is None:
            continue
        n += 1
        rows.append(Row([text(str(n), lang=lang), text(tr(ind, "title", lang), lang=lang),
                         text(tr(ind, "unit", lang), lang=lang), number(v.effective_plan, lang=lang),
                         number(v.fact, lang=lang), text(with_status(status_of(ind, v), v.reason, lang), lang=lang)],
                        "item", 0, f"indicator:{ind.code}"))
    form.blocks = [Table("pfc", T("Жоспар-факт", "План-факт", "Plan-fact")(lang), PFC_TITLE(lang),
                         [Column(6), Column(60), Column(16), Column(14, "value"), Column(14, "value"), Column(50)],
                         simple_header(PFC_HEAD[lang]), ["1", "2", "3", "4", "5", "6"], rows)]
    return _finish(form, data, lang)
