# Two commands for a fresh machine with only Python 3 and make:
#   make run    set up .venv, then run the main job on example-vault
#   make test   set up .venv with test extras, then run the whole suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The example vault is a snapshot in time; pin "today" so its output is stable.
TODAY  ?= 2026-11-21
VT     := $(BIN)/vaulttools --vault example-vault --today $(TODAY)

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# An editable install in "compat" mode is a plain path entry: no import hook to
# load at every start, which a short command on a large vault would pay for.
EDITABLE := --config-settings editable_mode=compat

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . $(EDITABLE)
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]' $(EDITABLE)
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(VT) check
	$(VT) due
	$(VT) index

# The platform-sensitive tests (locks, concurrency, the watcher, writes, file names),
# run again with fork, fcntl, POSIX signals and O_NOFOLLOW taken away
# (tests/nonposix/sitecustomize.py): what Windows lacks, simulated here.
NONPOSIX_TESTS := tests/test_concurrency.py tests/test_watch.py tests/test_ahead.py tests/test_edit_safety.py \
	tests/test_file_names.py tests/test_git.py tests/test_platform.py

test: $(VENV)/.installed-test
	$(BIN)/python -m ruff check vaulttools tests bench dev.py
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest
	PYTHONPATH=tests/nonposix $(BIN)/python -m pytest -p no:cacheprovider $(NONPOSIX_TESTS)
	PYTHON=$(PYTHON) bash tests/smoke/wheel.sh

lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check vaulttools tests bench dev.py
	$(BIN)/python -m mypy

# Not part of `make test`: minutes of work, and timings belong in docs/performance.md.
# Byte-compiled first, as an installed package is: every run is a fresh process,
# and compiling the sources each time would be measured with it.
bench: $(VENV)/.installed-test
	$(BIN)/python -m compileall -q vaulttools
	$(BIN)/python bench/run.py --json bench-results/bench.json
	$(BIN)/python bench/floor.py --json bench-results/floor.json
	$(BIN)/python bench/capture.py --json bench-results/capture.json
	$(BIN)/python bench/sync.py --json bench-results/sync.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
