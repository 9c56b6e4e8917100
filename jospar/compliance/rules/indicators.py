"""Rules on target, result, macro and strategic indicators (cl. 36-43, 50-62, 70-72, 114-116, 141-147)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from .base import (
    ERROR,
    WARNING,
    ItemRef,
    Words,
    annual_plans,
    document_ref,
    external_parents,
    filled,
    gettext_noop,
    indicator_ref,
    is_breakdown,
    linked_refs,
    main_indicators,
    rule,
    text_of,
    years_text,
)

SBDP, RDP, NDP, CONCEPT = "sbdp", "rdp", "ndp", "concept"
APPROVED = ("approved", "in_force", "completed")
CO_EXECUTOR_ONLY = ("subordinate_organization", "quasi_public")


def additional_indicators(payload) -> list:
    """RDP target indicators introduced on the akimat's initiative: not derived from a higher document (cl. 143)."""
    return [i for i in main_indicators(payload, ("target", "macro")) if not external_parents(payload, i)]


def add_month(day: dt.date) -> dt.date:
    """The same day one calendar month later, clamped to the month's end (SPEC A20: calendar month)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def same_text(a: dict[str, str], b: dict[str, str]) -> bool:
    """Equal in every language both fill (case and surrounding spaces ignored)."""
    common = [lang for lang in ("kk", "ru", "en") if (a.get(lang) or "").strip() and (b.get(lang) or "").strip()]
    return all(a[lang].strip().casefold() == b[lang].strip().casefold() for lang in common)


@rule("R-36", clause="cl. 36", severity=ERROR,
      title=gettext_noop("Every indicator has a unit of measurement"))
def indicator_unit(r, payload, ctx):
    for ind in payload.indicators:
        if not filled(ind.unit):
            yield r.finding(indicator_ref(ind), gettext_noop("the indicator has no unit of measurement"))


@rule("V-12", clause="cl. 39, 53", severity=ERROR,
      title=gettext_noop("Every target and result indicator has a source of information and a data collection method"))
def source_and_collection(r, payload, ctx):
    for ind in main_indicators(payload):
        if not filled(ind.methodology.information_source):
            yield r.finding(indicator_ref(ind), gettext_noop("no source of information"))
        if not filled(ind.methodology.data_collection_method):
            yield r.finding(indicator_ref(ind), gettext_noop("no data collection method"))


@rule("V-13", clause="cl. 42, 55", severity=ERROR,
      title=gettext_noop("Every indicator has a responsible body; subordinate and quasi-public organizations only "
                         "co-execute"))
def responsible_body(r, payload, ctx):
    for ind in main_indicators(payload):
        if not ind.responsible:
            yield r.finding(indicator_ref(ind), gettext_noop("no body responsible for achieving the indicator"))
            continue
        org = ctx.orgs.get(ind.responsible)
        if org is not None and org.kind in CO_EXECUTOR_ONLY:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "%(org)s is a subordinate or quasi-public organization: it may only be a co-executor"),
                org=ind.responsible)


@rule("R-42", clause="cl. 42, 55; Annex 1-1 row 5", severity=WARNING,
      title=gettext_noop("The contribution shares of the co-executors of an indicator add up to at most 100 per cent"))
def co_executor_shares(r, payload, ctx):
    for ind in payload.indicators:
        total = sum((c.share for c in ind.co_executors if c.share is not None), Decimal(0))
        if total > 100:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the shares of the co-executors add up to %(total)s per cent"), total=total)


@rule("V-18", clause="cl. 52", severity=ERROR,
      title=gettext_noop("Every result indicator has a baseline value, a planned value and the year to achieve it"))
def result_indicator_triple(r, payload, ctx):
    for ind in main_indicators(payload, ("result",)):
        missing = []
        if ind.baseline is None:
            missing.append(gettext_noop("baseline"))
        if not annual_plans(ind):
            missing.append(gettext_noop("planned value"))
        if ind.final_year is None:
            missing.append(gettext_noop("year of achievement"))
        if missing:
            yield r.finding(indicator_ref(ind), gettext_noop("the result indicator has no %(missing)s"),
                            missing=Words(missing))


@rule("V-19", clause="cl. 50(7)", severity=WARNING,
      title=gettext_noop("Every result indicator is linked to the target indicator it serves"))
def result_indicator_link(r, payload, ctx):
    for ind in main_indicators(payload, ("result",)):
        if not ind.parents:
            yield r.finding(indicator_ref(ind), gettext_noop("the result indicator is linked to no target indicator"))


@rule("V-20", clause="cl. 58", severity=ERROR,
      title=gettext_noop("Every target and result indicator has a draft calculation methodology (regional plans: "
                         "additional indicators only)"))
def calculation_methodology(r, payload, ctx):
    indicators = additional_indicators(payload) if payload.type == RDP else list(main_indicators(payload))
    for ind in indicators:
        if not filled(ind.methodology.calculation_method):
            yield r.finding(indicator_ref(ind), gettext_noop("no calculation methodology (formula)"))


@rule("V-21", clause="cl. 59", severity=WARNING,
      title=gettext_noop("The calculation methodology is agreed within one month of approval"))
def methodology_agreed_in_time(r, payload, ctx):
    day = payload.approval_act.date
    if payload.status not in APPROVED or day is None:
        return
    due = add_month(day)
    if ctx.today <= due:
        return
    indicators = additional_indicators(payload) if payload.type == RDP else list(main_indicators(payload))
    for ind in indicators:
        if ind.methodology.status == "draft":
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the calculation methodology is still a draft; it was due by %(due)s"), due=due.isoformat())


@rule("V-28", clause="cl. 70, 72", severity=ERROR, types=[NDP],
      title=gettext_noop("Each strategic indicator has a value for each year and belongs to a priority direction"))
def strategic_indicator_years(r, payload, ctx):
    years = range(payload.period_start, payload.period_end + 1)
    for ind in main_indicators(payload, ("strategic",)):
        plans = annual_plans(ind)
        missing = [y for y in years if y not in plans]
        if missing:
            yield r.finding(indicator_ref(ind), gettext_noop("no planned value for %(years)s"),
                            years=years_text(missing))
        if not ind.direction:
            yield r.finding(indicator_ref(ind), gettext_noop("the strategic indicator belongs to no priority direction"))


@rule("V-29", clause="cl. 71", severity=WARNING,
      title=gettext_noop("A breakdown by shares covers the years of its indicator and adds up to it"))
def shares_add_up(r, payload, ctx):
    by_code = {i.code: i for i in payload.indicators}
    children: dict[str, list] = defaultdict(list)
    own = f"{payload.code}:"
    for ind in payload.indicators:
        for link in ind.parents:
            if link.indicator.startswith(own) and link.kind == "share":
                children[link.indicator[len(own):]].append(ind)
    for code, rows in children.items():
        parent = by_code.get(code)
        if parent is None:
            continue
        total = annual_plans(parent)
        plans = [annual_plans(c) for c in rows]
        missing = sorted({y for y in total for p in plans if y not in p})
        if missing:
            yield r.finding(indicator_ref(parent), gettext_noop(
                "some rows of the breakdown have no value for %(years)s"), years=years_text(missing))
        for year in sorted(total):
            if all(year in p for p in plans):
                summed = sum((p[year] for p in plans), Decimal(0))
                if summed != total[year]:
                    yield r.finding(indicator_ref(parent), gettext_noop(
                        "in %(year)s the rows of the breakdown add up to %(sum)s, not %(total)s"),
                        year=year, sum=summed, total=total[year])


@rule("R-116b", clause="cl. 2(1), 116", severity=WARNING,
      title=gettext_noop("A copied indicator keeps the unit, polarity and values of its source"))
def copy_consistent(r, payload, ctx):
    own = {f"{payload.code}:{i.code}": i for i in payload.indicators}
    for ind in payload.indicators:
        for link in ind.parents:
            if link.kind != "copy":
                continue
            source = own.get(link.indicator)
            if source is not None:
                unit, polarity, values = text_of(source.unit), source.polarity, annual_plans(source)
            elif link.indicator in ctx.remote:
                remote = ctx.remote[link.indicator]
                unit, polarity, values = remote.unit, remote.polarity, remote.values
            else:
                continue
            if not same_text(unit, text_of(ind.unit)):
                yield r.finding(indicator_ref(ind), gettext_noop(
                    "the unit differs from the unit of its source %(source)s"), source=link.indicator)
            if polarity != ind.polarity:
                yield r.finding(indicator_ref(ind), gettext_noop(
                    "the direction of improvement differs from that of its source %(source)s"), source=link.indicator)
            if link.dimension != "document":  # a breakdown by region/district copies the indicator, not its values
                continue
            mine = annual_plans(ind)
            differ = [y for y in sorted(set(mine) & set(values)) if mine[y] != values[y]]
            if differ:
                yield r.finding(indicator_ref(ind), gettext_noop(
                    "the values for %(years)s differ from those of its source %(source)s"),
                    years=years_text(differ), source=link.indicator)


@rule("V-32", clause="cl. 95", severity=WARNING, types=[CONCEPT],
      title=gettext_noop("The target indicators of a concept derive from the National Development Plan"))
def concept_indicators_from_ndp(r, payload, ctx):
    for ind in main_indicators(payload, ("target", "macro")):
        parents = [ctx.remote.get(p.indicator) for p in external_parents(payload, ind)]
        if not any(p is not None and p.document_type == NDP for p in parents):
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the indicator is not linked to an indicator of the National Development Plan"))


@rule("V-44", clause="cl. 114", severity=ERROR, types=[SBDP],
      title=gettext_noop("Every indicator of a state body plan is a macroindicator, a target or a result indicator"))
def sbdp_indicator_category(r, payload, ctx):
    for ind in payload.indicators:
        if ind.kind == "strategic":
            yield r.finding(indicator_ref(ind), gettext_noop(
                "a strategic indicator belongs to the Strategic Indicator Map of the National Plan, not to this plan"))


@rule("V-63", clause="cl. 144", severity=ERROR, types=[RDP],
      title=gettext_noop("Every indicator of a regional plan is a macroindicator or linked to expenditure"))
def rdp_indicator_category(r, payload, ctx):
    for ind in payload.indicators:
        if ind.kind == "strategic":
            yield r.finding(indicator_ref(ind), gettext_noop(
                "a strategic indicator belongs to the Strategic Indicator Map of the National Plan, not to this plan"))


@rule("V-45", clause="cl. 116; Annex 3 (A3-V6)", severity=ERROR, types=[SBDP],
      title=gettext_noop("Macroindicators are copied from higher documents"))
def macro_copied(r, payload, ctx):
    for ind in main_indicators(payload, ("macro",)):
        if not external_parents(payload, ind):
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the macroindicator is not linked to an indicator of a higher document"))


@rule("A3-V5", clause="cl. 116 ¶3; Annex 3 (A3-V5)", severity=ERROR, types=[SBDP],
      title=gettext_noop("Macroindicators have no budget programme"))
def macro_without_programme(r, payload, ctx):
    for ind in main_indicators(payload, ("macro",)):
        if ind.budget_program_code:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "a macroindicator is not linked to a budget programme (%(programme)s)"),
                programme=ind.budget_program_code)


@rule("V-46", clause="cl. 114-116", severity=WARNING, types=[SBDP],
      title=gettext_noop("Target indicators are linked to budget programmes"))
def target_with_programme(r, payload, ctx):
    goals = {g.code: g for g in payload.goals}
    for ind in main_indicators(payload, ("target",)):
        goal = goals.get(ind.goal)
        if not ind.budget_program_code and not (goal and goal.budget_program_codes):
            yield r.finding(indicator_ref(ind), gettext_noop("the target indicator is linked to no budget programme"))


@rule("A3-V7", clause="Annex 3 expl. 5(5)", severity=ERROR, types=[SBDP],
      title=gettext_noop("A deputy head is responsible for each indicator of a state body plan"))
def deputy_head_responsible(r, payload, ctx):
    for ind in main_indicators(payload, ("target", "macro")):
        official = ind.responsible_official
        if official is None:
            yield r.finding(indicator_ref(ind), gettext_noop("no responsible official (deputy head) is named"))
            continue
        rank = ctx.official_ranks.get((ind.responsible or "", official.full_name))
        if rank is not None and rank != "deputy_head":
            yield r.finding(indicator_ref(ind), gettext_noop("%(name)s is not at deputy-head level"),
                            name=official.full_name)


@rule("V-48", clause="cl. 115 ¶4", severity=ERROR, types=[SBDP],
      title=gettext_noop("Each target indicator of a state body plan has its final year of achievement"))
def sbdp_final_year(r, payload, ctx):
    for ind in main_indicators(payload, ("target", "macro")):
        if ind.final_year is None:
            yield r.finding(indicator_ref(ind), gettext_noop("no final year of achievement"))


def _assigned_missing(payload, ctx):
    linked = linked_refs(payload)
    return [a for a in ctx.assigned if a.ref not in linked]


def _remote_ref(remote) -> ItemRef:
    return ItemRef("indicator", remote.ref, remote.title)


@rule("V-47", clause="cl. 6, 115 ¶3", severity=ERROR, types=[SBDP],
      title=gettext_noop("Every Strategic Indicator Map indicator assigned to the body is in its plan"))
def sim_in_sbdp(r, payload, ctx):
    for remote in _assigned_missing(payload, ctx):
        yield r.finding(_remote_ref(remote), gettext_noop(
            "assigned to %(org)s in %(document)s but no indicator of this plan carries it"),
            org=payload.developer, document=remote.document)


@rule("V-61", clause="cl. 6, 141 ¶3", severity=ERROR, types=[RDP],
      title=gettext_noop("Every Strategic Indicator Map and national project indicator assigned to the region is in "
                         "its plan"))
def sim_in_rdp(r, payload, ctx):
    for remote in _assigned_missing(payload, ctx):
        yield r.finding(_remote_ref(remote), gettext_noop(
            "assigned to the region in %(document)s but no indicator of this plan carries it"),
            document=remote.document)


@rule("V-62", clause="cl. 143", severity=ERROR, types=[RDP],
      title=gettext_noop("Additional indicators are at most 20 per cent of the indicators assigned to the region"))
def additional_cap(r, payload, ctx):
    # [DECISION] (SPEC A44) floor(20 % of the distinct indicators assigned to the region).
    extra = additional_indicators(payload)
    cap = len({a.ref for a in ctx.assigned}) * 20 // 100
    if len(extra) > cap:
        yield r.finding(document_ref(payload), gettext_noop(
            "%(count)s additional indicators (%(codes)s); at most %(cap)s are allowed for %(assigned)s assigned"),
            count=len(extra), codes=", ".join(i.code for i in extra), cap=cap, assigned=len(ctx.assigned))


@rule("V-66", clause="cl. 147", severity=ERROR, types=[RDP],
      title=gettext_noop("Additional indicators without official statistics have an agreed calculation methodology"))
def additional_methodology_agreed(r, payload, ctx):
    if payload.status not in APPROVED:
        return
    for ind in additional_indicators(payload):
        if ind.methodology.data_source_type != "official_statistics" and ind.methodology.status == "draft":
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the calculation methodology of this additional indicator is not agreed"))


@rule("V-54", clause="cl. 125", severity=WARNING, types=[SBDP],
      title=gettext_noop("An operational plan exists for each year of a state body plan in force"))
def operational_plans(r, payload, ctx):
    if payload.status != "in_force":
        return
    covered = {y for d in ctx.child_documents if d.type == "operational_plan"
               for y in range(d.period_start, d.period_end + 1)}
    missing = [y for y in range(payload.period_start, min(payload.period_end, ctx.today.year) + 1) if y not in covered]
    if missing:
        yield r.finding(document_ref(payload), gettext_noop("no operational plan for %(years)s"),
                        years=years_text(missing))


@rule("V-22", clause="cl. 60", severity=WARNING,
      title=gettext_noop("Each target and result indicator says whether its achievement depends on one state body or "
                         "on several bodies and organisations"))
def attribution_type(r, payload, ctx):
    # [INFERRED] (SPEC R-60): one state body means one responsible body whose subordinate organisations may
    # co-execute; several bodies means at least one other contributing organisation (a co-executor).
    for ind in main_indicators(payload, ("target", "result")):
        if not ind.attribution:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the type of the indicator is not set: does its achievement depend on one state body or on several "
                "bodies and organisations?"))
        elif ind.attribution == "single_body":
            others = [c.organization for c in ind.co_executors
                      if c.organization != ind.responsible
                      and (ctx.orgs.get(c.organization) is None
                           or ctx.orgs[c.organization].kind != "subordinate_organization")]
            if others:
                yield r.finding(indicator_ref(ind), gettext_noop(
                    "the achievement is said to depend on one state body, yet %(orgs)s co-execute it"),
                    orgs=", ".join(sorted(others)))
        elif ind.attribution == "multi_body" and not ind.co_executors:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the achievement is said to depend on several bodies and organisations, yet no co-executor is named"))


def _ndp_end(payload, ctx) -> int | None:
    """The last year of the current National Development Plan: the one the document implements, else the one its
    indicators are linked to."""
    ends = [d.period_end for d in ctx.higher_documents.values() if d.type == NDP]
    if not ends:
        ends = [ctx.remote[p.indicator].period_end for ind in payload.indicators for p in external_parents(payload, ind)
                if p.indicator in ctx.remote and ctx.remote[p.indicator].document_type == NDP]
    return max(ends) if ends else None


def worse(polarity: str, value: Decimal, reference: Decimal) -> bool:
    """True when `value` is worse than `reference` for an indicator of this polarity (dynamic ones only)."""
    if polarity == "increase":
        return value < reference
    if polarity == "decrease":
        return value > reference
    return False


@rule("V-34", clause="cl. 95 ¶3", severity=WARNING, types=[CONCEPT],
      title=gettext_noop("After the end of the current National Development Plan the values of a concept's indicators "
                         "do not worsen"))
def concept_values_after_ndp(r, payload, ctx):
    # [INFERRED] (SPEC R-95c, garbled text): each value after the NDP's last year is at least as good as the value
    # of that last year, by the indicator's polarity.
    end = _ndp_end(payload, ctx)
    if end is None or payload.period_end <= end:
        return
    for ind in main_indicators(payload):
        plans = annual_plans(ind)
        if end not in plans:
            continue
        later = [y for y in sorted(plans) if y > end and worse(ind.polarity, plans[y], plans[end])]
        if later:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the values for %(years)s are worse than %(value)s, the value of %(end)s, the last year of the "
                "National Development Plan"), years=years_text(later), value=plans[end], end=end)


@rule("V-65", clause="cl. 146", severity=WARNING, types=[RDP],
      title=gettext_noop("An indicator initiated by a central state body is one assigned to the region in a higher "
                         "document"))
def central_initiative_assigned(r, payload, ctx):
    # [INFERRED] (SPEC R-146): the indicator must be linked to an indicator that a higher document assigns to the
    # region (a Map or national project row of the region).
    assigned = {a.ref for a in ctx.assigned}
    for ind in main_indicators(payload, ("target", "macro", "result")):
        org = ctx.orgs.get(ind.initiator or "")
        if org is None or org.kind != "central_state_body":
            continue
        if not any(p.indicator in assigned or (p.indicator in ctx.remote
                                                and ctx.remote[p.indicator].territory == payload.territory)
                   for p in external_parents(payload, ind)):
            yield r.finding(indicator_ref(ind), gettext_noop(
                "initiated by the central state body %(org)s but not linked to an indicator assigned to the region in "
                "a higher document"), org=ind.initiator)


@rule("V-67", clause="cl. 149 ¶1; Annex 7", severity=ERROR, types=[RDP],
      title=gettext_noop("An indicator without official statistics by district is not broken down by district"))
def no_district_breakdown_without_statistics(r, payload, ctx):
    rows: dict[str, list[str]] = defaultdict(list)
    own = f"{payload.code}:"
    for ind in payload.indicators:
        for link in ind.parents:
            if link.indicator.startswith(own) and link.dimension == "district":
                rows[link.indicator[len(own):]].append(ind.code)
    for ind in payload.indicators:
        if not ind.district_statistics and rows.get(ind.code):
            yield r.finding(indicator_ref(ind), gettext_noop(
                "official statistics are not formed by district for this indicator, yet it has district rows: "
                "%(codes)s"), codes=", ".join(sorted(rows[ind.code])))


__all__ = ["additional_indicators", "add_month", "is_breakdown"]
