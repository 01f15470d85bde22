# Two commands do all the set-up on a fresh machine: `make dist` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: dist test lint system bench clean model

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

system:
	scripts/install-system-deps

# The Node reader of our BibTeX (Better BibTeX's parser), pinned in tests/node.
system: node-deps
node-deps:
	scripts/install-node-deps

# Build every review in seeds/ into dist/.
dist: $(STAMP) system
	$(BIN)/exporter build

lint: $(STAMP)
	$(BIN)/ruff check exporter tests bench
	$(BIN)/ruff format --check exporter tests bench
	$(BIN)/mypy

# Lint, type-check, then the whole suite with the real validators.
test: lint system
	$(BIN)/python -m pytest

# The reader and validator, then the PDF writer against WeasyPrint alone (a few minutes).
bench: $(STAMP) system
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/pdf_bench.py

# Train the reference labeller from exporter/data/references/ (every *.xml but gold.xml) into
# exporter/data/model/; deterministic: the same data gives the same model bytes.
model: $(STAMP)
	$(BIN)/python -m exporter.reader.references.training

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis

# DAISY Ace (npm @daisy/ace-cli, run with Debian's chromium) on the EPUBs of the seed and the test
# reviews. Installed into .tools/ (gitignored); about 5 s a book, so not part of `make test`.
.PHONY: ace
ACE := .tools/ace/node_modules/.bin/ace-cli

$(ACE):
	PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
	  npm install --prefix .tools/ace --no-audit --no-fund @daisy/ace-cli@1.4.6

ace: $(STAMP) $(ACE)
	-$(BIN)/exporter build -q -t epub -o .tools/ace-books seeds/*.txt tests/reviews/*.txt
	scripts/ace-check $(ACE) .tools/ace-books/*.epub
