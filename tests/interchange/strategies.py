"""Hypothesis strategies for valid interchange payloads over the shipped reference data."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from jospar.interchange import schema as s
from jospar.planning import choices as c

ORGS = ["mne", "mof", "moh", "edu", "aspr", "akimat-karaganda", "akimat-turkistan", "samruk-kazyna"]
KATOS = ["350000000", "610000000", "710000000", "351000000"]

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=25
)
kazakh_text = st.text(alphabet="әғқңөұүһіАБВабвгдежзийклмнопрстуфхцчшщыэюя 0123456789-.,«»", max_size=40)
codes = st.text(alphabet="ABCXYZ0123456789.-_", min_size=1, max_size=8)


def texts(max_size: int = 25):
    return st.builds(dict, kk=kazakh_text, ru=text, en=text)


def values(places: int, bound: int = 10**10):
    return st.decimals(min_value=-bound, max_value=bound, places=places, allow_nan=False, allow_infinity=False)


money = st.decimals(min_value=0, max_value=10**10, places=3, allow_nan=False, allow_infinity=False)


def enum(choices_cls):
    return st.sampled_from(list(choices_cls.values))


@st.composite
def payloads(draw, code: str = "doc-prop") -> s.DocumentPayload:
    start = draw(st.integers(2020, 2030))
    end = draw(st.integers(start, start + 5))
    years = list(range(start, end + 1))
    direction_codes = draw(st.lists(codes, max_size=3, unique=True))
    goals = []
    for goal_code in draw(st.lists(codes, max_size=3, unique=True)):
        goals.append({
            "code": goal_code,
            "direction": draw(st.sampled_from([None, *direction_codes])),
            "order": draw(st.integers(0, 50)),
            "title": draw(texts()),
            "achievement_year": draw(st.sampled_from([None, *years])),
            "budget_program_codes": draw(st.lists(st.text(alphabet="0123456789", min_size=3, max_size=3),
                                                  max_size=2, unique=True)),
            "related_bodies": draw(st.lists(st.sampled_from(ORGS), max_size=2, unique=True)),  # cl. 124
            "tasks": [
                {"code": t, "order": draw(st.integers(0, 9)), "title": draw(texts()),
                 "deadline_year": draw(st.sampled_from([None, *years]))}
                for t in draw(st.lists(codes, max_size=2, unique=True))
            ],
        })
    goal_tasks = [(g["code"], t["code"]) for g in goals for t in g["tasks"]]
    indicator_codes = draw(st.lists(codes, max_size=4, unique=True))
    indicators = []
    for i, ind_code in enumerate(indicator_codes):
        anchor = draw(st.sampled_from([None, *[(g["code"], None) for g in goals], *goal_tasks]))
        low = draw(st.none() | values(4))
        high = None if low is None else low + draw(values(4, 1000).map(abs))
        value_years = draw(st.lists(st.sampled_from(years), max_size=len(years), unique=True))
        parent_candidates = [f"{code}:{other}" for other in indicator_codes[:i]]
        indicators.append({
            "code": ind_code,
            "kind": draw(enum(c.IndicatorKind)),
            "direction": draw(st.sampled_from([None, *direction_codes])),
            "goal": anchor[0] if anchor else None,
            "task": anchor[1] if anchor else None,
            "order": draw(st.integers(0, 100)),
            "title": draw(texts()),
            "unit": draw(texts()),
            "value_kind": draw(enum(c.ValueKind)),
            "polarity": c.Polarity.KEEP_RANGE if low is not None else draw(st.sampled_from(
                [c.Polarity.INCREASE, c.Polarity.DECREASE, c.Polarity.KEEP_CONSTANT])),
            "accumulation": draw(enum(c.Accumulation)),
            "range_low": low,
            "range_high": high,
            "baseline": draw(st.none() | st.builds(dict, year=st.integers(2000, 2030), value=values(4))),
            "final_year": draw(st.sampled_from([None, end])),
            "in_strategic_map": draw(st.booleans()),
            "methodology": {
                "data_source_type": draw(st.sampled_from(["", *c.DataSourceType.values])),
                "information_source": draw(texts()),
                "data_collection_method": draw(text),
                "definition": draw(texts()),
                "calculation_method": draw(texts()),
                "is_estimated": draw(st.booleans()),
                "status": draw(enum(c.MethodStatus)),
            },
            "responsible": (responsible := draw(st.sampled_from([None, *ORGS]))),
            "responsible_official": None if responsible is None else draw(st.sampled_from([
                None, {"full_name": "Айгүл Серікқызы", "position": {"kk": "Вице-министр"}},
                {"full_name": "Ivan Petrov", "position": {"ru": "Заместитель акима", "en": "Deputy akim"}}])),
            "territory": draw(st.sampled_from([None, *KATOS])),
            "budget_program_code": draw(st.sampled_from(["", "001", "067-100"])),
            "budget_program_name": draw(texts()),  # Annex 4 col. 10
            "attribution": draw(st.sampled_from(["", *c.Attribution.values])),
            "initiator": draw(st.sampled_from([None, *ORGS])),
            "district_statistics": draw(st.booleans()),
            "confidentiality": draw(enum(c.Confidentiality)),
            "co_executors": [
                {"organization": o, "contribution": draw(text),
                 "share": draw(st.none() | st.decimals(0, 100, places=3))}
                for o in draw(st.lists(st.sampled_from(ORGS), max_size=2, unique=True))
            ],
            "values": [
                {"year": y, "quarter": draw(st.integers(0, 4)), "plan": draw(st.none() | values(4)),
                 "corrected_plan": draw(st.none() | values(4)), "fact": draw(st.none() | values(4)),
                 "reason": draw(text)}
                for y in value_years
            ],
            "parents": [
                {"indicator": ref, "kind": draw(enum(c.DecompositionKind)),
                 "dimension": draw(enum(c.DecompositionDimension)),
                 "weight": draw(st.none() | st.decimals(-999, 999, places=6))}
                for ref in draw(st.lists(st.sampled_from(parent_candidates), max_size=2, unique=True))
            ] if parent_candidates else [],
        })
    measures = []
    for m_code in draw(st.lists(codes, max_size=3, unique=True)):
        anchor = draw(st.sampled_from([None, *[(g["code"], None) for g in goals], *goal_tasks]))
        fin_keys = draw(st.lists(
            st.tuples(st.sampled_from(years), enum(c.FinancingSource), st.sampled_from(["", "001", "067"])),
            max_size=3, unique=True))
        measures.append({
            "code": m_code,
            "order": draw(st.integers(0, 30)),
            "goal": anchor[0] if anchor else None,
            "task": anchor[1] if anchor else None,
            "indicators": draw(st.lists(st.sampled_from(indicator_codes), max_size=2, unique=True))
            if indicator_codes else [],
            "title": draw(texts()),
            "completion_form": draw(texts()),
            "start_year": draw(st.sampled_from([None, *years])),
            "deadline": draw(st.none() | st.dates()),
            "deadline_text": draw(texts()),
            "responsible": draw(st.sampled_from([None, *ORGS])),
            "co_executors": draw(st.lists(st.sampled_from(ORGS), max_size=2, unique=True)),
            "territory": draw(st.sampled_from([None, *KATOS])),
            "unit": draw(texts()),
            "planned_quantity": draw(st.none() | values(4)),
            "expected_result": draw(texts()),
            "confidentiality": draw(enum(c.Confidentiality)),
            "financing": [
                {"year": y, "source": src, "budget_program_code": bp,
                 "budget_level": draw(st.sampled_from(["", *c.BudgetLevel.values])),
                 "administrator": draw(st.sampled_from([None, *ORGS])),
                 "plan": draw(st.none() | values(3)), "corrected_plan": draw(st.none() | values(3)),
                 "absorbed": draw(st.none() | values(3)), "reason_unabsorbed": draw(text)}
                for y, src, bp in fin_keys
            ],
        })
    resource_years = draw(st.lists(st.integers(start - 2, end), max_size=4, unique=True))
    resources = []
    for y in resource_years:
        total = draw(st.none() | money)
        resources.append({"year": y, "budget_expenditure": total, "staff": draw(st.none() | st.integers(0, 10**6)),
                          "national_project_expenditure": draw(
                              st.none() | (money if total is None else st.decimals(0, total, places=3)))})
    need_targets = [("goal", g["code"]) for g in goals] + [("indicator", i) for i in indicator_codes]
    financial_need = [
        {kind: ref, "priority": draw(st.sampled_from([None, 1, 2, 3])), "grounds": draw(texts()),
         "expected_effect": draw(texts()), "gdp_contribution": draw(texts()),
         "explanatory_note": {"history": draw(texts()), "calculation": draw(texts()),  # cl. 119 ¶2
                              "justification": draw(texts())},
         "amounts": [{"year": y, "amount": draw(money)}
                     for y in draw(st.lists(st.sampled_from(years), max_size=3, unique=True))]}
        for kind, ref in draw(st.lists(st.sampled_from(need_targets), max_size=3, unique=True))
    ] if need_targets else []
    return s.DocumentPayload.model_validate({
        "code": code,
        "type": draw(enum(c.DocumentType)),
        "title": draw(texts()),
        "period_start": start,
        "period_end": end,
        "developer": draw(st.sampled_from(ORGS)),
        "co_executors": draw(st.lists(st.sampled_from(ORGS), max_size=3, unique=True)),
        "territory": draw(st.sampled_from([None, *KATOS])),
        "status": draw(enum(c.DocumentStatus)),
        "confidentiality": draw(enum(c.Confidentiality)),
        "approval_act": draw(st.builds(dict, name=text, number=st.text("0123456789-", max_size=6),
                                       date=st.none() | st.dates())),
        "basis": draw(texts()), "mission": draw(texts()), "vision": draw(texts()),
        "version": draw(st.integers(1, 5)),
        "correction_basis": draw(text),
        "sections": [
            {"key": k, "order": draw(st.integers(0, 9)), "title": draw(texts()), "text": draw(texts()),
             "confidentiality": draw(enum(c.Confidentiality))}
            for k in draw(st.lists(st.sampled_from(["introduction", "analysis", "vision", "x-extra"]),
                                   max_size=3, unique=True))
        ],
        "directions": [{"code": d, "order": draw(st.integers(0, 9)), "title": draw(texts())}
                       for d in direction_codes],
        "goals": goals,
        "indicators": indicators,
        "measures": measures,
        "resources": resources,
        "financial_need": financial_need,
    })


__all__ = ["payloads", "Decimal"]
