"""Small helpers shared by the demo document builders: texts, numbers, splits, methodology cards.

Everything here is pure and deterministic: no randomness, no dates from `today`. The "jitter" used to make
facts of regions and districts differ a little is a fixed arithmetic function of their positions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from jospar.interchange.schema import Methodology, SectionItem
from jospar.planning.choices import DataSourceType, MethodStatus, Polarity
from jospar.planning.sections import required_sections

DATA_DIR = Path(__file__).resolve().parent.parent / "core" / "data"


Tx = dict[str, str]
"""A text in kk/ru/en as a plain dict: pydantic validates it into whichever Text class a field uses
(the schema limits lengths per field with Text100, Text500, ...)."""


def T(kk: str, ru: str, en: str) -> Tx:  # noqa: N802 - reads like a constructor in the tables
    return {"kk": kk, "ru": ru, "en": en}


def D(value) -> Decimal:  # noqa: N802
    """A Decimal from an int, a str or a Decimal (never from a float)."""
    if isinstance(value, float):
        raise TypeError("demo numbers are written as strings or ints, never floats")
    return value if isinstance(value, Decimal) else Decimal(str(value))


def q(value: Decimal, dp: int) -> Decimal:
    """Round half up to `dp` decimals."""
    return D(value).quantize(Decimal(1).scaleb(-dp), rounding=ROUND_HALF_UP)


def money(value) -> Decimal:
    return q(D(value), 3)


def jitter(i: int, j: int) -> int:
    """A fixed pseudo-variation in -2..2 for item i of series j."""
    return (i * 7 + j * 5 + 3) % 5 - 2


# ----------------------------------------------------------------------------------------------- splits


def split_exact(total: Decimal, weights: Sequence[Decimal], dp: int) -> list[Decimal]:
    """Split `total` by `weights` at `dp` decimals so that the parts add up to `total` exactly.

    Largest remainder method; ties go to the earlier item, so the result is deterministic.
    """
    unit = Decimal(1).scaleb(-dp)
    units = int((D(total) / unit).to_integral_value(rounding=ROUND_HALF_UP))
    wsum = sum(weights, Decimal(0))
    raw = [Decimal(units) * w / wsum for w in weights]
    floors = [int(r.to_integral_value(rounding="ROUND_FLOOR")) for r in raw]
    left = units - sum(floors)
    order = sorted(range(len(raw)), key=lambda k: (-(raw[k] - floors[k]), k))
    for k in order[:left]:
        floors[k] += 1
    return [q(Decimal(f) * unit, dp) for f in floors]


def offsets(total: Decimal, profile: Sequence[Decimal], weights: Sequence[Decimal], spread: Decimal, dp: int,
            low: Decimal | None = None, high: Decimal | None = None) -> list[Decimal]:
    """Values around a rate: `total + spread * (p - mean_w(p))`, so that the weighted mean stays `total`."""
    wsum = sum(weights, Decimal(0))
    mean = sum((p * w for p, w in zip(profile, weights, strict=True)), Decimal(0)) / wsum
    out = []
    for p in profile:
        v = D(total) + spread * (p - mean)
        if low is not None:
            v = max(v, low)
        if high is not None:
            v = min(v, high)
        out.append(q(v, dp))
    return out


def missed(polarity: str, plan: Decimal | None, fact: Decimal | None,
           low: Decimal | None = None, high: Decimal | None = None) -> bool:
    """Whether a fact falls short of its plan in the indicator's direction of improvement."""
    if plan is None or fact is None:
        return False
    if polarity == Polarity.INCREASE:
        return fact < plan
    if polarity == Polarity.DECREASE:
        return fact > plan
    if polarity == Polarity.KEEP_RANGE:
        return fact > max(plan, high if high is not None else plan) or (low is not None and fact < low)
    return fact != plan


# ------------------------------------------------------------------------------------------ territories


@dataclass(frozen=True)
class Place:
    kato: str
    kind: str
    name: Tx


@lru_cache(maxsize=1)
def _territories() -> dict:
    return json.loads((DATA_DIR / "territories.json").read_text(encoding="utf-8"))


def regions() -> list[Place]:
    return [Place(r["kato"], r["kind"], T(r["name_kk"], r["name_ru"], r["name_en"])) for r in _territories()["regions"]]


def districts(region_kato: str) -> list[Place]:
    region = next(r for r in _territories()["regions"] if r["kato"] == region_kato)
    return [Place(d["kato"], d["kind"], T(d["name_kk"], d["name_ru"], d["name_en"])) for d in region["districts"]]


def region_place(kato: str) -> Place:
    return next(p for p in regions() if p.kato == kato)


@lru_cache(maxsize=1)
def organization_codes() -> frozenset[str]:
    rows = json.loads((DATA_DIR / "organizations.json").read_text(encoding="utf-8"))["organizations"]
    return frozenset(r["code"] for r in rows)


@lru_cache(maxsize=1)
def akimat_by_kato() -> dict[str, str]:
    """The akimat organization code of each region and of the districts that have one in the reference data."""
    rows = json.loads((DATA_DIR / "organizations.json").read_text(encoding="utf-8"))["organizations"]
    out = {}
    for r in rows:
        if r["kind"] != "local_executive_body":
            continue
        out[r.get("district_kato") or r["region_kato"]] = r["code"]
    return out


def with_place(title: Tx, place: Tx) -> Tx:
    """An indicator title followed by the territory's name: "... (Қарағанды облысы)"."""
    return {lang: f"{title[lang]} ({place[lang]})" for lang in ("kk", "ru", "en")}


# -------------------------------------------------------------------------------------------- sections


def sections(document_type: str, texts: dict[str, Tx]) -> list[SectionItem]:
    """The required sections of a type, in order, with their fixed kk/ru/en names and the given texts."""
    specs = required_sections(document_type)
    missing = {s.key for s in specs} - set(texts)
    if missing:
        raise ValueError(f"demo texts missing for sections {sorted(missing)}")
    return [
        SectionItem(key=s.key, order=n, title=T(s.kk, s.ru, s.en), text=texts[s.key])
        for n, s in enumerate(specs, start=1)
    ]


# ---------------------------------------------------------------------------------------- methodology

SOURCES: dict[str, tuple[str, Tx]] = {
    "bns": (DataSourceType.OFFICIAL_STATISTICS, T(
        "ҚР Стратегиялық жоспарлау және реформалар агенттігінің Ұлттық статистика бюросы",
        "Бюро национальной статистики Агентства по стратегическому планированию и реформам РК",
        "Bureau of National Statistics of the Agency for Strategic Planning and Reforms")),
    "moh": (DataSourceType.DEPARTMENTAL_DATA, T(
        "ҚР Денсаулық сақтау министрлігінің ведомстволық деректері (ДСАЖ)",
        "Ведомственные данные Министерства здравоохранения РК (ИСЗ)",
        "Departmental data of the Ministry of Health (health information systems)")),
    "edu": (DataSourceType.DEPARTMENTAL_DATA, T(
        "ҚР Оқу-ағарту министрлігінің Ұлттық білім беру деректер қоры (ҰБДҚ)",
        "Национальная образовательная база данных Министерства просвещения РК (НОБД)",
        "National Education Database of the Ministry of Education (NEDB)")),
    "mlsp": (DataSourceType.DEPARTMENTAL_DATA, T(
        "ҚР Еңбек және халықты әлеуметтік қорғау министрлігінің «Еңбек нарығының электрондық картасы» деректері",
        "Данные «Электронной карты рынка труда» Министерства труда и социальной защиты населения РК",
        "Data of the Electronic Labour Market Map of the Ministry of Labour and Social Protection")),
    "mot": (DataSourceType.DEPARTMENTAL_DATA, T(
        "ҚР Көлік министрлігінің автожолдардың жай-күйін диагностикалау деректері",
        "Данные диагностики состояния автодорог Министерства транспорта РК",
        "Road condition survey data of the Ministry of Transport")),
    "mic": (DataSourceType.DEPARTMENTAL_DATA, T(
        "ҚР Өнеркәсіп және құрылыс министрлігінің ведомстволық деректері",
        "Ведомственные данные Министерства промышленности и строительства РК",
        "Departmental data of the Ministry of Industry and Construction")),
    "ecology": (DataSourceType.DEPARTMENTAL_DATA, T(
        "Парниктік газдар шығарындыларының ұлттық кадастры (ҚР Экология және табиғи ресурстар министрлігі)",
        "Национальный кадастр выбросов парниковых газов (Министерство экологии и природных ресурсов РК)",
        "National greenhouse gas inventory (Ministry of Ecology and Natural Resources)")),
    "energy": (DataSourceType.DEPARTMENTAL_DATA, T(
        "«Электр энергетикасы және қуатты теңгерімдеу жөніндегі ҚазАҚ» деректері, ҚР Энергетика министрлігі",
        "Данные KOREM и системного оператора, Министерство энергетики РК",
        "Market operator and system operator data, Ministry of Energy")),
    "digital": (DataSourceType.DEPARTMENTAL_DATA, T(
        "ҚР Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігінің ведомстволық деректері",
        "Ведомственные данные Министерства цифрового развития, инноваций и аэрокосмической промышленности РК",
        "Departmental data of the Ministry of Digital Development, Innovation and Aerospace Industry")),
    "local": (DataSourceType.DEPARTMENTAL_DATA, T(
        "Облыс әкімдігі басқармаларының ведомстволық деректері",
        "Ведомственные данные управлений акимата области",
        "Departmental data of the departments of the regional akimat")),
}

PERIODICITY = {
    "annual": "Жыл сайын; жедел деректер — есепті жылдан кейінгі 1 ақпанға дейін, түпкілікті — 1 қазанға дейін",
    "annual_dept": "Жыл сайын, есепті жылдан кейінгі 20 қаңтарға дейін",
    "quarterly": "Тоқсан сайын, есепті кезеңнен кейінгі айдың 15-күніне дейін; жылдық — 1 наурызға дейін",
}


def methodology(source: str, definition: Tx, formula: Tx, *, periodicity: str = "annual",
                local: str = "", note: str = "", estimated: bool = False) -> Methodology:
    """An Annex 1-1 card; `source` is a key of SOURCES."""
    kind, info = SOURCES[source]
    collection = {
        DataSourceType.OFFICIAL_STATISTICS: "Жалпымемлекеттік статистикалық байқау нысандары бойынша",
        DataSourceType.DEPARTMENTAL_DATA: "Ведомстволық есептілік және ақпараттық жүйелер деректері бойынша",
        DataSourceType.INTERNATIONAL_STATISTICS: "Халықаралық ұйымдардың жарияланымдары бойынша",
    }[kind]
    return Methodology(
        data_source_type=kind, information_source=info, data_collection_method=collection,
        definition=definition, data_periodicity=PERIODICITY[periodicity], calculation_method=formula,
        calculation_republican="Республика бойынша жиынтық деректер негізінде есептеледі",
        calculation_local=local or "Облыстар, республикалық маңызы бар қалалар және астана бөлінісінде есептеледі",
        higher_links_note=note, is_estimated=estimated, status=MethodStatus.APPROVED,
    )


# ---------------------------------------------------------------------------------------------- money

REPORTED_YEARS = (2024, 2025)


def financing(source: str, first_year: int, plans: Sequence[str], *, level: str = "", bpc: str = "",
              admin: str | None = None, absorbed: dict[int, tuple[str, str]] | None = None) -> list[dict]:
    """Financing lines of one source, a plan (million tenge) per year from `first_year`.

    For the reported years (2024 and 2025) the absorbed amount is the plan times a rate; `absorbed` maps a year
    to (rate, reason) when less than the whole plan was absorbed.
    """
    absorbed = absorbed or {}
    out = []
    for k, plan_text in enumerate(plans):
        year = first_year + k
        plan = money(plan_text)
        line = {"year": year, "source": source, "budget_level": level, "budget_program_code": bpc,
                "administrator": admin, "plan": plan}
        if year in REPORTED_YEARS or (year < REPORTED_YEARS[0] and absorbed.get(year)):
            rate, reason = absorbed.get(year, ("1", ""))
            line["absorbed"] = money(plan * D(rate))
            line["reason_unabsorbed"] = reason if D(rate) < 1 else ""
        out.append(line)
    return out


def ramp(start: str, step: str, n: int) -> list[str]:
    """n yearly amounts growing by a fixed step: ramp("100", "10", 3) == ["100", "110", "120"]."""
    return [str(D(start) + D(step) * k) for k in range(n)]


FALLBACK_REASON = "Жоспарлы мәнге қол жеткізілмеді; себептері мен түзету шаралары есептің түсіндірме жазбасында"


def series(polarity: str, first_year: int, plans: Sequence[str], facts: Sequence[str] = (),
           reason: str = "", low: Decimal | None = None, high: Decimal | None = None) -> list[dict]:
    """Yearly values from `first_year`: plans, the first len(facts) facts, `reason` where a fact misses."""
    out = []
    for k, plan_text in enumerate(plans):
        plan = D(plan_text)
        fact = D(facts[k]) if k < len(facts) else None
        out.append({"year": first_year + k, "plan": plan, "fact": fact,
                    "reason": (reason or FALLBACK_REASON) if missed(polarity, plan, fact, low, high) else ""})
    return out


def attributed(indicators: list[dict]) -> list[dict]:
    """Set the type of each target and result indicator that has none (cl. 60): several bodies when other
    organizations co-execute it, one state body otherwise."""
    for ind in indicators:
        if ind.get("kind") in ("target", "result") and not ind.get("attribution"):
            ind["attribution"] = "multi_body" if ind.get("co_executors") else "single_body"
    return indicators
