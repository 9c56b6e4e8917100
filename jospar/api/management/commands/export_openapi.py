"""`jospar export_openapi [-o FILE]`: the OpenAPI 3 schema of the REST API (committed as docs/openapi.json)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand


def openapi_text() -> str:
    from jospar.api.api import api

    schema = api.get_openapi_schema(path_prefix="/api/")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI schema of the REST API (default: standard output)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output")

    def handle(self, *args, output=None, **options):
        text = openapi_text()
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"OpenAPI schema written to {output}")
        else:
            self.stdout.write(text, ending="")
