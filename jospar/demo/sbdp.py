"""Development plans of two state bodies for 2025-2029 (Annex 3): the Ministry of Health and the Ministry of
Education. Strategic directions carry macroindicators copied from the National Development Plan; goals carry
target indicators tied to budget programmes (226 = Ministry of Health, 225 = Ministry of Education, illustrative
numbers) with a responsible deputy minister; tasks carry result indicators. Names of officials are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from jospar.interchange.schema import DocumentPayload
from jospar.planning.choices import (
    Accumulation,
    DecompositionKind,
    DocumentStatus,
    DocumentType,
    IndicatorKind,
    Polarity,
    ValueKind,
)

from .common import T, Tx, attributed, methodology, sections, series
from .indicators import BY_CODE, U
from .national_project import CODE as NP
from .ndp import CODE as NDP

FIRST, LAST = 2025, 2029

# Section 4 "Resources" (cl. 117, Annex 3 s.4): year -> (budget expenditure, of which national projects, million
# tenge; staff involved). 2023 is the reporting year (fact), 2024 the current year (refined plan).
RESOURCES = {
    "moh": {2023: ("2410350.4", "96500.0", 512), 2024: ("2655120.8", "141200.0", 518),
            2025: ("2840000.0", "118000.0", 520), 2026: ("2982000.0", "0", 520), 2027: ("3131100.0", "0", 525),
            2028: ("3287650.0", "0", 525), 2029: ("3452030.0", "0", 530)},
    "edu": {2023: ("1102400.0", "0", 396), 2024: ("1298760.5", "412000.0", 402),
            2025: ("1360000.0", "650000.0", 410), 2026: ("1295000.0", "520000.0", 410), 2027: ("1030000.0", "0", 405),
            2028: ("1085000.0", "0", 405), 2029: ("1140000.0", "0", 400)},
}

# Annex 4 (cl. 119-120): the need of each goal (by its budget programme) for 2025-2029, million tenge, and its
# priority; the goal's target indicators share it.
NEEDS: dict[str, tuple[int, tuple[str, str, str, str, str]]] = {
    "226-067-100": (1, ("310000.0", "325500.0", "341800.0", "358900.0", "376800.0")),
    "226-067-101": (2, ("1150000.0", "1207500.0", "1267900.0", "1331300.0", "1397800.0")),
    "226-100-000": (1, ("1380000.0", "1449000.0", "1521450.0", "1597500.0", "1677400.0")),
    "225-116-000": (1, ("650000.0", "520000.0", "180000.0", "120000.0", "90000.0")),
    "225-105-000": (2, ("380000.0", "399000.0", "418950.0", "439900.0", "461900.0")),
    "225-096-000": (3, ("95000.0", "99750.0", "104700.0", "109950.0", "115450.0")),
}
GROUNDS = T("Қазақстан Республикасы Президентінің Жолдауы; 2029 жылға дейінгі Ұлттық даму жоспары; "
            "Үкіметтің бюджеттік бағдарламаларды іске асыру туралы тапсырмалары",
            "Послание Президента Республики Казахстан; Национальный план развития до 2029 года; "
            "поручения Правительства по реализации бюджетных программ",
            "Address of the President of Kazakhstan; National Development Plan until 2029; instructions of the "
            "Government on the budget programmes")
# Annex 4 col. 10: the names of the budget programmes (subprogrammes) of the goals.
PROGRAMMES = {
    "226-067-100": T("Тегін медициналық көмектің кепілдік берілген көлемін қамтамасыз ету (республикалық деңгей)",
                     "Обеспечение гарантированного объёма бесплатной медицинской помощи (республиканский уровень)",
                     "Guaranteed volume of free medical care (republican level)"),
    "226-067-101": T("Тегін медициналық көмектің кепілдік берілген көлемін қамтамасыз ету (жергілікті деңгей)",
                     "Обеспечение гарантированного объёма бесплатной медицинской помощи (местный уровень)",
                     "Guaranteed volume of free medical care (local level)"),
    "226-100-000": T("Міндетті әлеуметтік медициналық сақтандыру", "Обязательное социальное медицинское страхование",
                     "Compulsory social health insurance"),
    "225-116-000": T("Жайлы мектеп", "Комфортная школа", "Comfortable School"),
    "225-105-000": T("Мектепке дейінгі тәрбие және оқыту", "Дошкольное воспитание и обучение",
                     "Preschool education"),
    "225-096-000": T("Педагогтердің біліктілігін арттыру", "Повышение квалификации педагогов", "Teacher training"),
}


def _note(title: Tx, amounts, priority: int, *, indicator: bool) -> dict:
    """The explanatory note of cl. 119 ¶2 for one row of Annex 4 (items 2-3 for target indicators only)."""
    total = f"{sum(Decimal(a) for a in amounts):,.1f}"
    local = total.replace(",", "\u00a0").replace(".", ",")  # kk/ru: 1 713 000,0
    note = {"justification": T(
        f"«{title['kk']}»: 2025-2029 жылдарға қажеттілік {local} млн теңге, бюджеттік бағдарлама "
        f"нормативтері бойынша есептелген; басымдығы {priority}",
        f"«{title['ru']}»: потребность на 2025-2029 годы {local} млн тенге, рассчитана по нормативам "
        f"бюджетной программы; приоритет {priority}",
        f"\"{title['en']}\": need for 2025-2029 of {total} million tenge, calculated from the standards of the "
        f"budget programme; priority {priority}")}
    if indicator:
        note["history"] = T("2022-2024 жылдары бағдарлама толық қаржыландырылды, көрсеткіш жоспарға сай орындалды",
                            "В 2022-2024 годах программа профинансирована полностью, показатель исполнен по плану",
                            "In 2022-2024 the programme was fully financed and the indicator met its plan")
        note["calculation"] = T("Жыл сайынғы мән базалық мәннен жоспарлы серпін бойынша есептелді",
                                "Значение каждого года рассчитано от базового по плановой динамике",
                                "Each year's value is the baseline moved by the planned annual change")
    return note


NO_GDP = T("Сала ЖІӨ өсуіне тікелей әсер етпейді: әсері адами капитал (денсаулық, білім) арқылы жанама",
           "Отрасль не влияет на рост ВВП напрямую: эффект опосредован через человеческий капитал",
           "The sector does not affect GDP growth directly: the effect comes through human capital")


def _split(total: str, parts: int) -> list[Decimal]:
    """`total` in `parts` shares to 0.1 million tenge, the last share taking the remainder."""
    whole = Decimal(total)
    share = (whole / parts).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return [share] * (parts - 1) + [whole - share * (parts - 1)]


def _effect(title: Tx) -> Tx:
    return T(f"«{title['kk']}» көрсеткішіне жоспарлы мәнге қол жеткізу",
             f"Достижение планового значения показателя «{title['ru']}»",
             f"Reaching the planned value of \"{title['en']}\"")


def _resources_and_need(body: str, goals: list[dict], indicators: list[dict]) -> tuple[list[dict], list[dict]]:
    resources = [{"year": y, "budget_expenditure": total, "national_project_expenditure": national, "staff": staff}
                 for y, (total, national, staff) in sorted(RESOURCES[body].items())]
    need = []
    for goal in goals:
        priority, amounts = NEEDS[goal["budget_program_codes"][0]]
        need.append({"goal": goal["code"], "priority": priority, "grounds": GROUNDS, "gdp_contribution": NO_GDP,
                     "expected_effect": _effect(goal["title"]),
                     "explanatory_note": _note(goal["title"], amounts, priority, indicator=False),
                     "amounts": [{"year": y, "amount": a} for y, a in zip(range(FIRST, LAST + 1), amounts,
                                                                          strict=True)]})
        targets = [i for i in indicators if i["kind"] == IndicatorKind.TARGET and i["goal"] == goal["code"]]
        shares = [_split(a, len(targets)) for a in amounts]
        for n, ind in enumerate(targets):
            need.append({"indicator": ind["code"], "priority": priority, "grounds": GROUNDS,
                         "gdp_contribution": NO_GDP, "expected_effect": _effect(ind["title"]),
                         "explanatory_note": _note(ind["title"], [share[n] for share in shares], priority,
                                                   indicator=True),
                         "amounts": [{"year": y, "amount": str(share[n])}
                                     for y, share in zip(range(FIRST, LAST + 1), shares, strict=True)]})
    return resources, need


@dataclass(frozen=True)
class Ind:
    """A target (goal) or result (task) indicator: plans 2025-2029, the fact of 2025."""

    title: Tx
    unit: str
    base: str
    plans: tuple[str, ...]
    fact: str
    reason: str = ""
    polarity: str = Polarity.INCREASE
    accumulation: str = Accumulation.ANNUAL
    source: str = "moh"
    parent: tuple[str, str] | None = None  # (DOC:CODE, kind)
    co_executors: tuple[tuple[str, str, str], ...] = ()  # (organization, contribution, share %)


@dataclass(frozen=True)
class Task:
    title: Tx
    result: Ind


# cl. 124: goals in the spheres of other state bodies (by the goal's budget programme); the approved plan is also
# sent to those bodies (jospar/demo/development.py records the sending, so V-53 stays quiet).
RELATED_BODIES = {
    "226-067-101": ["mts"],  # non-communicable diseases: physical activity and sport
    "225-116-000": ["mic"],  # three-shift schools: the construction of schools
}


@dataclass(frozen=True)
class Goal:
    title: Tx
    bpc: str
    official: int  # index into the body's officials
    targets: tuple[Ind, ...]
    tasks: tuple[Task, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Direction:
    title: Tx
    macro: tuple[str, ...]  # NDP strategic indicator codes copied as macroindicators
    goals: tuple[Goal, ...]


def _method(ind: Ind):
    return methodology(ind.source, T(f"Көрсеткіш: {ind.title['kk']}", f"Показатель: {ind.title['ru']}",
                                     f"Indicator: {ind.title['en']}"),
                       T("Ведомстволық есептілік деректері бойынша есептеледі",
                         "Рассчитывается по данным ведомственной отчётности",
                         "Calculated from departmental reporting"), periodicity="annual_dept")


def _indicator(code: str, kind: str, ind: Ind, order: int, body: str, **extra) -> dict:
    return {
        "code": code, "kind": kind, "order": order, "title": ind.title, "unit": U[ind.unit],
        "polarity": ind.polarity, "accumulation": ind.accumulation,
        "value_kind": ValueKind.RELATIVE if ind.unit in ("pct", "per1000", "per100k", "per100k_births")
        else ValueKind.ABSOLUTE,
        "baseline": {"year": 2024, "value": ind.base}, "final_year": LAST, "methodology": _method(ind),
        "responsible": body,
        "co_executors": [{"organization": o, "contribution": c, "share": s} for o, c, s in ind.co_executors],
        "values": series(ind.polarity, FIRST, ind.plans, [ind.fact], ind.reason),
        "parents": [{"indicator": ind.parent[0], "kind": ind.parent[1]}] if ind.parent else [],
        **extra,
    }


def _macro(si_code: str, code: str, direction: str, order: int, body: str) -> dict:
    si = BY_CODE[si_code]
    data = si.national()
    return {
        "code": code, "kind": IndicatorKind.MACRO, "direction": direction, "order": order, "title": si.title,
        "unit": U[si.unit], "polarity": si.polarity, "accumulation": si.accumulation, "value_kind": si.value_kind,
        "range_low": si.range_low, "range_high": si.range_high,
        "baseline": {"year": 2024, "value": data["b2024"]}, "final_year": LAST,
        "methodology": methodology(si.source, si.definition, si.formula, note=f"{NDP}:{si.code} (copy)"),
        "responsible": body,
        "values": series(si.polarity, FIRST, list(si.plans), [si.fact2025], si.reason),
        "parents": [{"indicator": f"{NDP}:{si.code}", "kind": DecompositionKind.COPY}],
    }


def _build(code: str, body: str, title: Tx, mission: Tx, vision: Tx, texts: dict[str, Tx],
           officials: tuple[tuple[str, Tx], ...], directions: tuple[Direction, ...], implements: list[str],
           co_executors: list[str]) -> DocumentPayload:
    dirs, goals, indicators = [], [], []
    for d, direction in enumerate(directions, start=1):
        dcode = f"D{d}"
        dirs.append({"code": dcode, "order": d, "title": direction.title})
        for m, si_code in enumerate(direction.macro, start=1):
            indicators.append(_macro(si_code, f"MI-{d}.{m}", dcode, d * 100 + m, body))
        for g, goal in enumerate(direction.goals, start=1):
            gcode = f"G{d}.{g}"
            name, position = officials[goal.official]
            goals.append({
                "code": gcode, "direction": dcode, "order": d * 10 + g, "title": goal.title,
                "achievement_year": LAST, "budget_program_codes": [goal.bpc],
                "related_bodies": RELATED_BODIES.get(goal.bpc, []),
                "tasks": [{"code": str(t), "order": t, "title": task.title, "deadline_year": LAST}
                          for t, task in enumerate(goal.tasks, start=1)],
            })
            for i, target in enumerate(goal.targets, start=1):
                indicators.append(_indicator(
                    f"TI-{d}.{g}.{i}", IndicatorKind.TARGET, target, d * 100 + g * 10 + i, body, goal=gcode,
                    budget_program_code=goal.bpc, budget_program_name=PROGRAMMES[goal.bpc],
                    responsible_official={"full_name": name, "position": position}))
            for t, task in enumerate(goal.tasks, start=1):
                indicators.append(_indicator(
                    f"RI-{d}.{g}.{t}", IndicatorKind.RESULT, task.result, d * 100 + g * 10 + 5 + t, body,
                    goal=gcode, task=str(t)))
    resources, need = _resources_and_need(body, goals, indicators)
    return DocumentPayload.model_validate({
        "code": code, "type": DocumentType.SBDP, "title": title, "period_start": FIRST, "period_end": LAST,
        "developer": body, "co_executors": co_executors, "status": DocumentStatus.IN_FORCE,
        "approval_act": {"name": "Қазақстан Республикасы Үкіметінің қаулысы"},
        "mission": mission, "vision": vision, "implements": implements,
        "sections": sections(DocumentType.SBDP, texts), "directions": dirs, "goals": goals,
        "indicators": attributed(indicators), "resources": resources, "financial_need": need,
    })


def _texts(mission: Tx, vision: Tx, programmes: Tx, resources: Tx) -> dict[str, Tx]:
    return {
        "mission_vision": {lang: f"{mission[lang]} {vision[lang]}" for lang in ("kk", "ru", "en")},
        "architecture": programmes,
        "directions_goals_indicators": T(
            "Стратегиялық бағыттар Ұлттық даму жоспарының басымдықтарынан туындайды; әр мақсаттың нысаналы "
            "индикаторлары бюджеттік бағдарламалармен байланыстырылған.",
            "Стратегические направления вытекают из приоритетов Национального плана развития; целевые индикаторы "
            "каждой цели увязаны с бюджетными программами.",
            "The strategic directions follow the priorities of the National Development Plan; the target indicators "
            "of every goal are linked to budget programmes."),
        "resources": resources,
    }


# -------------------------------------------------------------------------------------------- health

MOH_MISSION = T("Халықтың денсаулығын сақтау және нығайту үшін сапалы әрі қолжетімді медициналық көмек көрсету.",
                "Обеспечение качественной и доступной медицинской помощи для сохранения и укрепления здоровья "
                "населения.",
                "Provide quality and accessible medical care to protect and improve the health of the population.")
MOH_VISION = T("Салауатты ұлт: әр азаматтың сапалы медициналық көмекке тең қолжетімділігі.",
               "Здоровая нация: равный доступ каждого гражданина к качественной медицинской помощи.",
               "A healthy nation: equal access of every citizen to quality medical care.")

MOH_DIRECTIONS = (
    Direction(
        T("Ұлт денсаулығын нығайту", "Укрепление здоровья нации", "Improving the health of the nation"),
        ("SI-01", "SI-02"),
        (
            Goal(T("Ана мен бала денсаулығын сақтау", "Охрана здоровья матери и ребёнка", "Maternal and child health"),
                 "226-067-100", 0,
                 (Ind(T("Ана өлімі", "Материнская смертность", "Maternal mortality"), "per100k_births", "13.7",
                      ("12.5", "12.0", "11.5", "11.0", "10.5"), "13.1",
                      "Экстрагенитальды патологиясы бар әйелдер арасындағы 4 жағдай; санитарлық авиация кешікті",
                      polarity=Polarity.DECREASE,
                      co_executors=(("akimat-turkistan", "Перинаталдық орталықты жарақтандыру", "14"),
                                    ("akimat-almaty-region", "Аудандық перзентханаларды кадрмен қамту", "9"),
                                    ("akimat-shymkent", "Қалалық перинаталдық орталық", "7.5"))),),
                 (Task(T("Перинаталдық көмекті өңірлендіру", "Регионализация перинатальной помощи",
                         "Regionalise perinatal care"),
                       Ind(T("Жоғары қауіпті жүктілікте босанудың 3-деңгейлі перинаталдық орталықтардағы үлесі",
                             "Доля родов при беременности высокого риска в перинатальных центрах 3 уровня",
                             "Share of high-risk births in level-3 perinatal centres"), "pct", "86.0",
                           ("88.0", "90.0", "92.0", "94.0", "95.0"), "87.4",
                           "Шалғай аудандардан тасымалдау мүмкіндігі шектеулі")),
                  Task(T("Неонаталдық реанимацияны дамыту", "Развитие неонатальной реанимации",
                         "Develop neonatal intensive care"),
                       Ind(T("Жарақтандырылған неонаталдық реанимация төсектері", "Оснащённые койки неонатальной "
                             "реанимации", "Equipped neonatal intensive care beds"), "units", "590",
                           ("620", "660", "700", "740", "780"), "640", accumulation=Accumulation.STOCK)))),
            Goal(T("Жұқпалы емес аурулардан болатын өлім-жітімді төмендету",
                   "Снижение смертности от неинфекционных заболеваний", "Reduce deaths from non-communicable diseases"),
                 "226-067-101", 1,
                 (Ind(T("Қанайналым жүйесі ауруларынан болатын өлім-жітім", "Смертность от болезней системы "
                        "кровообращения", "Mortality from circulatory diseases"), "per100k", "181.0",
                      ("178.0", "174.0", "170.0", "166.0", "162.0"), "176.2", polarity=Polarity.DECREASE,
                      source="bns", parent=(f"{NDP}:SI-01", DecompositionKind.CONTRIBUTION)),
                  Ind(T("Қатерлі ісіктер кезіндегі бес жылдық өмір сүру", "Пятилетняя выживаемость при "
                        "злокачественных новообразованиях", "Five-year cancer survival"), "pct", "55.2",
                      ("56.0", "57.0", "58.0", "59.0", "60.0"), "55.8",
                      "Ерте анықтау үлесі жоспардан төмен: скринингке келу 71 %",
                      parent=(f"{NDP}:SI-01", DecompositionKind.CONTRIBUTION))),
                 (Task(T("Скринингтік бағдарламаларды кеңейту", "Расширение скрининговых программ",
                         "Expand screening programmes"),
                       Ind(T("Нысаналы топтарды скринингпен қамту", "Охват целевых групп скринингами",
                             "Screening coverage of target groups"), "pct", "70.0",
                           ("75.0", "78.0", "81.0", "84.0", "87.0"), "71.0",
                           "Медициналық ақпараттық жүйеде шақыру модулі 2025 жылдың IV тоқсанында ғана іске қосылды")),)),
        ),
    ),
    Direction(
        T("Денсаулық сақтау жүйесінің қаржылық тұрақтылығы", "Финансовая устойчивость системы здравоохранения",
          "Financial sustainability of the health system"),
        (),
        (
            Goal(T("Міндетті әлеуметтік медициналық сақтандыру жүйесін тұрақты ету",
                   "Устойчивость системы обязательного социального медицинского страхования",
                   "A sustainable compulsory social health insurance system"),
                 "226-100-000", 0,
                 (Ind(T("МӘМС жүйесінде сақтандырылған халықтың үлесі", "Доля застрахованного населения в системе "
                        "ОСМС", "Share of population insured under compulsory health insurance"), "pct", "84.0",
                      ("86.0", "88.0", "90.0", "92.0", "94.0"), "85.1",
                      "Өзін-өзі жұмыспен қамтығандардың жарналарды төлеуі төмен деңгейде қалды",
                      co_executors=(("mlsp", "Бейресми жұмыспен қамтылғандарды заңдастыру", "30"),
                                    ("mof", "Жарналарды әкімшілендіру", "20"))),),
                 (Task(T("Сақтандырылмаған азаматтарды анықтау және тарту", "Выявление и вовлечение "
                         "незастрахованных граждан", "Identify and enrol uninsured citizens"),
                       Ind(T("МӘМС жүйесіне тартылған сақтандырылмаған азаматтар", "Вовлечённые в систему ОСМС "
                             "незастрахованные граждане", "Uninsured citizens enrolled"), "th_people", "410",
                           ("350", "300", "250", "200", "150"), "372")),)),
        ),
    ),
)

MOH_OFFICIALS = (
    ("Ахметова Гүлнар Серікқызы", T("Денсаулық сақтау вице-министрі", "Вице-министр здравоохранения",
                                    "Vice Minister of Health")),
    ("Тілеуов Нұрлан Болатұлы", T("Денсаулық сақтау вице-министрі", "Вице-министр здравоохранения",
                                  "Vice Minister of Health")),
)


def build_moh() -> DocumentPayload:
    return _build(
        "sbdp-moh-2025-2029", "moh",
        T("Қазақстан Республикасы Денсаулық сақтау министрлігінің 2025-2029 жылдарға арналған даму жоспары",
          "План развития Министерства здравоохранения Республики Казахстан на 2025-2029 годы",
          "Development plan of the Ministry of Health of the Republic of Kazakhstan for 2025-2029"),
        MOH_MISSION, MOH_VISION,
        _texts(MOH_MISSION, MOH_VISION,
               T("226-067 «Тегін медициналық көмектің кепілдік берілген көлемін қамтамасыз ету» және 226-100 «МӘМС» "
                 "бюджеттік бағдарламалары мақсаттармен байланыстырылған.",
                 "С целями увязаны бюджетные программы 226-067 «Обеспечение гарантированного объёма бесплатной "
                 "медицинской помощи» и 226-100 «ОСМС».",
                 "Budget programmes 226-067 (guaranteed free medical care) and 226-100 (health insurance) are linked "
                 "to the goals."),
               T("2025-2029 жылдарға қажеттілік: республикалық бюджеттен 14,2 трлн теңге.",
                 "Потребность на 2025-2029 годы: 14,2 трлн тенге из республиканского бюджета.",
                 "Need for 2025-2029: KZT 14.2 trillion from the republican budget.")),
        MOH_OFFICIALS, MOH_DIRECTIONS, [NDP], ["mlsp", "mof"],
    )


# ------------------------------------------------------------------------------------------ education

EDU_MISSION = T("Әр балаға сапалы білім алу мен жан-жақты дамуға тең мүмкіндік беру.",
                "Обеспечение каждому ребёнку равных возможностей для качественного образования и развития.",
                "Give every child equal opportunities for quality education and development.")
EDU_VISION = T("Әр мектеп — жайлы мектеп, әр мұғалім — кәсіби маман.",
               "Каждая школа — комфортная школа, каждый учитель — профессионал.",
               "Every school a comfortable school, every teacher a professional.")

EDU_DIRECTIONS = (
    Direction(
        T("Білім берудің қолжетімділігі және жайлы орта", "Доступность образования и комфортная среда",
          "Access to education and a comfortable environment"),
        ("SI-03", "SI-04"),
        (
            Goal(T("Үш ауысымды оқытуды жою", "Ликвидация трёхсменного обучения", "End three-shift teaching"),
                 "225-116-000", 0,
                 (Ind(T("Үш ауысымды мектептер саны", "Количество трёхсменных школ", "Three-shift schools"),
                      "units", "47", ("10", "0", "0", "0", "0"), "16",
                      "Түркістан облысы мен Шымкент қаласында контингенттің жоспардан жоғары өсуі",
                      polarity=Polarity.DECREASE, accumulation=Accumulation.STOCK, source="edu",
                      parent=(f"{NP}:NP-3", DecompositionKind.COPY),
                      co_executors=(("akimat-turkistan", "Мектептер салу", "35"),
                                    ("akimat-shymkent", "Мектептер салу", "25"),
                                    ("akimat-almaty-region", "Мектептер салу", "20"))),),
                 (Task(T("Жаңа мектептер салу", "Строительство новых школ", "Build new schools"),
                       Ind(T("Жыл ішінде құрылған оқушы орындары", "Созданные за год ученические места",
                             "Student places created in the year"), "th_places", "262.5",
                           ("337.5", "140.0", "60.0", "40.0", "30.0"), "288.5",
                           "27 мектептің құрылысы 2026 жылға ауысты", source="edu")),)),
            Goal(T("Мектепке дейінгі тәрбиемен қамтуды кеңейту", "Расширение охвата дошкольным воспитанием",
                   "Expand preschool coverage"),
                 "225-105-000", 1,
                 (Ind(T("Құрылған жаңа мектепке дейінгі орындар", "Созданные новые дошкольные места",
                        "New preschool places created"), "th_places", "38.0",
                      ("40.0", "45.0", "45.0", "40.0", "35.0"), "36.2",
                      "Жеке балабақшаларға мемлекеттік тапсырыс орналастыру қысқарды", source="edu",
                      parent=(f"{NDP}:SI-04", DecompositionKind.CONTRIBUTION)),),
                 (Task(T("Мемлекеттік-жекешелік әріптестікті дамыту", "Развитие государственно-частного "
                         "партнёрства", "Develop public-private partnership"),
                       Ind(T("Мемлекеттік тапсырыстағы жеке мектепке дейінгі ұйымдардың үлесі", "Доля частных "
                             "дошкольных организаций с государственным заказом", "Share of private preschools with "
                             "a state order"), "pct", "61.0", ("62.0", "63.0", "64.0", "65.0", "66.0"), "61.4",
                           "Жан басына қаржыландыру нормативінің қайта қаралуы кешікті", source="edu")),)),
        ),
    ),
    Direction(
        T("Білім беру сапасы", "Качество образования", "Quality of education"),
        (),
        (
            Goal(T("Мұғалімдердің біліктілігі мен беделін арттыру", "Повышение квалификации и статуса педагогов",
                   "Raise the qualification and status of teachers"),
                 "225-096-000", 1,
                 (Ind(T("Біліктілік санаты бар мұғалімдердің үлесі (модератор, сарапшы, зерттеуші, шебер)",
                        "Доля педагогов с квалификационной категорией (модератор, эксперт, исследователь, мастер)",
                        "Share of teachers with a qualification category"), "pct", "52.0",
                      ("54.0", "56.0", "58.0", "60.0", "62.0"), "55.3", source="edu"),),
                 (Task(T("Біліктілікті арттыру курстары", "Курсы повышения квалификации",
                         "Professional development courses"),
                       Ind(T("Біліктілікті арттыру курстарынан өткен мұғалімдер", "Педагоги, прошедшие курсы "
                             "повышения квалификации", "Teachers trained in professional development courses"),
                           "th_people", "118.0", ("120.0", "125.0", "125.0", "130.0", "130.0"), "123.4",
                           source="edu")),)),
        ),
    ),
)

EDU_OFFICIALS = (
    ("Жұмабеков Асқар Ерланұлы", T("Оқу-ағарту вице-министрі", "Вице-министр просвещения",
                                   "Vice Minister of Education")),
    ("Сейітова Айгерім Маратқызы", T("Оқу-ағарту вице-министрі", "Вице-министр просвещения",
                                     "Vice Minister of Education")),
)


def build_edu() -> DocumentPayload:
    return _build(
        "sbdp-edu-2025-2029", "edu",
        T("Қазақстан Республикасы Оқу-ағарту министрлігінің 2025-2029 жылдарға арналған даму жоспары",
          "План развития Министерства просвещения Республики Казахстан на 2025-2029 годы",
          "Development plan of the Ministry of Education of the Republic of Kazakhstan for 2025-2029"),
        EDU_MISSION, EDU_VISION,
        _texts(EDU_MISSION, EDU_VISION,
               T("225-116 «Жайлы мектеп», 225-105 «Мектепке дейінгі тәрбие» және 225-096 «Педагогтердің біліктілігін "
                 "арттыру» бюджеттік бағдарламалары мақсаттармен байланыстырылған.",
                 "С целями увязаны бюджетные программы 225-116 «Комфортная школа», 225-105 «Дошкольное воспитание» "
                 "и 225-096 «Повышение квалификации педагогов».",
                 "Budget programmes 225-116 (Comfortable School), 225-105 (preschool) and 225-096 (teacher training) "
                 "are linked to the goals."),
               T("2025-2029 жылдарға қажеттілік: республикалық бюджеттен 6,8 трлн теңге.",
                 "Потребность на 2025-2029 годы: 6,8 трлн тенге из республиканского бюджета.",
                 "Need for 2025-2029: KZT 6.8 trillion from the republican budget.")),
        EDU_OFFICIALS, EDU_DIRECTIONS, [NDP, NP], ["akimat-turkistan", "akimat-shymkent", "akimat-almaty-region"],
    )
