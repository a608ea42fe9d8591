# Lookout: `make demo` and `make test` each set everything up from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo
DEMO_CHILDREN ?= 20000
DEMO_SEED ?= 7

.PHONY: env demo test bench clean

env: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

demo: env
	rm -rf $(DEMO_DIR)
	$(BIN)/lookout simulate --children $(DEMO_CHILDREN) --seed $(DEMO_SEED) --out $(DEMO_DIR)/county
	$(BIN)/lookout run $(DEMO_DIR)/county/drop --workspace $(DEMO_DIR)/workspace
	$(BIN)/lookout export $(DEMO_DIR)/results --workspace $(DEMO_DIR)/workspace

test: env
	$(BIN)/pytest

bench: env
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(DEMO_DIR) bench-output
