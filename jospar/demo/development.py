"""The demo's development workflows (issue 8 §6): every document in force is followed from its approval
(so that a change restarts the clocks of cl. 122-123, 153-154), and the draft regional plan is in
development, at the draft step of cl. 3. The Karaganda plan records one regional change with its Annex 6
comparison table (cl. 132), so the Annex 6 sample comes from real demo data. The good plans are quiet under the
rules of the workflow: each approval and change is sent to the authorized body and published in time (cl. 122-123,
153-154: V-51, V-52, V-72) and each good regional plan has the working group of cl. 128 (V-57). The deliberately
flawed plan gets none of these. Idempotent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from jospar.core.models import Organization, User
from jospar.development.models import MemberCategory, Milestone, MilestoneKind, Workflow, WorkingGroup
from jospar.development.services import (
    do_advance_step,
    do_justify_rows,
    do_record_act,
    do_record_change,
    do_record_sending_to_competent_body,
    do_record_working_group,
    do_start_workflow,
)
from jospar.interchange.schema import ApprovalAct, DocumentPayload
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
        if document.status == "in_force":
            _record_sent_and_published(document, approved_on, user, "demo: approval")
            _send_to_related_bodies(document, approved_on, user)
        if document.type == "rdp" and document.code not in FLAWED:
            _record_working_group(document, user)
        done.append((document.code, "created"))
    done.append((CHANGED_RDP, load_demo_change()))
    return done


FLAWED = {"rdp-flawed-demo"}  # breaks the rules on purpose (jospar/demo/flawed.py): no working group
SENT_AFTER = timedelta(days=1)  # within the 5 working days of cl. 122 / 153 whatever the weekday
PUBLISHED_AFTER = timedelta(days=3)  # within the 10 working days of cl. 123 / 154
SEND_PUBLISH_TYPES = {"sbdp", "rdp"}  # the types with these deadlines (development/steps.py DEADLINE_RULES)


def _record_sent_and_published(document: Document, on: date, user: User, what: str) -> None:
    """The approved or changed plan (current version) sent to the authorized body for state planning the next
    day (cl. 122, 153) and published on the internet resources three days later (cl. 123, 154)."""
    if document.type not in SEND_PUBLISH_TYPES:
        return
    do_record_act(document, MilestoneKind.SENT, acting_user=user, on=on + SENT_AFTER,
                  reference="Ұлттық экономика министрлігіне хат",
                  reason=f"{what}: sent to the authorized body (cl. 122, 153)")
    do_record_act(document, MilestoneKind.PUBLISHED, acting_user=user, on=on + PUBLISHED_AFTER,
                  reference="Интернет-ресурста жарияланды",
                  reason=f"{what}: published on the internet resources (cl. 123, 154)")


def _send_to_related_bodies(document: Document, on: date, user: User) -> None:
    """The approved state body plan also sent to the bodies whose spheres its goals concern (cl. 124)."""
    if document.type != "sbdp":
        return
    bodies = (Organization.objects.filter(related_goals__document=document).exclude(pk=document.developer_id)
              .distinct().order_by("code"))
    for body in bodies:
        do_record_sending_to_competent_body(document, body, acting_user=user, on=on + SENT_AFTER,
                                            reference="Ілеспе хат", reason=f"demo: sent to {body.code} (cl. 124)")


WORKING_GROUP = [  # cl. 128 ¶1: local executive bodies, public councils, deputies of the maslikhat, and others
    ("Ахметов Ержан Серікұлы", "Облыс әкімінің орынбасары, жұмыс тобының жетекшісі",
     MemberCategory.LOCAL_EXECUTIVE_BODY),
    ("Сейітова Айгүл Маратқызы", "Облыстық экономика және бюджеттік жоспарлау басқармасының басшысы",
     MemberCategory.LOCAL_EXECUTIVE_BODY),
    ("Жұмабаев Нұрлан Әділұлы", "Облыстық қоғамдық кеңестің мүшесі", MemberCategory.PUBLIC_COUNCIL),
    ("Омарова Гүлнар Бекқызы", "Облыстық мәслихаттың депутаты", MemberCategory.MASLIKHAT_DEPUTY),
    ("Қасымов Данияр Ерланұлы", "Ұлттық статистика бюросының облыстық департаментінің басшысы",
     MemberCategory.CENTRAL_BODY_UNIT),
    ("Тоқтарова Әсел Нұрланқызы", "«Атамекен» өңірлік кәсіпкерлер палатасының директоры", MemberCategory.NGO),
]


AKIM_DECISIONS = {"rdp-karaganda-2024-2028": "47", "rdp-turkistan-2024-2028": "112"}


def _record_working_group(document: Document, user: User) -> None:
    """The working group created by the akim's decision in the year before the plan's first year (cl. 128)."""
    if WorkingGroup.objects.filter(workflow__document=document).exists():
        return
    do_record_working_group(document, acting_user=user, reason="demo: working group of the regional plan",
                            decision_number=AKIM_DECISIONS.get(document.code, "1"),
                            decision_date=date(document.period_start - 1, 2, 15), members=WORKING_GROUP)


CHANGED_RDP = "rdp-karaganda-2024-2028"
CHANGE_ON = date(2026, 6, 15)
CHANGE_BASIS = "Мәслихаттың 2026 жылғы 12 маусымдағы № 31/4 шешімі: облыстық бюджетті нақтылау"
JUSTIFICATIONS = {  # Annex 6 expl. 7: why each element changes (by structural element)
    "indicator:TI-1.1:plan:2027": "Өңірлік бюджетті нақтылау: жаңа перинаталдық орталықтың іске қосылуы "
                                           "2028 жылға ауысты (132-т.).",
    "measure:1.1:title": "«Жайлы мектеп» ұлттық жобасы бойынша Саран қаласындағы мектеп 2027 жылға ауыстырылды, "
                         "іс-шараның атауы нақтыланды (132-т.).",
}


CHANGE_ACT = ApprovalAct(name="Облыстық мәслихаттың шешімі", number="31/4", date=date(2026, 6, 12))


def _changed(payload: DocumentPayload) -> DocumentPayload:
    """The content of the Karaganda plan's change: TI-1.1's 2027 plan corrected by -0.2 and measure 1.1 renamed."""
    payload = payload.model_copy(deep=True)
    indicator = next(i for i in payload.indicators if i.code == "TI-1.1")
    value = next(v for v in indicator.values if v.year == 2027)
    value.corrected_plan = (value.plan or Decimal(0)) - Decimal("0.2")
    measure = next(m for m in payload.measures if m.code == "1.1")
    measure.title.kk = "Қарағанды және Теміртау қалаларында 11 мектеп, Саран қаласында 2027 жылы 1 мектеп салу " \
                       "(«Жайлы мектеп»)"
    measure.title.ru = "Строительство 11 школ в Караганде и Темиртау и 1 школы в Сарани в 2027 году " \
                       "(«Комфортная школа»)"
    measure.title.en = "Build 11 schools in Karaganda and Temirtau and 1 school in Saran in 2027 (Comfortable School)"
    return payload


def as_recorded(payload: DocumentPayload) -> DocumentPayload:
    """The demo payload as the database keeps it after the demo's recorded change (cl. 205: version + 1 with the
    maslikhat's decision), so that loading the demo again does not undo the change; other payloads as they are."""
    if payload.code != CHANGED_RDP:
        return payload
    change = Milestone.objects.filter(workflow__document__code=CHANGED_RDP, kind=MilestoneKind.CHANGED).order_by(
        "-version").first()
    if change is None:
        return payload
    return _changed(payload).model_copy(update={"version": change.version, "correction_basis": CHANGE_BASIS,
                                                "approval_act": CHANGE_ACT})


def load_demo_change() -> str:
    """The Karaganda plan corrected once (cl. 205: version + 1 with the maslikhat's decision) and the change
    recorded with its Annex 6 comparison rows and a justification for each (cl. 132). Idempotent."""
    document = Document.objects.filter(code=CHANGED_RDP).first()
    if document is None or not Workflow.objects.filter(document=document).exists():
        return "no approved Karaganda plan followed: no change recorded"
    if Milestone.objects.filter(workflow__document=document, kind=MilestoneKind.CHANGED).exists():
        return "change unchanged"
    user = _planner(document)
    payload = _changed(export_document(document))
    do_correct_document(document, payload, acting_user=user, basis=CHANGE_BASIS, act=CHANGE_ACT, today=CHANGE_ON,
                        reason="demo: regional change")
    document.refresh_from_db()
    change = do_record_change(document, acting_user=user, reason="demo: change recorded", on=CHANGE_ON,
                              reference="№ 31/4, 12.06.2026")
    rows = {r.number: JUSTIFICATIONS.get(r.element, CHANGE_BASIS) for r in change.comparison_rows.all()}
    do_justify_rows(change, rows, acting_user=user, reason="demo: Annex 6 justifications")
    document.refresh_from_db()
    _record_sent_and_published(document, CHANGE_ON, user, "demo: change")  # with the justified Annex 6 (cl. 132)
    return f"change recorded with {len(rows)} Annex 6 rows"
