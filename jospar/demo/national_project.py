"""National project "Comfortable School" (Жайлы мектеп): new schools to end three-shift teaching and close
emergency schools. The project exists (developer: Ministry of Education); the figures here are demo figures.

Budget programme codes: 225 = Ministry of Education, 261 = regional education departments (illustrative).
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

from .common import T, attributed, financing, methodology, series
from .indicators import BY_CODE, U
from .ndp import CODE as NDP

CODE = "np-comfortable-school"
FIRST, LAST = 2024, 2026

GOAL = T("Мектептердегі үш ауысымды оқытуды және апатты мектептерді жою, оқушы орындарының тапшылығын қысқарту",
         "Ликвидация трёхсменного обучения и аварийных школ, сокращение дефицита ученических мест",
         "End three-shift teaching and emergency schools, reduce the shortage of student places")

CONTRIB = DecompositionKind.CONTRIBUTION


def _edu_method(definition, formula):
    return methodology("edu", definition, formula, periodicity="annual_dept",
                       note=f"{NDP}:SI-03 көрсеткішіне салым")


def _indicators() -> list[dict]:
    si03 = BY_CODE["SI-03"]
    rows = [
        ("NP-1", T("Пайдалануға берілген жаңа мектептер саны (өспелі жиынтықпен)",
                   "Количество введённых новых школ (нарастающим итогом)", "New schools commissioned (cumulative)"),
         "units", Polarity.INCREASE, Accumulation.CUMULATIVE, "0", ["150", "300", "369"], ["131", "273"],
         "Мердігерлердің міндеттемелерді бұзуы: 27 мектептің құрылысы 2026 жылға ауысты", CONTRIB,
         T("Пайдалануға беру актісіне қол қойылған «Жайлы мектеп» жобасының мектептері",
           "Школы проекта «Комфортная школа» с подписанным актом ввода",
           "Schools of the project with a signed commissioning certificate"),
         T("Σ пайдалануға беру актілері 2024 жылдан бастап", "Σ актов ввода с 2024 года",
           "Σ commissioning certificates since 2024")),
        ("NP-2", T("Құрылған жаңа оқушы орындары (өспелі жиынтықпен)",
                   "Созданные новые ученические места (нарастающим итогом)", "New student places created (cumulative)"),
         "th_places", Polarity.INCREASE, Accumulation.CUMULATIVE, "0", ["300.0", "600.0", "740.0"],
         ["262.5", "551.0"], "Пайдалануға беру кешіккен мектептерге байланысты", CONTRIB,
         T("Жаңа мектептердің жобалық қуаты", "Проектная мощность новых школ", "Design capacity of the new schools"),
         T("Σ жобалық қуат", "Σ проектной мощности", "Σ design capacity")),
        ("NP-3", T("Үш ауысымды мектептер саны", "Количество трёхсменных школ", "Three-shift schools"),
         "units", Polarity.DECREASE, Accumulation.STOCK, "82", ["40", "10", "0"], ["47", "16"],
         "Түркістан облысы мен Шымкент қаласында контингенттің жоспардан жоғары өсуі", CONTRIB,
         T("Үш ауысыммен оқытатын жалпы білім беретін мектептер", "Общеобразовательные школы с обучением в три смены",
           "General schools teaching in three shifts"),
         T("Жыл соңындағы ҰБДҚ бойынша саны", "Число по НОБД на конец года", "Count in the NEDB at year end")),
        ("NP-4", T("Апатты мектептер саны", "Количество аварийных школ", "Emergency schools"),
         "units", Polarity.DECREASE, Accumulation.STOCK, "116", ["70", "30", "0"], ["79", "38"],
         "Апатты ғимараттарды бұзу жаңа мектептер пайдалануға берілгеннен кейін ғана жүргізіледі", CONTRIB,
         T("Техникалық тексеру қорытындысы бойынша апатты деп танылған мектеп ғимараттары",
           "Здания школ, признанные аварийными по заключению технического обследования",
           "School buildings declared unsafe by a technical survey"),
         T("Жыл соңындағы саны", "Число на конец года", "Count at year end")),
        ("NP-5", si03.title, "th_places", Polarity.DECREASE,
         Accumulation.STOCK, si03.b2023, [si03.p2024, si03.plans[0], si03.plans[1]], [si03.b2024, si03.fact2025],
         si03.reason, DecompositionKind.COPY, si03.definition, si03.formula),
        ("NP-6", T("Жаңа мектептердегі заманауи пән кабинеттерімен жабдықталу үлесі",
                   "Доля оснащения новых школ современными предметными кабинетами",
                   "Share of new schools equipped with modern subject classrooms"),
         "pct", Polarity.INCREASE, Accumulation.ANNUAL, "0", ["100.0", "100.0", "100.0"], ["96.2", "98.7"],
         "Физика және химия кабинеттеріне арналған жабдықты жеткізу кешікті", None,
         T("Стандартқа сай жабдықталған пән кабинеттерінің үлесі", "Доля кабинетов, оснащённых по стандарту",
           "Share of classrooms equipped to the standard"),
         T("Үлес = К_жабдықталған / К_барлығы × 100", "Доля = К_оснащ / К_всего × 100",
           "Share = C_equipped / C_total × 100")),
    ]
    out = []
    for n, (code, title, unit, pol, acc, base, plans, facts, reason, link, definition, formula) in enumerate(
            rows, start=1):
        out.append({
            "code": code, "kind": IndicatorKind.TARGET, "goal": "G1", "order": n, "title": title, "unit": U[unit],
            "polarity": pol, "accumulation": acc,
            "value_kind": ValueKind.RELATIVE if unit == "pct" else ValueKind.ABSOLUTE,
            "baseline": {"year": 2023, "value": base}, "final_year": LAST,
            "methodology": _edu_method(definition, formula), "responsible": "edu",
            "co_executors": [{"organization": "mic", "contribution": "Құрылыс сапасын бақылау", "share": "20"}]
            if code in ("NP-1", "NP-2") else [],
            "values": series(pol, FIRST, plans, facts, reason),
            "parents": [{"indicator": f"{NDP}:SI-03", "kind": link}] if link else [],
        })
    return out


def _measures() -> list[dict]:
    b, inv, own = FinancingSource.BUDGET, FinancingSource.INVESTMENT, FinancingSource.OWN_FUNDS
    rep, loc = BudgetLevel.REPUBLICAN, BudgetLevel.LOCAL
    akimats = ["akimat-turkistan", "akimat-almaty-region", "akimat-shymkent", "akimat-astana", "akimat-almaty",
               "akimat-karaganda"]
    return [
        {"code": "1", "order": 1, "goal": "G1", "indicators": ["NP-1", "NP-2", "NP-3"],
         "title": T("369 жаңа мектеп салу", "Строительство 369 новых школ", "Build 369 new schools"),
         "completion_form": T("Пайдалануға беру актілері", "Акты ввода в эксплуатацию", "Commissioning certificates"),
         "start_year": 2024, "deadline": date(2026, 9, 1), "responsible": "edu", "co_executors": akimats + ["mic"],
         "unit": T("мектеп", "школ", "schools"), "planned_quantity": "369",
         "expected_result": T("740 мың оқушы орны құрылды", "Создано 740 тыс. ученических мест",
                              "740 thousand student places created"),
         "financing": financing(b, 2024, ["780000", "920000", "310000"], level=rep, bpc="225-116-000", admin="edu",
                                absorbed={2024: ("0.94", "Мердігерлермен 14 келісімшарт бұзылды; қаражат 2025 "
                                                         "жылға қайта бөлінді"),
                                          2025: ("0.91", "27 мектептің құрылысы 2026 жылға ауысты")})
         + financing(b, 2024, ["58000", "64000", "21000"], level=loc, bpc="261-114-000",
                     absorbed={2025: ("0.96", "Жер учаскелерін беру кешікті")})
         + financing(inv, 2024, ["45000", "60000", "15000"],
                     absorbed={2024: ("0.8", "Жеке инвесторлар салған 9 мектеп 2025 жылға ауысты")})},
        {"code": "2", "order": 2, "goal": "G1", "indicators": ["NP-6"],
         "title": T("Жаңа мектептерді жиһазбен және заманауи жабдықпен жарақтандыру",
                    "Оснащение новых школ мебелью и современным оборудованием",
                    "Equip new schools with furniture and modern equipment"),
         "completion_form": T("Қабылдау-беру актілері", "Акты приёма-передачи", "Acceptance certificates"),
         "start_year": 2024, "deadline": date(2026, 8, 25), "responsible": "edu", "co_executors": akimats,
         "unit": T("мектеп", "школ", "schools"), "planned_quantity": "369",
         "financing": financing(b, 2024, ["96000", "118000", "41000"], level=rep, bpc="225-116-100", admin="edu",
                                absorbed={2024: ("0.97", "Конкурстық рәсімдер нәтижесінде үнемдеу")})
         + financing(own, 2024, ["6500", "7000", "2500"],
                     absorbed={2025: ("0.88", "Демеушілік жабдықты жеткізу 2026 жылға ауысты")})},
        {"code": "3", "order": 3, "goal": "G1", "indicators": ["NP-4"],
         "title": T("Апатты мектептердің оқушыларын жаңа мектептерге көшіру және апатты ғимараттарды бұзу",
                    "Перевод учащихся аварийных школ в новые школы и снос аварийных зданий",
                    "Move pupils of emergency schools to new schools and demolish the unsafe buildings"),
         "completion_form": T("Жергілікті атқарушы органдардың қаулылары", "Постановления местных исполнительных органов",
                              "Resolutions of the local executive bodies"),
         "start_year": 2024, "deadline_text": T("2026 жылғы желтоқсан", "декабрь 2026 года", "December 2026"),
         "responsible": "akimat-turkistan", "co_executors": ["edu", "akimat-shymkent", "akimat-almaty-region"],
         "unit": T("мектеп", "школ", "schools"), "planned_quantity": "116",
         "financing": financing(b, 2024, ["4200", "5100", "2600"], level=loc, bpc="261-021-000",
                                absorbed={2024: ("0.86", "Бұзу жаңа ғимараттар пайдалануға берілгеннен кейін ғана "
                                                         "жүргізіледі")})},
        {"code": "4", "order": 4, "goal": "G1", "indicators": ["NP-1"],
         "title": T("Құрылыстың сапасына техникалық және авторлық қадағалау",
                    "Технический и авторский надзор за качеством строительства",
                    "Technical and design supervision of construction quality"),
         "completion_form": T("Үкіметке ақпарат", "Информация в Правительство", "Information to the Government"),
         "start_year": 2024,
         "deadline_text": T("тоқсан сайын, есепті тоқсаннан кейінгі айдың 10-на дейін",
                            "ежеквартально, до 10 числа месяца, следующего за отчётным кварталом",
                            "quarterly, by the 10th of the month after the quarter"),
         "responsible": "mic", "co_executors": ["edu", "npo"],
         "financing": financing(b, 2024, ["3900", "4600", "1500"], level=rep, bpc="225-116-101", admin="edu")},
    ]


def build() -> DocumentPayload:
    return DocumentPayload.model_validate({
        "code": CODE, "type": DocumentType.NATIONAL_PROJECT,
        "title": T("«Жайлы мектеп» ұлттық жобасы", "Национальный проект «Комфортная школа»",
                   "National project \"Comfortable School\""),
        "period_start": FIRST, "period_end": LAST, "developer": "edu",
        "co_executors": ["mic", "npo", "akimat-turkistan", "akimat-karaganda"], "status": DocumentStatus.IN_FORCE,
        "approval_act": {"name": "Қазақстан Республикасы Үкіметінің қаулысы"},
        "basis": T("Мемлекет басшысының 2023 жылғы 1 қыркүйектегі Жолдауы",
                   "Послание Главы государства от 1 сентября 2023 года",
                   "Address of the Head of State of 1 September 2023"),
        "vision": T("Әрбір бала заманауи, қауіпсіз және жайлы мектепте бір ауысымда оқиды.",
                    "Каждый ребёнок учится в современной, безопасной и комфортной школе в одну смену.",
                    "Every child studies in a modern, safe and comfortable school in one shift."),
        "implements": [NDP],
        "sections": [{"key": "passport", "order": 1, "title": T("Ұлттық жобаның паспорты", "Паспорт национального проекта",
                                                               "Passport of the national project"),
                      "text": T("Жоба 2024-2026 жылдары 369 мектеп салуды және 740 мың оқушы орнын құруды көздейді.",
                                "Проект предусматривает строительство 369 школ и создание 740 тыс. ученических мест "
                                "в 2024-2026 годах.",
                                "The project builds 369 schools with 740 thousand student places in 2024-2026.")}],
        "goals": [{"code": "G1", "order": 1, "title": GOAL, "achievement_year": LAST,
                   "budget_program_codes": ["225-116-000", "225-116-100"]}],
        "indicators": attributed(_indicators()),
        "measures": _measures(),
    })
