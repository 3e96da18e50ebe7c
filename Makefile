# Everything the project needs is installed here, pinned, into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.newsgraph-installed
OUT    ?= out/demo

.PHONY: help install demo lint test browser virtuoso bench lexicon train clean

help:
	@echo "make demo   build the graph of examples/articles/ into $(OUT) and print where it is"
	@echo "make lint   ruff (lint and format check) and mypy"
	@echo "make test   create the environment (and install chromium and virtuoso-opensource, as root) if needed and run the test suite"
	@echo "make bench  run every benchmark in bench/ (about an hour; each script also runs alone)"
	@echo "make lexicon  rebuild extract/data/first_names.tsv from the pinned nomquamgender wheel"
	@echo "make train  refit extract/data/confidence.json and speaker_ranker.json on ../shared; print their tables"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsgraph build examples/articles --out $(OUT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(STAMP) browser virtuoso
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's chromium (Playwright never downloads one): installed here
# when it is missing and we are root, else make stops at once with the command that fixes it.
browser:
	@command -v chromium >/dev/null 2>&1 || [ -n "$$NEWSGRAPH_SKIP_BROWSER" ] || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make test needs chromium for the browser tests: run 'sudo apt-get install chromium' (or set NEWSGRAPH_SKIP_BROWSER=1)"; \
	    exit 1; \
	  fi; }

# The triple-store test (tests/scale/test_triple_stores.py) starts Debian's Virtuoso open source on
# 127.0.0.1 (never the system service): installed here when missing and we are root.
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's virtuoso-opensource for the triple-store test"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; \
	  else \
	    echo "make test needs Virtuoso for the triple-store test: run 'sudo apt-get install virtuoso-opensource'"; \
	    exit 1; \
	  fi; }

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/store_scale.py
	$(BIN)/python bench/er_scale.py
	$(BIN)/python bench/store_add.py
	$(BIN)/python bench/view_stable.py
	$(BIN)/python bench/hotspots.py
	$(BIN)/python bench/serve_load.py
	$(BIN)/python bench/one_word_people.py
	$(BIN)/python bench/dask_scale.py

# The first-name gender lexicon ships in the repository; this rebuilds it byte for byte.
lexicon: $(STAMP)
	$(BIN)/python -m pip download --quiet --no-deps --dest $(VENV)/wheels nomquamgender==0.1.4
	$(BIN)/python extract/data/build_first_names.py $(VENV)/wheels/nomquamgender-0.1.4-py3-none-any.whl

# The fact confidence model and the speaker ranker ship in the repository; this refits them (the
# first on ../shared's development sets bbc-dev and redocred-dev, the second on PolNeAR's training
# split), prints the tables of the README, and rewrites them. The ranker parses 840 articles: minutes.
SHARED ?= ../shared
train: $(STAMP)
	$(BIN)/python extract/data/train_confidence.py $(SHARED)
	$(BIN)/python extract/data/train_speakers.py $(SHARED)

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
