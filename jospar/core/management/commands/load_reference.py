from django.core.management.base import BaseCommand

from jospar.core.services import do_load_organizations, do_load_territories


class Command(BaseCommand):
    help = "Load the territories (KATO) and organizations of Kazakhstan shipped with Jospar. Idempotent."

    def handle(self, *args, **options):
        t = do_load_territories()
        o = do_load_organizations()
        self.stdout.write(f"territories changed: {t}; organizations changed: {o}")
