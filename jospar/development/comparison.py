"""The Annex 6 comparison table of a change of a regional plan (cl. 132), computed from two versions.

Pure Python: the two versions are interchange payloads as JSON dicts (`DocumentPayload.model_dump(mode="json")`),
the approved one (the document's `previous_version`, or the snapshot kept when it was approved or last
changed) and the new one. One row per changed structural element (Annex 6 expl. 3-7):

* the element is a stable path (`section:vision:text`, `goal:1.1:title`, `indicator:TI-1:plan:2027`,
  `measure:M-1:financing:2026`): the form names the section, subsection or paragraph (expl. 4); the plan's
  table rows are elements too (A6-D2 [AMBIGUOUS], decided: one path per cell);
* an added element has no current wording ("Жоқ", expl. 5), a removed one is "to be deleted"
  ("алып тасталсын", expl. 6): `kind` is `add`, `delete` or `modify` (A6-V1, A6-V2);
* the wordings are the Kazakh text (the state language), Russian when the Kazakh is empty, then English;
  numbers are written as in the payload (decimal point, no trailing zeros).

The justification (column 5) is the planner's input: it is not computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

ADD, DELETE, MODIFY = "add", "delete", "modify"


@dataclass(frozen=True)
class ComparisonLine:
    element: str
    kind: str  # add | delete | modify
    current: str  # "" for an added element
    proposed: str  # "" for a deleted element


def _text(value: Any) -> str:
    if isinstance(value, dict):
        for lang in ("kk", "ru", "en"):
            if value.get(lang):
                return str(value[lang])
        return ""
    if value is None:
        return ""
    return _number(value)


def _number(value: Any) -> str:
    if isinstance(value, str | int | float | Decimal):
        try:
            d = Decimal(str(value))
        except ArithmeticError:
            return str(value)
        except ValueError:
            return str(value)
        if d == d.to_integral_value():
            return str(d.quantize(Decimal(1)))
        return format(d.normalize(), "f")
    return str(value)


def _effective(item: dict) -> Any:
    return item.get("corrected_plan") if item.get("corrected_plan") not in (None, "") else item.get("plan")


def _money_by_year(measure: dict) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for line in measure.get("financing", []):
        v = _effective(line)
        if v in (None, ""):
            continue
        out[line["year"]] = out.get(line["year"], Decimal(0)) + Decimal(str(v))
    return out


def _elements(payload: dict) -> dict[str, tuple[str, dict[str, str]]]:
    """Every element: path -> (its title for an add/delete row, {field path: wording})."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    doc_fields = {f"document:{f}": _text(payload.get(f)) for f in ("title", "basis", "mission", "vision")}
    doc_fields["document:period"] = f"{payload.get('period_start')}-{payload.get('period_end')}"
    out["document"] = ("", doc_fields)
    for s in payload.get("sections", []):
        p = f"section:{s['key']}"
        out[p] = (_text(s.get("title")), {f"{p}:title": _text(s.get("title")), f"{p}:text": _text(s.get("text"))})
    for d in payload.get("directions", []):
        p = f"direction:{d['code']}"
        out[p] = (_text(d.get("title")), {f"{p}:title": _text(d.get("title"))})
    for g in payload.get("goals", []):
        p = f"goal:{g['code']}"
        out[p] = (_text(g.get("title")), {f"{p}:title": _text(g.get("title")),
                                           f"{p}:achievement_year": _text(g.get("achievement_year"))})
        for t in g.get("tasks", []):
            tp = f"task:{g['code']}/{t['code']}"
            out[tp] = (_text(t.get("title")), {f"{tp}:title": _text(t.get("title")),
                                                f"{tp}:deadline_year": _text(t.get("deadline_year"))})
    for i in payload.get("indicators", []):
        p = f"indicator:{i['code']}"
        fields = {f"{p}:title": _text(i.get("title")), f"{p}:unit": _text(i.get("unit")),
                  f"{p}:final_year": _text(i.get("final_year"))}
        for v in i.get("values", []):
            if v.get("quarter", 0) == 0:
                fields[f"{p}:plan:{v['year']}"] = _text(_effective(v))
        out[p] = (_text(i.get("title")), fields)
    for m in payload.get("measures", []):
        p = f"measure:{m['code']}"
        fields = {f"{p}:title": _text(m.get("title"))}
        for year, amount in sorted(_money_by_year(m).items()):
            fields[f"{p}:financing:{year}"] = _number(amount)
        out[p] = (_text(m.get("title")), fields)
    return out


def _order(path: str) -> tuple:
    kinds = ("document", "section", "direction", "goal", "task", "indicator", "measure")
    head = path.split(":", 1)[0]
    return (kinds.index(head) if head in kinds else len(kinds), path)


def comparison(old: dict, new: dict) -> list[ComparisonLine]:
    """The Annex 6 rows from the approved version `old` to the proposed version `new`."""
    a, b = _elements(old), _elements(new)
    lines: list[ComparisonLine] = []
    for key in sorted(set(a) | set(b), key=_order):
        if key not in a:
            lines.append(ComparisonLine(key, ADD, "", b[key][0]))
            continue
        if key not in b:
            lines.append(ComparisonLine(key, DELETE, a[key][0], ""))
            continue
        fa, fb = a[key][1], b[key][1]
        for field in sorted(set(fa) | set(fb), key=_order):
            before, after = fa.get(field, ""), fb.get(field, "")
            if before == after:
                continue
            kind = ADD if not before else DELETE if not after else MODIFY
            lines.append(ComparisonLine(field, kind, before, after))
    return lines
