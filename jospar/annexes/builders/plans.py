"""Plan forms: Annexes 1, 1-1, 2, 3, 4, 5, 6, 7, 8, 9 and the questionnaire of Annex 11."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils import translation

from jospar.development.models import ComparisonRow, Milestone, MilestoneKind
from jospar.evaluation.criteria import criterion_title, finding_text, metric_label
from jospar.evaluation.models import Conclusion
from jospar.planning.choices import IndicatorKind
from jospar.planning.models import FinancialNeed, Goal, Indicator

from ..data import PlanData, money_sum
from ..table import Cell, Column, Form, Paragraph, Row, Table, grouped_header, simple_header
from ..text import (
    ANNEX_SHEET,
    DOC_TYPE,
    MLN_TENGE,
    NOTE_FILL,
    NOTE_STAR,
    PLANNING_PERIOD,
    TOTAL_ALL,
    T,
    format_number,
    tr,
)
from .common import CO_EXECUTOR, caption_form, group_row, measure_executors, number, org_name, star, text
from .reports import (
    BUDGET_LINKED,
    GOAL_N,
    MACRO_LABEL,
    STRATEGIC_DIRECTION,
    _finish,
    approved_text,
)

YEARS_HEAD = T("{n}-жыл", "{n}-й год", "Year {n}")
PLANNING = T("Жоспарлы кезең", "Плановый период", "Planning period")


def _year_label(lang: str, n: int, year: int) -> str:
    return f"{YEARS_HEAD(lang, n=n)} ({year})"


# =========================================================================================== Annex 1

A1_TITLE = T("Тұжырымдаманы іске асыру жөніндегі іс-қимыл жоспары", "План действий по реализации концепции",
             "Action Plan for implementation of the Concept")
A1_HEAD = {
    "kk": ["№", "Реформалардың / негізгі іс-шаралардың атауы", "Аяқтау нысаны", "Аяқталу мерзімі",
           "Жауапты орындаушылар"],
    "ru": ["№", "Наименование реформ / ключевых мероприятий", "Форма завершения", "Срок завершения",
           "Ответственные исполнители"],
    "en": ["No.", "Name of reforms / key measures", "Form of completion", "Completion deadline",
           "Responsible executors"],
}
A1_PURPOSE = T("Іс-қимыл жоспары жетекшілік ететін саланың/аяның нысаналы индикаторларына қол жеткізу үшін аса маңызды "
               "реформалардың/негізгі іс-шаралардың тізбесін, олардың аяқталу мерзімдерін қамтиды.",
               "План действий содержит перечень наиболее важных реформ/ключевых мероприятий для достижения целевых "
               "индикаторов курируемой отрасли/сферы и сроки их завершения.",
               "The Action Plan contains the list of the most important reforms / key measures needed to achieve the "
               "target indicators of the supervised sector/sphere, and their completion deadlines.")
DIRECTION_N = T("{n}-бағыт: {t}", "Направление {n}: {t}", "Direction {n}: {t}")
IND_N = T("{n}-нысаналы индикатор: {t}", "Целевой индикатор {n}: {t}", "Target indicator {n}: {t}")


def _deadline(m) -> str:
    if m.deadline_text:
        return m.deadline_text
    return m.deadline.strftime("%d.%m.%Y") if m.deadline else ""


def _values_text(data: PlanData, ind, lang: str) -> str:
    """Annex 1 expl. 3): "the values of the target indicators are shown by years" (in the indicator's row)."""
    vals = data.values.get(ind.pk, {})
    from ..text import format_number

    return "; ".join(f"{y}: {format_number(v.effective_plan, 'value', lang)}" for y, v in sorted(vals.items())
                     if v.effective_plan is not None)


def build_annex1(data: PlanData, year: int, lang: str) -> Form:
    form = caption_form("1", lang, data, [A1_TITLE(lang), tr(data.document, "title", lang)],
                        notes=[A1_PURPOSE(lang), NOTE_FILL(lang)])
    rows: list[Row] = []
    placed: set[int] = set()
    no = 0
    indicators = data.main_indicators((IndicatorKind.TARGET, IndicatorKind.RESULT, IndicatorKind.MACRO))
    groups = [(d, [i for i in indicators if i.direction_id == d.pk or (i.goal_id and any(
        g.pk == i.goal_id and g.direction_id == d.pk for g in data.goals))]) for d in data.directions]
    loose = [i for i in indicators if not any(i in inds for _, inds in groups)]
    if loose:
        groups.append((None, loose))
    n_ind = 0
    for dn, (direction, inds) in enumerate(groups, start=1):
        if direction is not None:
            rows.append(group_row(DIRECTION_N(lang, n=dn, t=tr(direction, "title", lang)), 5, "group", 0,
                                  f"direction:{direction.code}", lang=lang))
        for ind in inds:
            n_ind += 1
            values = _values_text(data, ind, lang)
            label = IND_N(lang, n=n_ind, t=tr(ind, "title", lang)) + (f" ({tr(ind, 'unit', lang)}; {values})"
                                                                        if values else "")
            rows.append(group_row(label, 5, "subgroup", 1, f"indicator:{ind.code}", lang=lang))
            for m in data.measures:
                if m.pk in placed or ind.pk not in data.measure_indicators.get(m.pk, ()):
                    continue
                placed.add(m.pk)
                no += 1
                rows.append(_a1_row(data, m, no, lang))
    for m in data.measures:
        if m.pk not in placed:
            no += 1
            rows.append(_a1_row(data, m, no, lang))
    form.blocks = [Table("s1", ANNEX_SHEET(lang, n="1"), A1_TITLE(lang),
                         [Column(6), Column(60), Column(34), Column(18), Column(40)],
                         simple_header(A1_HEAD[lang]), ["1", "2", "3", "4", "5"], rows)]
    return _finish(form, data, lang)


def _a1_row(data: PlanData, m, no: int, lang: str) -> Row:
    return Row([text(str(no), lang=lang), text(tr(m, "title", lang), lang=lang),
                text(tr(m, "completion_form", lang), lang=lang), text(tr(m, "deadline_text", lang) or _deadline(m),
                                                                     lang=lang),
                text(measure_executors(data, m, lang), lang=lang)], "item", 2, f"measure:{m.code}")


# =========================================================================================== Annex 1-1

A1_1_TITLE = T("Нысаналы индикаторлар мен нәтижелер көрсеткіштерін есептеу әдістемесі",
               "Методика расчета целевых индикаторов и показателей результатов",
               "Methodology for calculating target indicators and result indicators")
A1_1_S1 = T("1. Есептеуге жататын нысаналы индикаторлар мен нәтижелер көрсеткіштерінің тізбесі",
            "1. Перечень целевых индикаторов и показателей результатов, подлежащих расчету",
            "1. List of target indicators and result indicators subject to calculation")
A1_1_HEAD = {
    "kk": ["№", "Нысаналы индикатор мен нәтижелер көрсеткішінің атауы", "Өлшем бірлігі",
           "Деректердің түрлері (ресми статистикалық ақпарат, халықаралық статистика, ведомстволық деректер)"],
    "ru": ["№", "Наименование целевого индикатора и показателя результатов", "Единица измерения",
           "Виды данных (официальная статистическая информация, международная статистика, ведомственные данные)"],
    "en": ["No.", "Name of the target indicator / result indicator", "Unit of measure",
           "Data types (official statistical information, international statistics, departmental data)"],
}
A1_1_S2 = T("2. Нысаналы индикатор мен нәтижелер көрсеткішін есептеу алгоритмі «{t}»",
            "2. Алгоритм расчета целевого индикатора и показателя результатов «{t}»",
            "2. Calculation algorithm of the target indicator / result indicator \"{t}\"")
A1_1_CARD = {
    "kk": ["Нысаналы индикатор мен нәтижелер көрсеткішін айқындау (түсіндіру аппараты)",
           "Нысаналы индикатор мен нәтижелер көрсеткіші бойынша жедел, алдын ала және есептік деректерді "
           "қалыптастыру кезеңділігі мен мерзімдері",
           "Нысаналы индикатор мен нәтижелер көрсеткіші бойынша (болған жағдайда) ақпараттық жүйенің сілтемесі және "
           "есептік деректерді орналастыру орны көрсетілген ақпарат көздері (веб-сайтқа және ақпараттық жүйеге "
           "сілтемесін көрсете отырып)",
           "Өлшем бірлігін көрсете отырып, есептеудің егжей-тегжейлі және айқын бірізділігін көрсете отырып, нысаналы "
           "индикатор мен нәтижелер көрсеткішінің алгоритмі",
           "республикалық деңгейде",
           "Жергілікті деңгейде (қажет болған жағдайда облыстық/ аудандық/ қалалық деңгейін көрсету)",
           "Нысаналы индикатор мен нәтижелер көрсеткішіне қол жеткізудегі әрбір бірлесіп орындаушы мемлекеттік "
           "органның салым үлесін айқындай отырып, каскадтау немесе декомпозициялау арқылы жоғары тұрған МЖЖ "
           "құжаттарының көрсеткіштерімен өзара байланысы"],
    "ru": ["Определение целевого индикатора и показателя результатов (понятийный аппарат)",
           "Периодичность и сроки формирования оперативных, предварительных и отчетных данных по целевому "
           "индикатору и показателю результатов",
           "Источники информации с указанием ссылки на информационную систему (при наличии) и места размещения "
           "отчетных данных по целевому индикатору и показателю результатов (со ссылкой на веб-сайт и "
           "информационную систему)",
           "Алгоритм целевого индикатора и показателя результатов с указанием единицы измерения, детальной и четкой "
           "последовательности расчета",
           "на республиканском уровне",
           "на местном уровне (при необходимости с указанием областного/районного/городского уровня)",
           "Взаимосвязь с показателями вышестоящих документов СГП путем каскадирования или декомпозиции с "
           "определением доли вклада каждого государственного органа-соисполнителя в достижение целевого "
           "индикатора и показателя результатов"],
    "en": ["Definition of the target indicator / result indicator (conceptual apparatus)",
           "Periodicity and deadlines for forming operational, preliminary and reporting data on the indicator",
           "Information sources, with the link to the information system (if any) and the place where reporting "
           "data are published (with links to the website and the information system)",
           "Algorithm of the indicator, with the unit of measure and a detailed and clear sequence of calculation",
           "at the republican level",
           "at the local level (where necessary, specifying the oblast / district / city level)",
           "Interrelation with the indicators of higher SPS documents through cascading or decomposition, with the "
           "contribution share of each co-executing state body"],
}
CARD_NUMBERS = ["1", "2", "3", "4", "4.1", "4.2", "5"]


def build_annex1_1(data: PlanData, year: int, lang: str) -> Form:
    form = caption_form("1-1", lang, data, [A1_1_TITLE(lang), f"«{tr(data.document, 'title', lang)}»"],
                        notes=[NOTE_FILL(lang)])
    inds = data.main_indicators((IndicatorKind.TARGET, IndicatorKind.RESULT))
    rows = [Row([text(f"{n}.", lang=lang), text(tr(i, "title", lang), lang=lang), text(tr(i, "unit", lang), lang=lang),
                 text(i.get_data_source_type_display() if i.data_source_type else None, lang=lang)], "item", 0,
                f"indicator:{i.code}") for n, i in enumerate(inds, start=1)]
    blocks: list = [Table("s1", ANNEX_SHEET(lang, n="1-1"), A1_1_S1(lang),
                          [Column(6), Column(60), Column(18), Column(40)], simple_header(A1_1_HEAD[lang]),
                          None, rows)]
    for i in inds:
        links = []
        for link in data.parents.get(i.pk, ()):
            links.append(f"{tr(link.parent, 'title', lang)} ({tr(link.parent.document, 'title', lang)}; "
                         f"{link.get_kind_display()})")
        for c in data.coexec.get(i.pk, ()):
            share = f", {c.share} %" if c.share is not None else ""
            links.append(f"{org_name(c.organization, lang)} ({CO_EXECUTOR(lang)}{share})")
        if i.higher_links_note:
            links.append(i.higher_links_note)
        content = [tr(i, "definition", lang), i.data_periodicity,
                   "; ".join(x for x in (tr(i, "information_source", lang), i.data_collection_method) if x),
                   tr(i, "calculation_method", lang) + (f" [{tr(i, 'unit', lang)}]" if tr(i, "unit", lang) else ""),
                   i.calculation_republican, i.calculation_local, "; ".join(links)]
        card = [Row([text(no, lang=lang), text(label, lang=lang), text(value or None, lang=lang)], "item", 0,
                    f"card:{i.code}:{no}") for no, label, value in zip(CARD_NUMBERS, A1_1_CARD[lang], content,
                                                                       strict=True)]
        blocks.append(Table(f"card-{i.code}", ANNEX_SHEET(lang, n="1-1") + " (2)",
                            A1_1_S2(lang, t=tr(i, "title", lang)), [Column(6), Column(50), Column(70)],
                            simple_header([A1_1_HEAD[lang][0], A1_1_HEAD[lang][1], "—"]), None, card))
    form.blocks = blocks
    return _finish(form, data, lang)


# =========================================================================================== Annex 2 and 11

A2_TITLE = T("Стратегиялық жоспарлау жөніндегі уәкілетті органның тұжырымдама жобасына ҚОРЫТЫНДЫСЫ",
             "ЗАКЛЮЧЕНИЕ уполномоченного органа по стратегическому планированию на проект концепции",
             "CONCLUSION of the authorized body for strategic planning on the draft Concept")
A2_ITEMS = {
    "kk": ["Қорытындыны ұсынған мемлекеттік орган", "Әзірлеуші мемлекеттік органның атауы",
           "Тұжырымдама жобасының атауы", "Тұжырымдама жобасының мақсаты",
           "Тұжырымдамада ағымдағы жағдайға, сала/ая проблемаларына қатысты талдаудың болуы, баяндаудың жеткіліктілігі "
           "мен сапасы", "Халықаралық тәжірибеге шолудың болуы, баяндаудың жеткіліктілігі мен сапасы",
           "Саланы/аяны дамытудың негізгі қағидаттарының болуы, баяндаудың жеткіліктілігі мен сапасы",
           "Тұжырымдамада саланы/аяны дамыту үрдісінің, пайымы мен тәсілдерінің болуы, баяндаудың жеткіліктілігі мен "
           "сапасы", "Тұжырымдамада көзделген саланың / аяның белгіленген проблемаларын шешуге арналған тәсілдердің "
           "бағыттылығы", "Күтілетін нәтижелер мен нысаналы индикаторлардың болуы, нысаналы индикаторлардың МЖЖ жоғары "
           "тұрған құжаттарына сәйкестігі", "Тұжырымдаманы іске асыру жөніндегі іс-қимыл жоспарының болуы (қосымша "
           "түрінде), тұжырымдама жобасының негізгі тәсілдеріне сәйкес келуі", "Өзге де ескертулер мен ұсыныстар",
           "Ұсынымдар"],
    "ru": ["Государственный орган, представивший заключение", "Наименование государственного органа-разработчика",
           "Наименование проекта концепции", "Цель проекта концепции",
           "Наличие в концепции анализа текущей ситуации, проблем отрасли/сферы, достаточность и качество изложения",
           "Наличие обзора международного опыта, достаточность и качество изложения",
           "Наличие основных принципов развития отрасли/сферы, достаточность и качество изложения",
           "Наличие в концепции тенденций, видения и подходов развития отрасли/сферы, достаточность и качество "
           "изложения", "Направленность предусмотренных в концепции подходов на решение обозначенных проблем "
           "отрасли/сферы", "Наличие ожидаемых результатов и целевых индикаторов, соответствие целевых индикаторов "
           "вышестоящим документам СГП", "Наличие плана действий по реализации концепции (в виде приложения), "
           "соответствие основным подходам проекта концепции", "Иные замечания и предложения", "Рекомендации"],
    "en": ["State body that submitted the conclusion", "Name of the developer state body", "Name of the draft Concept",
           "Goal of the draft Concept", "Analysis of the current situation and the problems of the sector/sphere: "
           "presence, sufficiency and quality", "Review of international experience: presence, sufficiency and "
           "quality", "Main principles of developing the sector/sphere: presence, sufficiency and quality",
           "Trends, vision and approaches of developing the sector/sphere: presence, sufficiency and quality",
           "Orientation of the approaches towards solving the identified problems of the sector/sphere",
           "Expected results and target indicators: presence; consistency with higher SPS documents",
           "Action Plan for implementing the Concept (as an annex): presence; consistency with the main approaches",
           "Other remarks and proposals", "Recommendations"],
}
A11_TITLE = T("Қазақстан Республикасы Ұлттық жоспарының іске асырылуы бойынша мемлекеттік жоспарлау жөніндегі "
              "уәкілетті органның қорытындысы",
              "Заключение уполномоченного органа по государственному планированию по реализации Национального плана "
              "Республики Казахстан",
              "Conclusion of the authorized body for state planning on implementation of the National Plan of the "
              "Republic of Kazakhstan")
A11_ITEMS = {
    "kk": ["Құжаттың атауы", "Құжат бекітілген актінің нөмірі, күні", "Әзірлеуге жауапты мемлекеттік орган",
           "Бірлесіп орындаушы-мемлекеттік органдар және бірлесіп орындаушы өзге де ұйымдар (ұлттық компанияларды қоса "
           "алғанда, мемлекеттік кәсіпорындар, акционерлік қоғамдар және мемлекет қатысатын жауапкершілігі шектеулі "
           "серіктестіктер)", "Іске асыру мерзімі",
           "Есепті кезеңге жоспарланған нақты нәтижелерге қол жеткізуді қысқаша талдау және нысаналы индикаторлар мен "
           "нәтижелер көрсеткіштеріне қол жеткізбеу себептерінің объективтілігі бойынша ұстаным",
           "Қорытындылар (бағалау) және одан әрі қабылданатын шаралар бойынша ұсыныстар"],
    "ru": ["Наименование документа", "Номер, дата акта об утверждении документа",
           "Государственный орган, ответственный за разработку", "Государственные органы-соисполнители и иные "
           "организации-соисполнители (включая национальные компании, государственные предприятия, акционерные "
           "общества и товарищества с ограниченной ответственностью с участием государства)", "Срок реализации",
           "Позиция по краткому анализу достижения конкретных результатов, запланированных на отчетный период, и "
           "объективности причин недостижения целевых индикаторов и показателей результатов",
           "Выводы (оценка) и предложения по дальнейшим мерам"],
    "en": ["Name of the document", "Number and date of the act approving the document",
           "State body responsible for development", "Co-executing state bodies and other co-executing organisations "
           "(including national companies, state enterprises, joint-stock companies and limited liability "
           "partnerships with state participation)", "Implementation period",
           "Position on a brief analysis of the achievement of the results planned for the reporting period and on "
           "the objectivity of the reasons for non-achievement of target and result indicators",
           "Conclusions (assessment) and proposals on further measures"],
}


def _questionnaire(annex: str, data: PlanData, lang: str, title: T, labels: list[str], values: list[str],
                   year: int | None = None) -> Form:
    form = caption_form(annex, lang, data, [title(lang)])
    if year is not None:
        form.meta["year"] = str(year)
    rows = [Row([text(f"{n}.", lang=lang), text(label, lang=lang), text(value or None, lang=lang)], "item", 0,
                f"item:{n}") for n, (label, value) in enumerate(zip(labels, values, strict=False), start=1)]
    form.blocks = [Table("s1", ANNEX_SHEET(lang, n=annex), title(lang), [Column(6), Column(55), Column(80)],
                         simple_header(["№", "—", "—"]), None, rows)]
    return _finish(form, data, lang)


def build_annex2(data: PlanData, year: int, lang: str) -> Form:
    d = data.document
    sections = {s.key for s in data.sections}
    present = T("Бөлім бар", "Раздел имеется", "Section present")(lang)
    absent = T("Бөлім жоқ", "Раздел отсутствует", "Section missing")(lang)
    checks = ["analysis", "international_experience", "principles_approaches", "vision", "principles_approaches",
              "indicators_results", "action_plan"]
    values = ["", org_name(d.developer, lang), tr(d, "title", lang), tr(d, "basis", lang)]
    values += [present if key in sections else absent for key in checks]
    values += ["", ""]
    return _questionnaire("2", data, lang, A2_TITLE, A2_ITEMS[lang], values)


A11_REPORTING = T("Есепті кезең", "Отчетный период", "Reporting period")
A11_STATUS = T("Қорытындының мәртебесі", "Статус заключения", "Status of the conclusion")
A11_STATUSES = {"draft": T("жоба", "проект", "draft"), "issued": T("берілді", "выдано", "issued")}
A11_FINAL = T("қорытынды есеп, іске асырудың бүкіл кезеңі (230, 244-т.)",
              "итоговый отчет, весь период реализации (пп. 230, 244)",
              "final report, the whole implementation period (cl. 230, 244)")
A11_NONE = T("Jospar-да {year} жылға қорытынды жасалмаған (270-271-т.): 6-7-тармақтарды мемлекеттік жоспарлау жөніндегі "
             "уәкілетті орган толтырады.",
             "В Jospar нет заключения за {year} год (пп. 270-271): пункты 6-7 заполняет уполномоченный орган по "
             "государственному планированию.",
             "Jospar holds no conclusion for {year} (cl. 270-271): items 6-7 are filled by the authorized body for "
             "state planning.")
A11_CRITERIA = T("271-тармақтың өлшемшарттары бойынша мониторинг нәтижелері (Jospar есептеген; әдістемеде шкала "
                 "белгіленбеген, бағалау — 6-7-тармақтардағы мәтін)",
                 "Результаты мониторинга по критериям пункта 271 (рассчитаны Jospar; методика не устанавливает "
                 "шкалу, оценка — текст пунктов 6-7)",
                 "Monitoring results by the criteria of cl. 271 (computed by Jospar; the methodology sets no scale, "
                 "the evaluation is the text of items 6-7)")
A11_CRITERIA_HEAD = {"kk": ["№", "Өлшемшарт", "Көрсеткіштер", "Тұжырымдар"],
                     "ru": ["№", "Критерий", "Показатели", "Выводы"],
                     "en": ["No.", "Criterion", "Metrics", "Findings"]}


def _conclusion(document, year: int):
    """The conclusion of the year (cl. 242, 257); in the last year of the period the final one first (cl. 244)."""
    found = list(Conclusion.objects.filter(document=document, year=year))
    final_first = year == document.period_end
    found.sort(key=lambda c: (c.final != final_first, c.pk))
    return found[0] if found else None


def build_annex11(data: PlanData, year: int, lang: str) -> Form:
    """Items 1-5 from the document; items 6-7 the authorized body's texts of the evaluation conclusion
    (cl. 271(2)-(3)), then its criteria of cl. 271 with their findings in the language of the form."""
    d = data.document
    conclusion = _conclusion(d, year)
    coexec = "; ".join(org_name(o, lang) for o in d.co_executors.all())
    values = [tr(d, "title", lang), approved_text(data), org_name(d.developer, lang), coexec,
              f"{d.period_start}-{d.period_end}", conclusion.position if conclusion else "",
              conclusion.conclusions if conclusion else ""]
    form = _questionnaire("11", data, lang, A11_TITLE, A11_ITEMS[lang], values, year)
    form.fields = [(A11_REPORTING(lang), str(year) + (f" ({A11_FINAL(lang)})" if conclusion and conclusion.final
                                                       else ""))]
    if conclusion is None:
        form.notes.append(A11_NONE(lang, year=year))
        return form
    form.fields.append((A11_STATUS(lang), A11_STATUSES[conclusion.status](lang)
                        if conclusion.status in A11_STATUSES else conclusion.status))
    if conclusion.criteria:
        form.blocks.append(_criteria_table(conclusion.criteria, lang))
    return form


def _criteria_table(criteria: list[dict], lang: str) -> Table:
    rows: list[Row] = []
    with translation.override(lang):  # the evaluation app's catalogs translate titles, labels and findings
        for c in criteria:
            metrics = []
            for key, m in c.get("metrics", {}).items():
                value = m.get("value")
                try:
                    shown = format_number(Decimal(str(value)), "value", lang) if value is not None else "—"
                except ArithmeticError:
                    shown = str(value)
                metrics.append(f"{metric_label(key)}: {shown}")
            findings = [f"– {finding_text(f)}" for f in c.get("findings", [])]
            rows.append(Row([text(str(c.get("number", "")), lang=lang),
                             text(f"{criterion_title(c.get('number', 0), c.get('title', ''))} ({c.get('clause', '')})",
                                  lang=lang),
                             text("\n".join(metrics) or None, lang=lang), text("\n".join(findings) or None, lang=lang)],
                            "item", 0, f"criterion:{c.get('number', '')}"))
    return Table("criteria", ANNEX_SHEET(lang, n="11") + " (2)", A11_CRITERIA(lang),
                 [Column(6), Column(40), Column(45), Column(80)], simple_header(A11_CRITERIA_HEAD[lang]), None, rows)


# =========================================================================================== Annex 3 and 4

A3_TITLE = T("Мемлекеттік органның даму жоспары", "План развития государственного органа",
             "Development plan of the state body")
A3_S1 = T("1-бөлім. Миссиясы және пайымы", "Раздел 1. Миссия и видение", "Section 1. Mission and vision")
A3_MISSION = T("Миссиясы", "Миссия", "Mission")
A3_VISION = T("Пайымы", "Видение", "Vision")
A3_S2 = T("2-бөлім. Стратегиялық және бюджеттік жоспарлаудың өзара байланысының архитектурасы",
          "Раздел 2. Архитектура взаимосвязи стратегического и бюджетного планирования",
          "Section 2. Architecture of the interrelation of strategic and budget planning")
A3_S2_HEAD = {
    "kk": ["Елдің нысаналы индикаторлары мен көрсеткіштері", "Мемлекеттік органның стратегиялық бағыттары",
           "Мемлекеттік органның мақсаттары", "Бюджеттік бағдарламалар"],
    "ru": ["Целевые индикаторы и показатели страны", "Стратегические направления государственного органа",
           "Цели государственного органа", "Бюджетные программы"],
    "en": ["Target indicators and indicators of the country", "Strategic directions of the state body",
           "Goals of the state body", "Budget programmes"],
}
A3_S3 = T("3-бөлім. Стратегиялық бағыттар, мақсаттар мен нысаналы индикаторлар",
          "Раздел 3. Стратегические направления, цели и целевые индикаторы",
          "Section 3. Strategic directions, goals and target indicators")
A3_HEAD = {
    "kk": ["№", "Индикатор", "Жауаптылар", "Ақпарат көзі", "Өлшем бірлігі", "Есепті жыл",
           "Ағымдағы жылдың жоспары (факт)"],
    "ru": ["№", "Индикатор", "Ответственные", "Источник информации", "Единица измерения", "Отчетный год",
           "План текущего года (факт)"],
    "en": ["No.", "Indicator", "Responsible", "Source of information", "Unit of measure", "Reporting year",
           "Plan of the current year (fact)"],
}
A3_S4 = T("4-бөлім. Ресурстар", "Раздел 4. Ресурсы", "Section 4. Resources")
A3_S4_HEAD = {
    "kk": ["Ресурстар", "Өлшем бірлігі", "Есепті кезең", "Ағымдағы кезеңнің жоспары"],
    "ru": ["Ресурсы", "Единица измерения", "Отчетный период", "План текущего периода"],
    "en": ["Resources", "Unit of measure", "Reporting period", "Plan of the current period"],
}
A3_RES = {"kk": ["Қаржылық, барлығы", "оның ішінде ұлттық жобаны іске асыруға", "Адами"],
          "ru": ["Финансовые, всего", "в том числе на реализацию национального проекта", "Человеческие"],
          "en": ["Financial, total", "of which for implementing the national project", "Human"]}
PERSONS = T("адам", "человек", "persons")
A3_NO_RESOURCES = T(
    "Жоспарда «Ресурстар» бөлімінің деректері жоқ (117-т.): «Қаржылық, барлығы» жолында жоспар іс-шараларының "
    "жылдар бойынша қаржыландыруы (нақтыланған жоспар) көрсетілген, қалған жолдар толтырылмаған.",
    "В плане нет данных раздела «Ресурсы» (п. 117): в строке «Финансовые, всего» показано финансирование "
    "мероприятий плана по годам (уточнённый план), остальные строки не заполнены.",
    "The plan has no data of the Resources section (cl. 117): the row \"Financial, total\" shows the financing of "
    "the plan's measures by year (corrected plan); the other rows are not filled.")


def _plan_years(data: PlanData) -> list[int]:
    return list(data.document.years)[:5]


def _year_header(lang: str, years: list[int]) -> tuple[str, list[str]]:
    return (PLANNING(lang), [_year_label(lang, n, y) for n, y in enumerate(years, start=1)])


def build_annex3(data: PlanData, year: int, lang: str) -> Form:
    d = data.document
    form = caption_form("3", lang, data, [A3_TITLE(lang), PLANNING_PERIOD(lang, a=d.period_start, b=d.period_end),
                                          org_name(d.developer, lang)], notes=[NOTE_FILL(lang)])
    years = _plan_years(data)
    reporting, current = d.period_start - 2, d.period_start - 1
    blocks: list = [Paragraph(A3_S1(lang), ""), Paragraph(A3_MISSION(lang), tr(d, "mission", lang)),
                    Paragraph(A3_VISION(lang), tr(d, "vision", lang))]
    # Section 2: the architecture (cl. 111) as a table: higher documents -> directions -> goals -> programmes
    higher = "; ".join(tr(p, "title", lang) for p in d.parents.all())
    arch = []
    for dn, direction in enumerate(data.directions, start=1):
        for gn, goal in enumerate(data.goals_of(direction), start=1):
            arch.append(Row([text(higher, lang=lang), text(f"{dn}. {tr(direction, 'title', lang)}", lang=lang),
                             text(f"{dn}.{gn}. {tr(goal, 'title', lang)}", lang=lang),
                             text(goal.budget_program_codes or None, lang=lang)], "item", 0, f"goal:{goal.code}"))
    blocks.append(Table("s2", ANNEX_SHEET(lang, n="3"), A3_S2(lang),
                        [Column(40), Column(40), Column(50), Column(22)], simple_header(A3_S2_HEAD[lang]), None, arch))
    rows: list[Row] = []
    no = 0
    width = 7 + len(years)

    def ind_row(ind) -> Row:
        nonlocal no
        no += 1
        vals = data.values.get(ind.pk, {})
        rep = vals.get(reporting)
        rep_value = rep.fact if rep and rep.fact is not None else (
            ind.baseline_value if ind.baseline_year == reporting else None)
        cur = vals.get(current)
        cur_value = (cur.fact if cur.fact is not None else cur.effective_plan) if cur else (
            ind.baseline_value if ind.baseline_year == current else None)
        official = ind.responsible_official
        return Row([text(str(no), lang=lang), text(tr(ind, "title", lang), lang=lang),
                    text(f"{official.full_name}, {tr(official, 'position', lang)}" if official else
                         org_name(ind.responsible, lang), lang=lang),
                    text(tr(ind, "information_source", lang), lang=lang), text(tr(ind, "unit", lang), lang=lang),
                    number(rep_value, lang=lang), number(cur_value, lang=lang)]
                   + [number(vals[y].effective_plan if y in vals else None, lang=lang) for y in years],
                   "item", 2, f"indicator:{ind.code}")

    for dn, direction in enumerate(data.directions, start=1):
        rows.append(group_row(STRATEGIC_DIRECTION(lang, n=dn, t=tr(direction, "title", lang)), width, "group", 0,
                              f"direction:{direction.code}", lang=lang))
        macro = data.macro_of_direction(direction)
        if macro:
            rows.append(group_row(MACRO_LABEL(lang), width, "label", 1, f"label:macro:{direction.code}", lang=lang))
            rows.extend(ind_row(i) for i in macro)
        for gn, goal in enumerate(data.goals_of(direction), start=1):
            rows.append(group_row(GOAL_N(lang, n=f"{dn}.{gn}", t=tr(goal, "title", lang)), width, "subgroup", 1,
                                  f"goal:{goal.code}", lang=lang))
            tis = data.indicators_of_goal(goal, (IndicatorKind.TARGET,))
            if tis:
                rows.append(group_row(BUDGET_LINKED(lang), width, "label", 2, f"label:{goal.code}", lang=lang))
                rows.extend(ind_row(i) for i in tis)
    head = A3_HEAD[lang]
    blocks.append(Table("s3", ANNEX_SHEET(lang, n="3") + " (3)", A3_S3(lang),
                        [Column(6), Column(46), Column(30), Column(24), Column(12)] + [Column(12, "value")] * (2 + len(
                            years)), grouped_header([*head, _year_header(lang, years)]),
                        [str(i) for i in range(1, width + 1)], rows))
    # Section 4: resources (cl. 117, Annex 3 expl. 6(2)-(3)): the rows of Resources by year when the plan has them;
    # else, as before they were kept, the money of the plan's measures by year and no human resources
    columns = [reporting, current, *years]
    if data.resources:
        res = data.resources
        res_rows = [
            Row([text(A3_RES[lang][0], lang=lang), text(MLN_TENGE(lang), lang=lang)]
                + [number(res[y].budget_expenditure if y in res else None, "money", lang) for y in columns],
                "item", 0, "resource:financial"),
            Row([text(A3_RES[lang][1], lang=lang), text(MLN_TENGE(lang), lang=lang)]
                + [number(res[y].national_project_expenditure if y in res else None, "money", lang) for y in columns],
                "item", 1, "resource:national_project"),
            Row([text(A3_RES[lang][2], lang=lang), text(PERSONS(lang), lang=lang)]
                + [number(res[y].staff if y in res else None, "int", lang) for y in columns],
                "item", 0, "resource:human"),
        ]
        s4_notes: list[str] = []
    else:
        money = defaultdict(list)
        for m in data.measures:
            for f in data.lines(m):
                money[f.year].append(f.effective_plan)
        res_rows = [
            Row([text(A3_RES[lang][0], lang=lang), text(MLN_TENGE(lang), lang=lang),
                 number(money_sum(money[reporting]), "money", lang), number(money_sum(money[current]), "money", lang)]
                + [number(money_sum(money[y]), "money", lang) for y in years], "item", 0, "resource:financial"),
            Row([text(A3_RES[lang][1], lang=lang), text(MLN_TENGE(lang), lang=lang)] + [text(None, lang=lang)] * (
                2 + len(years)), "item", 1, "resource:national_project"),
            Row([text(A3_RES[lang][2], lang=lang), text(PERSONS(lang), lang=lang)] + [text(None, lang=lang)] * (
                2 + len(years)), "item", 0, "resource:human"),
        ]
        s4_notes = [A3_NO_RESOURCES(lang)]
    blocks.append(Table("s4", ANNEX_SHEET(lang, n="3") + " (4)", A3_S4(lang),
                        [Column(40), Column(14)] + [Column(14, "money")] * (2 + len(years)),
                        grouped_header([*A3_S4_HEAD[lang], _year_header(lang, years)]),
                        [str(i) for i in range(1, 5 + len(years))], res_rows, s4_notes))
    form.blocks = blocks
    return _finish(form, data, lang)


A4_TITLE = T("Мемлекеттік органның даму жоспарының мақсаттары мен нысаналы индикаторларына қол жеткізу үшін қаржылық "
             "қажеттілік",
             "Финансовая потребность для достижения целей и целевых индикаторов плана развития государственного "
             "органа",
             "Financial need for achieving the goals and target indicators of the development plan of the state body")
A4_HEAD = {
    "kk": ["№", "Мақсаттың атауы", "Нысаналы индикатордың атауы", ("Қаржыландыру қажеттілігі", ["Барлығы"]),
           "Бюджеттік бағдарламаның (бюджеттік кіші бағдарламаның) атауы және коды",
           "Қаржыландыру қажеттілігін қалыптастыру үшін негіздер (тапсырмалар)", "Күтілетін әлеуметтік-экономикалық "
           "әсер", "Жалпы ішкі өнімнің (жалпы қосылған құнның) өсуіне үлес",
           "Мақсаттың, нысаналы индикатордың басымдығы (1, 2, 3)*"],
    "ru": ["№", "Наименование цели", "Наименование целевого индикатора", ("Потребность в финансировании", ["Всего"]),
           "Наименование и код бюджетной программы (бюджетной подпрограммы)",
           "Основания (поручения) для формирования потребности в финансировании",
           "Ожидаемый социально-экономический эффект", "Вклад в рост валового внутреннего продукта (валовой "
           "добавленной стоимости)", "Приоритетность цели, целевого индикатора (1, 2, 3)*"],
    "en": ["No.", "Name of the goal", "Name of the target indicator", ("Financing need", ["Total"]),
           "Name and code of the budget programme (subprogramme)",
           "Grounds (instructions) for forming the financing need", "Expected socio-economic effect",
           "Contribution to the growth of GDP (gross value added)", "Priority of the goal / target indicator (1, 2, 3)*"],
}
A4_NOTE = T("* Нысаналы индикаторлардың басымдығы мынадай санаттар бойынша бөлінеді: 1 – бірінші басымдық – жоғары, "
            "күтілетін жоғары әлеуметтік-экономикалық әсерге, сондай-ақ қол жеткізудің мерзімділігіне негізделген; "
            "2 – екінші басымдық – орташа, күтілетін орташа әлеуметтік-экономикалық әсерге, сондай-ақ қол жеткізудің "
            "орта мерзімділігіне негізделген; 3 – үшінші басымдық – 1, 2-басымдықтарға жатпайтын.",
            "* Приоритетность целевых индикаторов делится на категории: 1 – первый приоритет – высокий, основанный на "
            "ожидаемом высоком социально-экономическом эффекте и срочности достижения; 2 – второй приоритет – "
            "средний, основанный на ожидаемом среднем социально-экономическом эффекте и среднесрочности достижения; "
            "3 – третий приоритет – не относящиеся к приоритетам 1, 2.",
            "* The priority of target indicators falls into these categories: 1 – first priority, high: based on an "
            "expected high socio-economic effect and on the urgency of achievement; 2 – second priority, medium: "
            "based on an expected medium socio-economic effect and medium-term achievement; 3 – third priority: "
            "not belonging to priorities 1 and 2.")


A4_NO_NEED = T(
    "Жоспарда қаржылық қажеттілік жолдары жоқ (119-120-т.): 4-9-бағандарда әр нысаналы индикаторға қызмет ететін "
    "іс-шаралардың қаржыландыруы (нақтыланған жоспар) көрсетілген, 11-14-бағандар толтырылмаған.",
    "В плане нет строк финансовой потребности (пп. 119-120): в графах 4-9 показано финансирование мероприятий, "
    "обслуживающих каждый целевой индикатор (уточнённый план), графы 11-14 не заполнены.",
    "The plan has no rows of financial need (cl. 119-120): columns 4-9 show the financing of the measures serving "
    "each target indicator (corrected plan); columns 11-14 are not filled.")


def build_annex4(data: PlanData, year: int, lang: str) -> Form:
    d = data.document
    years = _plan_years(data)
    form = caption_form("4", lang, data, [A4_TITLE(lang), tr(d, "title", lang)], notes=[NOTE_FILL(lang)])
    width = 9 + len(years)
    order = _a4_order(data) if data.financial_needs else []
    rows = _a4_need_rows(order, years, lang) if order else _a4_measure_rows(data, years, lang, width)
    notes = [A4_NOTE(lang)] if data.financial_needs else [A4_NOTE(lang), A4_NO_NEED(lang)]
    head = A4_HEAD[lang]
    spec = [*head[:3], (head[3][0], head[3][1] + [_year_label(lang, n, y) for n, y in enumerate(years, start=1)]),
            *head[4:]]
    form.blocks = [Table("s1", ANNEX_SHEET(lang, n="4"), A4_TITLE(lang),
                         [Column(6), Column(30), Column(36), Column(13, "money")] + [Column(12, "money")] * len(years)
                         + [Column(22), Column(22), Column(22), Column(18), Column(12)],
                         grouped_header(spec), [str(i) for i in range(1, width + 1)], rows, notes)]
    if order:
        form.blocks.append(_a4_note_table(order, lang))
    return _finish(form, data, lang)


def a4_programme(code: str, name: str) -> str:
    """Annex 4 col. 10 "name and code of the budget programme (subprogramme)" (expl. 5) as one text: the code,
    then the name in the form's language [DECISION: "code name"; either alone when the other is missing]."""
    return " ".join(part for part in (code.strip(), name.strip()) if part)


def _a4_order(data: PlanData) -> list[tuple[str, Goal, Indicator | None, FinancialNeed | None]]:
    """The rows of Annex 4 in order (number, goal, target indicator or None for the goal's own row, need): each
    goal, then its target indicators (expl. 3: macroindicators are not shown). Shared by the table and by the
    explanatory note of cl. 119 so that both number their rows alike."""
    by_goal = {n.goal_id: n for n in data.financial_needs if n.goal_id is not None}
    by_ind = {n.indicator_id: n for n in data.financial_needs if n.indicator_id is not None}
    ind_by_id = {i.pk: i for i in data.indicators}
    order: list[tuple[str, Goal, Indicator | None, FinancialNeed | None]] = []
    for gn, goal in enumerate(data.goals, start=1):
        order.append((str(gn), goal, None, by_goal.get(goal.pk)))
        targets = data.indicators_of_goal(goal, (IndicatorKind.TARGET,))
        shown = {i.pk for i in targets}
        # a need given for another indicator of the goal is shown too, never dropped silently
        targets += [ind_by_id[i] for i in by_ind if i in ind_by_id and i not in shown
                    and ind_by_id[i].goal_id == goal.pk and ind_by_id[i].kind != IndicatorKind.MACRO]
        for tn, ind in enumerate(targets, start=1):
            order.append((f"{gn}.{tn}", goal, ind, by_ind.get(ind.pk)))
    return order


def _a4_need_rows(order, years: list[int], lang: str) -> list[Row]:
    """The rows of FinancialNeed (cl. 119-120, Annex 4 expl. 1-9), each with its need by year, the total of those
    years (col. 4 = cols 5-9, SPEC A4 5.2 [INFERRED]), the budget programme (col. 10: the indicator's code, else its
    goal's codes as rule A4-V2 reads them, and the indicator's programme name in the form's language; a goal row
    has the goal's codes only), grounds, effect, contribution to GDP and priority."""

    def cells(need, programme: str | None) -> list[Cell]:
        by_year = [need.amounts_by_year.get(y) if need else None for y in years]
        return ([number(money_sum(by_year), "money", lang)] + [number(v, "money", lang) for v in by_year]
                + [text(programme or None, lang=lang)]
                + [text(tr(need, f, lang) or None if need else None, lang=lang)
                   for f in ("grounds", "expected_effect", "gdp_contribution")]
                + [number(need.priority if need else None, "int", lang)])

    rows: list[Row] = []
    for num, goal, ind, need in order:
        if ind is None:
            rows.append(Row([text(num, lang=lang, bold=True), text(tr(goal, "title", lang), lang=lang, bold=True),
                             text(None, lang=lang)] + cells(need, goal.budget_program_codes),
                            "subgroup", 0, f"goal:{goal.code}"))
        else:
            programme = a4_programme(ind.budget_program_code or goal.budget_program_codes,
                                     tr(ind, "budget_program_name", lang))
            rows.append(Row([text(num, lang=lang), text(None, lang=lang), text(tr(ind, "title", lang), lang=lang)]
                            + cells(need, programme), "item", 1, f"indicator:{ind.code}"))
    return rows


A4_NOTE_TITLE = T("Түсіндірме жазба (119-тармақ)", "Пояснительная записка (п. 119)", "Explanatory note (cl. 119)")
A4_NOTE_SHEET = T("4-қосымша (түсіндірме)", "Прил. 4 (записка)", "Annex 4 (note)")
A4_NOTE_HEAD = {
    "kk": ["Р/с №", "1) Мақсаттың, нысаналы индикатордың атауы",
           "2) Соңғы 3 жылдағы нысаналы индикатордың нақты қаржыландырылуының және орындалуының қысқаша сипаттамасы",
           "3) Әрбір жыл бойынша нысаналы индикатор мәнінің жоспарлы есебі",
           "4) Басымдығын көрсете отырып, қаржылық қажеттіліктің негіздемелері және есептері"],
    "ru": ["№ п/п", "1) Наименование цели, целевого индикатора",
           "2) Краткое описание фактического финансирования и исполнения целевого индикатора за последние 3 года",
           "3) Плановый расчет значения целевого индикатора по каждому году",
           "4) Обоснования и расчеты финансовой потребности с указанием приоритетности"],
    "en": ["No.", "1) Name of the goal, target indicator",
           "2) Actual financing and execution of the target indicator over the last 3 years, briefly",
           "3) Planned calculation of the target indicator's value for each year",
           "4) Justification and calculation of the financial need, with the priority"],
}
A4_NOTE_EXPL = T("Түсіндірме жазба еркін нысанда жасалады (119-тармақтың 2-бөлігі); 2) және 3) тармақшалар нысаналы "
                 "индикаторларға қатысты.",
                 "Пояснительная записка составляется в произвольной форме (п. 119, часть 2); подпункты 2) и 3) "
                 "относятся к целевым индикаторам.",
                 "The explanatory note is drawn up in free form (cl. 119 ¶2); items 2) and 3) concern target "
                 "indicators.")


def _a4_note_table(order, lang: str) -> Table:
    """The explanatory note of cl. 119 ¶2 after the Annex 4 table, one row per Annex 4 row with a need: item 1
    the goal's or indicator's name, items 2-4 the texts of FinancialNeed (``note_history``, ``note_calculation``,
    ``note_justification``) [DECISION: the free-form note shown as a table numbered like Annex 4]."""
    rows: list[Row] = []
    for num, goal, ind, need in order:
        if need is None:
            continue
        item = ind or goal
        rows.append(Row([text(num, lang=lang, bold=ind is None), text(tr(item, "title", lang), lang=lang,
                                                                       bold=ind is None)]
                        + [text(tr(need, f, lang) or None, lang=lang)
                           for f in ("note_history", "note_calculation", "note_justification")],
                        "subgroup" if ind is None else "item", 0 if ind is None else 1,
                        f"goal:{goal.code}" if ind is None else f"indicator:{ind.code}"))
    return Table("note", A4_NOTE_SHEET(lang), A4_NOTE_TITLE(lang),
                 [Column(6), Column(36), Column(40), Column(40), Column(40)], simple_header(A4_NOTE_HEAD[lang]),
                 None, rows, [A4_NOTE_EXPL(lang)])


def _a4_measure_rows(data: PlanData, years: list[int], lang: str, width: int) -> list[Row]:
    """Without FinancialNeed rows: the money of the measures by the first target indicator each serves."""
    # money of a measure counts for the first target indicator it serves [DECISION: no double counting]
    need: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for m in data.measures:
        ids = data.measure_indicators.get(m.pk, [])
        if ids:
            for f in data.lines(m):
                need[ids[0]][f.year].append(f.effective_plan)
    rows: list[Row] = []
    for gn, goal in enumerate(data.goals, start=1):
        rows.append(Row([text(str(gn), lang=lang, bold=True), text(tr(goal, "title", lang), lang=lang, bold=True)]
                        + [text(None, lang=lang)] * (width - 2), "subgroup", 0, f"goal:{goal.code}"))
        for tn, ind in enumerate(data.indicators_of_goal(goal, (IndicatorKind.TARGET,)), start=1):
            by_year = [money_sum(need[ind.pk][y]) for y in years]
            rows.append(Row([text(f"{gn}.{tn}", lang=lang), text(None, lang=lang), text(tr(ind, "title", lang),
                                                                                       lang=lang),
                             number(money_sum(by_year), "money", lang)]
                            + [number(v, "money", lang) for v in by_year]
                            + [text(a4_programme(ind.budget_program_code or goal.budget_program_codes,
                                                 tr(ind, "budget_program_name", lang)) or None, lang=lang)]
                            + [text(None, lang=lang)] * 4, "item", 1, f"indicator:{ind.code}"))
    return rows


# =========================================================================================== Annex 5

A5_TITLE = T("Облыстың, республикалық маңызы бар қаланың, астананың даму жоспары",
             "План развития области, города республиканского значения, столицы",
             "Development plan of an oblast, city of republican significance, capital")
A5_SECTIONS = [("passport", T("1-бөлім. Паспорт (негізгі сипаттамалары)", "Раздел 1. Паспорт (основные "
                                                                          "характеристики)",
                              "Section 1. Passport (main characteristics)")),
               ("vision", T("2-бөлім. Аумақты дамытудың пайымы мен перспективасы",
                            "Раздел 2. Видение и перспективы развития территории",
                            "Section 2. Vision and prospects of territorial development")),
               ("analysis", T("3-бөлім. Ағымдағы ахуалдың талдауы", "Раздел 3. Анализ текущей ситуации",
                              "Section 3. Analysis of the current situation"))]
A5_S4 = T("4-бөлім. Негізгі бағыттар, мақсаттар, нысаналы индикаторлар және оларға қол жеткізу жолдары",
          "Раздел 4. Основные направления, цели, целевые индикаторы и пути их достижения",
          "Section 4. Main directions, goals, target indicators and ways of achieving them")
A5_HEAD = {
    "kk": ["р/c №", "Атауы", "Жауаптылар", "Ақпарат көзі", "Өлшем бірлігі", "Есепті жыл",
           "Ағымдағы жылдың жоспары (факт)"],
    "ru": ["№ п/п", "Наименование", "Ответственные", "Источник информации", "Единица измерения", "Отчетный год",
           "План текущего года (факт)"],
    "en": ["No.", "Name", "Responsible", "Source of information", "Unit of measure", "Reporting year",
           "Plan of the current year (fact)"],
}
FIN_LINKED = T("Қаржылық шығыстармен өзара байланысты нысаналы индикаторлар",
               "Целевые индикаторы, взаимоувязанные с финансовыми расходами",
               "Target indicators interrelated with financial expenditures")
WAYS = T("Жету жолдары: ", "Пути достижения: ", "Ways of achievement: ")
DIR_N = T("{n}-бағыт: {t}", "Направление {n}: {t}", "Direction {n}: {t}")
GOAL_NN = T("{n}-мақсат: {t}", "Цель {n}: {t}", "Goal {n}: {t}")
A5_S5 = T("5-бөлім. Қажетті ресурстар", "Раздел 5. Необходимые ресурсы", "Section 5. Required resources")
A5_S5_HEAD = {"kk": ["Р/с№", "Бағыттың атауы"], "ru": ["№ п/п", "Наименование направления"],
              "en": ["No.", "Name of the direction"]}
THREE_SOURCES = {"republican": T("республикалық бюджет", "республиканский бюджет", "republican budget"),
                 "local": T("жергілікті бюджет", "местный бюджет", "local budget"),
                 "other": T("басқа да көздер", "другие источники", "other sources")}


def _three(f) -> str:
    if f.source == "budget":
        return "republican" if f.budget_level == "republican" else "local"
    return "other"


def build_annex5(data: PlanData, year: int, lang: str) -> Form:
    d = data.document
    place = tr(d.territory, "name", lang) if d.territory else org_name(d.developer, lang)
    form = caption_form("5", lang, data, [A5_TITLE(lang), PLANNING_PERIOD(lang, a=d.period_start, b=d.period_end),
                                          place], notes=[NOTE_FILL(lang)])
    texts = {s.key: tr(s, "text", lang) for s in data.sections}
    blocks: list = [Paragraph(h(lang), texts.get(k, "")) for k, h in A5_SECTIONS]
    years = _plan_years(data)
    reporting, current = d.period_start - 2, d.period_start - 1
    width = 7 + len(years)
    rows: list[Row] = []
    no = 0

    def ind_row(ind) -> Row:
        nonlocal no
        no += 1
        vals = data.values.get(ind.pk, {})
        rep = vals.get(reporting)
        cur = vals.get(current)
        rep_v = rep.fact if rep else (ind.baseline_value if ind.baseline_year == reporting else None)
        cur_v = (cur.fact if cur.fact is not None else cur.effective_plan) if cur else (
            ind.baseline_value if ind.baseline_year == current else None)
        return Row([text(f"{no}.", lang=lang), text(tr(ind, "title", lang), lang=lang),
                    text(" ".join(x for x in (org_name(ind.responsible, lang), ind.responsible_official.full_name
                                              if ind.responsible_official else "") if x), lang=lang),
                    text(tr(ind, "information_source", lang), lang=lang), text(tr(ind, "unit", lang), lang=lang),
                    number(rep_v, lang=lang), number(cur_v, lang=lang)]
                   + [number(vals[y].effective_plan if y in vals else None, lang=lang) for y in years],
                   "item", 3, f"indicator:{ind.code}")

    for dn, direction in enumerate(data.directions, start=1):
        rows.append(group_row(DIR_N(lang, n=dn, t=tr(direction, "title", lang)), width, "group", 0,
                              f"direction:{direction.code}", lang=lang))
        for gn, goal in enumerate(data.goals_of(direction), start=1):
            rows.append(group_row(GOAL_NN(lang, n=f"{dn}.{gn}", t=tr(goal, "title", lang)), width, "subgroup", 1,
                                  f"goal:{goal.code}", lang=lang))
            macro = data.indicators_of_goal(goal, (IndicatorKind.MACRO,))
            if macro:
                rows.append(group_row(MACRO_LABEL(lang), width, "label", 2, f"label:macro:{goal.code}", lang=lang))
                rows.extend(ind_row(i) for i in macro)
            tis = data.indicators_of_goal(goal, (IndicatorKind.TARGET,))
            if tis:
                rows.append(group_row(FIN_LINKED(lang), width, "label", 2, f"label:fin:{goal.code}", lang=lang))
                rows.extend(ind_row(i) for i in tis)
            ways = "; ".join(tr(m, "title", lang) for m in data.measures_of_goal(goal))
            if ways:
                rows.append(group_row(WAYS(lang) + ways, width, "label", 2, f"ways:{goal.code}", lang=lang))
    blocks.append(Table("s4", ANNEX_SHEET(lang, n="5"), A5_S4(lang),
                        [Column(6), Column(46), Column(30), Column(22), Column(12)] + [Column(12, "value")] * (
                            2 + len(years)), grouped_header([*A5_HEAD[lang], _year_header(lang, years)]),
                        [str(i) for i in range(1, width + 1)], rows, [NOTE_FILL(lang)]))
    # Section 5: goals x (republican, local, other) x years, then the TOTAL block (A5-R19)
    res: list[Row] = []
    totals: dict[str, dict[int, list]] = {k: defaultdict(list) for k in THREE_SOURCES}
    for gn, goal in enumerate(data.goals, start=1):
        res.append(group_row(GOAL_NN(lang, n=gn, t=tr(goal, "title", lang)), 2 + len(years), "subgroup", 0,
                             f"goal:{goal.code}", no=f"{gn}.", lang=lang))
        per: dict[str, dict[int, list]] = {k: defaultdict(list) for k in THREE_SOURCES}
        for m in data.measures_of_goal(goal):
            for f in data.lines(m):
                per[_three(f)][f.year].append(f.effective_plan)
                totals[_three(f)][f.year].append(f.effective_plan)
        for k, label in THREE_SOURCES.items():
            res.append(Row([text(None, lang=lang), text(label(lang), lang=lang)]
                           + [number(money_sum(per[k][y]), "money", lang) for y in years], "item", 1,
                           f"goal:{goal.code}:{k}"))
    res.append(group_row(TOTAL_ALL(lang).upper(), 2 + len(years), "total", 0, "total", lang=lang))
    for k, label in THREE_SOURCES.items():
        res.append(Row([text(None, lang=lang), text(label(lang), lang=lang, bold=True)]
                       + [number(money_sum(totals[k][y]), "money", lang, bold=True) for y in years], "total", 1,
                       f"total:{k}"))
    blocks.append(Table("s5", ANNEX_SHEET(lang, n="5") + " (5)", A5_S5(lang) + f", {MLN_TENGE(lang)}",
                        [Column(6), Column(50)] + [Column(14, "money")] * len(years),
                        simple_header(A5_S5_HEAD[lang] + [_year_label(lang, n, y) for n, y in enumerate(years, 1)]),
                        [str(i) for i in range(1, 3 + len(years))], res))
    form.blocks = blocks
    return _finish(form, data, lang)


# =========================================================================================== Annex 6

A6_TITLE = T("Облыстың, республикалық маңызы бар қаланың, астананың даму жоспарына енгізілетін өзгерістер мен "
             "толықтырулар бойынша салыстырма кесте",
             "Сравнительная таблица по изменениям и дополнениям, вносимым в план развития области, города "
             "республиканского значения, столицы",
             "Comparative table of amendments and additions to the development plan of an oblast, city of "
             "republican significance, capital")
A6_HEAD = {"kk": ["№", "Құрылымдық элемент", "Қолданыстағы редакция", "Ұсынылып отырған редакция", "Негіздеме"],
           "ru": ["№", "Структурный элемент", "Действующая редакция", "Предлагаемая редакция", "Обоснование"],
           "en": ["No.", "Structural element", "Current wording", "Proposed wording", "Justification"]}
NONE_WORD = T("Жоқ", "Отсутствует", "None")
DELETED = T("алып тасталсын", "исключить", "to be deleted")


A6_CHANGE = T("Өзгеріс", "Изменение", "Change")
A6_CHANGE_TEXT = T("{on}, {v}-нұсқа", "{on}, версия {v}", "{on}, version {v}")
A6_KINDS = {
    "document": T("Құжат", "Документ", "Document"),
    "section": T("Бөлім", "Раздел", "Section"),
    "direction": T("Бағыт", "Направление", "Direction"),
    "goal": T("Мақсат", "Цель", "Goal"),
    "task": T("Міндет", "Задача", "Task"),
    "indicator": T("Нысаналы индикатор", "Целевой индикатор", "Target indicator"),
    "measure": T("Іс-шара", "Мероприятие", "Measure"),
}
A6_FIELDS = {
    "title": T("атауы", "наименование", "name"),
    "text": T("мәтіні", "текст", "text"),
    "basis": T("әзірлеу негізі", "основание разработки", "basis for development"),
    "mission": T("миссиясы", "миссия", "mission"),
    "vision": T("пайымы", "видение", "vision"),
    "period": T("іске асыру кезеңі", "период реализации", "implementation period"),
    "achievement_year": T("қол жеткізу жылы", "год достижения", "year of achievement"),
    "deadline_year": T("орындау мерзімі", "срок исполнения", "deadline"),
    "unit": T("өлшем бірлігі", "единица измерения", "unit of measure"),
    "final_year": T("соңғы жыл", "последний год", "final year"),
    "plan": T("{y} жылғы жоспарлы мәні", "плановое значение на {y} год", "plan value for {y}"),
    "financing": T("{y} жылғы қаржыландыру, млн теңге", "финансирование на {y} год, млн тенге",
                   "financing for {y}, million tenge"),
}


def element_label(path: str, lang: str) -> str:
    """The structural element of an Annex 6 row (expl. 4) from the path stored by jospar.development.comparison:
    "indicator:TI-1:plan:2027" -> "Нысаналы индикатор TI-1: 2027 жылғы жоспарлы мәні"."""
    parts = path.split(":")
    kind = A6_KINDS.get(parts[0])
    if kind is None:
        return path
    if parts[0] == "document":
        head, rest = kind(lang), parts[1:]
    else:
        code = parts[1] if len(parts) > 1 else ""
        head, rest = f"{kind(lang)} {code.replace('/', '.')}".strip(), parts[2:]
    if not rest:
        return head
    field = A6_FIELDS.get(rest[0])
    if field is None:
        return f"{head}: {':'.join(rest)}"
    return f"{head}: {field(lang, y=rest[1] if len(rest) > 1 else '')}"


def _stored_change(document):
    """The latest change of the approved document with its stored Annex 6 rows (jospar.development, cl. 132)."""
    return (Milestone.objects.filter(workflow__document=document, kind=MilestoneKind.CHANGED,
                                     comparison_rows__isnull=False).distinct().order_by("-on", "-pk").first())


def build_annex6(data: PlanData, year: int, lang: str) -> Form:
    """The comparison table of a change of the regional plan (cl. 132): the rows kept with the latest recorded change
    (jospar.development: item, approved and new wording, justification); without one, computed from the previous
    version (indicator names and yearly plans)."""
    d = data.document
    change = _stored_change(d)
    if change is None:
        return _annex6_from_versions(data, year, lang)
    place = tr(d.territory, "name", lang) if d.territory else ""
    form = caption_form("6", lang, data, [A6_TITLE(lang), PLANNING_PERIOD(lang, a=d.period_start, b=d.period_end),
                                          place], notes=[NOTE_FILL(lang)])
    form.fields = [(A6_CHANGE(lang), A6_CHANGE_TEXT(lang, on=change.on.strftime("%d.%m.%Y"), v=change.version)
                    + (f" ({change.reference})" if change.reference else ""))]
    open_codes = {("indicator", i.code) for i in data.indicators} | {("measure", m.code) for m in data.measures}
    rows: list[Row] = []
    for r in ComparisonRow.objects.filter(change=change).order_by("number"):
        head = r.element.split(":")
        if data.public and head[0] in ("indicator", "measure") and (head[0], head[1]) not in open_codes:
            continue  # cl. 231-233: a restricted (or removed) item is not published
        rows.append(Row([text(str(r.number), lang=lang), text(element_label(r.element, lang), lang=lang),
                         text(r.current or NONE_WORD(lang), lang=lang),  # expl. 5: an addition had no wording
                         text(r.proposed or DELETED(lang), lang=lang),  # expl. 6: "to be deleted"
                         text(r.justification or None, lang=lang)], "item", 0, f"change:{r.number}"))
    form.blocks = [Table("s1", ANNEX_SHEET(lang, n="6"), A6_TITLE(lang),
                         [Column(6), Column(30), Column(45), Column(45), Column(40)], simple_header(A6_HEAD[lang]),
                         None, rows)]
    return _finish(form, data, lang)


def _annex6_from_versions(data: PlanData, year: int, lang: str) -> Form:
    """Compares the document with its previous version (cl. 132, 205): indicator names and yearly plans."""
    from jospar.planning.models import Indicator, IndicatorValue

    d = data.document
    place = tr(d.territory, "name", lang) if d.territory else ""
    form = caption_form("6", lang, data, [A6_TITLE(lang), PLANNING_PERIOD(lang, a=d.period_start, b=d.period_end),
                                          place], notes=[NOTE_FILL(lang)])
    rows: list[Row] = []
    prev = d.previous_version
    if prev is not None:
        old = {i.code: i for i in Indicator.objects.filter(document=prev)}
        old_values = {(v.indicator.code, v.year): v.effective_plan
                      for v in IndicatorValue.objects.filter(indicator__document=prev, quarter=0).select_related(
                          "indicator")}
        changes: list[tuple[str, str, str]] = []
        current = {i.code: i for i in data.main_indicators()}
        for code, ind in current.items():
            o = old.get(code)
            if o is None:
                changes.append((code, NONE_WORD(lang), tr(ind, "title", lang)))
                continue
            if tr(o, "title", lang) != tr(ind, "title", lang):
                changes.append((code, tr(o, "title", lang), tr(ind, "title", lang)))
            for y, v in sorted(data.values.get(ind.pk, {}).items()):
                before = old_values.get((code, y))
                if before != v.effective_plan:
                    from ..text import format_number

                    changes.append((f"{code}, {y}", format_number(before, "value", lang) if before is not None
                                    else NONE_WORD(lang), format_number(v.effective_plan, "value", lang)))
        for code in sorted(set(old) - set(current)):
            if not old[code].parent_links.exists():
                changes.append((code, tr(old[code], "title", lang), DELETED(lang)))
        for n, (element, before, after) in enumerate(changes, start=1):
            rows.append(Row([text(str(n), lang=lang), text(f"{A5_S4(lang).split('.')[0]}, {element}", lang=lang),
                             text(before, lang=lang), text(after, lang=lang), text(d.correction_basis or None,
                                                                                  lang=lang)], "item", 0,
                            f"change:{n}"))
    form.blocks = [Table("s1", ANNEX_SHEET(lang, n="6"), A6_TITLE(lang),
                         [Column(6), Column(30), Column(45), Column(45), Column(40)], simple_header(A6_HEAD[lang]),
                         None, rows)]
    return _finish(form, data, lang)


# =========================================================================================== Annex 7

A7_TITLE = T("Аудандар (облыстық маңызы бар қалалар) бөлінісінде облыстың даму жоспарының нысаналы индикаторларын "
             "бөлу",
             "Распределение целевых индикаторов плана развития области в разрезе районов (городов областного "
             "значения)",
             "Distribution of the target indicators of the oblast development plan by districts (cities of oblast "
             "significance)")
A7_HEAD = {"kk": ["р/с №", "Атауы", "Өлшем бірлігі", "Есепті жыл", "Ағымдағы жылдың жоспары (нақты)"],
           "ru": ["№ п/п", "Наименование", "Единица измерения", "Отчетный год", "План текущего года (факт)"],
           "en": ["No.", "Name", "Unit of measure", "Reporting year", "Plan of the current year (actual)"]}


def build_annex7(data: PlanData, year: int, lang: str) -> Form:
    d = data.document
    form = caption_form("7", lang, data, [A7_TITLE(lang), tr(d, "title", lang)], notes=[NOTE_FILL(lang)])
    years = _plan_years(data)
    reporting, current = d.period_start - 2, d.period_start - 1
    rows: list[Row] = []

    def vals_of(ind, no: str, name: str, kind: str, bold: bool) -> Row:
        vals = data.values.get(ind.pk, {})
        rep, cur = vals.get(reporting), vals.get(current)
        rep_v = rep.fact if rep else (ind.baseline_value if ind.baseline_year == reporting else None)
        cur_v = (cur.fact if cur.fact is not None else cur.effective_plan) if cur else (
            ind.baseline_value if ind.baseline_year == current else None)
        return Row([text(no, lang=lang, bold=bold), text(name, lang=lang, bold=bold),
                    text(tr(ind, "unit", lang), lang=lang), number(rep_v, lang=lang), number(cur_v, lang=lang)]
                   + [number(vals[y].effective_plan if y in vals else None, lang=lang) for y in years], kind,
                   0 if bold else 1, f"indicator:{ind.code}")

    k = 0
    for ind in data.main_indicators((IndicatorKind.MACRO, IndicatorKind.TARGET)):
        places = data.district_rows(ind)
        if not places:
            continue
        k += 1
        rows.append(vals_of(ind, str(k), tr(ind, "title", lang), "item", True))
        for m, p in enumerate(places, start=1):
            rows.append(vals_of(p, f"{k}.{m}.", tr(p.territory, "name", lang) if p.territory else tr(p, "title", lang),
                                "subitem", False))
    form.blocks = [Table("s1", ANNEX_SHEET(lang, n="7"), A7_TITLE(lang),
                         [Column(8), Column(50), Column(14)] + [Column(12, "value")] * (2 + len(years)),
                         grouped_header([*A7_HEAD[lang], _year_header(lang, years)]),
                         [str(i) for i in range(1, 6 + len(years))], rows)]
    return _finish(form, data, lang)


# =========================================================================================== Annex 8

A8_TITLE = T("іске асыру жөніндегі іс-шаралар жоспары", "План мероприятий по реализации",
             "Plan of measures for the implementation of")
A8_HEAD = {
    "kk": ["№", "Атауы", "Өлшем бірлігі", "Аяқтау нысаны", "Орындау мерзімдері", "Орындалуына жауаптылар",
           "Оның ішінде жылдар бойынша", "Барлығы", "Қаржыландыру көздері", "Бюджеттік бағдарламаның коды"],
    "ru": ["№", "Наименование", "Единица измерения", "Форма завершения", "Сроки исполнения",
           "Ответственные за исполнение", "В том числе по годам", "Всего", "Источники финансирования",
           "Код бюджетной программы"],
    "en": ["No.", "Name", "Unit of measure", "Form of completion", "Execution deadlines", "Responsible for execution",
           "Of which, by years", "Total", "Sources of financing", "Budget programme code"],
}
GOAL_WORD = T("Мақсаты: ", "Цель: ", "Goal: ")


def build_annex8(data: PlanData, year: int, lang: str) -> Form:
    d = data.document
    years = list(d.years)
    form = caption_form("8", lang, data, [f"{tr(d, 'title', lang)}: {A8_TITLE(lang)}" if lang == "kk"
                                          else f"{A8_TITLE(lang)}: {tr(d, 'title', lang)}"],
                        notes=[NOTE_STAR(lang), NOTE_FILL(lang)])
    h = A8_HEAD[lang]
    width = 9 + len(years)
    rows: list[Row] = []
    for gn, goal in enumerate(data.goals, start=1):
        rows.append(group_row(GOAL_WORD(lang) + tr(goal, "title", lang), width, "subgroup", 0, f"goal:{goal.code}",
                              no=str(gn), lang=lang))
        n = 0
        for ind in data.indicators_of_goal(goal, (IndicatorKind.MACRO, IndicatorKind.TARGET)):
            n += 1
            vals = data.values.get(ind.pk, {})
            official = ind.responsible_official.full_name if ind.responsible_official else ""
            rows.append(Row([text(f"{gn}.{n}", lang=lang), text(tr(ind, "title", lang), lang=lang),
                             text(tr(ind, "unit", lang), lang=lang), star(), star(),
                             text("; ".join(x for x in (official, org_name(ind.responsible, lang)) if x), lang=lang)]
                            + [number(vals[y].effective_plan if y in vals else None, lang=lang) for y in years]
                            + [star(), star(), star()], "item", 1, f"indicator:{ind.code}"))
        for m in data.measures_of_goal(goal):
            n += 1
            lines = data.lines(m)
            by_year = [money_sum(f.effective_plan for f in lines if f.year == y) for y in years]
            sources = sorted({_three_label(f, lang) for f in lines})
            codes = sorted({f.budget_program_code for f in lines if f.budget_program_code})
            rows.append(Row([text(f"{gn}.{n}", lang=lang), text(tr(m, "title", lang), lang=lang),
                             text(MLN_TENGE(lang), lang=lang), text(tr(m, "completion_form", lang), lang=lang),
                             text(tr(m, "deadline_text", lang) or _deadline(m), lang=lang),
                             text(measure_executors(data, m, lang), lang=lang)]
                            + [number(v, "money", lang) for v in by_year]
                            + [number(money_sum(by_year), "money", lang), text("; ".join(sources), lang=lang),
                               text(", ".join(codes), lang=lang)], "item", 1, f"measure:{m.code}"))
    spec = [*h[:6], (h[6], [_year_label(lang, n, y) for n, y in enumerate(years, start=1)]), *h[7:]]
    form.blocks = [Table("s1", ANNEX_SHEET(lang, n="8"), A8_TITLE(lang),
                         [Column(7), Column(46), Column(11), Column(22), Column(14), Column(28)]
                         + [Column(12, "money")] * len(years) + [Column(13, "money"), Column(24), Column(16)],
                         grouped_header(spec), [str(i) for i in range(1, width + 1)], rows)]
    return _finish(form, data, lang)


def _three_label(f, lang: str) -> str:
    from ..text import source_label

    return source_label(f.source, f.budget_level, lang)


# =========================================================================================== Annex 9

A9_TITLE = T("Бюджеттік бағдарламалар әкімшілері бөлінісінде болжанатын шығыстар жиынтығы",
             "Свод прогнозируемых расходов в разрезе администраторов бюджетных программ",
             "Summary of projected expenditures by budget programme administrators")
A9_HEAD = {"kk": ["№", "Бюджеттік бағдарламалар әкімшілерінің атауы", "Болжамды шығыстар (млн. теңге)", "Барлығы"],
           "ru": ["№", "Наименование администраторов бюджетных программ", "Прогнозируемые расходы (млн тенге)",
                  "Всего"],
           "en": ["No.", "Name of budget programme administrators", "Projected expenditures (million tenge)",
                  "Total"]}
LEVELS = {"republican": T("Республикалық бюджет", "Республиканский бюджет", "Republican budget"),
          "local": T("Жергілікті бюджет", "Местный бюджет", "Local budget")}


def build_annex9(data: PlanData, year: int, lang: str) -> Form:
    """Budget money only: "information on projected expenditures from other sources is not shown" (cl. 157)."""
    d = data.document
    years = list(d.years)
    form = caption_form("9", lang, data, [A9_TITLE(lang), tr(d, "title", lang)], notes=[NOTE_FILL(lang)])
    cells: dict[tuple[str, object], dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    admins = {}
    for m in data.measures:
        for f in data.lines(m):
            if f.source != "budget":
                continue
            level = f.budget_level or "local"
            cells[(level, f.administrator_id)][f.year].append(f.effective_plan)
            admins[f.administrator_id] = f.administrator
    rows: list[Row] = []
    no = 0
    grand: dict[int, list] = defaultdict(list)
    width = 3 + len(years)
    for level in ("republican", "local"):
        keys = sorted((k for k in cells if k[0] == level), key=lambda k: org_name(admins[k[1]], lang))
        if not keys:
            continue
        rows.append(group_row(LEVELS[level](lang), width, "label", 0, f"level:{level}", lang=lang))
        for key in keys:
            no += 1
            by_year = [money_sum(cells[key][y]) for y in years]
            for y in years:
                grand[y].extend(cells[key][y])
            admin = admins[key[1]]
            rows.append(Row([text(str(no), lang=lang), text(org_name(admin, lang) or "—", lang=lang)]
                            + [number(v, "money", lang) for v in by_year] + [number(money_sum(by_year), "money", lang)],
                            "item", 1, f"admin:{level}:{admin.code if admin else '-'}"))
    totals = [money_sum(grand[y]) for y in years]
    rows.append(Row([text(None, lang=lang), text(TOTAL_ALL(lang), lang=lang, bold=True)]
                    + [number(v, "money", lang, bold=True) for v in totals]
                    + [number(money_sum(totals), "money", lang, bold=True)], "total", 0, "total"))
    h = A9_HEAD[lang]
    form.blocks = [Table("s1", ANNEX_SHEET(lang, n="9"), A9_TITLE(lang),
                         [Column(6), Column(50)] + [Column(14, "money")] * (len(years) + 1),
                         grouped_header([h[0], h[1], (h[2], [_year_label(lang, n, y) for n, y in enumerate(years, 1)]),
                                         h[3]]), [str(i) for i in range(1, width + 1)], rows)]
    return _finish(form, data, lang)


__all__ = ["DOC_TYPE"]
