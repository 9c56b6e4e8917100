"""The demo's development workflows (issue 8 §6): every document in force is followed from its approval
(so that a change restarts the clocks of cl. 122-123, 153-154), and the draft regional plan is in
development, at the draft step of cl. 3. The Karaganda plan records one regional change with its Annex 6
comparison table (cl. 132), so the Annex 6 sample comes from real demo data. Idempotent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from jospar.core.models import User
from jospar.development.models import Milestone, MilestoneKind, Workflow
from jospar.development.services import do_advance_step, do_justify_rows, do_record_change, do_start_workflow
from jospar.interchange.schema import ApprovalAct
from jospar.interchange.services import export_document
from jospar.planning.corrections import do_correct_document
from jospar.planning.models import Document

DRAFT_STEPS = ("analysis", "proposals", "vision", "results_resources", "draft")


def _planner(document: Document) -> User:
    """The developer's demo planner; the administrator for developers without a demo login."""
    return (User.objects.filter(memberships__organization=document.developer, memberships__role="planner").first()
            or User.objects.get(username="admin"))


def load_demo_workflows() -> list[tuple[str, str]]:
    done = []
    followed = set(Workflow.objects.values_list("document__code", flat=True))
    for document in Document.objects.select_related("developer").order_by("code"):
        if document.code in followed:
            done.append((document.code, "unchanged"))
            continue
        user = _planner(document)
        if document.status == "in_force":
            approved_on = document.approval_act_date or date(document.period_start - 1, 12, 29)
            do_start_workflow(document, acting_user=user, reason="demo: approved document followed",
                              on=approved_on, approved_on=approved_on)
        elif document.status == "draft":
            on = date(2026, 9, 1)
            do_start_workflow(document, acting_user=user, reason="demo: development started", on=on)
            for n, step in enumerate(DRAFT_STEPS, start=1):
                do_advance_step(document, step, acting_user=user, reason="demo: step done",
                                on=on + timedelta(weeks=n))
        else:
            continue
        done.append((document.code, "created"))
    done.append((CHANGED_RDP, load_demo_change()))
    return done


CHANGED_RDP = "rdp-karaganda-2024-2028"
CHANGE_ON = date(2026, 6, 15)
CHANGE_BASIS = "Мәслихаттың 2026 жылғы 12 маусымдағы № 31/4 шешімі: облыстық бюджетті нақтылау"
JUSTIFICATIONS = {  # Annex 6 expl. 7: why each element changes (by structural element)
    "indicator:TI-1.1:plan:2027": "Өңірлік бюджетті нақтылау: жаңа перинаталдық орталықтың іске қосылуы "
                                           "2028 жылға ауысты (132-т.).",
    "measure:1.1:title": "«Жайлы мектеп» ұлттық жобасы бойынша Саран қаласындағы мектеп 2027 жылға ауыстырылды, "
                         "іс-шараның атауы нақтыланды (132-т.).",
}


def load_demo_change() -> str:
    """The Karaganda plan corrected once (cl. 205: version + 1 with the maslikhat's decision) and the change
    recorded with its Annex 6 comparison rows and a justification for each (cl. 132). Idempotent."""
    document = Document.objects.filter(code=CHANGED_RDP).first()
    if document is None or not Workflow.objects.filter(document=document).exists():
        return "no approved Karaganda plan followed: no change recorded"
    if Milestone.objects.filter(workflow__document=document, kind=MilestoneKind.CHANGED).exists():
        return "change unchanged"
    user = _planner(document)
    payload = export_document(document)
    indicator = next(i for i in payload.indicators if i.code == "TI-1.1")
    value = next(v for v in indicator.values if v.year == 2027)
    value.corrected_plan = (value.plan or Decimal(0)) - Decimal("0.2")
    measure = next(m for m in payload.measures if m.code == "1.1")
    measure.title.kk = "Қарағанды және Теміртау қалаларында 11 мектеп, Саран қаласында 2027 жылы 1 мектеп салу " \
                       "(«Жайлы мектеп»)"
    measure.title.ru = "Строительство 11 школ в Караганде и Темиртау и 1 школы в Сарани в 2027 году " \
                       "(«Комфортная школа»)"
    measure.title.en = "Build 11 schools in Karaganda and Temirtau and 1 school in Saran in 2027 (Comfortable School)"
    act = ApprovalAct(name="Облыстық мәслихаттың шешімі", number="31/4", date=date(2026, 6, 12))
    do_correct_document(document, payload, acting_user=user, basis=CHANGE_BASIS, act=act, today=CHANGE_ON,
                        reason="demo: regional change")
    document.refresh_from_db()
    change = do_record_change(document, acting_user=user, reason="demo: change recorded", on=CHANGE_ON,
                              reference="№ 31/4, 12.06.2026")
    rows = {r.number: JUSTIFICATIONS.get(r.element, CHANGE_BASIS) for r in change.comparison_rows.all()}
    do_justify_rows(change, rows, acting_user=user, reason="demo: Annex 6 justifications")
    return f"change recorded with {len(rows)} Annex 6 rows"
