"""The National Development Plan of the Republic of Kazakhstan until 2029 (Decree of the President No. 611 of
30.07.2024) with its Strategic Indicator Map and the regional breakdown of the map.

The approving act is real; the priorities are a condensed demo reading of the plan, and the values of the
map are demo figures around public statistics (see `indicators.py`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jospar.interchange.schema import (
    ApprovalAct,
    Baseline,
    CoExecutor,
    DirectionItem,
    DocumentPayload,
    IndicatorItem,
    IndicatorValueItem,
    ParentLink,
)
from jospar.planning.choices import (
    DecompositionDimension,
    DecompositionKind,
    DocumentStatus,
    DocumentType,
    IndicatorKind,
)

from .common import T, akimat_by_kato, methodology, missed, regions, sections, with_place
from .indicators import MAP, SI, U, spread_series
from .regions import REGION_PROFILE

CODE = "ndp-2029"
YEARS = range(2025, 2030)

PRIORITIES = (
    ("P1", T("Адами капиталды дамыту: сапалы білім және салауатты ұлт",
             "Развитие человеческого капитала: качественное образование и здоровая нация",
             "Human capital: quality education and a healthy nation")),
    ("P2", T("Әділетті әлеуметтік саясат және халықтың әл-ауқаты",
             "Справедливая социальная политика и благосостояние населения",
             "Fair social policy and the well-being of the population")),
    ("P3", T("Әртараптандырылған, бәсекеге қабілетті экономика", "Диверсифицированная конкурентоспособная экономика",
             "A diversified, competitive economy")),
    ("P4", T("Инвестициялар және кәсіпкерлікті дамыту", "Инвестиции и развитие предпринимательства",
             "Investment and entrepreneurship")),
    ("P5", T("Инфрақұрылым, тұрғын үй және өңірлерді теңгерімді дамыту",
             "Инфраструктура, жильё и сбалансированное развитие регионов",
             "Infrastructure, housing and balanced regional development")),
    ("P6", T("Экологиялық тұрақтылық және энергетикалық ауысу", "Экологическая устойчивость и энергетический переход",
             "Environmental sustainability and the energy transition")),
    ("P7", T("Цифрлық трансформация және тиімді мемлекеттік басқару",
             "Цифровая трансформация и эффективное государственное управление",
             "Digital transformation and effective public administration")),
)

SECTIONS = {
    "introduction": T(
        "Ұлттық даму жоспары «Әділетті Қазақстан» құру бағытын іске асырады және 2029 жылға қарай ел экономикасының "
        "көлемін екі есеге ұлғайтуға, халықтың әл-ауқатын тұрақты арттыруға бағытталған.",
        "Национальный план развития реализует курс на построение «Справедливого Казахстана» и направлен на "
        "удвоение объёма экономики страны к 2029 году и устойчивый рост благосостояния населения.",
        "The National Development Plan implements the course towards a \"Just Kazakhstan\" and aims to double the "
        "size of the economy by 2029 and to raise the well-being of the population steadily."),
    "global_trends": T(
        "Геосаяси бөлшектену, жеткізу тізбектерінің қайта құрылуы, климаттың өзгеруі, жасанды интеллекттің "
        "таралуы және халықтың қартаюы елдің даму жағдайын айқындайды.",
        "Геополитическая фрагментация, перестройка цепочек поставок, изменение климата, распространение "
        "искусственного интеллекта и старение населения определяют условия развития страны.",
        "Geopolitical fragmentation, the reshaping of supply chains, climate change, the spread of artificial "
        "intelligence and population ageing set the conditions of the country's development."),
    "principles": T(
        "Заң мен тәртіп, әділеттілік, адамға бағдарланғандық, есептілік және нәтижеге бағдарланған басқару.",
        "Закон и порядок, справедливость, человекоцентричность, подотчётность и управление, ориентированное "
        "на результат.",
        "Law and order, fairness, a people-centred approach, accountability and results-based management."),
    "approaches_results": T(
        "Жеті жалпыұлттық басымдық бойынша міндеттер мен шаралар айқындалды; 2029 жылға қарай ЖІӨ-нің орташа "
        "жылдық нақты өсуі 6 %-ға, жан басына шаққандағы ЖІӨ 21 мың АҚШ долларына жетеді.",
        "По семи общенациональным приоритетам определены задачи и меры; к 2029 году среднегодовой реальный рост "
        "ВВП составит 6 %, ВВП на душу населения достигнет 21 тыс. долларов США.",
        "Tasks and measures are set under seven national priorities; by 2029 average real GDP growth reaches 6% a "
        "year and GDP per capita USD 21 thousand."),
    "strategic_indicator_map": T(
        "Стратегиялық көрсеткіштер картасы 25 көрсеткішті қамтиды; олардың 22-сі өңірлер бөлінісінде жылдар "
        "бойынша аралық мәндерімен декомпозицияланған және жауапты органдарға бекітілген.",
        "Карта стратегических показателей включает 25 показателей; 22 из них декомпозированы в региональном "
        "разрезе с промежуточными значениями по годам и закреплены за ответственными органами.",
        "The Strategic Indicator Map holds 25 indicators; 22 of them are broken down by region with intermediate "
        "values for each year and assigned to responsible bodies."),
}


def _values(si: SI, data: dict[str, Decimal], reason: str) -> list[IndicatorValueItem]:
    low = Decimal(si.range_low) if si.range_low else None
    high = Decimal(si.range_high) if si.range_high else None
    out = []
    for year in YEARS:
        plan = data[str(year)]
        fact = data["fact2025"] if year == 2025 else None
        miss = missed(si.polarity, plan, fact, low, high)
        out.append(IndicatorValueItem(year=year, plan=plan, fact=fact, reason=reason if miss else ""))
    return out


def _national(si: SI, order: int) -> IndicatorItem:
    data = si.national()
    return IndicatorItem(
        code=si.code, kind=IndicatorKind.STRATEGIC, direction=si.direction, order=order, title=si.title,
        unit=U[si.unit], value_kind=si.value_kind, polarity=si.polarity, accumulation=si.accumulation,
        range_low=si.range_low, range_high=si.range_high,
        baseline=Baseline(year=2024, value=data["b2024"]), final_year=2029, in_strategic_map=True,
        methodology=methodology(si.source, si.definition, si.formula,
                                note="Өңірлер бөлінісінде декомпозицияланады" if si.spread else ""),
        responsible=si.responsible, sdg=si.sdg,
        co_executors=[
            CoExecutor(organization=org, contribution="Салалық шараларды іске асыру")
            for org in si.co_executors
        ],
        values=_values(si, data, si.reason or "Жоспардан ауытқу"),
    )


def map_regions(si: SI) -> list:
    return [r for r in regions() if not si.oblasts_only or r.kind == "oblast"]


def regional_series(si: SI) -> dict[str, dict[str, Decimal]]:
    """KATO of each region of the breakdown -> its b2023, b2024, p2024, 2025..2029 and fact2025."""
    places = map_regions(si)
    rows = spread_series(si, si.national(), [REGION_PROFILE[p.kato] for p in places])
    return {p.kato: row for p, row in zip(places, rows, strict=True)}


def regional_code(si_code: str, kato: str) -> str:
    return f"{si_code}.R{kato}"


def _regional(si: SI, order: int) -> list[IndicatorItem]:
    if si.spread is None:
        return []
    kind = DecompositionKind.SHARE if si.additive else DecompositionKind.COPY
    akimats = akimat_by_kato()
    out = []
    reason = si.reason or "Өңірдегі жағдайға байланысты жоспардан ауытқу"
    for n, (kato, data) in enumerate(regional_series(si).items(), start=1):
        place = next(r for r in regions() if r.kato == kato)
        out.append(IndicatorItem(
            code=regional_code(si.code, kato), kind=IndicatorKind.STRATEGIC, direction=si.direction,
            order=order * 100 + n, title=with_place(si.title, place.name), unit=U[si.unit],
            value_kind=si.value_kind, polarity=si.polarity, accumulation=si.accumulation,
            range_low=si.range_low, range_high=si.range_high,
            baseline=Baseline(year=2024, value=data["b2024"]), final_year=2029, in_strategic_map=True,
            methodology=methodology(si.source, si.definition, si.formula,
                                    note=f"{si.code} көрсеткішінің өңірлік бөлінісі ({kind})"),
            responsible=akimats[kato], territory=kato, sdg=si.sdg,
            values=_values(si, data, reason),
            parents=[ParentLink(indicator=f"{CODE}:{si.code}", kind=kind, dimension=DecompositionDimension.REGION)],
        ))
    return out


def build() -> DocumentPayload:
    indicators = []
    for order, si in enumerate(MAP, start=1):
        indicators.append(_national(si, order))
    for order, si in enumerate(MAP, start=1):
        indicators.extend(_regional(si, order))
    return DocumentPayload(
        code=CODE, type=DocumentType.NDP,
        title=T("Қазақстан Республикасының 2029 жылға дейінгі ұлттық даму жоспары",
                "Национальный план развития Республики Казахстан до 2029 года",
                "National Development Plan of the Republic of Kazakhstan until 2029"),
        period_start=2025, period_end=2029, developer="mne",
        co_executors=sorted({si.responsible for si in MAP} - {"mne"} | {"aspr"}),
        status=DocumentStatus.IN_FORCE,
        approval_act=ApprovalAct(
            name="Қазақстан Республикасы Президентінің Жарлығы", number="611", date=date(2024, 7, 30)),
        basis=T("Қазақстан Республикасындағы мемлекеттік жоспарлау жүйесі (ҚР Үкіметінің 2017 жылғы 29 қарашадағы "
                "№ 790 қаулысы)",
                "Система государственного планирования в Республике Казахстан (постановление Правительства РК от "
                "29 ноября 2017 года № 790)",
                "State Planning System of the Republic of Kazakhstan (Government Decree No. 790 of 29 November 2017)"),
        vision=T("Қазақстан — азаматтары үшін тең мүмкіндіктер жасалған, әртараптандырылған экономикасы бар әділетті "
                 "мемлекет.",
                 "Казахстан — справедливое государство с диверсифицированной экономикой и равными возможностями для "
                 "граждан.",
                 "Kazakhstan is a just state with a diversified economy and equal opportunities for its citizens."),
        sections=sections(DocumentType.NDP, SECTIONS),
        directions=[DirectionItem(code=code, order=n, title=title) for n, (code, title) in enumerate(PRIORITIES, 1)],
        indicators=indicators,
    )
