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
LOCK := requirements.lock
# Set-up prints one line per step; the tools' own output goes to these logs.
LOGS := .work/setup
SETUP_LOG := $(LOGS)/pip.log
# The build backend (pyproject.toml's [build-system] requires), locked with the rest.
BUILD_REQUIRES := 'setuptools>=77'

.PHONY: run test bench setup system-packages locales locale-init lock clean

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
	@command -v npm >/dev/null || scripts/install-system-packages system-packages-npm.txt
	@echo "npm packages: installing axe-core and DAISY Ace from package-lock.json (log: $(LOGS)/npm.log)"
	@mkdir -p $(LOGS)
	@ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund >$(LOGS)/npm.log 2>&1 \
		|| { tail -n 20 $(LOGS)/npm.log; echo "error: npm ci failed; see $(LOGS)/npm.log" >&2; exit 1; }
	@touch $@

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
	@echo "Label catalog: compiling $<"
	@$(PYBABEL) --quiet compile -i $< -o $@

system-packages:
	@scripts/install-system-packages

# Python packages come from requirements.lock only: exact versions with their hashes, for
# every platform (uv's universal lock), so a fresh clone installs today what it installs next
# year. pip's own messages go to .venv/setup.log; the console gets one line per step.
$(STAMP): $(LOCK) pyproject.toml
	@echo "Python packages: installing from $(LOCK) into $(VENV) (log: $(SETUP_LOG))"
	@mkdir -p $(LOGS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --require-hashes --no-deps -r $(LOCK) >$(SETUP_LOG) 2>&1 \
		|| { tail -n 20 $(SETUP_LOG); echo "error: pip could not install $(LOCK); see $(SETUP_LOG)" >&2; exit 1; }
	@$(BIN)/python -m pip install --no-deps --no-build-isolation -e . >>$(SETUP_LOG) 2>&1 \
		|| { tail -n 20 $(SETUP_LOG); echo "error: pip could not install the project; see $(SETUP_LOG)" >&2; exit 1; }
	@touch $(STAMP)

# `make lock`: resolve pyproject.toml's dependencies (all extras, the build backend) again and
# write requirements.lock; tests/test_lock.py fails while the two disagree.
lock: $(STAMP)
	printf '%s\n' $(BUILD_REQUIRES) | $(BIN)/uv pip compile pyproject.toml - --all-extras \
		--generate-hashes --universal --python-version 3.11 --quiet -o $(LOCK)

clean:
	rm -rf $(VENV) .work outputs/*/
