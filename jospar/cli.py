"""The `jospar` console script: every shell task of a user, forwarded to Django management commands.

`jospar import FILE` and `jospar export CODE` are short names for the `import_document` and
`export_document` commands (Python forbids a module named `import`).
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "import": "import_document",
    "export": "export_document",
    "demo": "load_demo",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jospar.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jospar", *args[1:]])


if __name__ == "__main__":
    main()
