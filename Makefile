# Curator and maintainer entry points. Everything runs inside .venv, created on demand
# from the hash-pinned lock files in requirements/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD_STAMP := $(VENV)/.build-deps
TEST_STAMP := $(VENV)/.test-deps

.PHONY: build check test lint bench eval candidates serve deploy lock clean browser-deps readme-image

# Labelled pages for `make eval` (a folder holding gold.yml; ../eval/score.py beside it scores).
EVAL_DIR ?= ../shared/dev-pages
EVAL_ONLY ?=
EVAL_PART ?=

build: $(BUILD_STAMP)
	$(BIN)/python -m build_digest build

check: $(BUILD_STAMP)
	$(BIN)/python -m build_digest check

test: $(TEST_STAMP) browser-deps
	$(BIN)/python -m build_digest build --strict
	$(BIN)/ruff check build_digest tests
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check build_digest tests

# The review queue of discovered entities: build/candidates.md (to read) and .yml.
candidates: $(BUILD_STAMP)
	$(BIN)/python -m build_digest candidates

# A measurement, not a test: a whole build of N generated articles (default 10,000; N=2000 make
# bench for a quicker run) against plain mkdocs, and a reader's first searches in Chromium.
N ?= 10000
bench: $(TEST_STAMP) browser-deps
	$(BIN)/python -m build_digest bench --articles $(N)

# A measurement, not a test: scores segmentation and tagging on the labelled pages of EVAL_DIR
# (EVAL_ONLY=d,n scores a subset, EVAL_PART=segmentation|entities decides PASS on one part,
# EVAL_VARIANT=crlf|spaces|indent|flush|noblank|header|footer scores the pages laid out differently,
# EVAL_VARIANT=pairs two one-article pages saved in one file).
eval: $(BUILD_STAMP)
	@$(BIN)/python -m build_digest eval --pages "$(EVAL_DIR)" $(if $(EVAL_ONLY),--only "$(EVAL_ONLY)") $(if $(EVAL_PART),--part "$(EVAL_PART)") $(if $(EVAL_VARIANT),--variant "$(EVAL_VARIANT)")

# The README's screenshot of the home page (docs-readme/home.png), from a fresh build.
readme-image: $(TEST_STAMP) browser-deps build
	$(BIN)/python tools/readme_screenshot.py

# Serves the built site/ as it will be published (api/ JSON included, which mkdocs serve lacks).
serve: build
	@echo "serving site/ at http://127.0.0.1:8000/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

# What `mkdocs gh-deploy --force --no-history` does, but for the site `make build` made: gh-deploy
# would rebuild with mkdocs alone and publish a site without api/ (the JSON export). Set SITE_URL
# (and REPO_URL) first, e.g. SITE_URL=https://<owner>.github.io/<repo>/ make deploy.
deploy: build
	$(BIN)/ghp-import --no-jekyll --push --force --no-history --message "Deploy the digest ($$(git rev-parse --short HEAD))" site

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(BUILD_STAMP): requirements/build.lock | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/build.lock
	touch $@

$(TEST_STAMP): requirements/test.lock $(BUILD_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/build.lock -r requirements/test.lock
	touch $@

# Chromium and CJK fonts for the browser tests come from Debian (Playwright cannot download
# its own browser here). Installs them when missing and we are root; otherwise says what to do.
browser-deps:
	@bash tools/ensure-chromium.sh

lock: | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o build.lock build.in
	cd requirements && ../$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o test.lock test.in

clean:
	rm -rf site build docs/articles docs/regions docs/programs docs/companies docs/institutions docs/people docs/topics docs/hubs docs/index.md
