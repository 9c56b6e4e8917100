"""`migrate` creates the database cache's table when the cache is kept in the database (production default)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from jospar.core.apps import create_cache_tables

pytestmark = pytest.mark.django_db

DB_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jospar_cache_check"}}
MEM_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "check"}}


def test_the_cache_table_is_created_after_migrate_when_the_cache_is_in_the_database():
    assert "jospar_cache_check" not in connection.introspection.table_names()
    with override_settings(CACHES=DB_CACHE):
        create_cache_tables(sender=None, using="default")
    assert "jospar_cache_check" in connection.introspection.table_names()


def test_nothing_is_created_when_the_cache_is_in_memory():
    before = set(connection.introspection.table_names())
    with override_settings(CACHES=MEM_CACHE):
        create_cache_tables(sender=None, using="default")
    assert set(connection.introspection.table_names()) == before
