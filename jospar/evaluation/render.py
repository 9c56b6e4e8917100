"""The conclusion as text, in the structure of Annex 11 (SPEC part 5 §3), for the CLI and exports."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from .criteria import criterion_title, finding_text, metric_label
from .models import Conclusion


def _co_executors(conclusion: Conclusion) -> str:
    return "; ".join(f"{o.name} ({o.get_kind_display()})" for o in conclusion.document.co_executors.order_by("code"))


def render_conclusion(conclusion: Conclusion, *, show_calculations: bool = True, language: str | None = None) -> str:
    """The conclusion as text in ``language`` (default: the active one); findings and titles translated."""
    if language:
        with translation.override(language):
            return _render(conclusion, show_calculations)
    return _render(conclusion, show_calculations)


def _render(conclusion: Conclusion, show_calculations: bool) -> str:
    d = conclusion.document
    if d.type == "concept":
        title = _("Conclusion on the implementation of the concept (form similar to Annex 11, cl. 257)")
    else:
        title = _("Conclusion of the authorized body for state planning on the implementation (Annex 11)")
    act = ", ".join(x for x in (d.approval_act_name, d.approval_act_number,
                                d.approval_act_date.isoformat() if d.approval_act_date else "") if x)
    period = _("final report, whole period %(start)s-%(end)s (cl. 230)") % {"start": d.period_start, "end": d.period_end} \
        if conclusion.final else _("reporting year %(year)s") % {"year": conclusion.year}
    labels = (
        _("Name of the document"), _("Number and date of the approving act"),
        _("State body responsible for development"), _("Co-executing state bodies and other organizations"),
        _("Implementation period"), _("Position on the results and on the objectivity of the reasons"),
        _("Conclusions (evaluation) and proposals"),
    )
    pending = _("[to be written by the authorized body]")
    lines = [
        title, f"{d.code} — {period} — {conclusion.get_status_display()}", "",
        f"1. {labels[0]}: {d.title}",
        f"2. {labels[1]}: {act or '—'}",
        f"3. {labels[2]}: {d.developer.name}",
        f"4. {labels[3]}: {_co_executors(conclusion) or '—'}",
        f"5. {labels[4]}: {d.period_start}-{d.period_end}",
        f"6. {labels[5]} (cl. 271(2)):",
        "   " + (conclusion.position or pending),
        f"7. {labels[6]} (cl. 271(3)):",
        "   " + (conclusion.conclusions or pending),
        "",
        _("Criteria of cl. 271 (computed by Jospar; the methodology sets no scale, the evaluation is the text above):"),
    ]
    for c in conclusion.criteria:
        lines.append(f"  {c['number']}. {criterion_title(c['number'], c['title'])} ({c['clause']})")
        for name, m in c["metrics"].items():
            value = m["value"] if m["value"] is not None else f"— ({m['reason']})"
            lines.append(f"     {metric_label(name)} [{name}]: {value}")
            if show_calculations:
                inputs = ", ".join(f"{k}={v}" for k, v in m["inputs"].items())
                lines.append(f"        = {m['formula']}; {inputs}")
        for f in c["findings"]:
            lines.append(f"     - {finding_text(f)}")
    return "\n".join(lines)
