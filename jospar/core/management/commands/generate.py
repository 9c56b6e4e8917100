"""jospar generate: a deterministic synthetic country for load tests (see jospar.demo.generator)."""

from django.core.management.base import BaseCommand, CommandError

from jospar.demo.generator import SCALES, GenerationError, do_generate_country, parse_years


class Command(BaseCommand):
    help = (
        "Generate a deterministic synthetic State Planning System (documents gen-...) on top of the reference "
        "data: national, region or small scale."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--years", default="2025-2029", help="first-last year of every plan (default 2025-2029)")
        parser.add_argument("--replace", action="store_true", help="delete previously generated data first")
        parser.add_argument("--history", action="store_true",
                            help="also write django-simple-history records (slower; off by default)")

    def handle(self, *args, **options):
        try:
            years = parse_years(options["years"])
            report = do_generate_country(options["scale"], seed=options["seed"], years=years,
                                         replace=options["replace"], history=options["history"])
        except GenerationError as exc:
            raise CommandError(str(exc)) from None
        if report.deleted:
            self.stdout.write(f"deleted {report.deleted:,} rows of previously generated data")
        for line in report.lines():
            self.stdout.write("  " + line)
        self.stdout.write(self.style.SUCCESS(
            f"Generated scale={report.scale} seed={report.seed} years={years[0]}-{years[1]}: "
            f"{report.rows:,} rows in {report.seconds:.1f} s"
            + (" (with history)" if report.history else " (no history records)")
        ))
