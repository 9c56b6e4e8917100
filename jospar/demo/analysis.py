"""Demo analysis stage and risk registers for three demo documents (SPEC part 1 §4; part 2 §7).

    sbdp-moh-2025-2029        a complete analysis: sources, factors, SWOT, a problem tree, key problems on
                              every goal, two risks with reviews
    rdp-karaganda-2024-2028   the same for a regional plan (SWOT is required there, cl. 130(5))
    rdp-flawed-demo           an analysis with deliberate flaws for `jospar check`: a data year missing
                              (V-02), no opportunities or threats (V-05), two near-duplicate problems
                              (V-06), goals formed on no key problem (V-08)

Deterministic (fixed dates); idempotent: a document that already has an analysis is left as it is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from jospar.analysis import services as s
from jospar.analysis.models import Analysis
from jospar.core.models import Organization
from jospar.planning.models import Document

from .common import T

MOH: dict[str, Any] = {
    "document": "sbdp-moh-2025-2029",
    "year": 2024,
    "summary": T(
        "Талдау 2021-2023 жылдардағы ресми статистикаға, алдыңғы жоспардың іске асырылуы туралы есептерге және "
        "медицина ұйымдары басшыларымен сұхбаттарға негізделген.",
        "Анализ основан на официальной статистике за 2021-2023 годы, отчётах о реализации предыдущего плана и "
        "интервью с руководителями медицинских организаций.",
        "The analysis rests on official statistics for 2021-2023, the reports on the previous plan and "
        "interviews with heads of medical organizations."),
    "sources": [
        ("official_statistics", T("ҚР СЖРА Ұлттық статистика бюросы: демографиялық статистика, 2021-2023",
                                  "Бюро национальной статистики АСПИР РК: демографическая статистика, 2021-2023",
                                  "Bureau of National Statistics: demographic statistics, 2021-2023")),
        ("reports_monitoring", T("Денсаулық сақтау министрлігінің 2020-2024 жылдарға арналған даму жоспарын іске "
                                 "асыру туралы 2023 жылғы есеп",
                                 "Отчёт о реализации Плана развития Министерства здравоохранения на 2020-2024 годы "
                                 "за 2023 год",
                                 "Report on the 2020-2024 development plan of the Ministry of Health for 2023")),
        ("seminars_interviews", T("Перинаталдық орталықтардың бас дәрігерлерімен сұхбаттар",
                                  "Интервью с главными врачами перинатальных центров",
                                  "Interviews with the chief doctors of perinatal centres")),
    ],
    "factors": [
        ("F1", "external", "demographic", T(
            "Туу деңгейі жоғары: жылына шамамен 400 мың бала туады",
            "Высокая рождаемость: около 400 тысяч рождений в год",
            "A high birth rate: about 400 thousand births a year"), None),
        ("F2", "external", "economic", T(
            "Денсаулық сақтауды қаржыландырудың бюджет кірістері мен мұнай бағасына тәуелділігі",
            "Зависимость финансирования здравоохранения от доходов бюджета и цен на нефть",
            "Health financing depends on budget revenues and oil prices"), None),
        ("F3", "internal", "technological", T(
            "Өңірлік ауруханалардың жабдықталуы біркелкі емес",
            "Неравномерная оснащённость региональных больниц",
            "Regional hospitals are unevenly equipped"),
         ("Эстония", T("Эстонияда барлық ауруханалар бірыңғай электрондық денсаулық картасын пайдаланады",
                       "В Эстонии все больницы работают с единой электронной медицинской картой",
                       "In Estonia every hospital works with one electronic health record"))),
        ("F4", "internal", "social", T(
            "Ауылдық жерлерде дәрігерлер жетіспейді",
            "Нехватка врачей в сельской местности",
            "Rural areas lack doctors"), None),
    ],
    "swot": [
        ("S1", "strength", T("3-деңгейлі перинаталдық орталықтар желісі", "Сеть перинатальных центров 3-го уровня",
                             "A network of level-3 perinatal centres"), None),
        ("W1", "weakness", T("Ауылдағы дәрігерлер тапшылығы", "Дефицит врачей на селе",
                             "Shortage of doctors in villages"), "F4"),
        ("O1", "opportunity", T("Телемедицина мен цифрлық технологиялардың дамуы",
                                "Развитие телемедицины и цифровых технологий",
                                "Growth of telemedicine and digital technologies"), None),
        ("T1", "threat", T("Жұқпалы емес аурулардың өсуі", "Рост неинфекционных заболеваний",
                           "Growth of non-communicable diseases"), None),
    ],
    "swot_links": [("S1", "T1"), ("W1", "O1")],
    "problems": [
        ("P1", T("Қан айналымы жүйесі ауруларынан болатын өлім-жітім жоғары",
                 "Высокая смертность от болезней системы кровообращения",
                 "High mortality from circulatory diseases"), True),
        ("P2", T("Алғашқы медициналық-санитариялық көмекте жүрек-қан тамырлары ауруларының кеш анықталуы",
                 "Позднее выявление сердечно-сосудистых заболеваний в первичной медико-санитарной помощи",
                 "Late detection of cardiovascular diseases in primary care"), False),
        ("P3", T("Ауылдық жерлерде дәрігерлердің жетіспеушілігі", "Нехватка врачей в сельской местности",
                 "Shortage of doctors in rural areas"), False),
        ("P4", T("Міндетті әлеуметтік медициналық сақтандыру қорының тапшылығы",
                 "Дефицит фонда обязательного социального медицинского страхования",
                 "Deficit of the compulsory social health insurance fund"), True),
        ("P5", T("Ана мен нәресте өлім-жітімі ЭЫДҰ елдерінің орташа деңгейінен жоғары",
                 "Материнская и младенческая смертность выше среднего уровня стран ОЭСР",
                 "Maternal and infant mortality above the OECD average"), True),
        ("P6", T("Өзін-өзі жұмыспен қамтығандардың жарналарының төмен үлесі",
                 "Низкая доля взносов самозанятых", "A low share of contributions from the self-employed"), False),
    ],
    "problem_links": [("P2", "P1"), ("P3", "P2"), ("P3", "P5"), ("P6", "P4")],
    "goal_problems": [("G1.1", "P5"), ("G1.2", "P1"), ("G2.1", "P4")],
    "risks": [
        {"code": "R1", "kind": "external", "likelihood": 3, "impact": 4, "owner": "moh",
         "title": T("Мұнай бағасының төмендеуіне байланысты бюджет кірістерінің қысқаруы",
                    "Сокращение доходов бюджета из-за падения цен на нефть",
                    "Lower budget revenues after a fall in oil prices"),
         "prevention": T("Медициналық сақтандыру жарналарын жинауды кеңейту",
                         "Расширение сбора взносов на медицинское страхование",
                         "Widen the collection of health insurance contributions"),
         "overcoming": T("Шығыстарды басым бағдарламаларға қайта бөлу",
                         "Перераспределение расходов на приоритетные программы",
                         "Shift spending to priority programmes"),
         "goals": ["G2.1"], "indicators": [], "reviews": [(dt.date(2025, 4, 15), 3, 4, "monitored",
                                                           "Brent above the budget price")]},
        {"code": "R2", "kind": "internal", "likelihood": 4, "impact": 3, "owner": "moh",
         "title": T("Медицина қызметкерлерінің ауылдан кетуі", "Отток медицинских кадров из сёл",
                    "Medical staff leaving villages"),
         "prevention": T("Ауылға келген дәрігерлерге көтерме жәрдемақы", "Подъёмные выплаты врачам, приехавшим в село",
                         "Relocation grants for doctors moving to villages"),
         "overcoming": T("Жылжымалы медициналық кешендер", "Передвижные медицинские комплексы",
                         "Mobile medical units"),
         "goals": ["G1.1", "G1.2"], "indicators": ["TI-1.1.1"],
         "reviews": [(dt.date(2025, 4, 15), 4, 3, "monitored", ""), (dt.date(2025, 10, 1), 4, 4, "occurred",
                                                                     "120 rural posts vacant")]},
    ],
}

KARAGANDA: dict[str, Any] = {
    "document": "rdp-karaganda-2024-2028",
    "year": 2023,
    "summary": T("Өңірдің 2020-2022 жылдардағы әлеуметтік-экономикалық дамуын талдау.",
                 "Анализ социально-экономического развития области за 2020-2022 годы.",
                 "Analysis of the region's social and economic development in 2020-2022."),
    "sources": [
        ("official_statistics", T("Қарағанды облысы бойынша статистика департаменті, 2020-2022",
                                  "Департамент статистики Карагандинской области, 2020-2022",
                                  "Statistics department of Karaganda Region, 2020-2022")),
        ("surveys_internet", T("Тұрғындар арасындағы онлайн-сауалнама (4 200 респондент)",
                               "Онлайн-опрос населения (4 200 респондентов)",
                               "Online survey of residents (4,200 respondents)")),
    ],
    "factors": [
        ("F1", "external", "economic", T("Металл мен көмірге әлемдік баға", "Мировые цены на металлы и уголь",
                                         "World prices of metals and coal"), None),
        ("F2", "internal", "spatial", T("Моноқалалардағы ескірген инфрақұрылым", "Изношенная инфраструктура моногородов",
                                        "Worn-out infrastructure of single-industry towns"), None),
        ("F3", "internal", "demographic", T("Жастардың өңірден кетуі", "Отток молодёжи из области",
                                            "Young people leaving the region"), None),
    ],
    "swot": [
        ("S1", "strength", T("Дамыған тау-кен металлургия кешені", "Развитый горно-металлургический комплекс",
                             "A developed mining and metallurgical complex"), None),
        ("W1", "weakness", T("Жылу желілерінің тозуы 70%-дан асады", "Износ тепловых сетей более 70%",
                             "Heating networks more than 70% worn"), "F2"),
        ("O1", "opportunity", T("Сарыарқа индустриялық аймағына инвестициялар", "Инвестиции в индустриальную зону Сарыарка",
                                "Investment in the Saryarka industrial zone"), None),
        ("T1", "threat", T("Металл бағасының құбылмалылығы", "Волатильность цен на металлы",
                           "Volatile metal prices"), "F1"),
    ],
    "swot_links": [("S1", "O1"), ("W1", "T1")],
    "problems": [
        ("P1", T("Жастардың өңірден көші-қоны", "Миграционный отток молодёжи из области",
                 "Young people migrate out of the region"), True),
        ("P2", T("Моноқалаларда жұмыс орындарының аздығы", "Мало рабочих мест в моногородах",
                 "Few jobs in single-industry towns"), True),
        ("P3", T("Коммуналдық инфрақұрылымның тозуы", "Износ коммунальной инфраструктуры",
                 "Worn-out public utilities"), True),
        ("P4", T("Экономиканың шикізатқа тәуелділігі", "Сырьевая зависимость экономики",
                 "The economy depends on raw materials"), False),
    ],
    "problem_links": [("P4", "P2"), ("P2", "P1"), ("P3", "P1")],
    "goal_problems": [("G1", "P1"), ("G2", "P2"), ("G3", "P3")],
    "risks": [
        {"code": "R1", "kind": "external", "likelihood": 2, "impact": 5, "owner": "akimat-karaganda",
         "title": T("Металл бағасының құлдырауы", "Обвал цен на металлы", "A collapse of metal prices"),
         "prevention": T("Өңдеу өнеркәсібін әртараптандыру", "Диверсификация обрабатывающей промышленности",
                         "Diversify manufacturing"),
         "overcoming": T("Жұмыссыздарды қайта даярлау бағдарламасы", "Программа переобучения безработных",
                         "Retraining programme for the unemployed"),
         "goals": ["G2"], "indicators": [], "reviews": []},
        {"code": "R2", "kind": "internal", "likelihood": 3, "impact": 3, "owner": "akimat-karaganda",
         "title": T("Мердігерлердің құрылыс мерзімін бұзуы", "Срыв подрядчиками сроков строительства",
                    "Contractors missing construction deadlines"),
         "prevention": T("Техникалық қадағалауды күшейту", "Усиление технического надзора",
                         "Stronger technical supervision"),
         "overcoming": T("Мердігерді ауыстыру", "Замена подрядчика", "Replace the contractor"),
         "goals": ["G1", "G3"], "indicators": [], "reviews": [(dt.date(2025, 3, 1), 3, 3, "monitored", "")]},
    ],
}

FLAWED: dict[str, Any] = {
    "document": "rdp-flawed-demo",
    "year": 2024,
    "data_years": [2022, 2023],  # V-02: 2021 is missing
    "summary": T("Талдау толық емес (демо).", "Анализ неполный (демо).", "An incomplete analysis (demo)."),
    "sources": [("official_statistics", T("Облыс статистикасы", "Статистика области", "Regional statistics"))],
    "factors": [("F1", "internal", "social", T("Дәрігерлер тапшылығы", "Нехватка врачей", "Shortage of doctors"),
                 None)],
    "swot": [  # V-05: no opportunities, no threats
        ("S1", "strength", T("Семейдегі медициналық университет", "Медицинский университет в Семее",
                             "The medical university in Semey"), None),
        ("W1", "weakness", T("Ауылдағы емханалардың аздығы", "Мало поликлиник на селе",
                             "Few polyclinics in villages"), None),
    ],
    "swot_links": [("S1", "W1")],
    "problems": [  # V-06: P2 nearly repeats P1
        ("P1", T("Облыста дәрігерлер жетіспейді", "В области не хватает врачей", "The region lacks doctors"), True),
        ("P2", T("Облыстарда дәрігерлер жетіспейді", "В областях не хватает врачей", "The regions lack doctors"),
         False),
    ],
    "problem_links": [],
    "goal_problems": [("G1", "P1")],  # V-08: G2 and G3 are formed on no key problem
    "risks": [],
}

SPECS = (MOH, KARAGANDA, FLAWED)


def load_demo_analysis(*, reason: str = "demo data") -> list[tuple[str, str]]:
    """Build the demo analyses; [(document code, "created" | "unchanged" | "no document")]."""
    out = []
    for spec in SPECS:
        document = Document.objects.filter(code=spec["document"]).first()
        if document is None:
            out.append((spec["document"], "no document"))
        elif Analysis.objects.filter(document=document).exists():
            out.append((spec["document"], "unchanged"))
        else:
            with transaction.atomic():
                _build(document, spec, reason)
            out.append((spec["document"], "created"))
    return out


def _build(document: Document, spec: dict[str, Any], reason: str) -> None:
    kw = {"acting_user": None, "reason": reason}
    analysis = s.do_start_analysis(document, development_year=spec["year"], data_years=spec.get("data_years"),
                                   summary=spec["summary"], **kw)
    for source_type, citation in spec["sources"]:
        s.do_add_source(analysis, type=source_type, citation=citation, **kw)
    factors = {}
    for code, kind, group, description, foreign in spec["factors"]:
        country, comparison = foreign or ("", None)
        factors[code] = s.do_add_factor(analysis, code=code, kind=kind, group=group, description=description,
                                        foreign_country=country, foreign_comparison=comparison, **kw)
    swot = {}
    for code, category, text, factor in spec["swot"]:
        swot[code] = s.do_add_swot_item(analysis, code=code, category=category, text=text,
                                        factor=factors.get(factor), **kw)
    for a, b in spec["swot_links"]:
        s.do_link_swot(swot[a], swot[b], **kw)
    problems = {}
    for code, text, is_key in spec["problems"]:
        problems[code] = s.do_add_problem(analysis, code=code, text=text, is_key=is_key, relevant=True,
                                          concrete=True, brief=True, **kw)
    for cause, effect in spec["problem_links"]:
        s.do_link_problems(problems[cause], problems[effect], **kw)
    goals = {g.code: g for g in document.goals.all()}
    for goal, problem in spec["goal_problems"]:
        s.do_link_goal_to_problem(goals[goal], problems[problem], **kw)
    indicators = {i.code: i for i in document.indicators.all()}
    for r in spec["risks"]:
        risk = s.do_add_risk(
            document, code=r["code"], title=r["title"], kind=r["kind"], likelihood=r["likelihood"],
            impact=r["impact"], owner=Organization.objects.get(code=r["owner"]), prevention=r["prevention"],
            overcoming=r["overcoming"], goals=[goals[g] for g in r["goals"]],
            indicators=[indicators[i] for i in r["indicators"]], **kw)
        for day, likelihood, impact, status, note in r["reviews"]:
            s.do_review_risk(risk, likelihood=likelihood, impact=impact, status=status, note=note,
                             reviewed_on=day, **kw)
