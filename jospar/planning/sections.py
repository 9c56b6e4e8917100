"""The required sections of each document type, in order (V-01: cl. 65, 79, 89, 107, 133).

Section names are kept in kk/ru/en here (they are fixed by the methodology, not written by users).
"""

from __future__ import annotations

from dataclasses import dataclass

from .choices import DocumentType


@dataclass(frozen=True)
class SectionSpec:
    key: str
    clause: str
    kk: str
    ru: str
    en: str

    def name(self, lang: str) -> str:
        return getattr(self, lang if lang in ("kk", "ru", "en") else "kk")


REQUIRED_SECTIONS: dict[str, tuple[SectionSpec, ...]] = {
    DocumentType.NDP: (
        SectionSpec("introduction", "cl. 65(1), 66", "Кіріспе", "Введение", "Introduction"),
        SectionSpec("global_trends", "cl. 65(2), 67", "Жаһандық үрдістерді талдау", "Анализ глобальных трендов",
                    "Analysis of global trends"),
        SectionSpec("principles", "cl. 65(3), 68", "Іске асырудың негізгі қағидаттары",
                    "Основные принципы реализации", "Main principles of implementation"),
        SectionSpec("approaches_results", "cl. 65(4), 69", "Іске асыру тәсілдері және күтілетін нәтижелер",
                    "Подходы к реализации и ожидаемые результаты", "Implementation approaches and expected results"),
        SectionSpec("strategic_indicator_map", "cl. 65(5), 70-72", "Стратегиялық көрсеткіштер картасы",
                    "Карта стратегических показателей", "Strategic Indicator Map"),
    ),
    DocumentType.TDP: (
        SectionSpec("introduction", "cl. 79(1), 80", "Кіріспе", "Введение", "Introduction"),
        SectionSpec("analysis", "cl. 79(2), 81", "Ағымдағы жағдайды талдау және бағалау",
                    "Анализ и оценка текущей ситуации", "Analysis and assessment of the current situation"),
        SectionSpec("international_experience", "cl. 79(3), 82", "Халықаралық тәжірибеге шолу",
                    "Обзор международного опыта", "Review of international experience"),
        SectionSpec("vision", "cl. 79(4), 83", "Аумақтық дамудың пайымы, қағидаттары, тәсілдері мен бағыттары",
                    "Видение, принципы, подходы и направления территориального развития",
                    "Vision, principles, approaches and directions of territorial development"),
        SectionSpec("regional_parameters", "cl. 79(5), 84", "Өңірлер дамуының негізгі параметрлері",
                    "Основные параметры развития регионов", "Main parameters of regional development"),
        SectionSpec("schemes", "cl. 79(6), 85", "Өңірлерді перспективалық дамыту схемалары",
                    "Схемы перспективного развития регионов", "Schemes of prospective development of the regions"),
        SectionSpec("mechanisms", "cl. 79(7), 86", "Аумақтық даму жоспарын іске асыру тетіктері",
                    "Механизмы реализации Плана территориального развития",
                    "Mechanisms for implementing the Territorial Development Plan"),
    ),
    DocumentType.CONCEPT: (
        SectionSpec("passport", "cl. 89(1), 90", "Паспорт (негізгі параметрлер)", "Паспорт (основные параметры)",
                    "Passport (main parameters)"),
        SectionSpec("analysis", "cl. 89(2), 91", "Ағымдағы ахуалды талдау", "Анализ текущей ситуации",
                    "Analysis of the current situation"),
        SectionSpec("international_experience", "cl. 89(3), 92", "Халықаралық тәжірибеге шолу",
                    "Обзор международного опыта", "Review of international experience"),
        SectionSpec("vision", "cl. 89(4), 93", "Нақты саланың/аяның даму пайымы",
                    "Видение развития конкретной отрасли/сферы", "Vision of the development of the sector/sphere"),
        SectionSpec("principles_approaches", "cl. 89(5), 94",
                    "Дамудың негізгі қағидаттары мен тәсілдері (міндеттер/бағыттар бойынша)",
                    "Основные принципы и подходы развития (по задачам/направлениям)",
                    "Main principles and approaches of development (by tasks/directions)"),
        SectionSpec("indicators_results", "cl. 89(6), 95", "Нысаналы индикаторлар және күтілетін нәтижелер",
                    "Целевые индикаторы и ожидаемые результаты", "Target indicators and expected results"),
        SectionSpec("action_plan", "cl. 89(7), 96; Annex 1", "Тұжырымдаманы іске асыру жөніндегі іс-қимыл жоспары",
                    "План действий по реализации концепции", "Action Plan for implementing the concept"),
    ),
    DocumentType.SBDP: (
        SectionSpec("mission_vision", "cl. 107-110; Annex 3 s.1", "Миссия және пайымдау", "Миссия и видение",
                    "Mission and vision"),
        SectionSpec("architecture", "cl. 111; Annex 3 s.2",
                    "Стратегиялық және бюджеттік жоспарлаудың өзара байланысының архитектурасы",
                    "Архитектура взаимосвязи стратегического и бюджетного планирования",
                    "Architecture of the interrelation of strategic and budget planning"),
        SectionSpec("directions_goals_indicators", "cl. 112-116; Annex 3 s.3",
                    "Стратегиялық бағыттар, мақсаттар, нысаналы индикаторлар",
                    "Стратегические направления, цели, целевые индикаторы",
                    "Strategic directions, goals, target indicators"),
        SectionSpec("resources", "cl. 117; Annex 3 s.4", "Ресурстар", "Ресурсы", "Resources"),
    ),
    DocumentType.RDP: (
        SectionSpec("passport", "cl. 133(1), 134", "Паспорт (негізгі сипаттамалар)", "Паспорт (основные характеристики)",
                    "Passport (main characteristics)"),
        SectionSpec("vision", "cl. 133(2), 135", "Аумақты дамытудың пайымы мен перспективасы",
                    "Видение и перспективы развития территории", "Vision and prospects of territorial development"),
        SectionSpec("analysis", "cl. 133(3), 136-137", "Ағымдағы ахуалды талдау", "Анализ текущей ситуации",
                    "Analysis of the current situation"),
        SectionSpec("directions_goals_indicators", "cl. 133(4), 138-149",
                    "Негізгі бағыттар, мақсаттар, нысаналы индикаторлар және оларға қол жеткізу жолдары",
                    "Основные направления, цели, целевые индикаторы и пути их достижения",
                    "Main directions, goals, target indicators and ways to achieve them"),
        SectionSpec("resources", "cl. 133(5), 150", "Қажетті ресурстар", "Необходимые ресурсы", "Required resources"),
    ),
}


def required_sections(document_type: str) -> tuple[SectionSpec, ...]:
    """The sections the methodology requires for a type; types it does not structure return ()."""
    return REQUIRED_SECTIONS.get(document_type, ())


def section_spec(document_type: str, key: str) -> SectionSpec | None:
    return next((s for s in required_sections(document_type) if s.key == key), None)
