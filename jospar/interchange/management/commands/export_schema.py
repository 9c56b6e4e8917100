"""jospar export_schema: write the JSON Schema of the interchange format (committed under schemas/)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from jospar.interchange.schema import json_schema

DEFAULT = Path(settings.PROJECT_DIR) / "schemas" / "document.schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write the JSON Schema of the document interchange format."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default=str(DEFAULT))

    def handle(self, *args, output, **options):
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(), encoding="utf-8")
        self.stdout.write(f"schema written to {path}")
