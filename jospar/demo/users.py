"""One demo login per role. Passwords follow "demo-<username>-2026": at least 8 characters and not in
Django's list of common passwords. For demonstrations only: never load these users into production.
"""

from __future__ import annotations


def _user(username: str, full_name: str, organization: str, role: str, *, language: str = "kk",
          is_staff: bool = False, is_superuser: bool = False) -> dict:
    return {
        "username": username, "password": f"demo-{username}-2026", "full_name": full_name,
        "organization": organization, "role": role, "is_staff": is_staff, "is_superuser": is_superuser,
        "language": language,
    }


DEMO_USERS: list[dict] = [
    _user("admin", "Жүйе әкімшісі", "mne", "admin", language="en", is_staff=True, is_superuser=True),
    _user("mne-planner", "Әсел Нұрланқызы Бекова", "mne", "planner"),
    _user("mne-head", "Ерлан Серікұлы Қасымов", "mne", "head", language="ru"),
    _user("aspr-analyst", "Дана Маратқызы Омарова", "aspr", "planner", language="ru"),
    _user("moh-planner", "Айжан Болатқызы Сәрсенова", "moh", "planner"),
    _user("moh-head", "Бауыржан Ержанұлы Ахметов", "moh", "head", language="ru"),
    _user("edu-planner", "Мадина Асқарқызы Жұмабаева", "edu", "planner"),
    _user("edu-head", "Ғалымжан Серікұлы Оспанов", "edu", "head", language="ru"),
    _user("mlsp-head", "Айнұр Қайратқызы Кенжебекова", "mlsp", "head", language="ru"),
    _user("karaganda-planner", "Сергей Викторович Ким", "akimat-karaganda", "planner", language="ru"),
    _user("karaganda-head", "Ермек Болатұлы Сейітов", "akimat-karaganda", "head"),
    _user("nura-planner", "Нұржан Қайратұлы Тоқтаров", "akimat-karaganda-nura", "planner"),
    _user("bns-viewer", "Гүлмира Төлегенқызы Исаева", "bns", "viewer", language="en"),
]
