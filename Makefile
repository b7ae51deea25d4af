# Two commands on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# `make test` needs everything: the desk, the server and the dev tools. The stamps depend on
# desk/__init__.py too: it holds the version, which the installed metadata copies.
STAMP  := $(VENV)/.installed-stamp
# `make run` needs the desk only.
DESK_STAMP := $(VENV)/.desk-stamp
# `make dist` freezes from its own venv holding the desk set only (see installer/README.md).
DIST_VENV  := .venv-dist
DIST_STAMP := $(DIST_VENV)/.installed-stamp

.PHONY: run demo-reset test lint bench dist clean translations screenshots

$(STAMP): pyproject.toml desk/__init__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[desk,server,dev]'
	touch $(STAMP)

$(DESK_STAMP): pyproject.toml desk/__init__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[desk]'
	touch $(DESK_STAMP)

# The demo commune lives in its own folder of the checkout, never in the per-user folder a real
# `motcua init` uses; `make demo-reset` starts it over.
DEMO_DIR ?= .demo-data

# The desk keeps its database key in the OS keyring and nowhere else. A Linux session without
# one (a bare VM, ssh -X) gets a private gnome-keyring for the demo, under $(DEMO_DIR)/keyring.
HAS_KEYRING = $(BIN)/python -c "import keyring, sys; from desk.credentials import is_safe; \
	sys.exit(0 if is_safe(keyring.get_keyring()) else 1)" 2>/dev/null

run: $(DESK_STAMP)
	@if [ "$$(uname)" = Linux ] && ! $(HAS_KEYRING) && command -v gnome-keyring-daemon >/dev/null; \
	then echo "No keyring in this session: a private one for the demo ($(DEMO_DIR)/keyring)"; \
	  mkdir -p $(DEMO_DIR)/keyring; \
	  XDG_DATA_HOME="$(abspath $(DEMO_DIR))/keyring" dbus-run-session -- sh -c \
	    'echo demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
	     $(BIN)/motcua --data-dir $(DEMO_DIR) gui --demo'; \
	else $(BIN)/motcua --data-dir $(DEMO_DIR) gui --demo; fi

demo-reset:
	rm -rf $(DEMO_DIR)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n 2 --dist loadfile -q

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b; done

$(DIST_STAMP): pyproject.toml desk/__init__.py
	$(PYTHON) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/pip install --quiet --upgrade pip
	$(DIST_VENV)/bin/pip install --quiet -e '.[desk,freeze]'
	touch $(DIST_STAMP)

# The frozen one-folder desk (dist/MotCuaDesk: motcua and motcua-cli), then its size.
dist: $(DIST_STAMP)
	$(DIST_VENV)/bin/pyinstaller installer/motcua.spec --noconfirm --clean \
		--distpath dist --workpath build/pyinstaller --log-level WARN
	$(DIST_VENV)/bin/python bench/dist_size.py dist/MotCuaDesk

# Qt's texts in Vietnamese: compile the source catalogue (a test checks the two agree).
translations: $(STAMP)
	$(BIN)/pyside6-lrelease -silent ui/i18n/qt_vi.ts -qm ui/i18n/qt_vi.qm

# Every screen at 1024×768 with a taskbar, into docs/screenshots/ (needs xvfb-run).
screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1024x768x24 -noreset" $(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) $(DIST_VENV) build dist .pytest_cache .ruff_cache
