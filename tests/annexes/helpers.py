"""A small regional development plan: 1 direction, 1 goal, 1 macro + 1 target indicator (each broken down by
two districts), one financed measure with two lines and a co-executing district, one restricted measure."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter

from jospar.interchange import schema as s
from jospar.interchange.services import do_import_document

NURA, ABAI = "355200000", "353200000"


def T(kk: str, ru: str = "", en: str = "") -> dict:
    return {"kk": kk, "ru": ru or kk + " (ru)", "en": en or kk + " (en)"}


def _indicator(code, kind, title, values, *, reason="", polarity="increase", source="Ұлттық статистика бюросы"):
    return {
        "code": code, "kind": kind, "goal": "G1", "direction": "D1", "title": title,
        "unit": T("%", "%", "%"), "polarity": polarity, "responsible": "akimat-karaganda",
        "methodology": {"information_source": T(source)}, "baseline": {"year": 2023, "value": "10"},
        "values": [{"year": y, "plan": p, "corrected_plan": c, "fact": f, "reason": reason if f else ""}
                   for y, p, c, f in values],
    }


def _district(parent: str, kato: str, akimat: str, plan: str, fact: str | None) -> dict:
    return {"code": f"{parent}.D{kato}", "kind": "target", "goal": "G1", "territory": kato,
            "title": T(f"{parent} {kato}"), "unit": T("%"), "responsible": akimat,
            "values": [{"year": 2025, "plan": plan, "fact": fact}],
            "parents": [{"indicator": f"rdp-test:{parent}", "kind": "copy", "dimension": "district"}]}


def rdp_payload(**overrides) -> s.DocumentPayload:
    data = {
        "code": "rdp-test", "type": "rdp", "title": T("Сынақ облысының даму жоспары", "План развития тестовой области",
                                                    "Development plan of a test region"),
        "period_start": 2024, "period_end": 2028, "developer": "akimat-karaganda", "territory": "350000000",
        "co_executors": ["edu", "akimat-karaganda-nura"], "status": "in_force",
        "approval_act": {"name": "Мәслихат шешімі", "number": "12/3", "date": "2023-12-10"},
        "directions": [{"code": "D1", "title": T("Адами капитал", "Человеческий капитал", "Human capital")}],
        "goals": [{"code": "G1", "direction": "D1", "title": T("Сапалы білім", "Качественное образование",
                                                               "Quality education"), "achievement_year": 2028}],
        "indicators": [
            _indicator("TI-1", "macro", T("Жұмыссыздық деңгейі", "Уровень безработицы", "Unemployment rate"),
                       [(2025, "4.6", None, "4.9"), (2026, "4.5", None, None)], reason="Кәсіпорын жабылды",
                       polarity="decrease"),
            _indicator("TI-2", "target", T("Мектеп орындары", "Ученические места", "School places"),
                       [(2025, "18.5", "18", "17.6"), (2026, "22", None, None)], reason="Мердігер кешікті"),
            _district("TI-2", NURA, "akimat-karaganda-nura", "2.5", "2.1"),
            _district("TI-2", ABAI, "akimat-karaganda-abai", "3.5", None),
        ],
        "measures": [
            {"code": "1.1", "goal": "G1", "indicators": ["TI-2"], "responsible": "akimat-karaganda",
             "co_executors": ["akimat-karaganda-nura"], "title": T("Мектеп салу", "Строительство школ", "Build schools"),
             "unit": T("мектеп", "школ", "schools"), "planned_quantity": "12", "completion_form": T("Акт"),
             "deadline": "2026-09-01",
             "financing": [
                 {"year": 2025, "source": "budget", "budget_level": "local", "budget_program_code": "261-114-000",
                  "administrator": "akimat-karaganda", "plan": "8400", "corrected_plan": "8000",
                  "absorbed": "7600", "reason_unabsorbed": "Келісімшарт бұзылды"},
                 {"year": 2025, "source": "budget", "budget_level": "republican", "budget_program_code": "225-116-000",
                  "administrator": "edu", "plan": "36000", "absorbed": "32400.5",
                  "reason_unabsorbed": "Кесте ауысты"},
                 {"year": 2026, "source": "budget", "budget_level": "local", "budget_program_code": "261-114-000",
                  "administrator": "akimat-karaganda", "plan": "3100"},
             ]},
            {"code": "9.9", "goal": "G1", "responsible": "akimat-karaganda", "confidentiality": "official_use",
             "title": T("ҚҰПИЯ іс-шара", "СЕКРЕТНОЕ мероприятие", "RESTRICTED measure"),
             "financing": [{"year": 2025, "source": "investment", "plan": "777", "absorbed": "700",
                            "reason_unabsorbed": "x"}]},
        ],
    }
    data.update(overrides)
    for i in data["indicators"]:  # the district rows stay linked inside the copy
        for link in i.get("parents", ()):
            link["indicator"] = link["indicator"].replace("rdp-test:", f"{data['code']}:")
    return s.DocumentPayload.model_validate(data)


def load_rdp(**overrides):
    return do_import_document(rdp_payload(**overrides), reason="test").document


def xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def find_row(ws, key: str) -> int:
    """The sheet row whose hidden key (the column after the table) ends with KEY."""
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.endswith(key) and "/" in c.value:
                return c.row
    raise AssertionError(f"no row with key {key}")


def ref(col: int, row: int) -> str:
    return f"{get_column_letter(col)}{row}"


def save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


D = Decimal
