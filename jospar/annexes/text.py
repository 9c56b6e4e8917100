"""Languages and numbers of the official forms: Kazakh by default, Russian and English on request.

The verbatim Kazakh wording of each form comes from the Methodology (SPEC parts 3-5); the Russian and
English wording are Jospar's translations. Numbers are formatted with Babel (kk/ru: "1 234,5"; en: "1,234.5").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

LANGS = ("kk", "ru", "en")
BABEL_LOCALE = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}
MONEY_PLACES = 1  # million tenge, shown with one decimal (Annex 14 expl. 4(10): "with decimal values")


class T(dict):
    """One text in the three languages: T("kk", "ru", "en")."""

    def __init__(self, kk: str, ru: str, en: str):
        super().__init__(kk=kk, ru=ru, en=en)

    def __call__(self, lang: str, **kwargs: Any) -> str:
        text = self.get(lang) or self["kk"]
        return text.format(**kwargs) if kwargs else text


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def tr(obj: Any, field: str, lang: str) -> str:
    """The kk/ru/en column of a translated field, falling back to Kazakh, then to the plain field."""
    if obj is None:
        return ""
    for name in (f"{field}_{lang}", f"{field}_kk", field):
        value = getattr(obj, name, None)
        if value:
            return str(value)
    return ""


def decimals(value: Decimal) -> int:
    """Decimals needed to show a value without trailing zeros: 75.1000 -> 1, 12 -> 0."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def places_for(value: Decimal | int | None, fmt: str, places: int | None) -> int:
    if places is not None:
        return places
    if fmt == "money":
        return MONEY_PLACES
    if fmt == "int" or value is None:
        return 0
    return min(4, decimals(Decimal(value)))


def format_number(value: Decimal | int | None, fmt: str, lang: str, places: int | None = None) -> str:
    if value is None:
        return ""
    n = places_for(value, fmt, places)
    pattern = "#,##0" + ("." + "0" * n if n else "")
    return format_decimal(Decimal(value), format=pattern, locale=BABEL_LOCALE[check_lang(lang)])


def excel_format(value: Decimal | int | None, fmt: str, places: int | None = None) -> str:
    n = places_for(value, fmt, places)
    return "#,##0" + ("." + "0" * n if n else "")


# --------------------------------------------------------------------------------------------- common words

CAPTION = T(
    "Қазақстан Республикасының ұлттық даму жоспарын, елдің аумақтық даму жоспарын, тұжырымдамаларды, мемлекеттік "
    "органдардың даму жоспарларын, облыстың, республикалық маңызы бар қаланың, астананың даму жоспарларын әзірлеу, "
    "мониторингтеу, іске асыру, бағалау және бақылау әдістемесіне {n}-қосымша",
    "Приложение {n} к Методике разработки, мониторинга, реализации, оценки и контроля Национального плана развития "
    "Республики Казахстан, Плана территориального развития страны, концепций, планов развития государственных "
    "органов, планов развития области, города республиканского значения, столицы",
    "Annex {n} to the Methodology for developing, monitoring, implementing, evaluating and controlling the National "
    "Development Plan of the Republic of Kazakhstan, the Territorial Development Plan of the country, concepts, "
    "development plans of state bodies, development plans of an oblast, a city of republican significance, the "
    "capital",
)
FORM = T("Нысан", "Форма", "Form")
ANNEX_SHEET = T("{n}-қосымша", "Прил. {n}", "Annex {n}")
SECTION = T("{n}-бөлім", "Раздел {n}", "Section {n}")
NOTE_FILL = T(
    "Ескертпе: нысан осы нысанға қосымшада келтірілген толтыру жөніндегі түсіндірмелерге сәйкес толтырылады.",
    "Примечание: форма заполняется в соответствии с пояснениями по заполнению, приведёнными в приложении к "
    "настоящей форме.",
    "Note: the form is filled in according to the explanations on filling given in the annex to this form.",
)
NOTE_STAR = T(
    "Кестенің «*» белгісі бар ұяшықтары толтырылмайды.",
    "Ячейки таблицы, отмеченные знаком «*», не заполняются.",
    "Cells of the table marked with \"*\" are not filled.",
)
MLN_TENGE = T("млн теңге", "млн тенге", "million tenge")
TOTAL = T("Жиыны", "Итого", "Total")
TOTAL_ALL = T("Барлығы", "Всего", "Total")
APPROVED = T("Бекітілген", "Утвержден", "Approved")
REPORTING_PERIOD = T("Есепті кезең", "Отчетный период", "Reporting period")
STATE_BODY = T("Мемлекеттік орган", "Государственный орган", "State body")
PLANNING_PERIOD = T("{a}-{b} жылдарға арналған (жоспарлы кезең)", "на {a}-{b} годы (плановый период)",
                    "for {a}-{b} (planning period)")
FIRST_HEAD = T(
    "Бірінші басшы ______________ қолы, тегі, аты, әкесінің аты (болған жағдайда)",
    "Первый руководитель ______________ подпись, фамилия, имя, отчество (при его наличии)",
    "First head ______________ signature, surname, first name, patronymic (if any)",
)
AKIM = T(
    "Облыстың, республикалық маңызы бар қаланың, астананың әкімі ______________ қолы, аты, әкесінің аты "
    "(болған жағдайда), тегі",
    "Аким области, города республиканского значения, столицы ______________ подпись, имя, отчество "
    "(при его наличии), фамилия",
    "Akim of the oblast, city of republican significance, capital ______________ signature, first name, "
    "patronymic (if any), surname",
)
NOT_STATED = T("(көрсетілмеген)", "(не указано)", "(not stated)")
RESTRICTED_NOTE = T(
    "Жариялауға арналған нұсқа: құпия және қызметтік пайдалануға арналған ақпарат алынып тасталды "
    "(әдістеменің 231-233-тармақтары).",
    "Версия для опубликования: секретная информация и информация для служебного пользования исключены "
    "(пункты 231-233 Методики).",
    "Version for publication: secret and for-official-use information is left out (cl. 231-233 of the "
    "Methodology).",
)

SOURCE_LABELS = {
    "budget": T("Республикалық және жергілікті бюджеттер", "Республиканский и местные бюджеты",
                "Republican and local budgets"),
    "budget:republican": T("Республикалық бюджет", "Республиканский бюджет", "Republican budget"),
    "budget:local": T("Жергілікті бюджет", "Местный бюджет", "Local budget"),
    "state_loans": T("Мемлекеттік қарыздар", "Государственные займы", "State loans"),
    "guaranteed_loans": T("Мемлекет кепілдігімен тартылатын мемлекеттік емес қарыздар",
                          "Негосударственные займы под государственную гарантию",
                          "Non-state loans under state guarantee"),
    "investment": T("Тікелей шетелдік және отандық инвестициялар", "Прямые иностранные и отечественные инвестиции",
                    "Direct foreign and domestic investment"),
    "grants": T("Халықаралық қаржы ұйымдарының немесе донор елдердің гранттары",
                "Гранты международных финансовых организаций или стран-доноров",
                "Grants of international financial organisations or donor countries"),
    "bank_loans": T("Екінші деңгейдегі банктердің кредиттері", "Кредиты банков второго уровня",
                    "Loans of second-tier banks"),
    "own_funds": T("Ұйымдардың меншікті қаражаты", "Собственные средства организаций", "Own funds of organisations"),
    "other": T("Заңнамада тыйым салынбаған басқа да көздер", "Другие источники, не запрещённые законодательством",
               "Other sources not prohibited by law"),
}


def source_label(source: str, level: str, lang: str) -> str:
    key = f"{source}:{level}" if source == "budget" and level else source
    return SOURCE_LABELS.get(key, SOURCE_LABELS.get(source, T(source, source, source)))(lang)


DOC_TYPE = {
    "ndp": T("Ұлттық даму жоспары", "Национальный план развития", "National Development Plan"),
    "tdp": T("Елдің аумақтық даму жоспары", "План территориального развития страны",
             "Territorial Development Plan of the country"),
    "concept": T("Тұжырымдама", "Концепция", "Concept"),
    "national_project": T("Ұлттық жоба", "Национальный проект", "National project"),
    "sbdp": T("Мемлекеттік органның даму жоспары", "План развития государственного органа",
              "Development plan of a state body"),
    "operational_plan": T("Операциялық жоспар", "Операционный план", "Operational plan"),
    "rdp": T("Облыстың, республикалық маңызы бар қаланың, астананың даму жоспары",
             "План развития области, города республиканского значения, столицы",
             "Development plan of an oblast, city of republican significance, capital"),
    "holding_plan": T("Ұлттық холдингтің / ұлттық компанияның даму жоспары",
                      "План развития национального холдинга / национальной компании",
                      "Development plan of a national holding / national company"),
}
