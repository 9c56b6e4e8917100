"""The Strategic Indicator Map of the demo National Development Plan as a table, and the arithmetic that
spreads a national value over regions or districts.

Baselines (2023, 2024) are rounded public statistics; plans 2025-2029 follow the published direction of the
National Development Plan until 2029 but are demo figures; "plan 2024" is the value of the previous plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jospar.planning.choices import Accumulation, Polarity, ValueKind

from .common import D, T, Tx, jitter, offsets, q, split_exact

U: dict[str, Tx] = {
    "pct": T("%", "%", "%"),
    "years": T("жыл", "лет", "years"),
    "usd": T("АҚШ доллары", "долларов США", "USD"),
    "per1000": T("1000 тірі туғанға шаққанда", "на 1000 родившихся живыми", "per 1,000 live births"),
    "per100k": T("100 мың тұрғынға шаққанда", "на 100 тыс. населения", "per 100,000 population"),
    "per100k_births": T("100 мың тірі туғанға шаққанда", "на 100 тыс. родившихся живыми", "per 100,000 live births"),
    "coef": T("коэффициент", "коэффициент", "coefficient"),
    "th_places": T("мың орын", "тыс. мест", "thousand places"),
    "th_jobs": T("мың жұмыс орны", "тыс. рабочих мест", "thousand jobs"),
    "th_people": T("мың адам", "тыс. человек", "thousand people"),
    "bln_usd": T("млрд АҚШ доллары", "млрд долларов США", "USD billion"),
    "mln_usd": T("млн АҚШ доллары", "млн долларов США", "USD million"),
    "trln_kzt": T("трлн теңге", "трлн тенге", "KZT trillion"),
    "mln_m2": T("млн шаршы метр", "млн кв. метров", "million m²"),
    "mln_t": T("млн тонна CO2-балама", "млн тонн CO2-эквивалента", "million t CO2-eq"),
    "units": T("бірлік", "единиц", "units"),
    "km": T("км", "км", "km"),
    "settlements": T("елді мекен", "населённых пунктов", "settlements"),
}


@dataclass(frozen=True)
class Spread:
    """How a value of a whole is spread over its parts.

    share   additive: parts add up to the whole exactly (weights from profile column `col`)
    offset  a rate: whole + spread * (profile - weighted mean)   (sign turns the profile)
    gap     a rate with a ceiling `cap`: cap - (cap - whole) * factor, the factor lower where the profile is higher
    ratio   a per-capita value: whole * (col share) / (population share)
    """

    mode: str
    col: str = "pop"
    spread: Decimal = Decimal(0)
    sign: int = 1
    low: Decimal | None = None
    high: Decimal | None = None
    cap: Decimal = Decimal(100)


@dataclass(frozen=True)
class SI:
    code: str
    direction: str
    title: Tx
    unit: str
    responsible: str
    source: str
    definition: Tx
    formula: Tx
    dp: int
    b2023: str
    b2024: str
    p2024: str
    plans: tuple[str, str, str, str, str]  # 2025..2029
    fact2025: str
    reason: str = ""
    polarity: str = Polarity.INCREASE
    accumulation: str = Accumulation.ANNUAL
    value_kind: str = ValueKind.RELATIVE
    spread: Spread | None = None
    oblasts_only: bool = False
    range_low: str | None = None
    range_high: str | None = None
    sdg: str = ""
    co_executors: tuple[str, ...] = field(default_factory=tuple)

    @property
    def additive(self) -> bool:
        return self.spread is not None and self.spread.mode == "share"

    def national(self) -> dict[str, Decimal]:
        """b2023, b2024, p2024, plan years 2025..2029 and fact2025, as Decimals."""
        out = {"b2023": D(self.b2023), "b2024": D(self.b2024), "p2024": D(self.p2024), "fact2025": D(self.fact2025)}
        out.update({str(2025 + k): D(v) for k, v in enumerate(self.plans)})
        return out


def spread_values(sp: Spread, total: Decimal, profiles: list[dict[str, Decimal]], dp: int,
                  fact_series: int | None = None, scale: Decimal = Decimal(1)) -> list[Decimal]:
    """The values of the parts for one national/regional value. `fact_series` adds a fixed jitter for facts."""
    pops = [p["pop"] for p in profiles]
    unit = Decimal(1).scaleb(-dp)
    if sp.mode == "share":
        weights = [p[sp.col] if sp.col in p else p["pop"] for p in profiles]
        if fact_series is not None:
            weights = [w * (1 + Decimal(jitter(i, fact_series)) * Decimal("0.03")) for i, w in enumerate(weights)]
        return split_exact(total, weights, dp)
    if sp.mode == "offset":
        prof = [p[sp.col] * sp.sign for p in profiles]
        values = offsets(total, prof, pops, sp.spread * scale, dp, sp.low, sp.high)
        if fact_series is not None:
            values = [_clamp(v + jitter(i, fact_series) * unit, sp) for i, v in enumerate(values)]
        return values
    if sp.mode == "gap":
        raw = [1 - Decimal("0.5") * p[sp.col] * sp.sign * scale for p in profiles]
        mean = sum((r * w for r, w in zip(raw, pops, strict=True)), Decimal(0)) / sum(pops)
        values = [q(sp.cap - (sp.cap - total) * r / mean, dp) for r in raw]
        if fact_series is not None and total < sp.cap:
            values = [_clamp(v + jitter(i, fact_series) * unit, sp) for i, v in enumerate(values)]
        return [min(v, sp.cap) for v in values]
    if sp.mode == "ratio":
        col_sum = sum(p[sp.col] for p in profiles)
        pop_sum = sum(pops)
        values = [total * (p[sp.col] / col_sum) / (p["pop"] / pop_sum) for p in profiles]
        if fact_series is not None:
            values = [v * (1 + Decimal(jitter(i, fact_series)) / 100) for i, v in enumerate(values)]
        return [q(v, dp) for v in values]
    raise ValueError(sp.mode)


def _clamp(v: Decimal, sp: Spread) -> Decimal:
    if sp.low is not None:
        v = max(v, sp.low)
    if sp.high is not None:
        v = min(v, sp.high)
    if sp.mode == "gap":
        v = min(v, sp.cap)
    return v


def spread_series(si: SI, national: dict[str, Decimal], profiles: list[dict[str, Decimal]],
                  scale: Decimal = Decimal(1)) -> list[dict[str, Decimal]]:
    """Spread every value of a series (b2023, b2024, p2024, plans, fact2025) over the parts."""
    assert si.spread is not None
    columns = {}
    for n, (key, total) in enumerate(sorted(national.items())):
        fact = key in ("fact2025", "b2024", "b2023", "fact2024")
        columns[key] = spread_values(si.spread, total, profiles, si.dp, fact_series=n if fact else None, scale=scale)
    return [{key: values[i] for key, values in columns.items()} for i in range(len(profiles))]


DEF = T  # definitions and formulas are Text too; the alias keeps the table readable

MAP: tuple[SI, ...] = (
    # ---- P1 human capital
    SI("SI-01", "P1", T("Туу кезіндегі күтілетін өмір сүру ұзақтығы", "Ожидаемая продолжительность жизни при рождении",
                        "Life expectancy at birth"), "years", "moh", "bns",
       DEF("Осы жылы туылғандардың өлім-жітім деңгейі өзгермеген жағдайда орташа өмір сүретін жылдар саны",
           "Среднее число лет, которое предстоит прожить родившимся при неизменном уровне смертности",
           "Average number of years a newborn would live if current mortality rates stayed the same"),
       DEF("Өлім-жітім кестесі бойынша: e0 = T0 / l0", "По таблицам смертности: e0 = T0 / l0",
           "From the life table: e0 = T0 / l0"),
       1, "75.1", "75.4", "75.3", ("75.8", "76.1", "76.4", "76.7", "77.0"), "75.9",
       spread=Spread("offset", "dev", D("1.5")), sdg="3.4.1", co_executors=("mlsp", "mts")),
    SI("SI-02", "P1", T("Нәресте өлімінің коэффициенті", "Коэффициент младенческой смертности", "Infant mortality rate"),
       "per1000", "moh", "bns",
       DEF("Бір жасқа дейінгі балалар өлімінің сол жылы тірі туғандар санына қатынасы",
           "Отношение числа умерших в возрасте до одного года к числу родившихся живыми",
           "Deaths under one year of age per 1,000 live births of the year"),
       DEF("IMR = D0 / B × 1000", "IMR = D0 / B × 1000", "IMR = D0 / B × 1000"),
       1, "7.6", "7.9", "7.5", ("7.6", "7.3", "7.0", "6.8", "6.5"), "7.8",
       "Перинаталдық орталықтардың 3-деңгейлі жүйесі толық жұмыс істемеді; шалғай аудандарда неонатологтар тапшы",
       polarity=Polarity.DECREASE, spread=Spread("offset", "dev", D("1.5"), sign=-1, low=D("3.0")), sdg="3.2.2"),
    SI("SI-03", "P1", T("Мектептердегі оқушы орындарының тапшылығы", "Дефицит ученических мест в школах",
                        "Shortage of student places in schools"), "th_places", "edu", "edu",
       DEF("Оқушылар контингенті мен мектептердің жобалық қуаты арасындағы айырма (жыл соңында)",
           "Разница между контингентом учащихся и проектной мощностью школ (на конец года)",
           "Difference between enrolment and the design capacity of schools (end of year)"),
       DEF("Тапшылық = Σ max(0, Контингент_i − Қуат_i), мектептер бойынша",
           "Дефицит = Σ max(0, Контингент_i − Мощность_i) по школам",
           "Shortage = Σ max(0, Enrolment_i − Capacity_i) over schools"),
       1, "281.0", "230.0", "215.0", ("180.0", "110.0", "70.0", "40.0", "20.0"), "196.5",
       "«Жайлы мектеп» ұлттық жобасы бойынша 27 мектепті пайдалануға беру мердігерлердің кінәсінен 2026 жылға ауысты",
       polarity=Polarity.DECREASE, accumulation=Accumulation.STOCK, value_kind=ValueKind.ABSOLUTE,
       spread=Spread("share", "deficit"), sdg="4.a.1"),
    SI("SI-04", "P1", T("2-6 жастағы балаларды мектепке дейінгі тәрбиемен және оқытумен қамту",
                        "Охват детей в возрасте 2-6 лет дошкольным воспитанием и обучением",
                        "Coverage of children aged 2-6 by preschool education"), "pct", "edu", "edu",
       DEF("Мектепке дейінгі ұйымдарға баратын 2-6 жастағы балалардың осы жастағы балалар санындағы үлесі",
           "Доля детей 2-6 лет, посещающих дошкольные организации, в общей численности детей этого возраста",
           "Share of children aged 2-6 attending preschool organisations in all children of that age"),
       DEF("Қамту = Ч_МДҰ / Ч_2-6 × 100", "Охват = Ч_ДО / Ч_2-6 × 100", "Coverage = N_preschool / N_2-6 × 100"),
       1, "89.1", "90.5", "90.0", ("92.0", "94.0", "96.0", "98.0", "100.0"), "91.6",
       "Жаңа балабақшалар құрылысы кешікті; қалалардың жаңа шағын аудандарында орын тапшылығы сақталып отыр",
       spread=Spread("gap", "dev", high=D(100)), sdg="4.2.2"),
    # ---- P2 social well-being
    SI("SI-05", "P2", T("Жұмыссыздық деңгейі", "Уровень безработицы", "Unemployment rate"), "pct", "mlsp", "bns",
       DEF("Жұмыссыздар санының жұмыс күшіне (15 жастан асқан) қатынасы",
           "Отношение численности безработных к рабочей силе в возрасте 15 лет и старше",
           "Unemployed persons as a share of the labour force aged 15 and over"),
       DEF("УБ = Жұмыссыздар / Жұмыс күші × 100", "УБ = Безработные / Рабочая сила × 100",
           "UR = Unemployed / Labour force × 100"),
       1, "4.7", "4.7", "4.8", ("4.7", "4.7", "4.6", "4.6", "4.5"), "4.6",
       polarity=Polarity.DECREASE, spread=Spread("offset", "dev", D("0.3"), sign=-1), sdg="8.5.2"),
    SI("SI-06", "P2", T("Табысы ең төменгі күнкөріс деңгейінен төмен халықтың үлесі",
                        "Доля населения с доходами ниже величины прожиточного минимума",
                        "Share of population with income below the subsistence minimum"), "pct", "mlsp", "bns",
       DEF("Тұтынуға жұмсалатын орташа жан басына шаққандағы табысы ЕТКД-дан төмен халықтың үлесі",
           "Доля населения со среднедушевыми доходами, использованными на потребление, ниже прожиточного минимума",
           "Share of people whose per-capita consumption income is below the subsistence minimum"),
       DEF("Үлес = Ч(табыс < ЕТКД) / Ч × 100 (үй шаруашылықтарын іріктемелі зерттеу)",
           "Доля = Ч(доход < ПМ) / Ч × 100 (выборочное обследование домохозяйств)",
           "Share = N(income < SM) / N × 100 (household budget survey)"),
       1, "5.2", "5.3", "5.0", ("5.1", "4.9", "4.7", "4.5", "4.3"), "5.4",
       "Инфляцияның жеделдеуіне байланысты ең төменгі күнкөріс деңгейі 2025 жылы 14,8 %-ға өсті",
       polarity=Polarity.DECREASE, spread=Spread("offset", "dev", D("3.0"), sign=-1, low=D("1.0")), sdg="1.2.1"),
    SI("SI-07", "P2", T("Табыс бойынша Джини индексі", "Индекс Джини по доходам", "Gini index of income"),
       "coef", "mne", "bns",
       DEF("Халықтың табыстарының бөлінуінің тең бөлінуден ауытқу дәрежесі",
           "Степень отклонения распределения доходов населения от равномерного",
           "Degree to which the distribution of income deviates from an equal distribution"),
       DEF("G = 1 − Σ (X_k − X_k−1)(Y_k + Y_k−1), Лоренц қисығы бойынша",
           "G = 1 − Σ (X_k − X_k−1)(Y_k + Y_k−1) по кривой Лоренца",
           "G = 1 − Σ (X_k − X_k−1)(Y_k + Y_k−1) from the Lorenz curve"),
       3, "0.289", "0.292", "0.285", ("0.290", "0.287", "0.284", "0.281", "0.278"), "0.293",
       "Кәсіпкерлік табыстың жоғары өсуі табыстың жоғары децильдерінде шоғырланды",
       polarity=Polarity.DECREASE, value_kind=ValueKind.RELATIVE,
       spread=Spread("offset", "dev", D("0.015")), sdg="10.1.1"),
    SI("SI-08", "P2", T("Құрылған тұрақты жұмыс орындарының саны", "Количество созданных постоянных рабочих мест",
                        "New permanent jobs created"), "th_jobs", "mlsp", "mlsp",
       DEF("Жыл ішінде құрылған және кемінде 12 ай сақталған жұмыс орындары (мемлекеттік және жеке сектор)",
           "Рабочие места, созданные за год и сохранённые не менее 12 месяцев (государственный и частный сектор)",
           "Jobs created during the year and kept for at least 12 months (public and private sector)"),
       DEF("Σ жаңа жұмыс орындары, ЕНЭК бойынша еңбек шарттарымен расталған",
           "Σ новых рабочих мест, подтверждённых трудовыми договорами в ЭКРТ",
           "Σ new jobs confirmed by labour contracts in the labour market map"),
       1, "240.4", "256.3", "250.0", ("260.0", "265.0", "270.0", "275.0", "280.0"), "268.4",
       value_kind=ValueKind.ABSOLUTE, spread=Spread("share", "pop")),
    SI("SI-09", "P2", T("Халықтың нақты ақшалай табыстарының өсуі", "Рост реальных денежных доходов населения",
                        "Growth of real money income of the population"), "pct", "mne", "bns",
       DEF("Тұтыну бағасы индексіне түзетілген жан басына шаққандағы ақшалай табыстардың өткен жылға өсуі",
           "Рост среднедушевых денежных доходов, скорректированных на индекс потребительских цен, к прошлому году",
           "Year-on-year growth of per-capita money income deflated by the consumer price index"),
       DEF("НАТ = (Табыс_t / Табыс_t−1) / ТБИ × 100 − 100", "РДД = (Доход_t / Доход_t−1) / ИПЦ × 100 − 100",
           "RMI = (Income_t / Income_t−1) / CPI × 100 − 100"),
       1, "3.6", "4.1", "3.5", ("4.0", "4.5", "5.0", "5.0", "5.0"), "1.9",
       "Инфляция 12,3 % болды, жоспарда 7,5 %; номиналды табыстардың өсуі бағаның өсуін толық өтемеді",
       spread=Spread("offset", "dev", D("1.0"))),
    # ---- P3 economy
    SI("SI-10", "P3", T("ЖІӨ-нің (ЖӨӨ-нің) нақты өсуі", "Реальный рост ВВП (ВРП)", "Real growth of GDP (GRP)"),
       "pct", "mne", "bns",
       DEF("Тұрақты бағамен есептелген жалпы ішкі өнімнің өткен жылға өсу қарқыны",
           "Темп роста валового внутреннего продукта в постоянных ценах к предыдущему году",
           "Growth of gross domestic product at constant prices over the previous year"),
       DEF("Өсу = ЖІӨ_t(өткен жыл бағасымен) / ЖІӨ_t−1 × 100 − 100",
           "Рост = ВВП_t(в ценах прошлого года) / ВВП_t−1 × 100 − 100",
           "Growth = GDP_t(at previous-year prices) / GDP_t−1 × 100 − 100"),
       1, "5.1", "4.8", "4.0", ("5.6", "5.9", "6.0", "6.0", "6.0"), "6.5",
       spread=Spread("offset", "ind", D("1.5")), sdg="8.1.1"),
    SI("SI-11", "P3", T("Жан басына шаққандағы ЖІӨ (ЖӨӨ)", "ВВП (ВРП) на душу населения", "GDP (GRP) per capita"),
       "usd", "mne", "bns",
       DEF("Ағымдағы бағамен ЖІӨ-нің халықтың орташа жылдық санына қатынасы, орташа жылдық бағам бойынша",
           "Отношение ВВП в текущих ценах к среднегодовой численности населения по среднегодовому курсу",
           "GDP at current prices divided by the average population, at the average exchange rate"),
       DEF("ЖІӨ_жб = ЖІӨ / Ч_орт / Бағам", "ВВП_дн = ВВП / Ч_ср / Курс", "GDPpc = GDP / Pop_avg / Rate"),
       0, "13136", "14154", "14500", ("15100", "16300", "17700", "19300", "21000"), "14720",
       "Теңгенің АҚШ долларына орташа жылдық бағамы 11 %-ға әлсіреді; теңгемен өсу жоспардан жоғары",
       value_kind=ValueKind.ABSOLUTE, spread=Spread("ratio", "grp")),
    SI("SI-12", "P3", T("Тұтыну бағаларының индексі (желтоқсан өткен жылдың желтоқсанына)",
                        "Инфляция (индекс потребительских цен, декабрь к декабрю)",
                        "Inflation (consumer price index, December on December)"), "pct", "mne", "bns",
       DEF("Тұтыну тауарлары мен қызметтері бағаларының жыл ішіндегі өзгерісі",
           "Изменение цен на потребительские товары и услуги за год",
           "Change of prices of consumer goods and services over the year"),
       DEF("ТБИ = Σ w_i × (P_i,желтоқсан_t / P_i,желтоқсан_t−1) × 100 − 100 (Ласпейрес)",
           "ИПЦ = Σ w_i × (P_i,дек_t / P_i,дек_t−1) × 100 − 100 (Ласпейрес)",
           "CPI = Σ w_i × (P_i,Dec_t / P_i,Dec_t−1) × 100 − 100 (Laspeyres)"),
       1, "9.8", "8.6", "7.5", ("7.5", "6.5", "5.5", "5.0", "5.0"), "12.3",
       "ҚҚС мөлшерлемесінің көтерілуін күту, коммуналдық тарифтер мен жанар-жағармай бағасының өсуі",
       polarity=Polarity.KEEP_RANGE, range_low="3.0", range_high="5.0",
       spread=Spread("offset", "dev", D("0.6"))),
    SI("SI-13", "P3", T("ЖІӨ құрылымындағы өңдеу өнеркәсібінің үлесі",
                        "Доля обрабатывающей промышленности в структуре ВВП",
                        "Share of manufacturing in GDP"), "pct", "mic", "bns",
       DEF("Өңдеу өнеркәсібінің жалпы қосылған құнының ЖІӨ-дегі үлесі",
           "Доля валовой добавленной стоимости обрабатывающей промышленности в ВВП",
           "Gross value added of manufacturing as a share of GDP"),
       DEF("Үлес = ЖҚҚ_өңдеу / ЖІӨ × 100", "Доля = ВДС_обраб / ВВП × 100", "Share = GVA_manufacturing / GDP × 100"),
       1, "12.4", "12.6", "13.0", ("12.9", "13.3", "13.7", "14.1", "14.5"), "12.4",
       "Тау-кен өндіру өнеркәсібінің озық өсуі (мұнай өндіру 13 %-ға өсті) құрылымдағы үлесті төмендетті",
       spread=Spread("offset", "ind", D("12"), low=D("2.0"), high=D("45.0")), co_executors=("mne",), sdg="9.2.1"),
    SI("SI-14", "P3", T("Еңбек өнімділігінің нақты өсуі", "Реальный рост производительности труда",
                        "Real growth of labour productivity"), "pct", "mne", "bns",
       DEF("Жұмыспен қамтылған бір адамға шаққандағы нақты ЖІӨ-нің өсуі",
           "Рост реального ВВП в расчёте на одного занятого", "Growth of real GDP per employed person"),
       DEF("ЕӨ = (ЖІӨ_t / Ж_t) / (ЖІӨ_t−1 / Ж_t−1) × 100 − 100", "ПТ = (ВВП_t / З_t) / (ВВП_t−1 / З_t−1) × 100 − 100",
           "LP = (GDP_t / E_t) / (GDP_t−1 / E_t−1) × 100 − 100"),
       1, "3.3", "3.0", "3.5", ("4.0", "4.5", "5.0", "5.0", "5.0"), "4.6",
       spread=Spread("offset", "ind", D("1.2")), sdg="8.2.1"),
    SI("SI-15", "P3", T("Шикізаттық емес тауарлар мен қызметтер экспорты", "Несырьевой экспорт товаров и услуг",
                        "Non-resource exports of goods and services"), "bln_usd", "mti", "bns",
       DEF("Шикізаттық тауарлар тізбесіне кірмейтін тауарлар мен қызметтер экспортының құны",
           "Стоимость экспорта товаров, не входящих в перечень сырьевых, и услуг",
           "Value of exports of goods outside the list of raw commodities, and of services"),
       DEF("ШЕЭ = Экспорт_тауарлар − Экспорт_шикізат + Экспорт_қызметтер",
           "НЭ = Экспорт_товаров − Экспорт_сырья + Экспорт_услуг",
           "NRE = Exports_goods − Exports_raw + Exports_services"),
       2, "37.40", "36.60", "39.00", ("38.50", "41.00", "43.50", "46.00", "48.50"), "37.80",
       "Қара металдар мен ферроқорытпаларға әлемдік бағаның төмендеуі, Қытай нарығындағы сұраныстың әлсіреуі",
       value_kind=ValueKind.ABSOLUTE, spread=Spread("share", "export"), co_executors=("mic", "moa")),
    # ---- P4 investment and entrepreneurship
    SI("SI-16", "P4", T("Негізгі капиталға салынған инвестициялар көлемі", "Объём инвестиций в основной капитал",
                        "Fixed-capital investment"), "trln_kzt", "mne", "bns",
       DEF("Жаңа құрылысқа, кеңейтуге, қайта жаңартуға және жабдық сатып алуға жұмсалған шығындар",
           "Затраты на новое строительство, расширение, реконструкцию и приобретение оборудования",
           "Spending on new construction, expansion, reconstruction and equipment"),
       DEF("Σ инвестициялар, 2-кс нысаны бойынша (ағымдағы бағамен)", "Σ инвестиций по форме 2-кс (в текущих ценах)",
           "Σ investment reported on form 2-ks (current prices)"),
       3, "18.176", "18.425", "19.800", ("20.500", "23.000", "25.800", "28.900", "32.300"), "20.880",
       value_kind=ValueKind.ABSOLUTE, spread=Spread("share", "invest")),
    SI("SI-17", "P4", T("Негізгі капиталға салынған инвестициялардың нақты өсуі",
                        "Реальный рост инвестиций в основной капитал", "Real growth of fixed-capital investment"),
       "pct", "mne", "bns",
       DEF("Салыстырмалы бағамен негізгі капиталға салынған инвестициялардың өткен жылға өсуі",
           "Рост инвестиций в основной капитал в сопоставимых ценах к предыдущему году",
           "Growth of fixed-capital investment at comparable prices over the previous year"),
       DEF("ИНӨ = ИНК_t / (ИНК_t−1 × БИ) × 100 − 100", "ИРО = ИОК_t / (ИОК_t−1 × ИЦ) × 100 − 100",
           "IRG = FCI_t / (FCI_t−1 × PI) × 100 − 100"),
       1, "13.1", "0.3", "5.0", ("6.0", "8.0", "9.0", "10.0", "10.0"), "8.1",
       spread=Spread("offset", "ind", D("3.0"))),
    SI("SI-18", "P4", T("ЖІӨ-дегі шағын және орта кәсіпкерліктің үлесі",
                        "Доля малого и среднего предпринимательства в ВВП",
                        "Share of small and medium enterprises in GDP"), "pct", "mne", "bns",
       DEF("Шағын және орта кәсіпкерлік субъектілері өндірген жалпы қосылған құнның ЖІӨ-дегі үлесі",
           "Доля валовой добавленной стоимости субъектов МСП в ВВП",
           "Gross value added of small and medium enterprises as a share of GDP"),
       DEF("Үлес = ЖҚҚ_ШОК / ЖІӨ × 100", "Доля = ВДС_МСП / ВВП × 100", "Share = GVA_SME / GDP × 100"),
       1, "39.3", "39.8", "40.0", ("40.5", "41.5", "42.5", "43.5", "44.5"), "40.2",
       "Тау-кен өндіру секторының (ірі кәсіпорындар) озық өсуі ШОК үлесін төмендетті",
       spread=Spread("offset", "dev", D("10"), low=D("15"), high=D("75"))),
    # ---- P5 infrastructure, housing, regions
    SI("SI-19", "P5", T("Пайдалануға берілген тұрғын үй", "Ввод в эксплуатацию жилья", "Housing commissioned"),
       "mln_m2", "mic", "bns",
       DEF("Жыл ішінде пайдалануға берілген тұрғын үйлердің жалпы ауданы (барлық қаржыландыру көздері)",
           "Общая площадь жилых домов, введённых за год (все источники финансирования)",
           "Total floor area of dwellings commissioned during the year (all sources of financing)"),
       DEF("Σ пайдалануға беру актілері бойынша жалпы аудан", "Σ общей площади по актам ввода",
           "Σ floor area in commissioning certificates"),
       3, "17.800", "19.000", "18.500", ("19.500", "20.000", "20.500", "21.000", "21.500"), "19.620",
       value_kind=ValueKind.ABSOLUTE, spread=Spread("share", "housing"), sdg="11.1.1"),
    SI("SI-20", "P5", T("Жақсы және қанағаттанарлық жай-күйдегі автомобиль жолдарының үлесі",
                        "Доля автомобильных дорог в хорошем и удовлетворительном состоянии",
                        "Share of roads in good and satisfactory condition"), "pct", "mot", "mot",
       DEF("Республикалық және жергілікті маңызы бар жолдардың жалпы ұзындығындағы жақсы және қанағаттанарлық "
           "жай-күйдегі жолдардың үлесі",
           "Доля дорог в хорошем и удовлетворительном состоянии в общей протяжённости дорог республиканского "
           "и местного значения",
           "Share of roads in good and satisfactory condition in the total length of national and local roads"),
       DEF("Үлес = L_жақсы+қанағ / L_барлығы × 100", "Доля = L_хор+удовл / L_всего × 100",
           "Share = L_good+fair / L_total × 100"),
       1, "85.0", "87.3", "88.0", ("89.0", "91.0", "93.0", "94.5", "96.0"), "89.4",
       spread=Spread("gap", "dev", high=D(100)), sdg="9.1.1"),
    SI("SI-21", "P5", T("Ауыл халқының орталықтандырылған ауыз сумен қамтамасыз етілуі",
                        "Обеспеченность сельского населения централизованным питьевым водоснабжением",
                        "Access of rural population to centralised drinking water"), "pct", "mic", "mic",
       DEF("Орталықтандырылған ауыз су жүйесіне қолжетімділігі бар ауыл тұрғындарының үлесі",
           "Доля сельских жителей, имеющих доступ к централизованному питьевому водоснабжению",
           "Share of rural residents with access to centralised drinking water supply"),
       DEF("Үлес = Ч_ауыл,су / Ч_ауыл × 100", "Доля = Ч_село,вода / Ч_село × 100", "Share = N_rural,water / N_rural × 100"),
       1, "94.1", "95.2", "96.0", ("96.5", "97.5", "98.5", "99.3", "100.0"), "96.1",
       "Жобалау-сметалық құжаттаманы түзету салдарынан 38 ауылдық елді мекенде құрылыс мерзімі ұзартылды",
       spread=Spread("gap", "dev", high=D(100)), oblasts_only=True, sdg="6.1.1", co_executors=("water",)),
    # ---- P6 environment and energy
    SI("SI-22", "P6", T("Парниктік газдар шығарындыларының көлемі", "Объём выбросов парниковых газов",
                        "Greenhouse-gas emissions"), "mln_t", "ecology", "ecology",
       DEF("Энергетика, өнеркәсіп, ауыл шаруашылығы және қалдықтар секторларының парниктік газдар шығарындылары "
           "(ЖЖОӨ-сіз)",
           "Выбросы парниковых газов секторов энергетики, промышленности, сельского хозяйства и отходов (без ЗИЗЛХ)",
           "Greenhouse-gas emissions of energy, industry, agriculture and waste (excluding LULUCF)"),
       DEF("Σ шығарындылар × ғаламдық жылыну әлеуеті (ХКЭТ әдістемесі)", "Σ выбросов × ПГП (методология МГЭИК)",
           "Σ emissions × global warming potential (IPCC methodology)"),
       2, "372.50", "376.80", "370.00", ("372.00", "368.00", "364.00", "360.00", "355.00"), "374.40",
       "Көмір генерациясының жүктемесі өсті: Екібастұз МАЭС-1 блоктары қалпына келтірілді, ЖЭК іске қосылуы кешікті",
       polarity=Polarity.DECREASE, value_kind=ValueKind.ABSOLUTE, spread=Spread("share", "ghg"),
       sdg="13.2.2", co_executors=("energy",)),
    SI("SI-23", "P6", T("Электр энергиясын өндірудегі жаңартылатын энергия көздерінің үлесі",
                        "Доля возобновляемых источников энергии в производстве электроэнергии",
                        "Share of renewables in electricity generation"), "pct", "energy", "energy",
       DEF("ЖЭК (жел, күн, шағын ГЭС, биогаз) өндірген электр энергиясының жалпы өндірістегі үлесі",
           "Доля электроэнергии, выработанной ВИЭ (ветер, солнце, малые ГЭС, биогаз), в общей выработке",
           "Electricity from wind, solar, small hydro and biogas as a share of total generation"),
       DEF("Үлес = Э_ЖЭК / Э_барлығы × 100", "Доля = Э_ВИЭ / Э_всего × 100", "Share = E_RES / E_total × 100"),
       1, "5.9", "6.4", "6.0", ("7.0", "8.5", "10.0", "11.5", "12.5"), "7.2", sdg="7.2.1"),
    # ---- P7 digital transformation and public administration
    SI("SI-24", "P7", T("Электрондық нысанда көрсетілетін мемлекеттік көрсетілетін қызметтердің үлесі",
                        "Доля государственных услуг, оказываемых в электронном формате",
                        "Share of public services provided electronically"), "pct", "digital", "digital",
       DEF("Мемлекеттік көрсетілетін қызметтер тізіліміндегі электрондық және проактивті нысандағы қызметтердің үлесі",
           "Доля услуг, оказываемых в электронном и проактивном формате, в реестре государственных услуг",
           "Share of services provided in electronic and proactive form in the register of public services"),
       DEF("Үлес = Қ_электрондық / Қ_тізілім × 100", "Доля = У_электр / У_реестр × 100",
           "Share = S_electronic / S_register × 100"),
       1, "91.5", "92.8", "92.0", ("93.5", "94.5", "95.5", "96.5", "97.5"), "93.3",
       "Жер қатынастары саласындағы 6 көрсетілетін қызметті цифрландыру заңнамалық түзетулерді күтуде"),
    SI("SI-25", "P7", T("Ақпараттық-коммуникациялық технологиялар қызметтерінің экспорты",
                        "Экспорт услуг в сфере информационно-коммуникационных технологий",
                        "Exports of ICT services"), "mln_usd", "digital", "bns",
       DEF("Компьютерлік, ақпараттық және телекоммуникациялық қызметтер экспортының құны (төлем балансы)",
           "Стоимость экспорта компьютерных, информационных и телекоммуникационных услуг (платёжный баланс)",
           "Value of exports of computer, information and telecommunication services (balance of payments)"),
       DEF("Σ ЭБЖ-2 бойынша 9-бап қызметтерінің экспорты", "Σ экспорта услуг раздела 9 РПБ-6",
           "Σ exports of BPM6 item 9 services"),
       1, "539.0", "700.0", "650.0", ("900.0", "1000.0", "1150.0", "1300.0", "1500.0"), "846.0",
       "Astana Hub резиденттерінің экспорттық келісімшарттарының бір бөлігі 2026 жылға ауысты",
       value_kind=ValueKind.ABSOLUTE, co_executors=("mti",)),
)

BY_CODE: dict[str, SI] = {si.code: si for si in MAP}
