"""A deterministic synthetic country for load tests and benchmarks (`jospar generate`).

On top of the real reference data (20 regions, their districts, the organizations shipped with Jospar) it
writes a whole State Planning System at one of three scales:

    national   the National Development Plan (120 strategic indicators, each decomposed to every region),
               the Territorial Development Plan (50 indicators), 30 concepts (30 indicators, 100 measures),
               10 national projects (20 indicators), 40 state body plans (60 indicators, 150 measures) and
               20 regional plans (120 indicators broken down by every district of the region, 300 measures)
    region     the NDP and TDP as above, one regional plan (the region with the most districts), 4 state
               body plans, 3 concepts and 1 national project
    small      a few hundred rows, for tests

Every document code starts with `gen-` (the demo never does). Values are consistent across levels: an
additive indicator is split exactly among regions and then districts (cl. 2(1) "share"; the parts add up
to the whole, plan and fact alike), a rate is copied with local values (cl. 2(1) "copy"). The macroindicators
of a regional plan copy the region's row of the NDP map (cl. 144). Facts exist for the first two years, with
a reason whenever the plan was missed (cl. 193); every measure is financed for each year of its span from one
to three of the eight sources of cl. 185, absorbed for the years with facts.

Speed: rows are plain dicts of column values (no model instances), ids are reserved from the sequences
first, and the rows are written with COPY on PostgreSQL (executemany elsewhere) in one transaction, with no
per-row query: the national scale (360,000 rows) takes about 25 s on 2 cores. Bulk writes bypass
django-simple-history, so generated rows have no history by default (they are test data, not anyone's
work); `history=True` writes one "+" record per row with the reason REASON, the same way (about 2x slower).

Deterministic: the same scale, seed and years give the same documents, items and numbers (not the same
primary keys).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from jospar.core.models import REGION_KINDS, Organization, OrganizationKind, Territory
from jospar.core.services import do_load_organizations, do_load_territories
from jospar.planning.choices import (
    Accumulation,
    BudgetLevel,
    Confidentiality,
    DataSourceType,
    DecompositionDimension,
    DecompositionKind,
    DocumentStatus,
    DocumentType,
    FinancingSource,
    IndicatorKind,
    MethodStatus,
    Polarity,
    ValueKind,
)
from jospar.planning.models import (
    DecompositionLink,
    Direction,
    Document,
    Financing,
    Goal,
    Indicator,
    IndicatorCoExecutor,
    IndicatorValue,
    Measure,
    Section,
    Task,
)
from jospar.planning.sections import required_sections

PREFIX = "gen-"
BODY_PREFIX = "gen-body-"
REASON = "synthetic data (jospar generate)"
FACT_YEARS = 2  # facts for the first two years of the period
FLUSH_ROWS = 60_000  # rows kept in memory before they are written
BATCH = 5_000


class GenerationError(Exception):
    """The generator was asked for something it cannot do; nothing was written."""


@dataclass(frozen=True)
class Scale:
    name: str
    ndp_indicators: int
    tdp_indicators: int
    concepts: int
    concept_indicators: int
    concept_measures: int
    national_projects: int
    np_indicators: int
    state_bodies: int
    sbdp_indicators: int
    sbdp_measures: int
    regions: int  # regional plans: 20 = every region; fewer = the regions with the most districts
    rdp_indicators: int
    rdp_measures: int
    smallest_regions: bool = False  # pick the regions with the fewest districts (keeps `small` small)


SCALES: dict[str, Scale] = {
    "national": Scale("national", 120, 50, 30, 30, 100, 10, 20, 40, 60, 150, 20, 120, 300),
    "region": Scale("region", 120, 50, 3, 30, 100, 1, 20, 4, 60, 150, 1, 120, 300),
    "small": Scale("small", 3, 3, 1, 3, 4, 1, 3, 2, 4, 5, 1, 4, 5, smallest_regions=True),
}


@dataclass
class GenerationReport:
    scale: str
    seed: int
    years: tuple[int, int]
    counts: Counter = field(default_factory=Counter)
    deleted: int = 0
    seconds: float = 0.0
    history: bool = False

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        out = [f"{name:<28} {n:>10,}" for name, n in sorted(self.counts.items())]
        out.append(f"{'total rows':<28} {self.rows:>10,}")
        return out


# ------------------------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Topic:
    kk: str
    ru: str
    en: str
    unit: tuple[str, str, str]
    additive: bool
    polarity: str = Polarity.INCREASE


TOPICS = (
    Topic("Жалпы өңірлік өнім", "Валовой региональный продукт", "Gross regional product",
          ("млрд теңге", "млрд тенге", "bn tenge"), True),
    Topic("Құрылған жұмыс орындары", "Созданные рабочие места", "Jobs created", ("адам", "человек", "people"), True),
    Topic("Пайдалануға берілген тұрғын үй", "Ввод в эксплуатацию жилья", "Housing commissioned",
          ("мың ш.м.", "тыс. кв. м", "thousand sq m"), True),
    Topic("Негізгі капиталға инвестициялар", "Инвестиции в основной капитал", "Investment in fixed capital",
          ("млрд теңге", "млрд тенге", "bn tenge"), True),
    Topic("Жаңа оқушы орындары", "Новые ученические места", "New school places", ("орын", "мест", "places"), True),
    Topic("Жөнделген жергілікті жолдар", "Отремонтированные местные дороги", "Local roads repaired",
          ("км", "км", "km"), True),
    Topic("Ауыл шаруашылығы өнімі", "Продукция сельского хозяйства", "Agricultural output",
          ("млрд теңге", "млрд тенге", "bn tenge"), True),
    Topic("Ішкі туристер саны", "Число внутренних туристов", "Domestic tourists",
          ("адам", "человек", "people"), True),
    Topic("Жұмыссыздық деңгейі", "Уровень безработицы", "Unemployment rate", ("%", "%", "%"), False,
          Polarity.DECREASE),
    Topic("Кедейлік деңгейі", "Уровень бедности", "Poverty rate", ("%", "%", "%"), False, Polarity.DECREASE),
    Topic("Ауыз сумен қамтамасыз ету", "Обеспеченность питьевой водой", "Access to drinking water",
          ("%", "%", "%"), False),
    Topic("Жергілікті жолдардың жақсы жағдайдағы үлесі", "Доля местных дорог в хорошем состоянии",
          "Local roads in good condition", ("%", "%", "%"), False),
    Topic("Газдандыру деңгейі", "Уровень газификации", "Gasification", ("%", "%", "%"), False),
    Topic("Мектепке дейінгі біліммен қамту", "Охват дошкольным образованием", "Preschool enrolment",
          ("%", "%", "%"), False),
)

MEASURE_WORDS = (
    ("Нысанды салу", "Строительство объекта", "Construction of a facility"),
    ("Жабдықтар сатып алу", "Приобретение оборудования", "Purchase of equipment"),
    ("Күрделі жөндеу", "Капитальный ремонт", "Major repairs"),
    ("Бағдарламаны іске асыру", "Реализация программы", "Implementation of a programme"),
    ("Мамандарды оқыту", "Обучение специалистов", "Training of specialists"),
)

DOC_TITLES = {
    DocumentType.NDP: ("Ұлттық даму жоспары", "Национальный план развития", "National Development Plan"),
    DocumentType.TDP: ("Елдің аумақтық даму жоспары", "План территориального развития страны",
                       "Territorial Development Plan of the Country"),
    DocumentType.CONCEPT: ("Даму тұжырымдамасы", "Концепция развития", "Development concept"),
    DocumentType.NATIONAL_PROJECT: ("Ұлттық жоба", "Национальный проект", "National project"),
    DocumentType.SBDP: ("Мемлекеттік органның даму жоспары", "План развития государственного органа",
                        "Development plan of a state body"),
    DocumentType.RDP: ("Өңірдің даму жоспары", "План развития региона", "Regional development plan"),
}

SOURCES = tuple(FinancingSource.values)


# ----------------------------------------------------------------------------------------------- numbers


def split_units(total: int, weights: list[int]) -> list[int]:
    """Split an integer by integer weights so that the parts add up to it exactly (largest remainder).

    >>> split_units(10, [1, 1, 1])
    [4, 3, 3]
    """
    wsum = sum(weights)
    raw = [total * w for w in weights]
    parts = [r // wsum for r in raw]
    for k in sorted(range(len(raw)), key=lambda k: (-(raw[k] % wsum), k))[: total - sum(parts)]:
        parts[k] += 1
    return parts


@dataclass
class Series:
    """Plans and facts of one indicator, in integer units of 10^-dp (dp=0 for counts, 1 for rates)."""

    dp: int
    baseline: int
    plans: list[int]
    facts: list[int | None]

    def dec(self, n: int | None) -> Decimal | None:
        return None if n is None else Decimal(n).scaleb(-self.dp)


def missed(polarity: str, plan: int, fact: int | None) -> bool:
    if fact is None:
        return False
    return fact < plan if polarity != Polarity.DECREASE else fact > plan


Row = dict[str, Any]


def tr(name: str, kk: str, ru: str = "", en: str = "") -> Row:
    """A translated text column: the kk/ru/en columns and the original one, which holds the default (kk)."""
    return {name: kk, f"{name}_kk": kk, f"{name}_ru": ru, f"{name}_en": en}


class _Writer:
    """Rows (plain dicts of column values) waiting to be written, flushed in dependency order.

    Primary keys are taken from the database up front (PostgreSQL sequences; on SQLite the next free
    numbers inside the write transaction), so rows refer to each other by id before anything is written.
    PostgreSQL gets COPY, other databases a parameterised executemany; no model instance is ever built.
    """

    ORDER: tuple[type[models.Model], ...] = (
        Organization, Document, Document.parents.through, Section, Direction, Goal, Task, Indicator,
        IndicatorValue, IndicatorCoExecutor, DecompositionLink, Measure, Measure.indicators.through, Financing,
    )

    def __init__(self, *, history: bool, user_id: int | None, counts: Counter):
        self.pending: dict[type, list[Row]] = {m: [] for m in self.ORDER}
        self.history = history
        self.user_id = user_id
        self.counts = counts
        self.size = 0
        self.free_ids: dict[type, list[int]] = {}
        self.defaults = {m: {f.attname: f.get_default() for f in m._meta.concrete_fields if not f.primary_key}
                         for m in self.ORDER}
        self.now = timezone.now()

    def _reserve(self, model: type[models.Model], n: int) -> list[int]:
        table = model._meta.db_table
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
                return [r[0] for r in cur.fetchall()]
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            top = cur.fetchone()[0]
            if connection.vendor == "sqlite":
                cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                seq = cur.fetchone()
                top = max(top, seq[0] if seq else 0)
            top = max(top, getattr(self, "_top", {}).get(model, 0))
            self.__dict__.setdefault("_top", {})[model] = top + n
            return list(range(top + 1, top + n + 1))

    def add(self, model: type[models.Model], values: Row, *, with_id: bool = True) -> Row:
        row = {**self.defaults[model], **values}
        if with_id:
            ids = self.free_ids.get(model)
            if not ids:
                ids = self.free_ids[model] = self._reserve(model, 20_000 if model in BIG else 200)
                ids.reverse()
            row["id"] = ids.pop()
        self.pending[model].append(row)
        self.size += 1
        return row

    def maybe_flush(self) -> None:
        if self.size >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        for model in self.ORDER:
            rows = self.pending[model]
            if not rows:
                continue
            self._write(model._meta.db_table, rows)
            if self.history and hasattr(model, "history"):
                extra = {"history_date": self.now, "history_change_reason": REASON, "history_type": "+",
                         "history_user_id": self.user_id}
                self._write(model.history.model._meta.db_table, [{**r, **extra} for r in rows])
                self.counts[model.history.model._meta.label] += len(rows)
            self.counts[model._meta.label] += len(rows)
            self.pending[model] = []
        self.size = 0

    @staticmethod
    def _write(table: str, rows: list[Row]) -> None:
        columns = [c for c in rows[0] if not c.startswith("_")]
        qn = connection.ops.quote_name
        names = ", ".join(qn(c) for c in columns)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                with cur.cursor.copy(f"COPY {qn(table)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([row[c] for c in columns])
                return
            sql = f"INSERT INTO {qn(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
            for start in range(0, len(rows), BATCH):
                cur.executemany(sql, [[row[c] for c in columns] for row in rows[start:start + BATCH]])


BIG = (Indicator, IndicatorValue, DecompositionLink, Measure, Financing)


# ---------------------------------------------------------------------------------------------- generator


class _Generator:
    def __init__(self, scale: Scale, seed: int, years: tuple[int, int], out: _Writer):
        self.scale = scale
        self.seed = seed
        self.first, self.last = years
        self.years = list(range(self.first, self.last + 1))
        self.fact_years = set(self.years[:FACT_YEARS])
        self.out = out
        self.regions = list(Territory.objects.filter(kind__in=REGION_KINDS, parent=None).order_by("kato"))
        self.districts: dict[int, list[Territory]] = {r.pk: [] for r in self.regions}
        for d in Territory.objects.filter(parent__in=self.regions).order_by("kato"):
            self.districts[d.parent_id].append(d)
        self.orgs: dict[str, Row] = {o["code"]: o for o in Organization.objects.values("id", "code", "kind", "parent_id",
                                                                                       "territory_id", "name_kk",
                                                                                       "name_ru", "name_en", "name")}
        self.akimat_by_territory: dict[int, Row] = {}
        # Region akimats first, so that a district akimat never replaces its region's on a shared territory.
        for o in sorted(self.orgs.values(), key=lambda o: (o["parent_id"] is None, o["code"])):
            if o["kind"] == OrganizationKind.LOCAL_EXECUTIVE_BODY and o["territory_id"]:
                self.akimat_by_territory[o["territory_id"]] = o
        # The NDP map: (strategic indicator number, region pk) -> (indicator, series, topic), for regional plans.
        self.ndp_regional: dict[tuple[int, int], tuple[Row, Series, Topic]] = {}
        self.ndp_national: list[Row] = []

    def rng(self, *key) -> random.Random:
        """A random stream of its own for each item, so that a change in one place moves nothing else."""
        return random.Random(f"{self.seed}:" + ":".join(str(k) for k in key))

    # -------------------------------------------------------------------------------- organizations

    def central_bodies(self) -> list[Row]:
        """The real central state bodies, topped up with synthetic ones `gen-body-NN` to the scale's count."""
        real = sorted((o for o in self.orgs.values() if o["kind"] == OrganizationKind.CENTRAL_STATE_BODY
                       and not o["code"].startswith(BODY_PREFIX)), key=lambda o: o["code"])
        bodies = real[: self.scale.state_bodies]
        government = self.orgs.get("government")
        n = 0
        while len(bodies) < self.scale.state_bodies:
            n += 1
            code = f"{BODY_PREFIX}{n:02d}"
            if code not in self.orgs:
                self.orgs[code] = self.out.add(Organization, {
                    "code": code, "kind": OrganizationKind.CENTRAL_STATE_BODY, "is_active": True,
                    "parent_id": government["id"] if government else None,
                    **tr("name", f"Синтетикалық орган {n}", f"Синтетический орган {n}", f"Synthetic body {n}"),
                    **tr("abbreviation", f"СО-{n}", f"СО-{n}", f"SB-{n}"),
                })
            bodies.append(self.orgs[code])
        return bodies

    # ------------------------------------------------------------------------------------ documents

    def document(self, code: str, kind: str, number: str, developer: Row, *, territory: Territory | None = None,
                 parents: Iterable[Row] = (), title_suffix: tuple[str, str, str] = ("", "", "")) -> Row:
        kk, ru, en = DOC_TITLES[kind]
        doc = self.out.add(Document, {
            "code": code, "type": kind, "period_start": self.first, "period_end": self.last,
            "developer_id": developer["id"], "territory_id": territory.pk if territory else None,
            "status": DocumentStatus.IN_FORCE, "confidentiality": Confidentiality.OPEN,
            **tr("title", f"{kk}{title_suffix[0]} {self.first}-{self.last}",
                 f"{ru}{title_suffix[1]} на {self.first}-{self.last} годы",
                 f"{en}{title_suffix[2]} {self.first}-{self.last}"),
            "approval_act_name": "Synthetic approving act", "approval_act_number": number,
            "approval_act_date": date(self.first - 1, 12, 28), "version": 1,
            **tr("basis", "Синтетикалық деректер", "Синтетические данные", "Synthetic data"),
            **tr("mission", ""), **tr("vision", ""),
        })
        for parent in parents:
            self.out.add(Document.parents.through, {"from_document_id": doc["id"], "to_document_id": parent["id"]},
                         with_id=False)
        for n, spec in enumerate(required_sections(kind), start=1):
            self.out.add(Section, {
                "document_id": doc["id"], "key": spec.key, "order": n, "confidentiality": Confidentiality.OPEN,
                **tr("title", spec.kk, spec.ru, spec.en),
                **tr("text", f"{spec.kk}: синтетикалық мәтін.", f"{spec.ru}: синтетический текст.",
                     f"{spec.en}: synthetic text."),
            })
        return doc

    def skeleton(self, doc: Row, n_directions: int = 3, goals_per: int = 2, tasks_per: int = 2):
        goals, tasks = [], []
        for d in range(1, n_directions + 1):
            direction = self.out.add(Direction, {"document_id": doc["id"], "code": str(d), "order": d,
                                                 **tr("title", f"Бағыт {d}", f"Направление {d}", f"Direction {d}")})
            for g in range(1, goals_per + 1):
                goal = self.out.add(Goal, {
                    "document_id": doc["id"], "direction_id": direction["id"], "code": f"{d}.{g}", "order": g,
                    "achievement_year": self.last, "budget_program_codes": f"{(d * 10 + g):03d}",
                    **tr("title", f"Мақсат {d}.{g}", f"Цель {d}.{g}", f"Goal {d}.{g}"),
                })
                goals.append(goal)
                for t in range(1, tasks_per + 1):
                    task = self.out.add(Task, {
                        "goal_id": goal["id"], "code": str(t), "order": t, "deadline_year": self.last,
                        **tr("title", f"Міндет {d}.{g}.{t}", f"Задача {d}.{g}.{t}", f"Task {d}.{g}.{t}"),
                    })
                    task["_goal"] = goal  # a handle for the generator; columns never start with "_"
                    tasks.append(task)
        return goals, tasks

    # ----------------------------------------------------------------------------------- indicators

    def series(self, topic: Topic, rng: random.Random) -> Series:
        n = len(self.years)
        if topic.additive:
            base = rng.randint(20_000, 2_000_000)
            plans, value = [], base
            for _ in range(n):
                value = round(value * (1 + rng.uniform(0.01, 0.05)))
                plans.append(value)
            dp = 0
        else:
            base = rng.randint(150, 850)  # 15.0 .. 85.0 %
            step = rng.randint(2, 12) * (-1 if topic.polarity == Polarity.DECREASE else 1)
            plans = [max(1, min(1000, base + step * (k + 1))) for k in range(n)]
            dp = 1
        facts = [round(p * rng.uniform(0.95, 1.05)) if y in self.fact_years else None
                 for p, y in zip(plans, self.years, strict=True)]
        if not topic.additive:
            facts = [None if f is None else max(0, min(1000, f)) for f in facts]
        return Series(dp, base, plans, facts)

    @staticmethod
    def split(parent: Series, weights: list[int]) -> list[Series]:
        """Additive: exact shares of every plan, fact and baseline (cl. 2(1) "share")."""
        bases = split_units(parent.baseline, weights)
        plans = list(zip(*[split_units(p, weights) for p in parent.plans], strict=True))
        facts = list(zip(*[split_units(f, weights) if f is not None else [None] * len(weights)
                           for f in parent.facts], strict=True))
        return [Series(parent.dp, bases[k], list(plans[k]), list(facts[k])) for k in range(len(weights))]

    @staticmethod
    def localize(parent: Series, rng: random.Random) -> Series:
        """A rate copied to a territory at a local level (cl. 2(1) "copy")."""
        delta = rng.randint(-60, 60)

        def shift(v):
            return None if v is None else max(0, min(1000, v + delta))

        return Series(parent.dp, shift(parent.baseline), [shift(v) for v in parent.plans],
                      [shift(v) for v in parent.facts])

    def indicator(self, doc: Row, code: str, order: int, kind: str, topic: Topic, series: Series, *,
                  goal: Row | None, task: Row | None, responsible: Row, territory: Territory | None = None,
                  place: tuple[str, str, str] | None = None, in_map: bool = False, number: int = 0) -> Row:
        suffix = [f" ({p})" for p in place] if place else ["", "", ""]
        tag = f" №{number}" if number else ""
        ind = self.out.add(Indicator, {
            "document_id": doc["id"], "direction_id": goal["direction_id"] if goal else None,
            "goal_id": goal["id"] if goal else None, "task_id": task["id"] if task else None,
            "kind": kind, "code": code, "order": order,
            **tr("title", f"{topic.kk}{tag}{suffix[0]}", f"{topic.ru}{tag}{suffix[1]}", f"{topic.en}{tag}{suffix[2]}"),
            **tr("unit", *topic.unit),
            "value_kind": ValueKind.ABSOLUTE if topic.additive else ValueKind.RELATIVE,
            "polarity": topic.polarity, "accumulation": Accumulation.ANNUAL, "baseline_year": self.first - 1,
            "baseline_value": series.dec(series.baseline), "final_year": self.last, "in_strategic_map": in_map,
            "data_source_type": DataSourceType.OFFICIAL_STATISTICS,
            **tr("information_source", "ҰСБ деректері", "Данные БНС", "Bureau of National Statistics data"),
            **tr("definition", f"{topic.kk} (синтетикалық)", f"{topic.ru} (синтетический)", f"{topic.en} (synthetic)"),
            **tr("calculation_method", ""),
            "method_status": MethodStatus.APPROVED, "responsible_id": responsible["id"],
            "territory_id": territory.pk if territory else None, "confidentiality": Confidentiality.OPEN,
        })
        for year, plan, fact in zip(self.years, series.plans, series.facts, strict=True):
            self.out.add(IndicatorValue, {
                "indicator_id": ind["id"], "year": year, "quarter": 0, "plan": series.dec(plan),
                "fact": series.dec(fact),
                "reason": "Synthetic: external factors" if missed(topic.polarity, plan, fact) else "",
            })
        return ind

    def link(self, parent: Row, child: Row, kind: str, dimension: str) -> None:
        self.out.add(DecompositionLink, {"parent_id": parent["id"], "child_id": child["id"], "kind": kind,
                                         "dimension": dimension})

    def breakdown(self, doc: Row, parent: Row, code: str, order: int, kind: str, topic: Topic, series: Series,
                  places: list[Territory], dimension: str, responsible: Callable[[Territory], Row],
                  goal: Row | None, in_map: bool = False) -> list[tuple[Row, Series]]:
        """Child indicators of `parent` for each territory, in the same document (Annex 7; the NDP map)."""
        if not places:
            return []
        rng = self.rng(doc["code"], code, "split")
        if topic.additive:
            parts = self.split(series, [rng.randint(5, 100) for _ in places])
            link_kind = DecompositionKind.SHARE
        else:
            parts = [self.localize(series, rng) for _ in places]
            link_kind = DecompositionKind.COPY
        letter = "R" if dimension == DecompositionDimension.REGION else "D"
        out = []
        for n, (place, part) in enumerate(zip(places, parts, strict=True), start=1):
            child = self.indicator(
                doc, f"{code}.{letter}{place.kato}", order * 100 + n, kind, topic, part, goal=goal, task=None,
                responsible=responsible(place), territory=place, in_map=in_map,
                place=(place.name_kk or place.name, place.name_ru or place.name, place.name_en or place.name),
            )
            self.link(parent, child, link_kind, dimension)
            out.append((child, part))
        return out

    def spread_indicators(self, doc: Row, count: int, goals: list[Row], tasks: list[Row], responsible: Row, *,
                          higher: list[Row], n_linked: int, link_kind: str, dimension: str) -> dict[int, list[Row]]:
        """Target indicators (one goal after another), then result indicators (one task after another); the
        first `n_linked` carry a higher indicator (cl. 60-62)."""
        by_goal: dict[int, list[Row]] = {}
        for n in range(1, count + 1):
            rng = self.rng(doc["code"], "TI", n)
            topic = TOPICS[rng.randrange(len(TOPICS))]
            task = tasks[(n - 1) % len(tasks)] if tasks and n > count // 2 else None
            goal = task["_goal"] if task else goals[(n - 1) % len(goals)]
            kind = IndicatorKind.RESULT if task else IndicatorKind.TARGET
            ind = self.indicator(doc, f"{'RI' if task else 'TI'}-{n:03d}", n, kind, topic, self.series(topic, rng),
                                 goal=goal, task=task, responsible=responsible, number=n)
            by_goal.setdefault(goal["id"], []).append(ind)
            if n <= n_linked and higher:
                self.link(higher[(n - 1) % len(higher)], ind, link_kind, dimension)
        self.out.maybe_flush()
        return by_goal

    # ------------------------------------------------------------------------------------- measures

    def measures(self, doc: Row, count: int, tasks: list[Row], by_goal: dict[int, list[Row]], responsible: Row, *,
                 level: str, places: list[Territory] | None = None) -> None:
        """Action plan measures (Annex 1, Annex 8), financed each year of their span from 1-3 sources (cl. 185)."""
        for n in range(1, count + 1):
            rng = self.rng(doc["code"], "M", n)
            task = tasks[(n - 1) % len(tasks)]
            goal = task["_goal"]
            words = MEASURE_WORDS[rng.randrange(len(MEASURE_WORDS))]
            start = self.years[rng.randrange(min(2, len(self.years)))]
            end = self.years[rng.randrange(self.years.index(start), len(self.years))]
            place = places[(n - 1) % len(places)] if places else None
            measure = self.out.add(Measure, {
                "document_id": doc["id"], "goal_id": goal["id"], "task_id": task["id"], "code": f"M-{n:03d}",
                "order": n, **tr("title", f"{words[0]} №{n}", f"{words[1]} №{n}", f"{words[2]} No. {n}"),
                **tr("completion_form", "Әкімдікке ақпарат", "Информация в акимат", "Information to the akimat"),
                "start_year": start, "deadline": date(end, 12, 25),
                **tr("deadline_text", f"{end} жылғы 25 желтоқсанға дейін", f"до 25 декабря {end} года",
                     f"by 25 December {end}"),
                "responsible_id": responsible["id"], "territory_id": place.pk if place else None,
                **tr("unit", "бірлік", "единиц", "units"), "planned_quantity": Decimal(rng.randint(1, 50)),
                **tr("expected_result", "Күтілетін нәтиже", "Ожидаемый результат", "Expected result"),
                "confidentiality": Confidentiality.OFFICIAL_USE if n % 50 == 0 else Confidentiality.OPEN,
            })
            served = by_goal.get(goal["id"]) or []
            if served:
                self.out.add(Measure.indicators.through,
                             {"measure_id": measure["id"], "indicator_id": served[n % len(served)]["id"]},
                             with_id=False)
            for year in range(start, end + 1):
                for source in rng.sample(SOURCES, rng.randint(1, 3)):
                    plan = rng.randint(10_000, 5_000_000)  # thousandths of a million tenge
                    absorbed = round(plan * rng.uniform(0.85, 1.0)) if year in self.fact_years else None
                    is_budget = source == FinancingSource.BUDGET
                    self.out.add(Financing, {
                        "measure_id": measure["id"], "year": year, "source": source,
                        "budget_level": level if is_budget else "",
                        "budget_program_code": f"{goal['budget_program_codes']}-{n % 9 + 1:03d}" if is_budget else "",
                        "administrator_id": responsible["id"] if is_budget else None,
                        "plan": Decimal(plan).scaleb(-3), "corrected_plan": None,
                        "absorbed": None if absorbed is None else Decimal(absorbed).scaleb(-3),
                        "reason_unabsorbed": "Synthetic: tender delays"
                        if absorbed is not None and absorbed < plan else "",
                    })
        self.out.maybe_flush()

    # ------------------------------------------------------------------------------------ the plans

    def build(self) -> None:
        s = self.scale
        bodies = self.central_bodies()
        mne = self.orgs.get("mne") or bodies[0]
        first, last = self.first, self.last
        region_akimat = {r.pk: self.akimat_by_territory.get(r.pk, mne) for r in self.regions}

        # National Development Plan and its Strategic Indicator Map decomposed to every region (cl. 65(5), 70-72).
        ndp = self.document(f"{PREFIX}ndp-{first}-{last}", DocumentType.NDP, "NDP-1", mne)
        goals, _ = self.skeleton(ndp, 4, 1, 0)
        for n in range(1, s.ndp_indicators + 1):
            rng = self.rng(ndp["code"], "SI", n)
            topic = TOPICS[(n - 1) % len(TOPICS)]
            series = self.series(topic, rng)
            goal = goals[(n - 1) % len(goals)]
            code = f"SI-{n:03d}"
            national = self.indicator(ndp, code, n, IndicatorKind.STRATEGIC, topic, series, goal=goal, task=None,
                                      responsible=mne, in_map=True, number=n)
            self.ndp_national.append(national)
            parts = self.breakdown(ndp, national, code, n, IndicatorKind.STRATEGIC, topic, series, self.regions,
                                   DecompositionDimension.REGION, lambda p: region_akimat[p.pk], goal, in_map=True)
            for region, (child, part) in zip(self.regions, parts, strict=True):
                self.ndp_regional[(n, region.pk)] = (child, part, topic)
            self.out.maybe_flush()

        tdp = self.document(f"{PREFIX}tdp-{first}-{last}", DocumentType.TDP, "TDP-1", mne, parents=[ndp])
        goals, _ = self.skeleton(tdp, 2, 2, 0)
        self.spread_indicators(tdp, s.tdp_indicators, goals, [], mne, higher=self.ndp_national,
                               n_linked=max(1, s.tdp_indicators // 5), link_kind=DecompositionKind.COPY,
                               dimension=DecompositionDimension.DOCUMENT)

        concepts = []
        for c in range(1, s.concepts + 1):
            dev = bodies[(c - 1) % len(bodies)]
            doc = self.document(f"{PREFIX}concept-{c:02d}", DocumentType.CONCEPT, f"C-{c}", dev, parents=[ndp],
                                title_suffix=(f" №{c}", f" №{c}", f" No. {c}"))
            concepts.append(doc)
            goals, tasks = self.skeleton(doc)
            by_goal = self.spread_indicators(doc, s.concept_indicators, goals, tasks, dev, higher=self.ndp_national,
                                             n_linked=min(5, s.concept_indicators),
                                             link_kind=DecompositionKind.CONTRIBUTION,
                                             dimension=DecompositionDimension.SECTOR)
            self.measures(doc, s.concept_measures, tasks, by_goal, dev, level=BudgetLevel.REPUBLICAN)

        for p in range(1, s.national_projects + 1):
            dev = bodies[(p * 3) % len(bodies)]
            doc = self.document(f"{PREFIX}np-{p:02d}", DocumentType.NATIONAL_PROJECT, f"NP-{p}", dev, parents=[ndp],
                                title_suffix=(f" №{p}", f" №{p}", f" No. {p}"))
            goals, tasks = self.skeleton(doc, 2, 2, 2)
            self.spread_indicators(doc, s.np_indicators, goals, tasks, dev, higher=self.ndp_national,
                                   n_linked=min(4, s.np_indicators), link_kind=DecompositionKind.CONTRIBUTION,
                                   dimension=DecompositionDimension.DOCUMENT)

        for b, body in enumerate(bodies, start=1):
            parents = [ndp] + ([concepts[(b - 1) % len(concepts)]] if concepts else [])
            name = (body["name_kk"] or body["name"], body["name_ru"] or body["name"], body["name_en"] or body["name"])
            doc = self.document(f"{PREFIX}sbdp-{body['code']}", DocumentType.SBDP, f"SBDP-{b}", body,
                                parents=parents, title_suffix=tuple(f": {x}" for x in name))
            goals, tasks = self.skeleton(doc)
            by_goal = self.spread_indicators(doc, s.sbdp_indicators, goals, tasks, body, higher=self.ndp_national,
                                             n_linked=min(12, s.sbdp_indicators // 2),
                                             link_kind=DecompositionKind.CONTRIBUTION,
                                             dimension=DecompositionDimension.BODY)
            self.measures(doc, s.sbdp_measures, tasks, by_goal, body, level=BudgetLevel.REPUBLICAN)

        for region in self.rdp_regions():
            self.regional_plan(region, region_akimat[region.pk], [ndp, tdp])
        self.out.flush()

    def rdp_regions(self) -> list[Territory]:
        """Every region at national scale; otherwise the ones with the most (for `small`: fewest) districts."""
        sign = 1 if self.scale.smallest_regions else -1
        ranked = sorted(self.regions, key=lambda r: (sign * len(self.districts[r.pk]), r.kato))
        return sorted(ranked[: self.scale.regions], key=lambda r: r.kato)

    def regional_plan(self, region: Territory, akimat: Row, parents: list[Row]) -> None:
        """cl. 127-150: the macroindicators copy the region's row of the NDP map (cl. 144); every indicator is
        broken down by every district and city of oblast significance (cl. 148, Annex 7)."""
        s = self.scale
        name = (region.name_kk or region.name, region.name_ru or region.name, region.name_en or region.name)
        doc = self.document(f"{PREFIX}rdp-{region.kato}", DocumentType.RDP, f"RDP-{region.kato}", akimat,
                            territory=region, parents=parents, title_suffix=tuple(f" ({x})" for x in name))
        goals, tasks = self.skeleton(doc)
        places = self.districts[region.pk]

        def district_akimat(p: Territory) -> Row:
            return self.akimat_by_territory.get(p.pk, akimat)

        by_goal: dict[int, list[Row]] = {}
        n_macro = min(s.ndp_indicators, max(1, s.rdp_indicators // 6))
        for n in range(1, s.rdp_indicators + 1):
            goal = goals[(n - 1) % len(goals)]
            if n <= n_macro:
                ndp_child, series, topic = self.ndp_regional[(n, region.pk)]
                kind, code = IndicatorKind.MACRO, f"MI-{n:03d}"
            else:
                rng = self.rng(doc["code"], "TI", n)
                topic = TOPICS[rng.randrange(len(TOPICS))]
                series = self.series(topic, rng)
                kind, code = IndicatorKind.TARGET, f"TI-{n:03d}"
            ind = self.indicator(doc, code, n, kind, topic, series, goal=goal, task=None, responsible=akimat,
                                 territory=region, number=n)
            if n <= n_macro:
                self.link(ndp_child, ind, DecompositionKind.COPY, DecompositionDimension.DOCUMENT)
            by_goal.setdefault(goal["id"], []).append(ind)
            self.breakdown(doc, ind, code, n, kind, topic, series, places, DecompositionDimension.DISTRICT,
                           district_akimat, goal)
            self.out.maybe_flush()
        self.measures(doc, s.rdp_measures, tasks, by_goal, akimat, level=BudgetLevel.LOCAL, places=places)


# ---------------------------------------------------------------------------------------------- removal


def _raw_cascade(model: type[models.Model], pks: list, counts: Counter, tables: set[str],
                 seen: dict[type[models.Model], set] | None = None) -> None:
    """Delete the rows ``pks`` of ``model`` and everything that cascades from them with set-based SQL (no
    per-row signals).

    The ORM's delete() would load every row and write a history record for each one; for generated data
    that is neither needed nor fast. The cascade goes level by level with lists of primary keys (issue 7):
    each level reads the keys of its children once and stops where there are none, instead of nesting one
    more ``IN (SELECT ...)`` per level, which PostgreSQL planned as nested loops on fresh tables. On PostgreSQL
    a list is one array parameter (``= ANY(%s)``: a 10,000-literal ``IN`` list took ~1.5 s to plan); elsewhere
    it goes in slices the database accepts. A PROTECT relation with rows stops the deletion with a clear
    error. Models whose table does not exist (an app without its migration yet) have no rows: skipped. Rows
    already deleted in this cascade are not visited again (a relation back to the same model cannot loop).
    """
    seen = {} if seen is None else seen
    done = seen.setdefault(model, set())
    pks = [pk for pk in dict.fromkeys(pks) if pk not in done]
    if not pks:
        return
    done.update(pks)
    throughs = [f.remote_field.through for f in model._meta.many_to_many]
    throughs += [rel.through for rel in model._meta.related_objects if rel.many_to_many]
    for through in dict.fromkeys(throughs):
        if through._meta.db_table not in tables:
            continue
        for fk in through._meta.fields:
            if fk.is_relation and fk.related_model is model:
                counts[through._meta.label] += _delete_where(through, fk.column, pks)
    for rel in model._meta.related_objects:
        if rel.many_to_many or rel.on_delete is models.DO_NOTHING or rel.related_model._meta.db_table not in tables:
            continue
        child = rel.related_model
        if rel.on_delete is models.SET_NULL:
            _set_null_where(child, rel.field.column, pks)
            continue
        children = _keys_where(child, rel.field.column, pks)
        if rel.on_delete is models.CASCADE:
            _raw_cascade(child, children, counts, tables, seen)
        elif children:
            raise GenerationError(
                f"{child._meta.label} rows refer to generated {model._meta.label} rows "
                f"({rel.on_delete.__name__}); delete them first."
            )
    counts[model._meta.label] += _delete_where(model, model._meta.pk.column, pks)


CHUNK = 10_000  # keys per query of the cascade where a list is not one parameter (not PostgreSQL)


def _where(model: type[models.Model], column: str, pks: list) -> Iterator[tuple[str, list]]:
    """(SQL condition, parameters) selecting the rows of ``model`` whose ``column`` is in ``pks``."""
    qn = connection.ops.quote_name
    target = f"{qn(model._meta.db_table)}.{qn(column)}"
    if connection.vendor == "postgresql":
        yield f"{target} = ANY(%s)", [list(pks)]
        return
    size = min(connection.features.max_query_params or CHUNK, CHUNK)
    for start in range(0, len(pks), size):
        chunk = pks[start:start + size]
        yield f"{target} IN ({', '.join(['%s'] * len(chunk))})", list(chunk)


def _keys_where(model: type[models.Model], column: str, pks: list) -> list:
    table, key = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(model._meta.pk.column)
    out: list = []
    with connection.cursor() as cursor:
        for condition, params in _where(model, column, pks):
            cursor.execute(f"SELECT {key} FROM {table} WHERE {condition}", params)
            out.extend(row[0] for row in cursor.fetchall())
    return out


def _delete_where(model: type[models.Model], column: str, pks: list) -> int:
    table, deleted = connection.ops.quote_name(model._meta.db_table), 0
    with connection.cursor() as cursor:
        for condition, params in _where(model, column, pks):
            cursor.execute(f"DELETE FROM {table} WHERE {condition}", params)
            deleted += cursor.rowcount
    return deleted


def _set_null_where(model: type[models.Model], column: str, pks: list) -> None:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for condition, params in _where(model, column, pks):
            cursor.execute(f"UPDATE {qn(model._meta.db_table)} SET {qn(column)} = NULL WHERE {condition}", params)


def delete_generated(counts: Counter | None = None) -> Counter:
    """Remove every generated document (code `gen-...`) with its items, and their history if any."""
    counts = Counter() if counts is None else counts
    docs = Document.objects.filter(code__startswith=PREFIX)
    if docs.exists():
        # Links from generated children to generated parents go with the children; a link from a document
        # outside the generated set to a generated indicator goes too (it would dangle).
        tables = set(connection.introspection.table_names())
        _raw_cascade(Document, list(docs.values_list("pk", flat=True)), counts, tables)
    for model in _Writer.ORDER:
        if hasattr(model, "history"):
            hist = model.history.model.objects.filter(history_change_reason=REASON)
            counts[hist.model._meta.label] += hist._raw_delete(hist.db)
    return +counts


# -------------------------------------------------------------------------------------------------- entry


def parse_years(text: str) -> tuple[int, int]:
    """'2025-2029' -> (2025, 2029); at least three years so that facts and plans both exist."""
    try:
        first, last = (int(x) for x in text.split("-", 1))
    except ValueError:
        raise GenerationError(f"--years must look like 2025-2029, not {text!r}") from None
    if not (1991 <= first <= last <= 2100) or last - first < FACT_YEARS:
        raise GenerationError(
            f"--years {text}: the period must lie within 1991-2100 and span at least {FACT_YEARS + 1} years "
            f"(facts for the first {FACT_YEARS}, plans after)"
        )
    return first, last


def do_generate_country(
    scale: Scale | str = "small", *, seed: int = 1, years: tuple[int, int] = (2025, 2029), replace: bool = False,
    history: bool = False, acting_user=None, reason: str = REASON,
) -> GenerationReport:
    """Write a synthetic country at this scale in one transaction; see the module docstring.

    Refuses (GenerationError, nothing written) when generated data already exists and `replace` is False.
    """
    if isinstance(scale, str):
        if scale not in SCALES:
            raise GenerationError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
        scale = SCALES[scale]
    started = time.perf_counter()
    report = GenerationReport(scale=scale.name, seed=seed, years=years, history=history)
    with transaction.atomic():
        if not Territory.objects.exists():
            do_load_territories()
            do_load_organizations()
        if Document.objects.filter(code__startswith=PREFIX).exists():
            if not replace:
                raise GenerationError("generated documents (codes gen-...) already exist; use --replace")
            report.deleted = sum(delete_generated().values())
        out = _Writer(history=history, user_id=getattr(acting_user, "pk", None), counts=report.counts)
        _Generator(scale, seed, years, out).build()
    report.seconds = time.perf_counter() - started
    return report
