"""A deliberately flawed draft regional plan, `rdp-flawed-demo`, to show the compliance checker at work.

It is structurally valid (it imports) but breaks the methodology on purpose; each flaw below names the rule
it triggers (`jospar check rdp-flawed-demo`). It refers to the Strategic Indicator Map of `ndp-2029`, so it
is imported after it.
"""

from __future__ import annotations

from jospar.interchange.schema import DocumentPayload
from jospar.planning.choices import DocumentStatus, DocumentType

from .common import T

CODE = "rdp-flawed-demo"
ABAI = "100000000"
SEMEY, KURCHATOV = "101000000", "101800000"
NDP = "ndp-2029"


def _ind(code: str, goal: str | None, title, **extra) -> dict:
    """A target indicator that is complete unless `extra` spoils it."""
    data = {
        "code": code, "kind": "target", "goal": goal, "title": title,
        "unit": T("%", "%", "%"), "baseline": {"year": 2024, "value": "40"}, "final_year": 2030,
        "responsible": "akimat-abai", "attribution": "single_body",
        "methodology": {"information_source": T("Облыс әкімдігі", "Акимат области", "Regional akimat"),
                        "data_collection_method": "ведомстволық есеп",
                        "calculation_method": T("А / Б × 100", "А / Б × 100", "A / B × 100")},
        "values": [{"year": y, "plan": str(40 + y - 2025)} for y in range(2025, 2031)],
    }
    data.update(extra)
    return data


def build() -> DocumentPayload:
    long_analysis = ("Өңірдегі ахуалды талдау. " * 60).strip()
    return DocumentPayload.model_validate({
        "code": CODE, "type": DocumentType.RDP,
        "title": T("Абай облысының даму жоспары (қателері бар демо жоба)",
                   "План развития области Абай (демонстрационный проект с ошибками)",
                   "Development plan of Abai Region (demo draft with flaws)"),
        "period_start": 2025, "period_end": 2030,  # V-56: six years, not five
        "developer": "mne-krem",  # a subordinate organization, not the akimat
        "territory": ABAI,
        "status": DocumentStatus.DRAFT,
        "implements": [NDP],
        "co_executors": ["moh"],
        "sections": [  # V-01: three required sections missing, the rest out of order; V-59: analysis > 25 %
            {"key": "analysis", "order": 1, "title": T("Ағымдағы ахуалды талдау", "Анализ текущей ситуации",
                                                       "Analysis of the current situation"),
             "text": T(long_analysis, "Анализ.", "Analysis.")},
            {"key": "passport", "order": 2, "title": T("Паспорт", "Паспорт", "Passport"),
             "text": T("Паспорт.", "Паспорт.", "Passport.")},
        ],
        "directions": [{"code": "D1", "title": T("Әлеуметтік сала", "Социальная сфера", "Social sphere")}],
        "goals": [
            {"code": "G1", "direction": "D1", "order": 1, "achievement_year": 2031,  # V-11: after the period
             "title": T("Халықтың денсаулығы", "Здоровье населения", "Health of the population"),
             "tasks": [
                 {"code": "1", "title": T("Емханалар желісін дамыту", "Развитие сети поликлиник",
                                          "Develop the network of polyclinics"), "deadline_year": 2030},
                 {"code": "2", "title": T("Дәрігерлерді даярлау", "Подготовка врачей", "Train doctors"),
                  "deadline_year": 2030},  # V-17: no result indicator
             ]},
            {"code": "G2", "order": 2, "achievement_year": 2026,  # V-60: no direction
             "title": T("Жұмыспен қамту", "Занятость", "Employment"),
             "tasks": [
                 {"code": "1", "title": T("Емханалар желісін дамыту", "Развитие сети поликлиник",
                                          "Develop the network of polyclinics"),  # V-14: same task under G1
                  "deadline_year": 2028},  # V-16: after the goal's year 2026
             ]},
            {"code": "G3", "direction": "D1", "order": 3, "achievement_year": 2030,  # V-09, V-15: no TI, no task
             "title": T("Мәдениет", "Культура", "Culture")},
        ],
        "indicators": [
            _ind("TI-1.1", "G1", T("Дәрігерлермен қамтамасыз ету", "Обеспеченность врачами", "Doctors per capita"),
                 methodology={},  # V-12, V-20: no source, collection method or formula
                 values=[{"year": y, "plan": str(30 + y - 2025)} for y in (2025, 2026, 2028, 2029, 2030)]),  # V-09
            _ind("TI-1.2", "G1", T("Емханаларға қолжетімділік", "Доступность поликлиник", "Access to polyclinics"),
                 responsible="bns",  # V-13: a subordinate organization as the responsible body
                 attribution="single_body",  # V-22: "one state body", yet the ministry and the akimat co-execute
                 co_executors=[{"organization": "moh", "share": "60"},
                               {"organization": "akimat-abai", "share": "50"}]),  # 110 %
            _ind("TI-1.3", "G1", T("Жаңа емханалар саны", "Число новых поликлиник", "New polyclinics"),
                 responsible=None, unit=T("", "", "")),  # V-13: no responsible body; R-36: no unit
            _ind("TI-2.1", "G2", T("Жаңа жұмыс орындары", "Новые рабочие места", "New jobs"),
                 unit=T("мың", "тыс.", "thousand"),
                 district_statistics=False,  # V-67: no statistics by district, yet broken down by district below
                 values=[{"year": y, "plan": "10"} for y in range(2025, 2031)]),
            _ind("TI-2.1.D1", "G2", T("Жаңа жұмыс орындары (Семей)", "Новые рабочие места (Семей)",
                                      "New jobs (Semey)"), territory=SEMEY, unit=T("мың", "тыс.", "thousand"),
                 values=[{"year": y, "plan": "6"} for y in range(2025, 2031)],
                 parents=[{"indicator": f"{CODE}:TI-2.1", "kind": "share", "dimension": "district"}]),
            _ind("TI-2.1.D2", "G2", T("Жаңа жұмыс орындары (Курчатов)", "Новые рабочие места (Курчатов)",
                                      "New jobs (Kurchatov)"), territory=KURCHATOV, unit=T("мың", "тыс.", "thousand"),
                 values=[{"year": y, "plan": "3"} for y in range(2025, 2031)],  # V-29: 6 + 3 is not 10
                 parents=[{"indicator": f"{CODE}:TI-2.1", "kind": "share", "dimension": "district"}]),
            _ind("TI-2.2", "G2", T("Өмір сүру ұзақтығы", "Продолжительность жизни", "Life expectancy"),
                 polarity="decrease",  # R-116b: unit and polarity differ from the copied Map row
                 parents=[{"indicator": f"{NDP}:SI-01.R{ABAI}", "kind": "copy"}]),
            _ind("TI-2.3", "G2", T("Шағын бизнес үлесі", "Доля малого бизнеса", "Share of small business"),
                 initiator="moh",  # V-65: a ministry asks for an indicator the region was not assigned
                 responsible="moh"),  # V-23: the co-executor's own indicator is linked to no higher one
            _ind("SI-X", "G2", T("Стратегиялық көрсеткіш", "Стратегический показатель", "A strategic indicator"),
                 kind="strategic"),  # V-63: a strategic indicator in a regional plan
            {"code": "RI-1", "kind": "result", "goal": "G1", "task": "1",  # V-18, V-19, V-22: no baseline, link, type
             "title": T("Салынған емханалар", "Построено поликлиник", "Polyclinics built"),
             "unit": T("бірлік", "единиц", "units"), "final_year": 2030, "responsible": "akimat-abai",
             "methodology": {"information_source": T("Әкімдік", "Акимат", "Akimat"), "data_collection_method": "есеп",
                             "calculation_method": T("Саны", "Количество", "Count")},
             "values": [{"year": y, "plan": str(y - 2024)} for y in range(2025, 2031)]},
        ],
        "measures": [
            {"code": "M-1", "goal": "G1", "title": T("Емхана салу", "Строительство поликлиники", "Build a polyclinic"),
             "completion_form": T("Пайдалануға беру актісі", "Акт ввода", "Commissioning act"),
             "deadline": "2026-12-25", "responsible": "akimat-abai",
             "financing": [{"year": 2025, "source": "budget"}]},  # V-64, V-69, V-74: no indicator, amount, programme
            {"code": "M-2", "title": T("Ақпараттық науқан", "Информационная кампания", "Information campaign"),
             "indicators": ["TI-2.3"]},  # V-73: no goal, deadline, executor, form of completion or cost
        ],
    })
