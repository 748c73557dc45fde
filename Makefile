# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check messages lock

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

## Start the bot: Telegram when TELEGRAM_BOT_TOKEN is set, else the web chat when QMAS_WEB_PORT
## is set, else the terminal chat. Chromium prints /report as a PDF; without it (no root to
## install it) reports are HTML only.
run: $(STAMP)
	@scripts/install-browser || echo "Chromium not installed: /report will send HTML only"
	$(BIN)/qmas-bot start

## Lint, type-check and run the whole test suite.
test: $(STAMP)
	scripts/install-browser
	$(BIN)/ruff check bot conversations tests bench
	$(BIN)/mypy
	$(BIN)/pytest

## The fast tiers while working (under a minute): lint, types, and every test not marked slow
## (pure, service and socket-free PTB tests). `make test` is the full run CI calls.
check: $(STAMP)
	$(BIN)/ruff check bot conversations tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q -m "not slow"

## Re-extract every t()/tn() text and merge it into each locales/*/LC_MESSAGES/messages.po.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k t -k tn:1,2 --no-default-keywords --no-location --no-wrap \
		--sort-by-file -o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching --no-wrap \
		--ignore-obsolete
	@# Babel flags "{share}% of" as python-format ("% o"): our texts are str.format only, and the
	@# flag makes `msgfmt -c` reject every translation that moves the "%".
	sed -i -e 's/^\(#,.*\), python-format\(,\|$$\)/\1\2/' -e '/^#, python-format$$/d' \
		locales/messages.pot locales/*/LC_MESSAGES/messages.po

## Pin the versions currently installed (after changing dependencies in pyproject.toml).
lock: $(STAMP)
	{ echo "# Exact versions installed by 'make' (pip install -c requirements.lock). Regenerate with 'make lock'."; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^qmas-bot'; } > requirements.lock
