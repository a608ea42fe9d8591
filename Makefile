# Lookout: `make demo` and `make test` each set everything up from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo
DEMO_CHILDREN ?= 20000
DEMO_SEED ?= 7
DEMO_PORT ?= 8000
DEMO_USER ?= demo
DEMO_PASSWORD ?= harbour-lantern-bicycle
CHROMIUM := $(shell command -v chromium 2>/dev/null)

.PHONY: env browser demo test bench clean

env: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

# Debian's Chromium for the web app's browser tests (Playwright drives it; it downloads nothing).
browser:
ifeq ($(CHROMIUM),)
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium \
	  || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
endif

demo: env browser
	rm -rf $(DEMO_DIR)
	$(BIN)/lookout simulate --children $(DEMO_CHILDREN) --seed $(DEMO_SEED) --out $(DEMO_DIR)/county
	$(BIN)/lookout run $(DEMO_DIR)/county/drop --workspace $(DEMO_DIR)/workspace
	$(BIN)/lookout export $(DEMO_DIR)/results --workspace $(DEMO_DIR)/workspace
	printf '%s\n' '$(DEMO_PASSWORD)' | $(BIN)/lookout users add $(DEMO_USER) --role manager \
	  --name "Demo manager" --password-stdin --workspace $(DEMO_DIR)/workspace
	@echo "Casework app: http://localhost:$(DEMO_PORT)/  sign in as $(DEMO_USER) / $(DEMO_PASSWORD)"
	$(BIN)/lookout serve --workspace $(DEMO_DIR)/workspace --port $(DEMO_PORT)

test: env browser
	$(BIN)/pytest

bench: env
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(DEMO_DIR) bench-output
