# veille — the usual tasks. `make run` on a fresh machine installs, trains if models/ is empty, and analyses
# the bundled sample; `make test` runs the tests.
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CORPUS_FILES := $(shell find corpus -name '*.jsonl' 2>/dev/null)
TRAINING_CODE := $(shell find src/veille -name '*.py' -not -path '*/quotes/*' 2>/dev/null)
SAMPLE := samples/article.txt

.PHONY: install run test lint train bench clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Rebuilt only when the corpus, the parameters or the training code changed.
models/meta.json: $(INSTALLED) $(CORPUS_FILES) $(TRAINING_CODE)
	$(BIN)/veille train corpus -o models

train: models/meta.json

run: $(INSTALLED) models/meta.json
	$(BIN)/veille classify $(SAMPLE)

test: $(INSTALLED)
	$(BIN)/veille corpus check corpus
	$(BIN)/pytest -q

lint: $(INSTALLED)
	$(BIN)/ruff check src tests bench

bench: $(INSTALLED) models/meta.json
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/batch_bench.py

clean:
	rm -rf $(VENV) models/classifier.npz models/meta.json models/metrics.json models/MODEL_CARD.md
