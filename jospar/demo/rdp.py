"""Development plans of Karaganda and Turkistan regions for 2024-2028 (cl. 133-150, Annexes 5, 7 and 8).

Macroindicators copy the region's rows of the Strategic Indicator Map (same values for 2025-2028, the 2025
fact included); every target indicator is broken down by all districts and cities of oblast significance
(Annex 7): additive ones split exactly, rates copied with local values. The plan of measures (Annex 8) is
financed from the local budget with republican transfers and non-budget sources.

Budget programme codes are ABP-programme-subprogramme of local administrators: 261 education, 253 health,
256 employment, 268 roads, 279 energy and housing, 280 industry (illustrative numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jospar.interchange.schema import DocumentPayload
from jospar.planning.choices import (
    Accumulation,
    Attribution,
    BudgetLevel,
    DecompositionDimension,
    DecompositionKind,
    DocumentStatus,
    DocumentType,
    FinancingSource,
    IndicatorKind,
    Polarity,
    ValueKind,
)

from .common import (
    D,
    T,
    Tx,
    akimat_by_kato,
    districts,
    financing,
    methodology,
    missed,
    region_place,
    sections,
    with_place,
)
from .indicators import BY_CODE, Spread, U, spread_series
from .national_project import CODE as NP
from .ndp import CODE as NDP
from .ndp import regional_code, regional_series
from .regions import DISTRICT_PROFILE

FIRST, LAST = 2024, 2028
YEARS = range(FIRST, LAST + 1)
B, INV, OWN, BANK, OTHER = (FinancingSource.BUDGET, FinancingSource.INVESTMENT, FinancingSource.OWN_FUNDS,
                            FinancingSource.BANK_LOANS, FinancingSource.OTHER)
LOC, REP = BudgetLevel.LOCAL, BudgetLevel.REPUBLICAN
# cl. 149 ¶1: the Bureau of National Statistics forms no gross regional product by district, so these Map rows
# are carried without a district breakdown (Annex 7 shows the region's value only).
NO_DISTRICT_STATISTICS = frozenset({"SI-10"})

DIRECTIONS = (
    ("D1", T("Адами капитал және әлеуметтік сала", "Человеческий капитал и социальная сфера",
             "Human capital and social services")),
    ("D2", T("Экономика және жұмыспен қамту", "Экономика и занятость", "Economy and employment")),
    ("D3", T("Инфрақұрылым және тұрғын үй", "Инфраструктура и жильё", "Infrastructure and housing")),
)
GOALS = (
    ("G1", "D1", T("Әлеуметтік қызметтердің сапасы мен қолжетімділігін арттыру",
                   "Повышение качества и доступности социальных услуг",
                   "Better quality and access of social services"), ("SI-01", "SI-02", "SI-03", "SI-04")),
    ("G2", "D2", T("Тұрақты экономикалық өсу және жұмыспен қамту", "Устойчивый экономический рост и занятость",
                   "Sustainable economic growth and employment"), ("SI-10", "SI-05", "SI-08", "SI-16")),
    ("G3", "D3", T("Тұруға жайлы орта", "Комфортная среда проживания", "A comfortable living environment"),
     ("SI-19", "SI-20", "SI-21")),
)


@dataclass(frozen=True)
class Own:
    """A target indicator of the region tied to its budget programmes (cl. 144: interrelated with expenditure)."""

    goal: str
    title: Tx
    unit: str
    dp: int
    values: dict[str, str]  # b2023, p2024, b2024 (fact 2024), 2025..2028, fact2025
    reason: str
    bpc: str
    spread: Spread
    polarity: str = Polarity.INCREASE
    accumulation: str = Accumulation.ANNUAL
    parent: str | None = None


@dataclass(frozen=True)
class Region:
    kato: str
    code: str
    developer: str
    title: Tx
    approval: str
    texts: dict[str, Tx]
    own: tuple[Own, ...]
    measures: tuple[dict, ...]


def _district_spread(sp: Spread) -> Spread:
    col = "pop" if sp.mode == "share" else "dev"
    return Spread(sp.mode, col, sp.spread * Decimal("0.6"), sp.sign, sp.low, sp.high, sp.cap)


def _values(polarity: str, data: dict[str, Decimal], reason: str, low=None, high=None) -> list[dict]:
    out = []
    for year in YEARS:
        plan = data["p2024"] if year == FIRST else data[str(year)]
        fact = {2024: data["b2024"], 2025: data["fact2025"]}.get(year)
        out.append({"year": year, "plan": plan, "fact": fact,
                    "reason": reason if missed(polarity, plan, fact, low, high) else ""})
    return out


def _rdp_keys(data: dict[str, Decimal]) -> dict[str, Decimal]:
    return {k: data[k] for k in ("b2023", "p2024", "b2024", "2025", "2026", "2027", "2028", "fact2025")}


def _with_districts(region: Region, code: str, base: dict, data: dict[str, Decimal], sp: Spread, dp: int,
                    polarity: str, reason: str, low=None, high=None) -> list[dict]:
    """The target indicator itself and its Annex 7 breakdown by districts and cities of oblast significance."""
    item = {**base, "code": code, "baseline": {"year": 2023, "value": data["b2023"]},
            "values": _values(polarity, data, reason, low, high)}
    places = districts(region.kato)
    rows = spread_series(_fake_si(sp, dp), data, [DISTRICT_PROFILE[p.kato] for p in places])
    kind = DecompositionKind.SHARE if sp.mode == "share" else DecompositionKind.COPY
    akimats = akimat_by_kato()
    out = [item]
    for n, (place, row) in enumerate(zip(places, rows, strict=True), start=1):
        out.append({
            **base, "code": f"{code}.D{place.kato}", "order": base["order"] * 100 + n,
            "title": with_place(base["title"], place.name), "territory": place.kato,
            "responsible": akimats.get(place.kato, region.developer), "budget_program_code": "",
            "baseline": {"year": 2023, "value": row["b2023"]}, "values": _values(polarity, row, reason, low, high),
            "parents": [{"indicator": f"{region.code}:{code}", "kind": kind,
                         "dimension": DecompositionDimension.DISTRICT}],
        })
    return out


@dataclass(frozen=True)
class _FakeSI:
    spread: Spread
    dp: int


def _fake_si(sp: Spread, dp: int) -> _FakeSI:
    return _FakeSI(_district_spread(sp), dp)


def _indicators(region: Region) -> list[dict]:
    out = []
    order = 0
    for gcode, _direction, _title, si_codes in GOALS:
        g = int(gcode[1:])
        n = 0
        for si_code in si_codes:
            si = BY_CODE[si_code]
            n += 1
            order += 1
            data = _rdp_keys(regional_series(si)[region.kato])
            base = {
                "kind": IndicatorKind.MACRO, "goal": gcode, "direction": f"D{g}", "order": order,
                "title": si.title, "unit": U[si.unit], "value_kind": si.value_kind, "polarity": si.polarity,
                "accumulation": si.accumulation, "range_low": si.range_low, "range_high": si.range_high,
                "final_year": LAST, "responsible": region.developer,
                "methodology": methodology(si.source, si.definition, si.formula,
                                           note=f"{NDP}:{regional_code(si.code, region.kato)} (copy)"),
                "sdg": si.sdg,
                # cl. 146: the central body responsible for the Map indicator asked for it; it is assigned to the
                # region in the National Plan, which the link below shows.
                "initiator": si.responsible, "attribution": Attribution.MULTI_BODY,
                "district_statistics": si_code not in NO_DISTRICT_STATISTICS,
            }
            code = f"TI-{g}.{n}"
            low = D(si.range_low) if si.range_low else None
            high = D(si.range_high) if si.range_high else None
            items = _with_districts(region, code, base, data, si.spread, si.dp, si.polarity,
                                    si.reason or "Өңірдегі жағдайға байланысты жоспардан ауытқу", low, high)
            items[0]["parents"] = [{"indicator": f"{NDP}:{regional_code(si.code, region.kato)}",
                                    "kind": DecompositionKind.COPY}]
            out.extend(items if base["district_statistics"] else items[:1])
        for own in (o for o in region.own if o.goal == gcode):
            n += 1
            order += 1
            data = {k: D(v) for k, v in own.values.items()}
            base = {
                "kind": IndicatorKind.TARGET, "goal": gcode, "order": order, "title": own.title, "unit": U[own.unit],
                "value_kind": ValueKind.RELATIVE if own.unit == "pct" else ValueKind.ABSOLUTE,
                "polarity": own.polarity, "accumulation": own.accumulation, "final_year": LAST,
                "responsible": region.developer, "budget_program_code": own.bpc,
                "initiator": region.developer, "attribution": Attribution.SINGLE_BODY,  # cl. 143: the akimat's own
                "methodology": methodology("local", T(f"Көрсеткіш: {own.title['kk']}", f"Показатель: {own.title['ru']}",
                                                      f"Indicator: {own.title['en']}"),
                                           T("Облыс әкімдігі басқармаларының деректері бойынша",
                                             "По данным управлений акимата области",
                                             "From the data of the departments of the regional akimat"),
                                           periodicity="annual_dept"),
            }
            items = _with_districts(region, f"TI-{g}.{n}", base, data, own.spread, own.dp, own.polarity, own.reason)
            if own.parent:
                items[0]["parents"] = [{"indicator": own.parent, "kind": DecompositionKind.SHARE,
                                        "dimension": DecompositionDimension.REGION}]
            out.extend(items)
    return out


def build_region(region: Region) -> DocumentPayload:
    place = region_place(region.kato)
    return DocumentPayload.model_validate({
        "code": region.code, "type": DocumentType.RDP, "title": region.title,
        "period_start": FIRST, "period_end": LAST, "developer": region.developer, "territory": region.kato,
        "co_executors": sorted({m["responsible"] for m in region.measures} - {region.developer}),
        "status": DocumentStatus.IN_FORCE, "approval_act": {"name": region.approval},
        "basis": T(f"{place.name['kk']} аумағын дамыту", f"Развитие территории: {place.name['ru']}",
                   f"Development of {place.name['en']}"),
        "vision": region.texts["vision"],
        "implements": [NDP, NP],
        "sections": sections(DocumentType.RDP, region.texts),
        "directions": [{"code": c, "order": n, "title": t} for n, (c, t) in enumerate(DIRECTIONS, start=1)],
        "goals": [{"code": c, "direction": d, "order": n, "title": t, "achievement_year": LAST,
                   "budget_program_codes": sorted({o.bpc for o in region.own if o.goal == c})}
                  for n, (c, d, t, _) in enumerate(GOALS, start=1)],
        "indicators": _indicators(region),
        "measures": [{**m, "order": n} for n, m in enumerate(region.measures, start=1)],
    })


def _texts(name: Tx, passport: Tx, vision: Tx, analysis: Tx, resources: Tx) -> dict[str, Tx]:
    return {
        "passport": passport, "vision": vision, "analysis": analysis,
        "directions_goals_indicators": T(
            f"{name['kk']} даму жоспары 3 бағытты, 3 мақсатты және 13 нысаналы индикаторды қамтиды; олар аудандар мен "
            "облыстық маңызы бар қалалар бөлінісінде бөлінген (7-қосымша).",
            f"План развития ({name['ru']}) содержит 3 направления, 3 цели и 13 целевых индикаторов, распределённых "
            "по районам и городам областного значения (приложение 7).",
            f"The plan ({name['en']}) has 3 directions, 3 goals and 13 target indicators broken down by districts "
            "and cities of oblast significance (Annex 7)."),
        "resources": resources,
    }


def _measure(code: str, goal: str, indicators: list[str], title: Tx, form: Tx, deadline: date, responsible: str,
             co_executors: list[str], unit: Tx, quantity: str, fin: list[dict], territory: str | None = None) -> dict:
    return {"code": code, "goal": goal, "indicators": indicators, "title": title, "completion_form": form,
            "start_year": FIRST, "deadline": deadline, "responsible": responsible, "co_executors": co_executors,
            "territory": territory, "unit": unit, "planned_quantity": quantity, "financing": fin,
            "expected_result": T("Нысаналы индикаторларға қол жеткізіледі", "Целевые индикаторы будут достигнуты",
                                 "The target indicators are reached")}


ACT = T("Пайдалануға беру актісі", "Акт ввода в эксплуатацию", "Commissioning certificate")
REPORT = T("Облыс әкіміне ақпарат", "Информация акиму области", "Information to the regional akim")

# ------------------------------------------------------------------------------------------- Karaganda

_KAR = region_place("350000000").name

KARAGANDA = Region(
    kato="350000000", code="rdp-karaganda-2024-2028", developer="akimat-karaganda",
    title=T("Қарағанды облысының 2024-2028 жылдарға арналған даму жоспары",
            "План развития Карагандинской области на 2024-2028 годы",
            "Development plan of Karaganda Region for 2024-2028"),
    approval="Қарағанды облыстық мәслихатының шешімі",
    texts=_texts(
        _KAR,
        T("Облыс аумағы — 239 мың км², халқы — 1,1 млн адам; 6 облыстық маңызы бар қала және 7 аудан.",
          "Территория области — 239 тыс. км², население — 1,1 млн человек; 6 городов областного значения и 7 районов.",
          "Area 239 thousand km², population 1.1 million; 6 cities of oblast significance and 7 districts."),
        T("Қарағанды облысы — тау-кен металлургия кешені жаңғыртылған және қалалық ортасы жайлы өнеркәсіптік өңір.",
          "Карагандинская область — промышленный регион с модернизированным горно-металлургическим комплексом и "
          "комфортной городской средой.",
          "Karaganda Region is an industrial region with a modernised mining and metallurgy complex and a "
          "comfortable urban environment."),
        T("Жылу желілерінің тозуы 68 %, ауылдық аудандарда халықтың азаюы, металлургия өнімдеріне әлемдік "
          "бағаның құбылмалылығы — негізгі проблемалар.",
          "Основные проблемы: износ тепловых сетей 68 %, отток населения из сельских районов, волатильность "
          "мировых цен на металлопродукцию.",
          "Main problems: 68% wear of heating networks, outflow from rural districts, volatile world prices for "
          "metals."),
        T("2024-2028 жылдарға қажеттілік: 1,46 трлн теңге, оның ішінде жергілікті бюджеттен 0,52 трлн теңге.",
          "Потребность на 2024-2028 годы: 1,46 трлн тенге, в том числе из местного бюджета 0,52 трлн тенге.",
          "Need for 2024-2028: KZT 1.46 trillion, of which KZT 0.52 trillion from the local budget.")),
    own=(
        Own("G1", T("«Жайлы мектеп» жобасы бойынша құрылған оқушы орындары (өспелі жиынтықпен)",
                    "Созданные ученические места по проекту «Комфортная школа» (нарастающим итогом)",
                    "Student places created under Comfortable School (cumulative)"), "th_places", 1,
            {"b2023": "0", "p2024": "9.0", "b2024": "8.1", "2025": "18.5", "2026": "22.0", "2027": "22.0",
             "2028": "22.0", "fact2025": "17.6"},
            "Теміртау қаласындағы 2 мектептің құрылысы мердігердің кінәсінен кешікті", "261-114-000",
            Spread("share", "pop"), accumulation=Accumulation.CUMULATIVE, parent=f"{NP}:NP-2"),
        Own("G3", T("Жылумен жабдықтау желілерінің тозуы", "Износ сетей теплоснабжения", "Wear of heating networks"),
            "pct", 1,
            {"b2023": "68.0", "p2024": "66.0", "b2024": "66.8", "2025": "63.0", "2026": "60.0", "2027": "57.0",
             "2028": "54.0", "fact2025": "64.1"},
            "Жылу желілерін қайта жаңартудың екінші кезеңі жобалау-сметалық құжаттаманы сараптаудан кейін басталды",
            "279-034-000", Spread("offset", "dev", D("8"), sign=-1, low=D("20"), high=D("95")),
            polarity=Polarity.DECREASE, accumulation=Accumulation.STOCK),
    ),
    measures=(
        _measure("1.1", "G1", ["TI-1.3", "TI-1.5"],
                 T("Қарағанды, Теміртау және Саран қалаларында 12 мектеп салу («Жайлы мектеп»)",
                   "Строительство 12 школ в городах Караганде, Темиртау и Сарани («Комфортная школа»)",
                   "Build 12 schools in Karaganda, Temirtau and Saran (Comfortable School)"),
                 ACT, date(2026, 9, 1), "akimat-karaganda", ["edu"], T("мектеп", "школ", "schools"), "12",
                 financing(B, 2024, ["6200", "8400", "3100"], level=LOC, bpc="261-114-000", admin="akimat-karaganda",
                           absorbed={2024: ("0.93", "Теміртаудағы мектептің мердігерімен келісімшарт бұзылды"),
                                     2025: ("0.95", "Жобалау-сметалық құжаттаманы түзету")})
                 + financing(B, 2024, ["28000", "36000", "12000"], level=REP, bpc="225-116-000", admin="edu",
                             absorbed={2025: ("0.9", "Құрылыс-монтаж жұмыстарының кестесі 2026 жылға ауысты")})),
        _measure("1.2", "G1", ["TI-1.1", "TI-1.2"],
                 T("Қарқаралы, Шет және Ақтоғай аудандарында 24 медициналық пункт пен дәрігерлік амбулатория салу",
                   "Строительство 24 медицинских пунктов и врачебных амбулаторий в Каркаралинском, Шетском и "
                   "Актогайском районах",
                   "Build 24 medical posts and outpatient clinics in Karkaraly, Shet and Aktogay districts"),
                 ACT, date(2027, 12, 31), "akimat-karaganda", ["moh"], T("нысан", "объектов", "facilities"), "24",
                 financing(B, 2024, ["1800", "2400", "2600", "1900"], level=LOC, bpc="253-016-000",
                           admin="akimat-karaganda",
                           absorbed={2024: ("0.88", "3 нысан бойынша жер учаскелерін ресімдеу кешікті")})
                 + financing(OWN, 2024, ["300", "350", "350", "200"])),
        _measure("2.1", "G2", ["TI-2.1", "TI-2.4"],
                 T("Саран индустриялық аймағының инфрақұрылымын салу және 8 инвестициялық жобаны іске асыру",
                   "Строительство инфраструктуры индустриальной зоны «Сарань» и реализация 8 инвестиционных проектов",
                   "Build the infrastructure of the Saran industrial zone and carry out 8 investment projects"),
                 ACT, date(2028, 12, 31), "akimat-karaganda", ["mic"], T("жоба", "проектов", "projects"), "8",
                 financing(B, 2024, ["2500", "3200", "1500", "800", "500"], level=LOC, bpc="280-030-000",
                           admin="akimat-karaganda")
                 + financing(INV, 2024, ["41000", "56000", "62000", "48000", "35000"],
                             absorbed={2024: ("0.72", "Екі инвестордың жабдық жеткізуі 2025 жылға ауысты"),
                                       2025: ("0.86", "Бір жобаның қаржыландыруын банк қайта құрылымдады")})
                 + financing(BANK, 2024, ["9000", "12000", "12000", "8000", "5000"]),
                 territory="352200000"),
        _measure("2.2", "G2", ["TI-2.2", "TI-2.3"],
                 T("Жастар практикасын және әлеуметтік жұмыс орындарын ұйымдастыру",
                   "Организация молодёжной практики и социальных рабочих мест",
                   "Organise youth internships and subsidised jobs"),
                 REPORT, date(2028, 12, 25), "akimat-karaganda",
                 ["mlsp", "akimat-karaganda-nura", "akimat-karaganda-abai", "akimat-karaganda-bukhar-zhyrau"],
                 U["th_people"], "21",
                 financing(B, 2024, ["3100", "3300", "3400", "3500", "3600"], level=LOC, bpc="256-002-000",
                           admin="akimat-karaganda",
                           absorbed={2025: ("0.92", "Жұмыс берушілердің өтінімдері жоспардан аз түсті")})
                 + financing(B, 2024, ["4200", "4400", "4500", "4600", "4700"], level=REP, bpc="213-024-100",
                             admin="mlsp")),
        _measure("3.1", "G3", ["TI-3.4"],
                 T("Қарағанды қаласының 42 км жылу желілерін қайта жаңарту",
                   "Реконструкция 42 км тепловых сетей города Караганды",
                   "Reconstruct 42 km of heating networks in Karaganda city"),
                 ACT, date(2028, 10, 1), "akimat-karaganda", ["energy"], U["km"], "42",
                 financing(B, 2024, ["7400", "9800", "10500", "9000", "6000"], level=LOC, bpc="279-034-000",
                           admin="akimat-karaganda",
                           absorbed={2024: ("0.81", "Екінші кезеңнің жобалау-сметалық құжаттамасы сараптамада болды")})
                 + financing(BANK, 2024, ["3000", "4000", "4000", "3000", "2000"])
                 + financing(OWN, 2024, ["1200", "1300", "1400", "1500", "1600"],
                             absorbed={2025: ("0.9", "Энергия өндіруші ұйымның тарифтік сметасы түзетілді")}),
                 territory="351000000"),
        _measure("3.2", "G3", ["TI-3.3"],
                 T("Нұра ауданының 12 ауылында сумен жабдықтау желілерін салу",
                   "Строительство сетей водоснабжения в 12 сёлах Нуринского района",
                   "Build water supply networks in 12 villages of Nura district"),
                 ACT, date(2026, 12, 31), "akimat-karaganda-nura", ["akimat-karaganda", "mic"],
                 T("елді мекен", "населённых пунктов", "settlements"), "12",
                 financing(B, 2024, ["950", "1400", "1100"], level=LOC, bpc="279-058-000",
                           admin="akimat-karaganda-nura",
                           absorbed={2025: ("0.87", "Екі ауыл бойынша мердігер ауыстырылды")})
                 + financing(B, 2024, ["2100", "3000", "2400"], level=REP, bpc="234-063-000", admin="mic"),
                 territory="355200000"),
        _measure("3.3", "G3", ["TI-3.2"],
                 T("Жергілікті маңызы бар 310 км автомобиль жолын орташа және күрделі жөндеу",
                   "Средний и капитальный ремонт 310 км автомобильных дорог местного значения",
                   "Medium and major repair of 310 km of local roads"),
                 ACT, date(2028, 11, 30), "akimat-karaganda",
                 ["akimat-karaganda-abai", "akimat-karaganda-bukhar-zhyrau"], U["km"], "310",
                 financing(B, 2024, ["8600", "9200", "9800", "10300", "10800"], level=LOC, bpc="268-025-000",
                           admin="akimat-karaganda",
                           absorbed={2024: ("0.97", "Конкурстық рәсімдер нәтижесінде үнемдеу")})),
        _measure("3.4", "G3", ["TI-3.1"],
                 T("Жас отбасыларға арналған жалға берілетін тұрғын үй салу",
                   "Строительство арендного жилья для молодых семей",
                   "Build rental housing for young families"),
                 ACT, date(2028, 12, 31), "akimat-karaganda", ["mic"], T("мың м²", "тыс. м²", "thousand m²"), "420",
                 financing(B, 2024, ["5200", "5600", "6000", "6200", "6400"], level=LOC, bpc="279-015-000",
                           admin="akimat-karaganda")
                 + financing(INV, 2024, ["18000", "21000", "23000", "24000", "25000"],
                             absorbed={2025: ("0.89", "Құрылыс салушылардың екі жобасы 2026 жылға ауысты")})
                 + financing(BANK, 2024, ["6000", "6500", "7000", "7500", "8000"])),
    ),
)

# ------------------------------------------------------------------------------------------- Turkistan

_TUR = region_place("610000000").name

TURKISTAN = Region(
    kato="610000000", code="rdp-turkistan-2024-2028", developer="akimat-turkistan",
    title=T("Түркістан облысының 2024-2028 жылдарға арналған даму жоспары",
            "План развития Туркестанской области на 2024-2028 годы",
            "Development plan of Turkistan Region for 2024-2028"),
    approval="Түркістан облыстық мәслихатының шешімі",
    texts=_texts(
        _TUR,
        T("Облыс аумағы — 117 мың км², халқы — 2,1 млн адам; 3 облыстық маңызы бар қала және 14 аудан.",
          "Территория области — 117 тыс. км², население — 2,1 млн человек; 3 города областного значения и "
          "14 районов.",
          "Area 117 thousand km², population 2.1 million; 3 cities of oblast significance and 14 districts."),
        T("Түркістан облысы — түркі әлемінің рухани орталығы, агроөнеркәсіптік және туристік өңір.",
          "Туркестанская область — духовный центр тюркского мира, агропромышленный и туристский регион.",
          "Turkistan Region is the spiritual centre of the Turkic world, an agro-industrial and tourism region."),
        T("Халықтың жоғары өсімі оқушы орындарының тапшылығын тудырады; ауылдарда ауыз су мен газға "
          "қолжетімділік жеткіліксіз.",
          "Высокий прирост населения создаёт дефицит ученических мест; в сёлах недостаточен доступ к питьевой "
          "воде и газу.",
          "Fast population growth creates a shortage of student places; villages lack drinking water and gas."),
        T("2024-2028 жылдарға қажеттілік: 1,92 трлн теңге, оның ішінде жергілікті бюджеттен 0,61 трлн теңге.",
          "Потребность на 2024-2028 годы: 1,92 трлн тенге, в том числе из местного бюджета 0,61 трлн тенге.",
          "Need for 2024-2028: KZT 1.92 trillion, of which KZT 0.61 trillion from the local budget.")),
    own=(
        Own("G1", T("«Жайлы мектеп» жобасы бойынша құрылған оқушы орындары (өспелі жиынтықпен)",
                    "Созданные ученические места по проекту «Комфортная школа» (нарастающим итогом)",
                    "Student places created under Comfortable School (cumulative)"), "th_places", 1,
            {"b2023": "0", "p2024": "55.0", "b2024": "47.3", "2025": "110.0", "2026": "136.0", "2027": "136.0",
             "2028": "136.0", "fact2025": "101.2"},
            "Мақтаарал және Сарыағаш аудандарындағы 6 мектептің құрылысы 2026 жылға ауысты", "261-114-000",
            Spread("share", "pop"), accumulation=Accumulation.CUMULATIVE, parent=f"{NP}:NP-2"),
        Own("G3", T("Халықтың табиғи газбен қамтамасыз етілу деңгейі", "Уровень газификации населения",
                    "Share of population with natural gas supply"), "pct", 1,
            {"b2023": "86.0", "p2024": "87.5", "b2024": "87.1", "2025": "89.0", "2026": "90.5", "2027": "92.0",
             "2028": "93.0", "fact2025": "88.2"},
            "Газ тарату желілерін салуға республикалық трансферттер 2025 жылдың III тоқсанында ғана бөлінді",
            "279-072-000", Spread("gap", "dev", high=D(100)), accumulation=Accumulation.STOCK),
    ),
    measures=(
        _measure("1.1", "G1", ["TI-1.3", "TI-1.5"],
                 T("Сайрам, Сарыағаш, Мақтаарал аудандарында және Түркістан қаласында 68 мектеп салу",
                   "Строительство 68 школ в Сайрамском, Сарыагашском, Мактааральском районах и городе Туркестане",
                   "Build 68 schools in Sairam, Saryagash and Maktaaral districts and Turkistan city"),
                 ACT, date(2026, 9, 1), "akimat-turkistan",
                 ["edu", "akimat-turkistan-sairam", "akimat-turkistan-saryagash", "akimat-turkistan-maktaaral"],
                 T("мектеп", "школ", "schools"), "68",
                 financing(B, 2024, ["21000", "26000", "9000"], level=LOC, bpc="261-114-000", admin="akimat-turkistan",
                           absorbed={2024: ("0.9", "Жер учаскелерін инженерлік желілермен қамту кешікті"),
                                     2025: ("0.93", "6 мектептің мердігерлері ауыстырылды")})
                 + financing(B, 2024, ["142000", "176000", "61000"], level=REP, bpc="225-116-000", admin="edu",
                             absorbed={2025: ("0.91", "6 мектептің құрылысы 2026 жылға ауысты")})
                 + financing(INV, 2024, ["8000", "11000", "3000"],
                             absorbed={2024: ("0.75", "Жеке инвесторлардың 3 мектебі 2025 жылға ауысты")})),
        _measure("1.2", "G1", ["TI-1.4"],
                 T("Мемлекеттік-жекешелік әріптестік тетігімен 120 балабақша ашу",
                   "Открытие 120 детских садов через механизм государственно-частного партнёрства",
                   "Open 120 kindergartens through public-private partnership"),
                 REPORT, date(2028, 9, 1), "akimat-turkistan", ["edu"], T("балабақша", "детских садов",
                                                                         "kindergartens"), "120",
                 financing(B, 2024, ["3400", "3800", "4100", "4300", "4500"], level=LOC, bpc="261-041-000",
                           admin="akimat-turkistan",
                           absorbed={2025: ("0.89", "Жан басына қаржыландыру нормативі қайта қаралды")})
                 + financing(OWN, 2024, ["2600", "2900", "3100", "3300", "3500"])),
        _measure("2.1", "G2", ["TI-2.1", "TI-2.4"],
                 T("«Оңтүстік» арнайы экономикалық аймағында тоқыма кластерінің 6 жобасын іске асыру",
                   "Реализация 6 проектов текстильного кластера в специальной экономической зоне «Онтустик»",
                   "Carry out 6 projects of the textile cluster in the Ontustik special economic zone"),
                 ACT, date(2028, 12, 31), "akimat-turkistan", ["mic", "mti"], T("жоба", "проектов", "projects"), "6",
                 financing(B, 2024, ["1800", "2100", "1200", "600", "400"], level=LOC, bpc="280-030-000",
                           admin="akimat-turkistan")
                 + financing(INV, 2024, ["26000", "34000", "38000", "30000", "22000"],
                             absorbed={2024: ("0.78", "Шетелдік инвестордың жабдық жеткізуі кешікті"),
                                       2025: ("0.84", "Бір жоба бойынша несиелік шешім 2026 жылға ауысты")})
                 + financing(FinancingSource.GUARANTEED_LOANS, 2024, ["5000", "7000", "7000", "5000", "3000"])),
        _measure("2.2", "G2", ["TI-2.2", "TI-2.3"],
                 T("Ауыл жастарын кәсіпкерлікке микрокредиттер беру («Бастау Бизнес»)",
                   "Выдача микрокредитов сельской молодёжи на предпринимательство («Бастау Бизнес»)",
                   "Microcredits for rural youth entrepreneurship (Bastau Business)"),
                 REPORT, date(2028, 12, 25), "akimat-turkistan",
                 ["mlsp", "akimat-turkistan-sairam", "akimat-turkistan-maktaaral"], T("микрокредит", "микрокредитов",
                                                                                      "microcredits"), "9500",
                 financing(B, 2024, ["6400", "6900", "7200", "7500", "7800"], level=LOC, bpc="256-014-000",
                           admin="akimat-turkistan",
                           absorbed={2024: ("0.94", "Қайтарылған қаражат қайта несиелендірілді")})
                 + financing(BANK, 2024, ["3000", "3200", "3400", "3600", "3800"])),
        _measure("3.1", "G3", ["TI-3.3"],
                 T("Мақтаарал және Сарыағаш аудандарының 46 ауылында ауыз сумен жабдықтау желілерін салу",
                   "Строительство сетей питьевого водоснабжения в 46 сёлах Мактааральского и Сарыагашского районов",
                   "Build drinking water networks in 46 villages of Maktaaral and Saryagash districts"),
                 ACT, date(2027, 12, 31), "akimat-turkistan-maktaaral",
                 ["akimat-turkistan", "akimat-turkistan-saryagash", "mic"],
                 T("елді мекен", "населённых пунктов", "settlements"), "46",
                 financing(B, 2024, ["3200", "4100", "3900", "2200"], level=LOC, bpc="279-058-000",
                           admin="akimat-turkistan-maktaaral",
                           absorbed={2025: ("0.85", "Жобалау-сметалық құжаттама түзетілді")})
                 + financing(B, 2024, ["7600", "9800", "9400", "5200"], level=REP, bpc="234-063-000", admin="mic",
                             absorbed={2024: ("0.92", "Трансферттер IV тоқсанда бөлінді")}),
                 territory="614400000"),
        _measure("3.2", "G3", ["TI-3.4"],
                 T("Сайрам ауданының 18 елді мекенін газдандыру", "Газификация 18 населённых пунктов Сайрамского района",
                   "Connect 18 settlements of Sairam district to gas"),
                 ACT, date(2026, 12, 31), "akimat-turkistan-sairam", ["akimat-turkistan", "energy"],
                 T("елді мекен", "населённых пунктов", "settlements"), "18",
                 financing(B, 2024, ["1500", "2300", "1900"], level=LOC, bpc="279-072-000",
                           admin="akimat-turkistan-sairam",
                           absorbed={2025: ("0.7", "Республикалық трансферттер III тоқсанда ғана бөлінді")})
                 + financing(OWN, 2024, ["900", "1100", "800"]),
                 territory="615200000"),
        _measure("3.3", "G3", ["TI-3.2"],
                 T("Жергілікті маңызы бар 420 км автомобиль жолын жөндеу",
                   "Ремонт 420 км автомобильных дорог местного значения", "Repair 420 km of local roads"),
                 ACT, date(2028, 11, 30), "akimat-turkistan", ["akimat-turkistan-saryagash"], U["km"], "420",
                 financing(B, 2024, ["9400", "10100", "10700", "11200", "11800"], level=LOC, bpc="268-025-000",
                           admin="akimat-turkistan",
                           absorbed={2024: ("0.96", "Конкурстық рәсімдер нәтижесінде үнемдеу")})),
        _measure("3.4", "G3", ["TI-3.1"],
                 T("Түркістан қаласында кредиттік және жалға берілетін тұрғын үй салу",
                   "Строительство кредитного и арендного жилья в городе Туркестане",
                   "Build credit and rental housing in Turkistan city"),
                 ACT, date(2028, 12, 31), "akimat-turkistan", ["mic"], T("мың м²", "тыс. м²", "thousand m²"), "560",
                 financing(B, 2024, ["6100", "6600", "7000", "7300", "7600"], level=LOC, bpc="279-015-000",
                           admin="akimat-turkistan")
                 + financing(INV, 2024, ["15000", "18000", "20000", "21000", "22000"],
                             absorbed={2025: ("0.87", "Құрылыс салушылардың жобалары 2026 жылға ауысты")})
                 + financing(OTHER, 2024, ["2000", "2200", "2400", "2600", "2800"]),
                 territory="611000000"),
    ),
)


def build_karaganda() -> DocumentPayload:
    return build_region(KARAGANDA)


def build_turkistan() -> DocumentPayload:
    return build_region(TURKISTAN)
