from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_tables(sender, using: str = "default", **kwargs) -> None:
    """`migrate` also creates the table of the database cache (rate limits, the document page's body) when the
    cache is kept in the database, so that a deployment that forgets `createcachetable` does not answer 500."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "jospar.core"
    label = "core"
    verbose_name = _("Organizations and territories")

    def ready(self) -> None:
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="jospar.core.create_cache_tables")
