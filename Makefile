# newstone: the front door. `make reports` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The ml extra (CPU torch) is in by default: reports are scored with minilm. `EXTRAS=dev` leaves it out
# (reports then fall back to lexicon and say so).
EXTRAS ?= dev,ml
comma  := ,
# One stamp per set of extras: `make test EXTRAS=dev,ml` installs the ml extra once.
STAMP  := $(VENV)/.installed-$(subst $(comma),-,$(EXTRAS))
OUT    ?= reports

DATA   ?= ../shared/data

.PHONY: reports test lab train evaluate evaluation-report bench bench-memory clean help git-filters

help:
	@echo "make reports  render the report sets in reports.yml into $(OUT)/ (creates $(VENV) on first use)"
	@echo "make test     run the whole test suite"
	@echo "make lab      start JupyterLab in notebooks/"
	@echo "make train    refit the trained scorers from $(DATA) (fixed seeds; minilm too unless EXTRAS=dev, ~30 min on 2 cores)"
	@echo "make evaluate every scorer on the held-out parts of $(DATA) (a table)"
	@echo "make evaluation-report  the same as an HTML report in $(OUT)/"
	@echo "make bench    speed of newstone score, render and analyze against plain tools (benchmarks/README.md)"
	@echo "make clean    remove what newstone wrote into $(OUT)/"

# The virtual environment is rebuilt from pyproject.toml whenever that file changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	$(BIN)/python -m ipykernel install --sys-prefix --name newstone --display-name "Python (newstone)" >/dev/null
	$(BIN)/python -m newstone.reports.nbtemplate >/dev/null
	@$(MAKE) -s git-filters
	@touch $(STAMP)

# Notebooks are committed without outputs: git runs them through nbstripout (see .gitattributes),
# so what JupyterLab saves never dirties the checkout. Needs the dev extra; skipped outside git.
NBSTRIP := "$(abspath $(BIN))/python" -m nbstripout --keep-id --extra-keys "metadata.papermill metadata.language_info metadata.widgets cell.metadata.papermill cell.metadata.execution"
git-filters:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && $(BIN)/python -c "import nbstripout" 2>/dev/null; then \
	  git config filter.nbstripout.clean '$(NBSTRIP)' && \
	  git config filter.nbstripout.smudge cat && \
	  git config diff.ipynb.textconv '$(NBSTRIP) -t' && \
	  echo "git: notebooks are stripped of outputs when staged (nbstripout)"; \
	fi

# The sets in reports.yml (without it: every file in seeds/); only what changed is rendered.
reports: $(STAMP)
	$(BIN)/newstone render --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

# JupyterLab refuses to run as root unless told; containers often are root.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

NOTEBOOKS ?= notebooks
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=$(NOTEBOOKS) $(LAB_ROOT) $(LAB_ARGS)

# Trained scorers: refit from the shared data, reproducibly (fixed splits and seeds). The
# artefacts land in lib/newstone/data/ and are versioned with the code.
train: $(STAMP)
	$(BIN)/python -m newstone.evaluate.train --data $(DATA) $(if $(findstring ml,$(EXTRAS)),--ml,)

# Every installed scorer (the others are named as skipped) on the held-out parts of $(DATA).
evaluate: $(STAMP)
	$(BIN)/newstone eval --data $(DATA)

# The evaluation report (metrics, confusion matrices, worst misses) as HTML in $(OUT)/.
evaluation-report: $(STAMP)
	$(BIN)/newstone render --notebook notebooks/evaluate.ipynb $(DATA) --out $(OUT)

# Speed: `newstone score` against plain VADER loops, `newstone render` against papermill +
# nbconvert pairs, `newstone analyze` against a plain script (see benchmarks/README.md).
bench: $(STAMP)
	$(BIN)/python benchmarks/score_speed.py
	$(BIN)/python benchmarks/render_speed.py --reports 20 --pairs 4
	$(BIN)/python benchmarks/analyze_speed.py
	$(BIN)/python benchmarks/explore_speed.py

bench-memory: $(STAMP)
	$(BIN)/python benchmarks/score_speed.py --gigabytes 2 --memory-only --repeat 1

# Everything newstone writes into the reports folder; its README stays.
clean:
	rm -rf $(OUT)/*.html $(OUT)/manifest.json $(OUT)/.*.tmp $(OUT)/.render.lock \
	  $(OUT)/_failed $(OUT)/_work $(OUT)/_screenshots $(OUT)/_lab-test.log
