# The few commands a person types. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := fixtures/articles/tass-deir-ez-zor.txt
STAMP := $(VENV)/.installed

.PHONY: help brief test lint unit browser docs record lock-prompts bench eval clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[local,eval,record,dev]"
	touch $(STAMP)

brief: $(STAMP) ## Set up, then print a brief of the seed article on the embedded model
	$(BIN)/summariser brief $(SEED)

test: $(STAMP) browser lint ## Set up, then lint, type-check and run every test (real model and browser too)
	$(BIN)/pytest

lint: $(STAMP) ## ruff (lint + format), mypy --strict, import layering
	$(BIN)/ruff check summariser tests bench scripts
	$(BIN)/ruff format --check summariser tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: $(STAMP) ## The fast tests only (no real model, no browser)
	$(BIN)/pytest -m "not model and not browser"

browser: ## Install Debian's Chromium for the report's browser tests, if missing
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

docs: $(STAMP) browser ## Regenerate docs/schema.md, docs/compare-schema.md, the README sample, the sample report and its screenshot
	$(BIN)/summariser schema --format markdown > docs/schema.md
	$(BIN)/summariser schema --compare --format markdown > docs/compare-schema.md
	$(BIN)/python scripts/readme_sample.py
	$(BIN)/python scripts/screenshot_report.py

record: $(STAMP) ## Re-record the model fixtures from real runs of the embedded model
	$(BIN)/python scripts/record_fixtures.py

lock-prompts: $(STAMP) ## Pin each prompt template's version to its hash
	$(BIN)/python scripts/lock_prompts.py

bench: $(STAMP) ## Run the benchmarks (slow: the seed brief and length scaling use the model)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/no_model.py
	$(BIN)/python bench/alignment.py
	$(BIN)/python bench/batch_throughput.py
	$(BIN)/python bench/seed_brief.py
	$(BIN)/python bench/length_scaling.py
	$(BIN)/python bench/compare.py

eval: $(STAMP) ## Score the embedded model on ../shared/devset (about 15 minutes; docs/evaluation.md)
	mkdir -p artifacts
	$(BIN)/summariser eval ../shared/devset/articles.jsonl fixtures/eval/project-gold.jsonl \
	  fixtures/eval/attributions.jsonl ../shared/devset/numbers.jsonl -o artifacts/devset-report.json
	$(BIN)/summariser eval ../shared/devset/clusters.jsonl fixtures/eval/attributions-clusters-a.jsonl \
	  fixtures/eval/attributions-clusters-b.jsonl -o artifacts/clusters-report.json
	$(BIN)/summariser eval --compare ../shared/devset/clusters.jsonl fixtures/eval/compare-gold.jsonl \
	  -o artifacts/compare-report.json

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
