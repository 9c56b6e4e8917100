"""Working days of Kazakhstan and the deadline calendar of the monitoring cycle (SPEC part 2, ch. 4).

Pure Python (no Django): dates in, dates out. Two parts:

1. ``WorkingCalendar``: which days are working days for state bodies (five-day week, Monday to Friday),
   loaded from ``data/holidays_kz.json``.
2. The deadline calendar: a declarative table of every reporting obligation of ch. 4 (cl. 234-269) per
   document type, and ``obligations_for()`` that turns it into concrete dates for a reporting year.

Format of ``data/holidays_kz.json`` (``"format": "jospar.holidays_kz/1"``)
---------------------------------------------------------------------------
::

    {
      "format": "jospar.holidays_kz/1",
      "coverage": {"from_year": 2021, "to_year": 2031},    # years whose data is complete enough to rely on
      "weekend_isoweekdays": [6, 7],                        # Saturday, Sunday (five-day week)
      "fixed_holidays": [                                   # same day every year
        {"id": "nauryz_1", "month": 3, "day": 21,
         "kind": "state" | "national" | "religious",
         "day_off": true,                                   # false = a holiday that is a working day
         "carry_over": true,                                # Labour Code art. 85: on a weekend -> next working day off
         "from_year": null | 2022, "to_year": null | 2021,  # inclusive validity (the law changed in 2022)
         "names": {"kk": "...", "ru": "...", "en": "..."}, "note": "..."}
      ],
      "moveable_holidays": [                                # a date per year (Kurban Ait)
        {"id": "kurban_ait", "kind": "religious", "day_off": true, "carry_over": false, "names": {...},
         "dates": [{"date": "2026-05-27", "status": "known" | "computed"}]}
      ],
      "transfers": [                                        # the authorized body's "перенос выходных дней"
        {"working_day": "2024-05-04", "day_off": "2024-05-08", "status": "known", "act": "...", "note": "..."}
      ]
    }

``status``: ``known`` = taken from the published act or calendar; ``computed`` = an estimate (the Kurban
Ait dates after 2026) to be replaced when the date is announced. The days off produced by the carry-over
rule are never listed in the file: ``WorkingCalendar`` computes them (a holiday with ``carry_over`` that
falls on a weekend day gives a day off on the first following weekday that is not already a day off;
religious holidays do not carry over, Labour Code art. 84-85).

Decisions (the methodology is silent; each is a choice documented here and in the tests)
-------------------------------------------------------------------------------------------
* **D1, deadline on a day off.** Ch. 4 fixes dates (e.g. "15 February") but never says what happens when
  the date is a day off. We apply the Civil-Code rule on computing terms: a term whose last day is a
  non-working day ends on the next working day. ``Obligation.nominal_due`` keeps the printed date and
  ``Obligation.due`` the moved one.
* **D2, "дейін" (until) vs "кешіктірмей" (not later than).** cl. 240, 241, 245, 248, 249, 251, 254,
  256-259, 261, 266, 268 say "<date>-ге дейін"; cl. 236, 263, 267, 269 say "кешіктірмей". Both are
  read as "on or before the date" (the printed date is the last allowed day). A strict reading of
  "дейін" as "before the date" is available with ``obligations_for(..., exclusive_until=True)``.
* **D3, quarterly items of the National Plan (cl. 236).** "есепті айдың 10-күнінен кешіктірмей"
  (literally "not later than the 10th of the reporting month") is read as the 10th of the month
  following each quarter (SPEC part 2 reading): Q1 -> 10 April Y, Q2 -> 10 July Y, Q3 -> 10 October Y,
  Q4 -> 10 January Y+1. The Q4 item is kept although the annual report covers the same months.
* **D4, "N working days from receipt" (cl. 263, 267).** The day of receipt is not counted: the deadline
  is the N-th working day after it. Until the receipt is recorded, the latest possible receipt (the
  upstream deadline) is assumed and the obligation is marked ``estimated``.
* **D5, "at least 14 calendar days" of public comment (cl. 263).** A minimum period, not a deadline:
  it runs from the day after posting, its last day is posting + 14 calendar days and it is not moved
  off days off (moving would only lengthen it).
* **D6, reporting year.** Dates are in Y+1 for reporting year Y (every annual clause says "есепті
  жылдан кейінгі жылдың ..."); the correction limit of cl. 269 ("ағымдағы жылғы 15 желтоқсан") is read
  as 15 December of Y+1, the year in which the monitoring results for Y are available.
* **D7, documents without flows.** Ch. 4 has no report flow for the Territorial Development Plan and
  none for national projects (cl. 250 only names them in the President's Administration's report):
  ``obligations_for`` returns an empty list for TDP, NATIONAL_PROJECT, OPERATIONAL_PLAN, HOLDING_PLAN.
* **D8, calendar coverage.** ``WorkingCalendar`` is strict by default: a date outside the covered years
  raises ``CalendarCoverageError`` instead of silently ignoring the moveable holiday and transfers.

Editions: the table is the edition of Order No. 93 as amended by Orders No. 32 (2022) and No. 36 (2023)
(``ORDER_93``). Another edition (e.g. Order No. 260 of 2024 for concepts and national projects) is a new
``Edition`` with its own rules and ``effective_from``; ``obligations_for`` takes it as a parameter.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "DEFAULT_HOLIDAYS_PATH",
    "DEFAULT_DUE_SOON_DAYS",
    "ORDER_93",
    "EDITIONS",
    "AfterQuarter",
    "CalendarCoverageError",
    "CalendarDaysAfter",
    "DayOff",
    "describe",
    "DocumentType",
    "DueRule",
    "Edition",
    "FixedDate",
    "Holiday",
    "Label",
    "NoDeadline",
    "Obligation",
    "ObligationKind",
    "ObligationRule",
    "ObligationStatus",
    "Role",
    "WorkingCalendar",
    "WorkingDaysAfter",
    "Wording",
    "obligation_status",
    "obligations_for",
    "rules_for",
]

DEFAULT_HOLIDAYS_PATH = Path(__file__).with_name("data") / "holidays_kz.json"
DEFAULT_DUE_SOON_DAYS = 7


# --------------------------------------------------------------------------------------------------
# Working calendar
# --------------------------------------------------------------------------------------------------


class CalendarCoverageError(ValueError):
    """A date lies outside the years for which the holiday data is complete (decision D8)."""


@dataclass(frozen=True)
class DayOff:
    """Why a weekday is not a working day."""

    day: date
    reason: str  # "holiday" | "carry_over" | "transfer"
    holiday_id: str | None
    names: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    status: str = "known"  # "known" | "computed"


@dataclass(frozen=True)
class Holiday:
    """A public holiday of one year (``status``: "known" or "computed", see the data file)."""

    id: str
    day: date
    kind: str
    day_off: bool
    carry_over: bool
    names: Mapping[str, str]
    status: str


class WorkingCalendar:
    """Working days of the five-day week of Kazakhstan's state bodies.

    A day is a working day unless it is a weekend day (Saturday, Sunday), a public holiday that is a
    day off, a day off produced by the carry-over rule (Labour Code art. 85: a holiday on a weekend day
    moves that day off to the next working day), or a transferred day off; a weekend day made a
    working day by a transfer is a working day.
    """

    def __init__(self, data: Mapping[str, Any], *, strict: bool = True) -> None:
        if data.get("format") != "jospar.holidays_kz/1":
            raise ValueError(f"unsupported holiday data format: {data.get('format')!r}")
        coverage = data["coverage"]
        self.covered_years = range(int(coverage["from_year"]), int(coverage["to_year"]) + 1)
        self.strict = strict
        self._weekend = frozenset(int(d) for d in data.get("weekend_isoweekdays", (6, 7)))
        self._fixed = tuple(data.get("fixed_holidays", ()))
        self._moveable: dict[int, list[Holiday]] = {}
        for item in data.get("moveable_holidays", ()):
            for entry in item["dates"]:
                day = date.fromisoformat(entry["date"])
                self._moveable.setdefault(day.year, []).append(
                    Holiday(
                        id=item["id"],
                        day=day,
                        kind=item["kind"],
                        day_off=bool(item["day_off"]),
                        carry_over=bool(item["carry_over"]),
                        names=MappingProxyType(dict(item["names"])),
                        status=entry.get("status", "known"),
                    )
                )
        self._transfer_off: dict[date, str] = {}
        self._transfer_work: set[date] = set()
        for item in data.get("transfers", ()):
            self._transfer_off[date.fromisoformat(item["day_off"])] = item.get("status", "known")
            self._transfer_work.add(date.fromisoformat(item["working_day"]))
        self._year_cache: dict[int, dict[date, DayOff]] = {}

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None, *, strict: bool = True) -> WorkingCalendar:
        """Load a calendar from a JSON file (default: the bundled ``data/holidays_kz.json``)."""
        with open(path or DEFAULT_HOLIDAYS_PATH, encoding="utf-8") as fh:
            return cls(json.load(fh), strict=strict)

    @classmethod
    def default(cls) -> WorkingCalendar:
        """The bundled calendar, loaded once (strict)."""
        return _default_calendar()

    # -- holidays -----------------------------------------------------------------------------------

    def holidays(self, year: int) -> list[Holiday]:
        """Public holidays of ``year`` (days off or not), sorted by date."""
        self._check_year(year)
        result: list[Holiday] = []
        for item in self._fixed:
            lo, hi = item.get("from_year"), item.get("to_year")
            if (lo is not None and year < lo) or (hi is not None and year > hi):
                continue
            result.append(
                Holiday(
                    id=item["id"],
                    day=date(year, item["month"], item["day"]),
                    kind=item["kind"],
                    day_off=bool(item["day_off"]),
                    carry_over=bool(item["carry_over"]),
                    names=MappingProxyType(dict(item["names"])),
                    status="known",
                )
            )
        result.extend(self._moveable.get(year, ()))
        return sorted(result, key=lambda h: h.day)

    def days_off(self, year: int) -> list[DayOff]:
        """Weekdays of ``year`` that are not working days, with the reason; weekends are not listed."""
        return sorted(self._days_off_of_year(year).values(), key=lambda d: d.day)

    def _is_weekend(self, day: date) -> bool:
        return day.isoweekday() in self._weekend

    def _days_off_of_year(self, year: int) -> dict[date, DayOff]:
        cached = self._year_cache.get(year)
        if cached is not None:
            return cached
        holidays = self.holidays(year)
        off: dict[date, DayOff] = {}
        for h in holidays:
            if h.day_off:
                off[h.day] = DayOff(h.day, "holiday", h.id, h.names, h.status)
        for day, status in self._transfer_off.items():
            if day.year == year:
                off.setdefault(day, DayOff(day, "transfer", None, {}, status))
        # Labour Code art. 85: a holiday that coincides with a weekend day gives the next working day off.
        for h in holidays:
            if not (h.day_off and h.carry_over and self._is_weekend(h.day)):
                continue
            candidate = h.day + timedelta(days=1)
            while self._is_weekend(candidate) or candidate in off:
                candidate += timedelta(days=1)
            off[candidate] = DayOff(candidate, "carry_over", h.id, h.names, h.status)
        # No holiday of the Law falls on 30-31 December, so a carry-over never leaves its year; guard it.
        if any(d.year != year for d in off):
            raise ValueError(f"a day off of {year} computed outside the year; extend WorkingCalendar")
        self._year_cache[year] = off
        return off

    def _check_year(self, year: int) -> None:
        if self.strict and year not in self.covered_years:
            raise CalendarCoverageError(
                f"{year} is outside the holiday data ({self.covered_years.start}-{self.covered_years.stop - 1}); "
                "extend data/holidays_kz.json or use a non-strict calendar"
            )

    # -- queries --------------------------------------------------------------------------------------

    def day_off_reason(self, day: date) -> str | None:
        """``None`` for a working day, else ``"weekend"``, ``"holiday:<id>"``, ``"carry_over:<id>"`` or ``"transfer"``."""
        self._check_year(day.year)
        if day in self._transfer_work:
            return None
        entry = self._days_off_of_year(day.year).get(day)
        if entry is not None:
            return entry.reason if entry.holiday_id is None else f"{entry.reason}:{entry.holiday_id}"
        if self._is_weekend(day):
            return "weekend"
        return None

    def is_working_day(self, day: date) -> bool:
        """True when state bodies work on ``day`` (five-day week)."""
        return self.day_off_reason(day) is None

    def is_day_off(self, day: date) -> bool:
        return not self.is_working_day(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        candidate = day + timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate += timedelta(days=1)
        return candidate

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        candidate = day - timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate -= timedelta(days=1)
        return candidate

    def working_day_on_or_after(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day (decision D1)."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself not counted, decision D4).

        ``n == 0`` gives ``working_day_on_or_after(start)``; a negative ``n`` counts backwards.
        """
        if n == 0:
            return self.working_day_on_or_after(start)
        day = start
        step = self.next_working_day if n > 0 else self.previous_working_day
        for _ in range(abs(n)):
            day = step(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days d with ``start < d <= end`` (0 when ``end <= start``)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


@cache
def _default_calendar() -> WorkingCalendar:
    return WorkingCalendar.load()


# --------------------------------------------------------------------------------------------------
# Vocabulary of the deadline calendar
# --------------------------------------------------------------------------------------------------


class DocumentType(StrEnum):
    """Values equal ``jospar.planning.choices.DocumentType`` (cl. 1, 6)."""

    NDP = "ndp"
    TDP = "tdp"
    CONCEPT = "concept"
    NATIONAL_PROJECT = "national_project"
    SBDP = "sbdp"
    OPERATIONAL_PLAN = "operational_plan"
    RDP = "rdp"
    HOLDING_PLAN = "holding_plan"


class Role(StrEnum):
    """Who reports and to whom. ``STATE_PLANNING`` / ``STRATEGIC_PLANNING`` equal ``core.Authority`` values."""

    EXECUTOR = "executor"  # cl. 236: "орындаушылар" of operational monitoring
    CO_EXECUTOR = "co_executor"
    RESPONSIBLE_BODY = "responsible_body"  # body responsible for a strategic indicator (cl. 240-241)
    DEVELOPER = "developer"  # developer state body of the document
    STATE_PLANNING = "state_planning"  # authorized body for state planning
    STRATEGIC_PLANNING = "strategic_planning"  # authorized body for strategic planning
    LOCAL_STATE_PLANNING_BODY = "local_state_planning_body"  # of the oblast / city / capital (cl. 264-267)
    NATIONAL_PROJECT_OFFICE = "national_project_office"  # cl. 235
    GOVERNMENT = "government"
    PRESIDENTS_ADMINISTRATION = "presidents_administration"
    PRESIDENT = "president"
    PUBLIC = "public"  # posting on an internet resource


class ObligationKind(StrEnum):
    SUBMISSION = "submission"  # a report or information goes to another body
    PUBLICATION = "publication"  # posting on an internet resource
    PUBLIC_COMMENT_PERIOD = "public_comment_period"  # minimum period of public comment (D5)
    INTERNAL_STEP = "internal_step"  # consolidation by the recipient, no date of its own
    LIMIT = "limit"  # latest date for an optional action (correction)


class Wording(StrEnum):
    """How the clause words the term (decision D2)."""

    UNTIL = "дейін"  # "<date>-ге дейін"
    NOT_LATER_THAN = "кешіктірмей"
    WITHIN = "ішінде"  # "N жұмыс күні ішінде"
    AT_LEAST = "кемінде"
    NONE = ""


class ObligationStatus(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"  # not submitted, due within the warning window
    OVERDUE = "overdue"
    SUBMITTED_ON_TIME = "submitted_on_time"
    SUBMITTED_LATE = "submitted_late"


@dataclass(frozen=True)
class Label:
    en: str
    ru: str
    kk: str

    def get(self, language: str) -> str:
        return {"en": self.en, "ru": self.ru, "kk": self.kk}.get(language, self.kk)


# -- due-date rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FixedDate:
    """A fixed day and month in year ``Y + year_offset`` (Y = reporting year)."""

    month: int
    day: int
    year_offset: int = 1

    def describe(self) -> str:
        return f"{self.day:02d}.{self.month:02d} of Y+{self.year_offset}"


@dataclass(frozen=True)
class AfterQuarter:
    """``day`` of the ``months_after``-th month after the end of ``quarter`` of the reporting year."""

    quarter: int
    day: int = 10
    months_after: int = 1

    def describe(self) -> str:
        return f"day {self.day} of month {self.months_after} after Q{self.quarter}"


@dataclass(frozen=True)
class WorkingDaysAfter:
    """``n`` working days after the event ``after`` (an upstream obligation id, fulfilled / received)."""

    n: int
    after: str

    def describe(self) -> str:
        return f"{self.n} working days after {self.after}"


@dataclass(frozen=True)
class CalendarDaysAfter:
    """``n`` calendar days after the event ``after``; ``minimum_period`` = a period, not a deadline (D5)."""

    n: int
    after: str
    minimum_period: bool = False

    def describe(self) -> str:
        return f"{'at least ' if self.minimum_period else ''}{self.n} calendar days after {self.after}"


@dataclass(frozen=True)
class NoDeadline:
    """The clause sets no date."""

    def describe(self) -> str:
        return "no deadline in the methodology"


DueRule = FixedDate | AfterQuarter | WorkingDaysAfter | CalendarDaysAfter | NoDeadline


@dataclass(frozen=True)
class ObligationRule:
    """One reporting obligation of ch. 4, as the clause states it."""

    id: str
    document_type: DocumentType
    clause: str
    kind: ObligationKind
    reporter: Role
    recipients: tuple[Role, ...]
    label: Label
    due_rule: DueRule
    wording: Wording = Wording.NONE
    form: str | None = None  # "Annex 10" ...
    signed_by_first_head: bool = False
    mandatory: bool = True
    note: str = ""


@dataclass(frozen=True)
class Obligation:
    """An obligation with concrete dates for one reporting year."""

    rule: ObligationRule
    reporting_year: int
    nominal_due: date | None  # the date as printed / computed, before moving off a day off
    due: date | None  # the deadline to meet (D1); None when the methodology sets no date
    estimated: bool = False  # the triggering event is assumed, not recorded (D4)
    event_date: date | None = None  # the triggering event, for event-relative rules

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def clause(self) -> str:
        return self.rule.clause

    @property
    def moved(self) -> bool:
        """True when the printed date was a day off and the deadline moved (D1)."""
        return self.nominal_due is not None and self.due is not None and self.due != self.nominal_due

    @property
    def period_start(self) -> date | None:
        """First day of a minimum period (D5): the day after the event."""
        if isinstance(self.rule.due_rule, CalendarDaysAfter) and self.event_date is not None:
            return self.event_date + timedelta(days=1)
        return None


@dataclass(frozen=True)
class Edition:
    id: str
    title: str
    effective_from: date | None
    rules: tuple[ObligationRule, ...]
    note: str = ""


# --------------------------------------------------------------------------------------------------
# The table (Order No. 93, ch. 4)
# --------------------------------------------------------------------------------------------------

_D = DocumentType
_R = Role
_K = ObligationKind
_W = Wording


def _quarterly_ndp_rules() -> list[ObligationRule]:
    ordinal_kk = {1: "1-тоқсан", 2: "2-тоқсан", 3: "3-тоқсан", 4: "4-тоқсан"}
    return [
        ObligationRule(
            id=f"ndp.operational_monitoring.q{q}",
            document_type=_D.NDP,
            clause="cl. 236",  # cl. 234-237: quarterly (operational) monitoring led by the National Project Office
            kind=_K.SUBMISSION,
            reporter=_R.EXECUTOR,
            recipients=(_R.STRATEGIC_PLANNING, _R.STATE_PLANNING),
            label=Label(
                en=f"Operational monitoring results, Q{q}",
                ru=f"Результаты оперативного мониторинга за {q} квартал",
                kk=f"Жедел мониторинг нәтижелері, {ordinal_kk[q]}",
            ),
            due_rule=AfterQuarter(quarter=q, day=10),  # D3
            wording=_W.NOT_LATER_THAN,
            note="Reading of 'есепті айдың 10-күнінен кешіктірмей' (decision D3).",
        )
        for q in (1, 2, 3, 4)
    ]


_ORDER_93_RULES: tuple[ObligationRule, ...] = (
    # ---- National Development Plan (cl. 234-251) ---------------------------------------------------
    *_quarterly_ndp_rules(),
    ObligationRule(
        id="ndp.operational_proposals",
        document_type=_D.NDP,
        clause="cl. 238",
        kind=_K.SUBMISSION,
        reporter=_R.STRATEGIC_PLANNING,
        recipients=(_R.PRESIDENTS_ADMINISTRATION,),
        label=Label(
            en="Proposals from operational monitoring",
            ru="Предложения по итогам оперативного мониторинга",
            kk="Жедел мониторинг деректері негізіндегі ұсыныстар",
        ),
        due_rule=NoDeadline(),
        note="Taking into account the National Analytical Centre for Monitoring Reforms.",
    ),
    ObligationRule(
        id="ndp.co_executor_report",
        document_type=_D.NDP,
        clause="cl. 240",
        kind=_K.SUBMISSION,
        reporter=_R.CO_EXECUTOR,
        recipients=(_R.RESPONSIBLE_BODY,),
        label=Label(
            en="Report on the implementation of the National Plan (Annex 10)",
            ru="Отчёт о реализации Национального плана (приложение 10)",
            kk="Ұлттық жоспарды іске асыру туралы есеп (10-қосымша)",
        ),
        due_rule=FixedDate(5, 1),
        wording=_W.UNTIL,
        form="Annex 10",
    ),
    ObligationRule(
        id="ndp.responsible_body_report",
        document_type=_D.NDP,
        clause="cl. 241",
        kind=_K.SUBMISSION,
        reporter=_R.RESPONSIBLE_BODY,
        recipients=(_R.STRATEGIC_PLANNING, _R.STATE_PLANNING),
        label=Label(
            en="Report on the implementation of the National Plan, signed by the first head",
            ru="Отчёт о реализации Национального плана за подписью первого руководителя",
            kk="Бірінші басшы қол қойған Ұлттық жоспардың іске асырылуы туралы есеп",
        ),
        due_rule=FixedDate(6, 1),
        wording=_W.UNTIL,
        form="Annex 10",
        signed_by_first_head=True,
        note="Central and local bodies, national managing holdings, national holdings and national companies "
        "responsible for strategic indicators.",
    ),
    ObligationRule(
        id="ndp.consolidation",
        document_type=_D.NDP,
        clause="cl. 242",
        kind=_K.INTERNAL_STEP,
        reporter=_R.STATE_PLANNING,
        recipients=(),
        label=Label(
            en="Consolidated report (Annex 10) and draft conclusion (Annex 11)",
            ru="Сводный отчёт (приложение 10) и проект заключения (приложение 11)",
            kk="Жиынтық есеп (10-қосымша) және қорытынды жобасы (11-қосымша)",
        ),
        due_rule=NoDeadline(),
        form="Annex 10; Annex 11",
        note="cl. 242-244: in the last year of the Plan, for its whole period. Precedes ndp.to_government.",
    ),
    ObligationRule(
        id="ndp.to_government",
        document_type=_D.NDP,
        clause="cl. 245",
        kind=_K.SUBMISSION,
        reporter=_R.STATE_PLANNING,
        recipients=(_R.GOVERNMENT,),
        label=Label(
            en="Report and draft conclusion on the National Plan to the Government",
            ru="Отчёт и проект заключения о реализации Национального плана в Правительство",
            kk="Ұлттық жоспарды іске асыру туралы есеп пен қорытынды жобасы Үкіметке",
        ),
        due_rule=FixedDate(7, 1),
        wording=_W.UNTIL,
        form="Annex 10; Annex 11",
    ),
    ObligationRule(
        id="ndp.publication",
        document_type=_D.NDP,
        clause="cl. 247",
        kind=_K.PUBLICATION,
        reporter=_R.STATE_PLANNING,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Report on the National Plan posted on the internet resource",
            ru="Размещение отчёта о реализации Национального плана на интернет-ресурсе",
            kk="Ұлттық жоспардың іске асырылуы туралы есепті интернет-ресурста орналастыру",
        ),
        due_rule=NoDeadline(),
        signed_by_first_head=True,
        note="Except state secrets and information for official use.",
    ),
    ObligationRule(
        id="ndp.government_to_pa",
        document_type=_D.NDP,
        clause="cl. 248",
        kind=_K.SUBMISSION,
        reporter=_R.GOVERNMENT,
        recipients=(_R.PRESIDENTS_ADMINISTRATION,),
        label=Label(
            en="Refined conclusion with the report on the National Plan",
            ru="Доработанное заключение с отчётом о реализации Национального плана",
            kk="Пысықталған қорытынды Ұлттық жоспарды іске асыру туралы есеппен бірге",
        ),
        due_rule=FixedDate(7, 15),
        wording=_W.UNTIL,
    ),
    ObligationRule(
        id="ndp.strategic_conclusion",
        document_type=_D.NDP,
        clause="cl. 249",
        kind=_K.SUBMISSION,
        reporter=_R.STRATEGIC_PLANNING,
        recipients=(_R.PRESIDENTS_ADMINISTRATION,),
        label=Label(
            en="Own conclusion on the implementation of the National Plan",
            ru="Собственное заключение о ходе реализации Национального плана",
            kk="Ұлттық даму жоспарының іске асырылу барысы туралы өз қорытындысы",
        ),
        due_rule=FixedDate(7, 15),
        wording=_W.UNTIL,
    ),
    ObligationRule(
        id="ndp.pa_to_president",
        document_type=_D.NDP,
        clause="cl. 250",
        kind=_K.SUBMISSION,
        reporter=_R.PRESIDENTS_ADMINISTRATION,
        recipients=(_R.PRESIDENT,),
        label=Label(
            en="Report on the National Plan and national projects",
            ru="Доклад о ходе реализации Национального плана и национальных проектов",
            kk="Ұлттық жоспардың және ұлттық жобалардың іске асырылу барысы туралы баяндама",
        ),
        due_rule=NoDeadline(),
    ),
    ObligationRule(
        id="ndp.short_report",
        document_type=_D.NDP,
        clause="cl. 251",
        kind=_K.PUBLICATION,
        reporter=_R.STATE_PLANNING,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Short report 'plan - fact - comments' on the official site",
            ru="Краткий отчёт «план - факт - комментарии» на официальном интернет-ресурсе",
            kk="«Жоспар-факт-түсініктемелер» форматындағы қысқаша есеп ресми интернет-ресурста",
        ),
        due_rule=FixedDate(8, 1),
        wording=_W.UNTIL,
    ),
    # ---- Concepts (cl. 252-261, in the wording of Order No. 32) -------------------------------------
    ObligationRule(
        id="concept.co_executor_report",
        document_type=_D.CONCEPT,
        clause="cl. 254",
        kind=_K.SUBMISSION,
        reporter=_R.CO_EXECUTOR,
        recipients=(_R.DEVELOPER,),
        label=Label(
            en="Report on the progress of the concept (Annex 12), signed by the first head",
            ru="Отчёт о ходе реализации концепции (приложение 12) за подписью первого руководителя",
            kk="Тұжырымдаманы іске асыру барысы туралы есеп (12-қосымша), бірінші басшы қол қойған",
        ),
        due_rule=FixedDate(4, 15),
        wording=_W.UNTIL,
        form="Annex 12",
        signed_by_first_head=True,
    ),
    ObligationRule(
        id="concept.developer_report",
        document_type=_D.CONCEPT,
        clause="cl. 256",
        kind=_K.SUBMISSION,
        reporter=_R.DEVELOPER,
        recipients=(_R.STRATEGIC_PLANNING, _R.STATE_PLANNING),
        label=Label(
            en="Report on the implementation of the concept (Annex 12)",
            ru="Отчёт о реализации концепции (приложение 12)",
            kk="Тұжырымдаманың іске асырылуы туралы есеп (12-қосымша)",
        ),
        due_rule=FixedDate(5, 1),
        wording=_W.UNTIL,
        form="Annex 12",
        signed_by_first_head=True,
        note="cl. 255: formed from the co-executors' information.",
    ),
    ObligationRule(
        id="concept.publication",
        document_type=_D.CONCEPT,
        clause="cl. 256",
        kind=_K.PUBLICATION,
        reporter=_R.DEVELOPER,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Concept report posted on the internet resource",
            ru="Размещение отчёта о реализации концепции на интернет-ресурсе",
            kk="Тұжырымдаманың іске асырылуы туралы есепті интернет-ресурста орналастыру",
        ),
        due_rule=FixedDate(5, 1),
        wording=_W.UNTIL,
        signed_by_first_head=True,
        note="Except restricted-access information.",
    ),
    ObligationRule(
        id="concept.to_government",
        document_type=_D.CONCEPT,
        clause="cl. 257",
        kind=_K.SUBMISSION,
        reporter=_R.STATE_PLANNING,
        recipients=(_R.GOVERNMENT,),
        label=Label(
            en="Summary report and draft conclusion per concept to the Government",
            ru="Сводный отчёт и проект заключения по каждой концепции в Правительство",
            kk="Әрбір тұжырымдама бойынша жиынтық есеп және қорытынды жобасы Үкіметке",
        ),
        due_rule=FixedDate(6, 1),
        wording=_W.UNTIL,
        form="form similar to Annex 11",
    ),
    ObligationRule(
        id="concept.government_to_pa",
        document_type=_D.CONCEPT,
        clause="cl. 258",
        kind=_K.SUBMISSION,
        reporter=_R.GOVERNMENT,
        recipients=(_R.PRESIDENTS_ADMINISTRATION,),
        label=Label(
            en="Conclusions on the concepts with the reports",
            ru="Заключения по концепциям с отчётами о реализации",
            kk="Тұжырымдамалар бойынша қорытындылар іске асырылуы туралы есептермен бірге",
        ),
        due_rule=FixedDate(6, 20),
        wording=_W.UNTIL,
    ),
    ObligationRule(
        id="concept.strategic_conclusion",
        document_type=_D.CONCEPT,
        clause="cl. 259",
        kind=_K.SUBMISSION,
        reporter=_R.STRATEGIC_PLANNING,
        recipients=(_R.PRESIDENTS_ADMINISTRATION,),
        label=Label(
            en="Own conclusion on the implementation of the concepts",
            ru="Собственное заключение о ходе реализации концепций",
            kk="Тұжырымдамалардың іске асырылу барысы туралы өз қорытындысы",
        ),
        due_rule=FixedDate(6, 20),
        wording=_W.UNTIL,
    ),
    ObligationRule(
        id="concept.short_report",
        document_type=_D.CONCEPT,
        clause="cl. 261",
        kind=_K.PUBLICATION,
        reporter=_R.STATE_PLANNING,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Short report 'plan - fact - comments' on the concepts",
            ru="Краткий отчёт «план - факт - комментарии» о реализации концепций",
            kk="Тұжырымдамалардың іске асырылуы туралы «жоспар-нақты-түсіндірмелер» қысқаша есебі",
        ),
        due_rule=FixedDate(8, 1),
        wording=_W.UNTIL,
    ),
    # ---- State body development plans (cl. 262-263) ---------------------------------------------------
    ObligationRule(
        id="sbdp.publication",
        document_type=_D.SBDP,
        clause="cl. 263",
        kind=_K.PUBLICATION,
        reporter=_R.DEVELOPER,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Report posted on the body's internet resource for public comment",
            ru="Размещение отчёта на интернет-ресурсе для публичного обсуждения",
            kk="Есепті халықтың пікірі үшін интернет-ресурста орналастыру",
        ),
        due_rule=FixedDate(2, 15),
        wording=_W.NOT_LATER_THAN,
        form="Annex 13",
        signed_by_first_head=True,
        note="With wide information of the population through the media (cl. 263 ¶1).",
    ),
    ObligationRule(
        id="sbdp.public_comment",
        document_type=_D.SBDP,
        clause="cl. 263",
        kind=_K.PUBLIC_COMMENT_PERIOD,
        reporter=_R.DEVELOPER,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Public comment period (at least 14 calendar days)",
            ru="Период публичного обсуждения (не менее 14 календарных дней)",
            kk="Халықтың пікір білдіру кезеңі (кемінде күнтізбелік 14 күн)",
        ),
        due_rule=CalendarDaysAfter(14, after="sbdp.publication", minimum_period=True),
        wording=_W.AT_LEAST,
        note="The date is the last day of the minimum period (decision D5).",
    ),
    ObligationRule(
        id="sbdp.to_state_planning",
        document_type=_D.SBDP,
        clause="cl. 263",
        kind=_K.SUBMISSION,
        reporter=_R.DEVELOPER,
        recipients=(_R.STATE_PLANNING,),
        label=Label(
            en="Report sent for consolidation",
            ru="Направление отчёта для консолидации",
            kk="Есепті шоғырландыру үшін жіберу",
        ),
        due_rule=FixedDate(2, 15),
        wording=_W.NOT_LATER_THAN,
        form="Annex 13",
    ),
    ObligationRule(
        id="sbdp.state_planning_publication",
        document_type=_D.SBDP,
        clause="cl. 263",
        kind=_K.PUBLICATION,
        reporter=_R.STATE_PLANNING,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Received report posted on the internet resource",
            ru="Размещение поступившего отчёта на интернет-ресурсе",
            kk="Келіп түскен есепті интернет-ресурста орналастыру",
        ),
        due_rule=WorkingDaysAfter(5, after="sbdp.to_state_planning"),
        wording=_W.WITHIN,
        note="Within 5 working days from receipt (decision D4).",
    ),
    # ---- Regional development plans (cl. 264-269) -----------------------------------------------------
    ObligationRule(
        id="rdp.co_executor_information",
        document_type=_D.RDP,
        clause="cl. 266(1)",
        kind=_K.SUBMISSION,
        reporter=_R.CO_EXECUTOR,
        recipients=(_R.LOCAL_STATE_PLANNING_BODY,),
        label=Label(
            en="Information on the implementation of the regional plan",
            ru="Информация о реализации плана развития области, города",
            kk="Даму жоспарының іске асырылуы туралы ақпарат",
        ),
        due_rule=FixedDate(2, 15),
        wording=_W.UNTIL,
    ),
    ObligationRule(
        id="rdp.publication",
        document_type=_D.RDP,
        clause="cl. 266(2)",
        kind=_K.PUBLICATION,
        reporter=_R.LOCAL_STATE_PLANNING_BODY,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Report posted on the akimat's internet resource (Annex 14)",
            ru="Размещение отчёта на интернет-ресурсе акимата (приложение 14)",
            kk="Есепті әкімдіктің интернет-ресурсында орналастыру (14-қосымша)",
        ),
        due_rule=FixedDate(3, 1),
        wording=_W.UNTIL,
        form="Annex 14",
        signed_by_first_head=True,
    ),
    ObligationRule(
        id="rdp.to_state_planning",
        document_type=_D.RDP,
        clause="cl. 267",
        kind=_K.SUBMISSION,
        reporter=_R.LOCAL_STATE_PLANNING_BODY,
        recipients=(_R.STATE_PLANNING,),
        label=Label(
            en="Report sent for consolidation",
            ru="Направление отчёта для консолидации",
            kk="Есепті шоғырландыру үшін жіберу",
        ),
        due_rule=FixedDate(3, 10),
        wording=_W.NOT_LATER_THAN,
        form="Annex 14",
    ),
    ObligationRule(
        id="rdp.state_planning_publication",
        document_type=_D.RDP,
        clause="cl. 267",
        kind=_K.PUBLICATION,
        reporter=_R.STATE_PLANNING,
        recipients=(_R.PUBLIC,),
        label=Label(
            en="Received report posted on the internet resource",
            ru="Размещение поступившего отчёта на интернет-ресурсе",
            kk="Келіп түскен есепті интернет-ресурста орналастыру",
        ),
        due_rule=WorkingDaysAfter(5, after="rdp.to_state_planning"),
        wording=_W.WITHIN,
        note="Within 5 working days from receipt (decision D4).",
    ),
    ObligationRule(
        id="rdp.summary_to_pa",
        document_type=_D.RDP,
        clause="cl. 268",
        kind=_K.SUBMISSION,
        reporter=_R.STATE_PLANNING,
        recipients=(_R.PRESIDENTS_ADMINISTRATION,),
        label=Label(
            en="Short summary report on all regional plans",
            ru="Краткий сводный отчёт о реализации планов развития регионов",
            kk="Даму жоспарларының іске асырылуы туралы қысқаша жиынтық есеп",
        ),
        due_rule=FixedDate(4, 30),
        wording=_W.UNTIL,
    ),
    ObligationRule(
        id="rdp.correction_limit",
        document_type=_D.RDP,
        clause="cl. 269",
        kind=_K.LIMIT,
        reporter=_R.DEVELOPER,
        recipients=(),
        label=Label(
            en="Latest date to correct the plan and its plan of measures on monitoring results",
            ru="Крайний срок корректировки плана и плана мероприятий по итогам мониторинга",
            kk="Мониторинг нәтижелері бойынша жоспарды және іс-шаралар жоспарын түзетудің соңғы мерзімі",
        ),
        due_rule=FixedDate(12, 15),
        wording=_W.NOT_LATER_THAN,
        mandatory=False,
        note="Once a year (also cl. 211); 'current year' read as Y+1 (decision D6).",
    ),
)

ORDER_93 = Edition(
    id="order-93",
    title="Order No. 93 of 25.10.2021, as amended by Orders No. 32 (06.04.2022) and No. 36 (17.03.2023)",
    effective_from=None,  # in force ten calendar days after first official publication (Order cl. 5)
    rules=_ORDER_93_RULES,
)

EDITIONS: Mapping[str, Edition] = MappingProxyType({ORDER_93.id: ORDER_93})


def rules_for(document_type: DocumentType | str, *, edition: Edition = ORDER_93) -> list[ObligationRule]:
    """The declarative rules of ``document_type`` in table order (empty for types without flows, D7)."""
    dtype = DocumentType(document_type)
    return [rule for rule in edition.rules if rule.document_type == dtype]


# --------------------------------------------------------------------------------------------------
# Concrete dates
# --------------------------------------------------------------------------------------------------


def _quarter_deadline(year: int, rule: AfterQuarter) -> date:
    end_month = rule.quarter * 3
    month_index = (end_month - 1) + rule.months_after  # 0-based months since January of ``year``
    y, m = year + month_index // 12, month_index % 12 + 1
    return date(y, m, min(rule.day, _stdlib_calendar.monthrange(y, m)[1]))


def obligations_for(
    document_type: DocumentType | str,
    reporting_year: int,
    calendar: WorkingCalendar | None = None,
    *,
    events: Mapping[str, date] | None = None,
    exclusive_until: bool = False,
    edition: Edition = ORDER_93,
) -> list[Obligation]:
    """Every ch. 4 obligation of ``document_type`` for ``reporting_year`` with concrete dates.

    ``events`` maps an upstream obligation id to the date it was actually fulfilled (the report was
    received / posted); event-relative obligations use it, or else assume the upstream deadline and are
    marked ``estimated`` (D4). ``exclusive_until`` applies the strict reading of "дейін" (D2).
    Dated obligations come first, sorted by due date; undated ones follow in table order.
    """
    cal = calendar or WorkingCalendar.default()
    events = events or {}
    resolved: dict[str, Obligation] = {}
    result: list[Obligation] = []
    for rule in rules_for(document_type, edition=edition):
        obligation = _resolve(rule, reporting_year, cal, events, resolved, exclusive_until)
        resolved[rule.id] = obligation
        result.append(obligation)
    order = {o.id: i for i, o in enumerate(result)}
    return sorted(result, key=lambda o: (o.due is None, o.due or date.max, order[o.id]))


def _resolve(
    rule: ObligationRule,
    year: int,
    cal: WorkingCalendar,
    events: Mapping[str, date],
    resolved: Mapping[str, Obligation],
    exclusive_until: bool,
) -> Obligation:
    due_rule = rule.due_rule
    if isinstance(due_rule, NoDeadline):
        return Obligation(rule, year, None, None)
    if isinstance(due_rule, FixedDate | AfterQuarter):
        if isinstance(due_rule, FixedDate):
            nominal = date(year + due_rule.year_offset, due_rule.month, due_rule.day)
        else:
            nominal = _quarter_deadline(year, due_rule)
        if exclusive_until and rule.wording == Wording.UNTIL:
            nominal -= timedelta(days=1)  # D2, strict reading
        return Obligation(rule, year, nominal, cal.working_day_on_or_after(nominal))  # D1
    # event-relative rules
    event = events.get(due_rule.after)
    estimated = event is None
    if event is None:
        upstream = resolved.get(due_rule.after)
        if upstream is None or upstream.due is None:
            raise ValueError(f"{rule.id}: upstream obligation {due_rule.after!r} must precede it with a date")
        event = upstream.due
    if isinstance(due_rule, WorkingDaysAfter):
        due = cal.add_working_days(event, due_rule.n)  # D4: the event day is not counted
        return Obligation(rule, year, due, due, estimated=estimated, event_date=event)
    nominal = event + timedelta(days=due_rule.n)
    due = nominal if due_rule.minimum_period else cal.working_day_on_or_after(nominal)  # D5 / D1
    return Obligation(rule, year, nominal, due, estimated=estimated, event_date=event)


def obligation_status(
    due: date,
    submitted_on: date | None,
    today: date,
    *,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> ObligationStatus:
    """Status of one obligation on ``today``.

    Submitted: on time when ``submitted_on <= due`` (the deadline day itself counts), else late.
    Not submitted: overdue after ``due``; ``due`` when at most ``due_soon_days`` calendar days remain
    (including the deadline day itself); otherwise upcoming.
    """
    if due_soon_days < 0:
        raise ValueError("due_soon_days must not be negative")
    if submitted_on is not None:
        return ObligationStatus.SUBMITTED_ON_TIME if submitted_on <= due else ObligationStatus.SUBMITTED_LATE
    if today > due:
        return ObligationStatus.OVERDUE
    if (due - today).days <= due_soon_days:
        return ObligationStatus.DUE
    return ObligationStatus.UPCOMING


def describe(obligations: Iterable[Obligation], language: str = "en") -> list[str]:
    """One human-readable line per obligation (for the CLI and debugging)."""
    lines = []
    for o in obligations:
        when = o.due.isoformat() if o.due else "—"
        moved = f" (moved from {o.nominal_due.isoformat()})" if o.moved and o.nominal_due else ""
        lines.append(
            f"{when}{moved} {o.clause} {o.rule.reporter} -> {', '.join(o.rule.recipients) or '—'}: "
            f"{o.rule.label.get(language)}"
        )
    return lines
