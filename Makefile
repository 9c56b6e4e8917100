.PHONY: demo test setup lint schema

demo:   ## set up, migrate the SQLite database, load the demo and serve on http://127.0.0.1:8000
	scripts/demo.sh

test:   ## set up everything (Chromium, PostgreSQL included) and run the whole suite on SQLite and PostgreSQL
	scripts/test.sh

setup:
	scripts/setup.sh

lint:
	.venv/bin/ruff check .

schema:
	.venv/bin/jospar export_schema
