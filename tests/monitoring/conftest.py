"""Messages are asserted in English (the msgids); the kk/ru catalogs are checked by tests/test_i18n.py."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield
