"""What the compliance checker needs from the development workflow: `context.development` (see
`jospar.compliance.rules.development`), read for a batch of documents in a fixed number of queries.

- the working group of a regional plan (cl. 128);
- the bodies the approved plan was sent to under cl. 124 (milestones "sent to a competent body");
- the target indicators of the goals passed to the developer by a reorganisation (cl. 126);
- the indicators of the higher documents that the developer co-executes (cl. 62);
- the dated deadlines of the workflow (cl. 64, 73, 75, 122-123, 151-154).

A payload that is not stored yet (a file checked before import) gets the facts of its code: none recorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import QuerySet

from jospar.compliance.rules.development import DeadlineFact, DevelopmentFacts, HigherItem, WorkingGroupFact
from jospar.planning.models import Indicator, IndicatorCoExecutor

from .models import Milestone, MilestoneKind, Reorganization, Workflow, WorkingGroup, WorkingGroupMember


def _title(kk, ru, en) -> dict[str, str]:
    return {"kk": kk or "", "ru": ru or "", "en": en or ""}


def load_facts(payloads: Sequence) -> list[DevelopmentFacts]:
    """The facts of each payload, in order (at most 8 queries for the batch, plus the deadlines' 5)."""
    if not payloads:
        return []
    codes = {p.code for p in payloads}
    developers = {p.developer for p in payloads}
    higher = {code for p in payloads for code in p.implements}

    groups: dict[str, WorkingGroupFact] = {}
    group_rows = list(QuerySet(WorkingGroup).filter(workflow__document__code__in=codes).values_list(
        "id", "workflow__document__code", "decision_number", "decision_date"))
    categories: dict[int, set[str]] = defaultdict(set)
    for gid, category in QuerySet(WorkingGroupMember).filter(group_id__in=[g[0] for g in group_rows]).values_list(
            "group_id", "category"):
        categories[gid].add(category)
    for gid, code, number, date in group_rows:
        groups[code] = WorkingGroupFact(number, date, frozenset(categories[gid]))

    sent: dict[str, set[str]] = defaultdict(set)
    for code, recipient in QuerySet(Milestone).filter(
            workflow__document__code__in=codes, kind=MilestoneKind.SENT_TO_COMPETENT,
            recipient__isnull=False).values_list("workflow__document__code", "recipient__code"):
        sent[code].add(recipient)

    # cl. 126: the target indicators of the goals passed to each successor.
    transferred: dict[str, list[HigherItem]] = defaultdict(list)
    moves = list(Reorganization.goals.through.objects.filter(reorganization__successor__code__in=developers)
                 .values_list("reorganization__successor__code", "reorganization__predecessor__code", "goal_id"))
    by_goal: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for successor, predecessor, goal_id in moves:
        by_goal[goal_id].append((successor, predecessor))
    if by_goal:
        for goal_id, doc, code, t_kk, t_ru, t_en in QuerySet(Indicator).filter(
                goal_id__in=list(by_goal), kind="target").order_by("document__code", "order", "code").values_list(
                "goal_id", "document__code", "code", "title_kk", "title_ru", "title_en"):
            for successor, predecessor in by_goal[goal_id]:
                transferred[successor].append(HigherItem(f"{doc}:{code}", _title(t_kk, t_ru, t_en), predecessor))

    # cl. 62: the higher indicators each developer co-executes.
    co_executed: dict[tuple[str, str], list[HigherItem]] = defaultdict(list)
    if higher:
        for org, doc, code, t_kk, t_ru, t_en in QuerySet(IndicatorCoExecutor).filter(
                organization__code__in=developers, indicator__document__code__in=higher).order_by(
                "indicator__document__code", "indicator__order", "indicator__code").values_list(
                "organization__code", "indicator__document__code", "indicator__code", "indicator__title_kk",
                "indicator__title_ru", "indicator__title_en"):
            co_executed[(org, doc)].append(HigherItem(f"{doc}:{code}", _title(t_kk, t_ru, t_en)))

    deadlines: dict[str, list[DeadlineFact]] = defaultdict(list)
    workflows = list(Workflow.objects.filter(document__code__in=codes).select_related(
        "document__developer", "document__territory"))
    if workflows:
        from .deadlines import workflow_deadlines

        for d in workflow_deadlines(workflows):
            c = d.computed
            deadlines[d.document.code].append(DeadlineFact(
                c.rule.id, c.rule.clause, c.rule.label, c.due, c.fulfilled_on, c.version))

    out = []
    for p in payloads:
        own = f"{p.code}:"
        out.append(DevelopmentFacts(
            working_group=groups.get(p.code),
            sent_to=frozenset(sent.get(p.code, ())),
            transferred=tuple(i for i in transferred.get(p.developer, ()) if not i.ref.startswith(own)),
            co_executed=tuple(i for doc in sorted(set(p.implements)) for i in co_executed.get((p.developer, doc), ())),
            deadlines=tuple(deadlines.get(p.code, ())),
        ))
    return out


def with_development(context, payload):
    """The context extension for one document (`jospar.compliance.context.CONTEXT_EXTENSIONS`)."""
    context.development = load_facts([payload])[0]
    return context


def _many(contexts, payloads):
    for context, facts in zip(contexts, load_facts(payloads), strict=True):
        context.development = facts
    return contexts


with_development.many = _many  # type: ignore[attr-defined]
