# `make run`: set up everything, then run the pipeline on the bundled example.
# `make test`: set up everything, then run the whole test suite.
# Both are idempotent: set-up is skipped when nothing it depends on changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLES := $(wildcard docs/examples/*.md)
# Label catalogs (docs/localisation.md): extracted from the code, translated by people.
POT := pipeline/locales/pipeline.pot
LABEL_PO := $(wildcard pipeline/locales/*/LC_MESSAGES/pipeline.po)
LABEL_MO := $(LABEL_PO:.po=.mo)
PYBABEL := $(BIN)/pybabel

.PHONY: run test bench setup system-packages locales locale-init clean

run: setup
	$(BIN)/release-pipeline run $(EXAMPLES)

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m benchmarks

AXE := node_modules/axe-core/axe.min.js

setup: system-packages $(STAMP) $(LABEL_MO) $(AXE)

# axe-core (site) and DAISY Ace (EPUB) for the browser-side tests; package-lock.json pins them.
# Their install scripts would download Electron and a browser; the tests use Debian's Chromium instead.
$(AXE): package.json package-lock.json
	command -v npm >/dev/null || scripts/install-system-packages system-packages-npm.txt
	ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
	touch $@

# `make locales`: extract the labels from the code, merge them into every
# language's catalog (new messages arrive untranslated or fuzzy), compile.
locales: $(STAMP)
	$(PYBABEL) --quiet extract -F babel.cfg -o $(POT) --project=release-pipeline \
		--copyright-holder="the release-pipeline authors" --add-comments=TRANSLATORS: --sort-by-file .
	$(PYBABEL) --quiet update -i $(POT) -d pipeline/locales -D pipeline --previous --width=76
	$(PYBABEL) compile -d pipeline/locales -D pipeline --statistics

# `make locale-init LANG=pl`: start the catalog of a new language.
locale-init: $(STAMP)
	$(PYBABEL) init -i $(POT) -d pipeline/locales -D pipeline -l $(LANG)

%.mo: %.po $(STAMP)
	$(PYBABEL) --quiet compile -i $< -o $@

system-packages:
	@scripts/install-system-packages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .work outputs/*/
