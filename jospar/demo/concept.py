"""Concept for digital transformation, development of the ICT industry and cybersecurity for 2023-2029.

The concept exists: it was approved by Decree of the Government of the Republic of Kazakhstan No. 269 of
28 March 2023 (developer: the Ministry of Digital Development, Innovation and Aerospace Industry). The texts,
indicators and the Action Plan (Annex 1) below are a condensed demo version with demo figures.

Budget programme codes are written ABP-programme-subprogramme ("243-003-100"): 243 stands for the ministry
as budget programme administrator, 225 for the Ministry of Education; the numbers are illustrative.
"""

from __future__ import annotations

from datetime import date

from jospar.interchange.schema import DocumentPayload
from jospar.planning.choices import (
    Accumulation,
    BudgetLevel,
    DecompositionKind,
    DocumentStatus,
    DocumentType,
    FinancingSource,
    IndicatorKind,
    Polarity,
    ValueKind,
)

from .common import T, attributed, financing, methodology, sections, series
from .indicators import BY_CODE, U
from .ndp import CODE as NDP

CODE = "concept-digital-2029"
FIRST, LAST = 2023, 2029
B, INV, OWN, GR = FinancingSource.BUDGET, FinancingSource.INVESTMENT, FinancingSource.OWN_FUNDS, FinancingSource.GRANTS
REP = BudgetLevel.REPUBLICAN

SECTIONS = {
    "passport": T(
        "Әзірлеуші: ҚР Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі. Іске асыру мерзімі: "
        "2023-2029 жылдар. Мақсаты: мемлекеттік басқаруды, экономиканы және қоғамды цифрлық трансформациялау.",
        "Разработчик: Министерство цифрового развития, инноваций и аэрокосмической промышленности РК. Сроки: "
        "2023-2029 годы. Цель: цифровая трансформация государственного управления, экономики и общества.",
        "Developer: Ministry of Digital Development, Innovation and Aerospace Industry. Period: 2023-2029. Goal: "
        "digital transformation of public administration, the economy and society."),
    "analysis": T(
        "Мемлекеттік қызметтердің 90 %-дан астамы электрондық нысанда көрсетіледі, алайда ауылдық елді мекендердің "
        "бір бөлігінде кең жолақты интернет жоқ, IT мамандар тапшылығы 100 мың адамға бағаланады.",
        "Более 90 % госуслуг оказывается в электронном виде, однако часть сельских населённых пунктов не имеет "
        "широкополосного интернета, дефицит IT-специалистов оценивается в 100 тыс. человек.",
        "Over 90% of public services are electronic, yet part of rural settlements lack broadband and the shortage "
        "of IT specialists is estimated at 100 thousand people."),
    "international_experience": T(
        "Эстония (X-Road деректер алмасу платформасы), Сингапур (Smart Nation), Корея (цифрлық үкімет) тәжірибесі "
        "талданды.",
        "Проанализирован опыт Эстонии (платформа обмена данными X-Road), Сингапура (Smart Nation) и Кореи "
        "(цифровое правительство).",
        "The experience of Estonia (X-Road data exchange), Singapore (Smart Nation) and Korea (digital government) "
        "was reviewed."),
    "vision": T(
        "2029 жылға қарай Қазақстан — деректерге негізделген мемлекеттік басқаруы және IT қызметтер экспорты 1,5 млрд "
        "АҚШ долларына жеткен өңірлік цифрлық хаб.",
        "К 2029 году Казахстан — региональный цифровой хаб с управлением на основе данных и экспортом IT-услуг "
        "1,5 млрд долларов США.",
        "By 2029 Kazakhstan is a regional digital hub with data-driven government and ICT exports of USD 1.5 billion."),
    "principles_approaches": T(
        "«Цифрлық үкімет — платформа ретінде», деректерді бір рет жинау, «әдепкі бойынша қауіпсіздік», мемлекеттік-"
        "жекешелік әріптестік.",
        "«Правительство как платформа», однократный сбор данных, «безопасность по умолчанию», государственно-"
        "частное партнёрство.",
        "Government as a platform, once-only data collection, security by default, public-private partnership."),
    "indicators_results": T(
        "Алты нысаналы индикатор Ұлттық даму жоспарының стратегиялық көрсеткіштеріне байланыстырылған.",
        "Шесть целевых индикаторов увязаны со стратегическими показателями Национального плана развития.",
        "Six target indicators are linked to the strategic indicators of the National Development Plan."),
    "action_plan": T(
        "Іс-қимыл жоспары (1-қосымша) 8 іс-шараны, олардың нәтижелерін, мерзімдерін, орындаушыларын және "
        "қаржыландыру көздерін қамтиды.",
        "План действий (приложение 1) содержит 8 мероприятий с формами завершения, сроками, исполнителями и "
        "источниками финансирования.",
        "The Action Plan (Annex 1) holds 8 measures with their completion forms, deadlines, executors and sources "
        "of financing."),
}

DIRECTIONS = (
    ("D1", T("Цифрлық мемлекет", "Цифровое государство", "Digital state")),
    ("D2", T("АКТ саласын дамыту", "Развитие отрасли ИКТ", "Development of the ICT industry")),
    ("D3", T("Киберқауіпсіздік", "Кибербезопасность", "Cybersecurity")),
)

GOALS = (
    ("G1", "D1", T("Халыққа және бизнеске арналған адамға бағдарланған цифрлық мемлекеттік қызметтер",
                   "Человекоцентричные цифровые государственные услуги для населения и бизнеса",
                   "People-centred digital public services for citizens and business"),
     (("1", T("Мемлекеттік қызметтерді проактивті форматқа көшіру", "Перевод госуслуг в проактивный формат",
              "Move public services to a proactive format")),
      ("2", T("Ауылдарды кең жолақты интернетпен қамтамасыз ету", "Обеспечение сёл широкополосным интернетом",
              "Broadband internet for villages")))),
    ("G2", "D2", T("Бәсекеге қабілетті отандық IT сала", "Конкурентоспособная отечественная IT-отрасль",
                   "A competitive domestic IT industry"),
     (("1", T("IT кадрларды даярлау", "Подготовка IT-кадров", "Train IT specialists")),
      ("2", T("IT қызметтер экспортын ынталандыру", "Стимулирование экспорта IT-услуг", "Stimulate ICT exports")))),
    ("G3", "D3", T("Ақпараттық жүйелер мен деректердің сенімді қорғалуы",
                   "Надёжная защита информационных систем и данных", "Reliable protection of information systems and data"),
     (("1", T("Мемлекеттік АЖ-ны ҰАҚҮО-ға қосу", "Подключение государственных ИС к НКЦИБ",
              "Connect state information systems to the national coordination centre")),)),
)


def _copy(si_code: str, first_plans: list[str], first_facts: list[str]) -> tuple[list[str], list[str], str]:
    """Plans and facts of a concept indicator that copies an NDP indicator from 2025 on."""
    si = BY_CODE[si_code]
    return first_plans + list(si.plans), first_facts + [si.fact2025], si.reason


def _indicators() -> list[dict]:
    ti1 = _copy("SI-24", ["91.0", "92.0"], ["91.5", "92.8"])
    ti2 = _copy("SI-25", ["500.0", "650.0"], ["539.0", "700.0"])
    rows = [
        # code, goal, task, title, unit, polarity, accumulation, value kind, baseline 2022, plans, facts, reason,
        # responsible, parent (indicator, kind), source, definition, formula, co-executors
        ("TI-1", "G1", "1", BY_CODE["SI-24"].title, "pct", Polarity.INCREASE, Accumulation.ANNUAL, ValueKind.RELATIVE,
         "89.0", *ti1, "digital", ("SI-24", DecompositionKind.COPY), "digital",
         BY_CODE["SI-24"].definition, BY_CODE["SI-24"].formula, ()),
        ("TI-2", "G2", "2", BY_CODE["SI-25"].title, "mln_usd", Polarity.INCREASE, Accumulation.ANNUAL,
         ValueKind.ABSOLUTE, "369.0", *ti2, "digital", ("SI-25", DecompositionKind.COPY), "bns",
         BY_CODE["SI-25"].definition, BY_CODE["SI-25"].formula, (("mti", None),)),
        ("TI-3", "G2", None, T("ЖІӨ-дегі АКТ саласының үлесі", "Доля отрасли ИКТ в ВВП", "Share of the ICT sector in GDP"),
         "pct", Polarity.INCREASE, Accumulation.ANNUAL, ValueKind.RELATIVE, "3.6",
         ["3.7", "3.9", "4.2", "4.5", "4.8", "5.1", "5.5"], ["3.6", "3.9", "4.0"],
         "Телекоммуникация қызметтерінің тарифтері мемлекеттік реттелуде қалды; IT қызметтер өсімі жоспардан төмен",
         "digital", ("SI-10", DecompositionKind.CONTRIBUTION), "bns",
         T("«Ақпарат және байланыс» секциясының жалпы қосылған құнының ЖІӨ-дегі үлесі",
           "Доля валовой добавленной стоимости секции «Информация и связь» в ВВП",
           "Gross value added of section J (information and communication) as a share of GDP"),
         T("Үлес = ЖҚҚ_J / ЖІӨ × 100", "Доля = ВДС_J / ВВП × 100", "Share = GVA_J / GDP × 100"), ()),
        ("TI-4", "G1", "2", T("Кең жолақты интернетке қолжетімді үй шаруашылықтарының үлесі",
                              "Доля домохозяйств с доступом к широкополосному интернету",
                              "Share of households with broadband internet access"),
         "pct", Polarity.INCREASE, Accumulation.ANNUAL, ValueKind.RELATIVE, "86.5",
         ["88.0", "90.0", "92.0", "94.0", "95.5", "97.0", "98.0"], ["88.5", "89.6", "92.3"],
         "Ауылдық елді мекендерге талшықты-оптикалық желі тарту жобасының бірінші кезеңі кешікті",
         "digital", ("SI-24", DecompositionKind.CONTRIBUTION), "bns",
         T("Тіркелген немесе мобильді кең жолақты интернетке қолжетімді үй шаруашылықтарының үлесі",
           "Доля домохозяйств, имеющих доступ к фиксированному или мобильному широкополосному интернету",
           "Share of households with fixed or mobile broadband access"),
         T("Үлес = ҮШ_интернет / ҮШ × 100", "Доля = ДХ_интернет / ДХ × 100", "Share = HH_broadband / HH × 100"), ()),
        ("TI-5", "G2", "1", T("Даярланған IT мамандардың саны (өспелі жиынтықпен)",
                              "Количество подготовленных IT-специалистов (нарастающим итогом)",
                              "IT specialists trained (cumulative)"),
         "th_people", Polarity.INCREASE, Accumulation.CUMULATIVE, ValueKind.ABSOLUTE, "0",
         ["20.0", "45.0", "75.0", "100.0", "125.0", "150.0", "175.0"], ["22.4", "47.1", "71.3"],
         "Tech Orda бағдарламасы бойынша гранттарды бөлу 2025 жылдың II тоқсанына ауысты",
         "digital", ("SI-08", DecompositionKind.CONTRIBUTION), "digital",
         T("Tech Orda бағдарламасы, колледждер мен жоғары оқу орындары даярлаған IT мамандар",
           "IT-специалисты, подготовленные по программе Tech Orda, в колледжах и вузах",
           "IT specialists trained under Tech Orda, in colleges and universities"),
         T("Σ сертификаттар мен дипломдар 2023 жылдан бастап", "Σ сертификатов и дипломов с 2023 года",
           "Σ certificates and diplomas since 2023"), (("edu", "40"), ("mshe", "60"))),
        ("TI-6", "G3", "1", T("Ақпараттық қауіпсіздіктің ұлттық үйлестіру орталығына қосылған мемлекеттік ақпараттық "
                              "жүйелердің үлесі",
                              "Доля государственных информационных систем, подключённых к Национальному "
                              "координационному центру информационной безопасности",
                              "Share of state information systems connected to the national information security "
                              "coordination centre"),
         "pct", Polarity.INCREASE, Accumulation.STOCK, ValueKind.RELATIVE, "55.0",
         ["60.0", "68.0", "76.0", "84.0", "90.0", "95.0", "100.0"], ["61.0", "66.5", "77.0"],
         "12 ақпараттық жүйенің аттестатталуы құжаттарды пысықтауға байланысты 2025 жылға ауысты",
         "digital", None, "digital",
         T("Мониторингке қосылған мемлекеттік АЖ санының олардың жалпы санына қатынасы",
           "Отношение числа государственных ИС, подключённых к мониторингу, к их общему числу",
           "Number of state information systems under monitoring divided by all state information systems"),
         T("Үлес = АЖ_қосылған / АЖ_барлығы × 100", "Доля = ИС_подкл / ИС_всего × 100",
           "Share = IS_connected / IS_total × 100"), ()),
    ]
    out = []
    for n, (code, goal, task, title, unit, pol, acc, vk, base, plans, facts, reason, resp, parent, source,
            definition, formula, co) in enumerate(rows, start=1):
        out.append({
            "code": code, "kind": IndicatorKind.TARGET, "goal": goal, "task": task, "order": n, "title": title,
            "unit": U[unit], "polarity": pol, "accumulation": acc, "value_kind": vk,
            "baseline": {"year": 2022, "value": base}, "final_year": LAST,
            "methodology": methodology(source, definition, formula,
                                       note=f"{NDP}:{parent[0]} ({parent[1]})" if parent else ""),
            "responsible": resp,
            "co_executors": [{"organization": org, "contribution": "IT кадрларын даярлау", "share": share}
                             for org, share in co],
            "values": series(pol, FIRST, plans, facts, reason),
            "parents": [{"indicator": f"{NDP}:{parent[0]}", "kind": parent[1]}] if parent else [],
        })
    return out


def _measures() -> list[dict]:
    rows = [
        # code, goal, task, indicators, title, completion form, deadline, deadline text, responsible, co-executors,
        # unit, quantity, expected result, financing
        ("1", "G1", "1", ["TI-1"], T("100 мемлекеттік көрсетілетін қызметті проактивті форматқа көшіру",
                                     "Перевод 100 государственных услуг в проактивный формат",
                                     "Move 100 public services to a proactive format"),
         T("Үкіметке ақпарат", "Информация в Правительство", "Information to the Government"), None,
         T("жыл сайын, 25 желтоқсанға дейін", "ежегодно, до 25 декабря", "annually, by 25 December"),
         "digital", ["mlsp", "moh", "edu"], U["units"], "100",
         financing(B, 2024, ["4850", "5200", "5400", "5600", "5800", "6000"], level=REP, bpc="243-003-100",
                   admin="digital", absorbed={2024: ("0.962", "Конкурстық рәсімдер нәтижесінде үнемдеу")})),
        ("2", "G1", "2", ["TI-4"], T("3 000 ауылдық елді мекенге талшықты-оптикалық байланыс желілерін тарту",
                                     "Строительство волоконно-оптических линий связи до 3 000 сельских населённых "
                                     "пунктов",
                                     "Build fibre-optic lines to 3,000 rural settlements"),
         T("Пайдалануға беру актілері", "Акты ввода в эксплуатацию", "Commissioning certificates"), date(2027, 12, 31),
         {}, "digital", ["akimat-karaganda", "akimat-turkistan"], U["settlements"], "3000",
         financing(B, 2024, ["12000", "18500", "21000", "9000"], level=REP, bpc="243-004-000", admin="digital",
                   absorbed={2025: ("0.874", "Мердігердің жабдықты жеткізуі кешікті; келісімшарт бойынша айыппұл "
                                             "өндірілді")})
         + financing(INV, 2024, ["25000", "31000", "34000", "15000"],
                     absorbed={2024: ("0.91", "Инвесторлардың қаржыландыру кестесі қайта қаралды")})),
        ("3", "G2", "1", ["TI-5"], T("Tech Orda бағдарламасы бойынша IT мамандарды даярлау",
                                     "Подготовка IT-специалистов по программе Tech Orda",
                                     "Train IT specialists under the Tech Orda programme"),
         T("Ведомстволық бұйрық", "Ведомственный приказ", "Departmental order"), None,
         T("жыл сайын, 20 желтоқсанға дейін", "ежегодно, до 20 декабря", "annually, by 20 December"),
         "digital", ["edu", "mshe"], U["th_people"], "100",
         financing(B, 2024, ["6200", "6800", "7000", "7200", "7400", "7600"], level=REP, bpc="243-010-100",
                   admin="digital", absorbed={2025: ("0.935", "Гранттар бөлу II тоқсанға ауысты")})
         + financing(GR, 2024, ["450", "480", "500", "0", "0", "0"])),
        ("4", "G2", "2", ["TI-2", "TI-3"], T("Astana Hub технопаркі арқылы IT компаниялардың экспортын жеделдету",
                                             "Акселерация экспорта IT-компаний через технопарк Astana Hub",
                                             "Accelerate exports of IT companies through the Astana Hub technopark"),
         T("Үкіметке ақпарат", "Информация в Правительство", "Information to the Government"), None,
         T("жыл сайын, 1 наурызға дейін", "ежегодно, до 1 марта", "annually, by 1 March"),
         "digital", ["mti"], T("компания", "компаний", "companies"), "1500",
         financing(B, 2024, ["3100", "3300", "3500", "3700", "3900", "4100"], level=REP, bpc="243-011-000",
                   admin="digital")
         + financing(OWN, 2024, ["8000", "9500", "11000", "12500", "14000", "15500"],
                     absorbed={2025: ("0.82", "Венчурлық қорлардың инвестициялары 2026 жылға ауысты")})),
        ("5", "G2", "1", ["TI-5"], T("Мектептерде робототехника және IT кабинеттерін ашу",
                                     "Открытие кабинетов робототехники и IT в школах",
                                     "Open robotics and IT classrooms in schools"),
         T("Оқу-ағарту министрлігінің бұйрығы", "Приказ Министерства просвещения", "Order of the Ministry of Education"),
         date(2026, 9, 1), {}, "edu", ["digital"], T("кабинет", "кабинетов", "classrooms"), "2400",
         financing(B, 2024, ["5400", "6100", "4300"], level=REP, bpc="225-099-100", admin="edu",
                   absorbed={2024: ("0.948", "Жабдық бағасының төмендеуінен үнемдеу")})),
        ("6", "G3", "1", ["TI-6"], T("Мемлекеттік ақпараттық жүйелерді ақпараттық қауіпсіздіктің ұлттық үйлестіру "
                                     "орталығына қосу",
                                     "Подключение государственных информационных систем к Национальному "
                                     "координационному центру информационной безопасности",
                                     "Connect state information systems to the national information security "
                                     "coordination centre"),
         T("Аттестаттау актілері", "Акты аттестации", "Certification reports"), None,
         T("жыл сайын, 15 желтоқсанға дейін", "ежегодно, до 15 декабря", "annually, by 15 December"),
         "digital", ["mia"], T("жүйе", "систем", "systems"), "180",
         financing(B, 2024, ["2600", "2750", "2900", "3050", "3200", "3350"], level=REP, bpc="243-007-000",
                   admin="digital", absorbed={2024: ("0.89", "12 жүйенің аттестатталуы 2025 жылға ауысты")})),
        ("7", "G1", "1", ["TI-1"], T("«Жасанды интеллект туралы» Заң жобасын әзірлеу",
                                     "Разработка проекта Закона «Об искусственном интеллекте»",
                                     "Draft the Law on Artificial Intelligence"),
         T("ҚР Заңы", "Закон РК", "Law of the Republic of Kazakhstan"), date(2025, 12, 1), {}, "digital",
         ["moj", "mne"], {}, None, []),
        ("8", "G2", "2", ["TI-3"], T("Жасанды интеллектке арналған суперкомпьютерлік кластер құру",
                                     "Создание суперкомпьютерного кластера для искусственного интеллекта",
                                     "Build a supercomputer cluster for artificial intelligence"),
         T("Пайдалануға беру актісі", "Акт ввода в эксплуатацию", "Commissioning certificate"), date(2026, 6, 30),
         {}, "digital", ["samruk-kazyna"], T("петафлопс", "петафлопс", "petaflops"), "2",
         financing(INV, 2025, ["42000", "18000"])
         + financing(B, 2025, ["6000", "2500"], level=REP, bpc="243-012-000", admin="digital",
                     absorbed={2025: ("0.75", "Жабдықты жеткізу кестесі жеткізушінің өтініші бойынша өзгертілді")})),
    ]
    out = []
    for n, (code, goal, task, inds, title, form, deadline, deadline_text, resp, co, unit, qty, fin) in enumerate(
            rows, start=1):
        out.append({
            "code": code, "order": n, "goal": goal, "task": task, "indicators": inds, "title": title,
            "completion_form": form, "start_year": 2025 if code == "8" else 2024, "deadline": deadline,
            "deadline_text": deadline_text or {}, "responsible": resp, "co_executors": co, "unit": unit or {},
            "planned_quantity": qty, "financing": fin,
            "expected_result": T("Нысаналы индикаторларға қол жеткізу", "Достижение целевых индикаторов",
                                 "Target indicators achieved"),
        })
    return out


def build() -> DocumentPayload:
    return DocumentPayload.model_validate({
        "code": CODE, "type": DocumentType.CONCEPT,
        "title": T("Цифрлық трансформацияның, ақпараттық-коммуникациялық технологиялар саласын және киберқауіпсіздікті "
                   "дамытудың 2023-2029 жылдарға арналған тұжырымдамасы",
                   "Концепция цифровой трансформации, развития отрасли информационно-коммуникационных технологий и "
                   "кибербезопасности на 2023-2029 годы",
                   "Concept for digital transformation, development of the ICT industry and cybersecurity for "
                   "2023-2029"),
        "period_start": FIRST, "period_end": LAST, "developer": "digital",
        "co_executors": ["edu", "mne", "mshe", "mti"], "status": DocumentStatus.IN_FORCE,
        "approval_act": {"name": "Қазақстан Республикасы Үкіметінің қаулысы", "number": "269",
                         "date": date(2023, 3, 28)},
        "basis": T("Мемлекет басшысының 2022 жылғы 1 қыркүйектегі Жолдауы",
                   "Послание Главы государства от 1 сентября 2022 года",
                   "Address of the Head of State of 1 September 2022"),
        "vision": SECTIONS["vision"],
        "implements": [NDP],
        "sections": sections(DocumentType.CONCEPT, SECTIONS),
        "directions": [{"code": c, "order": n, "title": t} for n, (c, t) in enumerate(DIRECTIONS, start=1)],
        "goals": [
            {"code": code, "direction": direction, "order": n, "title": title, "achievement_year": LAST,
             "tasks": [{"code": tc, "order": k, "title": tt, "deadline_year": LAST}
                       for k, (tc, tt) in enumerate(tasks, start=1)]}
            for n, (code, direction, title, tasks) in enumerate(GOALS, start=1)
        ],
        "indicators": attributed(_indicators()),
        "measures": _measures(),
    })
