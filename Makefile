# veille — the usual tasks. `make run` on a fresh machine installs, trains if models/ is empty, and analyses
# the bundled sample; `make test` runs the tests.
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CORPUS_FILES := $(shell find corpus -name '*.jsonl' 2>/dev/null)
TRAINING_CODE := $(shell find src/veille -name '*.py' -not -path '*/quotes/*' 2>/dev/null)
SAMPLE := samples/article.txt

.PHONY: install run test attack attack-text lint train bench clean constraints dist

install: $(INSTALLED)

$(INSTALLED): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# After changing the ranges in pyproject.toml: install the newest allowed set and record it.
constraints:
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade -e '.[dev]'
	{ head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^veille'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# Rebuilt only when the corpus, the parameters or the training code changed.
models/meta.json: $(INSTALLED) $(CORPUS_FILES) $(TRAINING_CODE)
	$(BIN)/veille train corpus -o models

train: models/meta.json

run: $(INSTALLED) models/meta.json
	$(BIN)/veille classify $(SAMPLE)

test: $(INSTALLED)
	$(BIN)/veille corpus check corpus
	$(BIN)/pytest -q

# The attack campaign (CI runs it after `make test`): hostile archives, records, outputs, models and dying
# workers, and the fuzzing of the readers and the quote extractor with 10,000 examples each (the analysis
# fuzz, a tenth of that).
attack: $(INSTALLED)
	VEILLE_FUZZ_EXAMPLES=10000 $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz.py tests/test_attack_inputs.py \
		tests/test_attack_outputs.py tests/test_attack_models.py tests/test_attack_workers.py

# Time and memory of pathological texts beside prose of the same length (a few minutes; not in CI).
attack-text: $(INSTALLED) models/meta.json
	$(BIN)/python bench/pathological.py

# ruff everywhere (C901 included); mypy on the public API: veille.load, analyze, analyze_many, to_dataframe,
# the Record and the Analyzer (what they import is read, not reported on).
lint: $(INSTALLED)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy --follow-imports=silent --ignore-missing-imports src/veille/__init__.py src/veille/analyzer.py \
		src/veille/apps/api.py

bench: $(INSTALLED) models/meta.json
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/quotes_bench.py
	$(BIN)/python bench/batch_bench.py
	$(BIN)/python bench/cluster_bench.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/serve_bench.py

# A wheel that carries the trained models: installed alone, it classifies from any folder.
dist: $(INSTALLED) models/meta.json
	$(BIN)/python tools/build_wheel.py --models models --out dist

clean:
	rm -rf $(VENV) dist models/classifier.npz models/meta.json models/metrics.json models/MODEL_CARD.md
