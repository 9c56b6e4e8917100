"""jospar demo: reference data, the demo documents and one login per role. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from jospar.core.models import Membership, Organization, User
from jospar.core.services import do_load_organizations, do_load_territories
from jospar.interchange.services import do_import_document


class Command(BaseCommand):
    help = "Load the demo: territories, organizations, demo documents and demo users."

    def handle(self, *args, **options):
        from jospar.demo.builder import DEMO_USERS, build_documents

        with transaction.atomic():
            do_load_territories()
            do_load_organizations()
            from jospar.demo.development import as_recorded
            from jospar.demo.quarterly import with_quarterly_values
            # cl. 235-236: the NDP's quarters; cl. 205: the Karaganda change the demo recorded stays on a reload
            for payload in map(as_recorded, map(with_quarterly_values, build_documents())):
                result = do_import_document(payload, reason="demo data")
                state = "created" if result.created else ("updated" if result.changed else "unchanged")
                self.stdout.write(f"  {payload.code}: {state}")
            from jospar.demo.analysis import load_demo_analysis
            self.stdout.write("\n".join(f"  {code} analysis: {state}" for code, state in load_demo_analysis()))
            orgs = {o.code: o for o in Organization.objects.all()}
            for row in DEMO_USERS:
                user = User.objects.filter(username=row["username"]).first() or User(username=row["username"])
                first, _, last = row.get("full_name", "").partition(" ")
                user.first_name, user.last_name = first, last
                user.is_staff = row.get("is_staff", False)
                user.is_superuser = row.get("is_superuser", False)
                user.preferred_language = row.get("language", "kk")
                user.set_password(row["password"])
                user.save()
                if row.get("organization"):
                    Membership.objects.get_or_create(
                        user=user, organization=orgs[row["organization"]], role=row.get("role", "viewer")
                    )
            # the 2025 reporting year is open, so that every demo login has obligations in its inbox
            from jospar.monitoring.services import do_open_reporting_period
            from jospar.planning.models import Document

            authority = User.objects.get(username="mne-planner")
            for document in Document.objects.filter(type__in=("ndp", "concept", "sbdp", "rdp"),
                                                    status="in_force", period_start__lte=2025, period_end__gte=2025):
                do_open_reporting_period(document, 2025, acting_user=authority, reason="demo: 2025 reporting year")
            from jospar.demo.development import load_demo_workflows
            self.stdout.write("\n".join(f"  {code} workflow: {state}" for code, state in load_demo_workflows()))
            from jospar.demo.quarterly import load_demo_quarterly
            self.stdout.write("\n".join(f"  {what}: {state}" for what, state in load_demo_quarterly()))
        self.stdout.write(self.style.SUCCESS("Demo loaded. Logins (username / password / organization / role):"))
        for row in DEMO_USERS:
            self.stdout.write(
                f"  {row['username']:<22} {row['password']:<28} {row.get('organization') or '-':<20} {row.get('role', '')}"
            )
