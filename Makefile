# transcribe: Markdown transcripts to EPUB, PDF, plain text and JSON.
#
#   make            build build/transcribe
#   make demo       set up, build, convert content/*.md into out/
#   make check      set up, build, run every test (also under ASan+UBSan
#                   and valgrind)
#   make bench      benchmarks against pandoc and xelatex (installs them)
#   make proof      chosen PDF pages as PNG in build/proof/ to look at
#   make regress-update   rewrite the golden files; review with git diff
#   make valgrind   unit and regression suites under memcheck
#   make install / uninstall   PREFIX=/usr/local DESTDIR=

# The version, named here only: the program and the PDF's Creator.
VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib/transcribe
DATADIR ?= $(PREFIX)/share/transcribe
MANDIR ?= $(PREFIX)/share/man
BUILD ?= build

CORE_PKGS = libcmark yaml-0.1 json-c libpcre2-8
EPUB_PKGS = libzip libxml-2.0 zlib
GFX_PKGS = cairo pango pangocairo pangoft2 harfbuzz harfbuzz-subset \
	fontconfig libpng
OPENCC_PKGS = opencc
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-missing-field-initializers
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -DTR_DATADIR='"$(DATADIR)"' $(WARN) $(CFLAGS) -Iinclude \
	-DTR_LIBDIR='"$(LIBDIR)"' -DTR_VERSION='"$(VERSION)"' -fPIC \
	$(shell pkg-config --cflags $(CORE_PKGS) $(EPUB_PKGS) $(GFX_PKGS) \
	$(OPENCC_PKGS) 2>/dev/null) \
	$(EXTRA_CFLAGS)
LIBS = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) -ldl -lm
EPUB_LIBS = $(shell pkg-config --libs $(EPUB_PKGS) 2>/dev/null)
# libhyphen has no pkg-config file in Debian
GFX_LIBS = $(shell pkg-config --libs $(GFX_PKGS) 2>/dev/null) -lhyphen -lm
OPENCC_LIBS = $(shell pkg-config --libs $(OPENCC_PKGS) 2>/dev/null)

# A folder per unit that is built (DESIGN §7).  The program: the core
# helpers, the readers that build the tree, the text-like backends and
# the command line.
CORE_SRC = $(wildcard src/core/*.c)
READ_SRC = $(wildcard src/read/*.c)
TEXT_SRC = $(wildcard src/text/*.c) $(wildcard src/json/*.c)
CLI_SRC = src/cli/module.c
LIB_SRC = $(CORE_SRC) $(READ_SRC) $(TEXT_SRC) $(CLI_SRC)
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
# the command line's own parts: options, shards, state, reports
PROG_SRC = $(filter-out $(CLI_SRC), $(wildcard src/cli/*.c))
PROG_OBJ = $(PROG_SRC:src/%.c=$(BUILD)/%.o)
# The modules, loaded only by the conversions that need them.
EPUB_SRC = $(wildcard src/epub/*.c)
EPUB_OBJ = $(EPUB_SRC:src/%.c=$(BUILD)/%.o)
# The graphics module: the PDF, the drawn cover, the embedded fonts.
GFX_SRC = $(wildcard src/gfx/*.c)
GFX_OBJ = $(GFX_SRC:src/%.c=$(BUILD)/%.o)
# The batch report (--report): libxml2's writer, mapped only then.
REPORT_SRC = $(wildcard src/report/*.c)
REPORT_OBJ = $(REPORT_SRC:src/%.c=$(BUILD)/%.o)
REPORT_LIBS = $(shell pkg-config --libs libxml-2.0 json-c 2>/dev/null)
# The OpenCC pass (--opencc), with the C++ runtime it brings.
OPENCC_SRC = $(wildcard src/opencc/*.c)
OPENCC_OBJ = $(OPENCC_SRC:src/%.c=$(BUILD)/%.o)
HEADERS = $(wildcard include/*.h src/*/*.h)
# Unit tests see the private headers of the folder they test.
TEST_CFLAGS = -Isrc/core -Isrc/read -Isrc/text -Isrc/json -Isrc/epub -Isrc/gfx
UNIT_TESTS = utf8 unicode sha1 json text labels frontmatter meta outline label wrap parse \
	langtag
EPUB_TESTS = xml epub_plan
GFX_TESTS =
UNIT_BIN = $(UNIT_TESTS:%=$(BUILD)/test_%) $(EPUB_TESTS:%=$(BUILD)/test_%) \
	$(GFX_TESTS:%=$(BUILD)/test_%)

# Debian packages: to build, to test, to compare against in benchmarks.
BUILD_DEBS = gcc make pkg-config libcmark-dev libyaml-dev libpcre2-dev libzip-dev libxml2-dev \
	libcairo2-dev libpango1.0-dev libharfbuzz-dev libpng-dev \
	libcmocka-dev libhyphen-dev hyphen-en-us libjson-c-dev libopencc-dev libopencc-data \
	fonts-noto-cjk \
	fonts-noto-core \
	zlib1g-dev
CHECK_DEBS = $(BUILD_DEBS) libxml2-utils python3 groff-base epubcheck time \
	default-jre-headless pandoc unzip poppler-utils qpdf valgrind pngcheck \
	unicode-data chromium python3-pdfminer python3-yaml debhelper dpkg-dev \
	lintian
DEB_DEBS = $(BUILD_DEBS) debhelper dpkg-dev lintian
BENCH_DEBS = $(BUILD_DEBS) pandoc time texlive-xetex texlive-lang-chinese \
	texlive-latex-recommended texlive-fonts-recommended lmodern

.PHONY: all deps deps-check deps-bench demo check unit regress deb ci-check \
	pathological batch install-check epub pdf proof fuzz asan-check lint-man regress-update bench valgrind install \
	uninstall clean unicode-tables

MODULES = $(BUILD)/transcribe-epub.so $(BUILD)/transcribe-gfx.so \
	$(BUILD)/transcribe-opencc.so $(BUILD)/transcribe-report.so
all: $(BUILD)/transcribe $(MODULES)

$(BUILD)/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# -rdynamic: the modules call back into the program's own helpers.
$(BUILD)/transcribe: $(PROG_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -rdynamic -o $@ $^ $(LIBS) $(EXTRA_LDFLAGS)

$(BUILD)/transcribe-epub.so: $(EPUB_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $^ $(EPUB_LIBS) $(EXTRA_LDFLAGS)

$(BUILD)/transcribe-gfx.so: $(GFX_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $^ $(GFX_LIBS) $(EXTRA_LDFLAGS)

$(BUILD)/transcribe-report.so: $(REPORT_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $^ $(REPORT_LIBS) $(EXTRA_LDFLAGS)

$(BUILD)/transcribe-opencc.so: $(OPENCC_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $^ $(OPENCC_LIBS) $(EXTRA_LDFLAGS)

# the EPUB module's parts, with its libraries
$(EPUB_TESTS:%=$(BUILD)/test_%): $(BUILD)/test_%: tests/unit/test_%.c \
	$(LIB_OBJ) $(EPUB_OBJ) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -rdynamic -o $@ $< $(LIB_OBJ) \
		$(EPUB_OBJ) $(EPUB_LIBS) $(LIBS) -lcmocka $(EXTRA_LDFLAGS)

$(BUILD)/test_%: tests/unit/test_%.c $(LIB_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -rdynamic -o $@ $< $(LIB_OBJ) \
		$(LIBS) -lcmocka $(EXTRA_LDFLAGS)

# The Unicode tables (East Asian Width, line-break classes, zero-width
# marks) from Debian's copy of the UCD; the output is committed.
UCD ?= /usr/share/unicode
unicode-tables:
	@tools/ensure-debs unicode-data python3
	tools/gen-unicode $(UCD) > src/core/unicode_tables.h.tmp
	mv src/core/unicode_tables.h.tmp src/core/unicode_tables.h

# The Debian package, built by dpkg-buildpackage from a copy of the
# sources (so that the build tree here is left alone) and checked by
# lintian; build/deb/transcribe_VERSION_ARCH.deb.
DEB_ARCH = $(shell dpkg --print-architecture 2>/dev/null)
DEB = $(BUILD)/deb/transcribe_$(VERSION)_$(DEB_ARCH).deb
deb:
	@tools/ensure-debs $(DEB_DEBS)
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/transcribe-$(VERSION)
	tar cf - Makefile README.md src include man styles fonts debian | \
		tar xf - -C $(BUILD)/deb/transcribe-$(VERSION)
	cd $(BUILD)/deb/transcribe-$(VERSION) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error $(DEB)
	@ls -l $(DEB)

# Installs whatever Debian package is missing (as root), or says which.
deps:
	@tools/ensure-debs $(BUILD_DEBS)
deps-check:
	@tools/ensure-debs $(CHECK_DEBS)
	@tools/ensure-ace build/ace
deps-bench:
	@tools/ensure-debs $(BENCH_DEBS)

demo: deps
	$(MAKE) all
	mkdir -p out
	$(BUILD)/transcribe --epub --pdf --txt --json -d out content/*.md
	@ls -l out

# The suites two at a time (most use one core), each one's output
# together when it ends.
check: deps-check
	$(MAKE) all
	$(MAKE) -j2 -O unit regress pathological batch install-check lint-man \
		epub pdf ci-check
	$(MAKE) -j2 -O asan-check valgrind
	@echo "make check: all suites passed"

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== $$t"; $$t || exit 1; done

regress: all
	tests/regress/run $(BUILD)/transcribe
	python3 tests/regress/wild/run $(BUILD)/transcribe

pathological: all
	tests/pathological/run $(BUILD)/transcribe

# -j, shards, a bad input failing alone, --strict, -q, write errors.
batch: all
	tests/batch/run $(BUILD)/transcribe

# --shard auto, --update, --report, and docs/ci.md's examples run with
# the Debian package; the package itself installed, run and removed
ci-check: all deb
	tests/ci/run $(BUILD)/transcribe $(DEB)
	tests/deb/run $(DEB) $(VERSION)

# make install and uninstall into a staging DESTDIR; the installed
# program runs with no build tree around.
install-check: all
	tests/install/run

# qpdf, pdffonts, pdfinfo, pdftotext (text and line rules), bookmarks.
pdf: all
	tests/pdf/run $(BUILD)/transcribe

# EPUBCheck, pandoc reading back, structure, reproducibility, Ace.
epub: all
	tests/epub/run $(BUILD)/transcribe build/ace

SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
asan-check:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	EPUBCHECK=no $(MAKE) BUILD=build-asan CFLAGS="-O1 -g" EXTRA_CFLAGS="$(SAN)" \
		EXTRA_LDFLAGS="$(SAN)" all unit regress pathological batch

# Man pages lint clean: no groff warning at all.
lint-man:
	@out=$$(groff -k -man -Tutf8 -ww -z man/transcribe.1 man/transcribe.5 2>&1); \
		if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; echo "man pages: clean"

regress-update: $(BUILD)/transcribe
	tests/regress/run --update $(BUILD)/transcribe

# Exit status 99 on any error or leak, apart from the font and graphics
# libraries' process-lifetime caches (tests/valgrind.supp).
VALGRIND_FLAGS = -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect \
	--suppressions=$(CURDIR)/tests/valgrind.supp
valgrind: $(BUILD)/transcribe $(UNIT_BIN)
	@for t in $(UNIT_BIN); do \
		valgrind $(VALGRIND_FLAGS) $$t || exit 1; \
	done
	VALGRIND="valgrind $(VALGRIND_FLAGS)" tests/regress/run $(BUILD)/transcribe

# libFuzzer over the parser and every backend (clang); FUZZ_SECONDS long,
# seeded from content/ and the regression fixtures.  Findings land in
# build-fuzz/findings/ and belong in tests/regress/ once fixed.
FUZZ_SECONDS ?= 600
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer
fuzz: deps
	mkdir -p build-fuzz/corpus build-fuzz/findings
	clang -std=c11 -D_DEFAULT_SOURCE -DTR_VERSION='"$(VERSION)"' -g -O1 \
		$(FUZZ_FLAGS) -Iinclude $(TEST_CFLAGS) \
		$(shell pkg-config --cflags $(CORE_PKGS) $(EPUB_PKGS) $(GFX_PKGS)) \
		-o build-fuzz/fuzz tests/fuzz/fuzz_transcribe.c \
		$(filter-out src/cli/module.c,$(LIB_SRC)) tests/fuzz/direct_modules.c \
		$(EPUB_SRC) $(filter-out src/gfx/gfx_module.c,$(GFX_SRC)) \
		$(shell pkg-config --libs $(CORE_PKGS) $(EPUB_PKGS) $(GFX_PKGS)) \
		-lhyphen -lm
	cp content/*.md tests/regress/parse/*.md tests/regress/ruby/*.md \
		tests/regress/forms/*.md tests/regress/wild/*.md \
		build-fuzz/corpus/
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	build-fuzz/fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 \
		-dict=tests/fuzz/transcript.dict \
		-artifact_prefix=build-fuzz/findings/ build-fuzz/corpus
	# the caption readers, a target of their own: the first byte picks
	# WebVTT, SRT or WhisperX JSON
	mkdir -p build-fuzz/corpus-captions
	clang -std=c11 -D_DEFAULT_SOURCE -DTR_VERSION='"$(VERSION)"' -g -O1 \
		$(FUZZ_FLAGS) -Iinclude $(TEST_CFLAGS) \
		$(shell pkg-config --cflags $(CORE_PKGS) $(EPUB_PKGS) $(GFX_PKGS)) \
		-o build-fuzz/fuzz-captions tests/fuzz/fuzz_captions.c \
		$(filter-out src/cli/module.c,$(LIB_SRC)) tests/fuzz/direct_modules.c \
		$(EPUB_SRC) $(filter-out src/gfx/gfx_module.c,$(GFX_SRC)) \
		$(shell pkg-config --libs $(CORE_PKGS) $(EPUB_PKGS) $(GFX_PKGS)) \
		-lhyphen -lm
	for f in tests/regress/captions/*.vtt tests/regress/captions/*.srt \
	    tests/regress/whisper/*.json; do \
		case $$f in *.tree.json) continue ;; esac; \
		cp $$f build-fuzz/corpus-captions/; done
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	build-fuzz/fuzz-captions -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 \
		-dict=tests/fuzz/transcript.dict \
		-artifact_prefix=build-fuzz/findings/ build-fuzz/corpus-captions

bench: deps-bench
	$(MAKE) all
	tools/bench $(BUILD)/transcribe

# Chosen PDF pages as PNG in build/proof/, beside ctexart's when TeX is
# installed (make bench installs it).
proof: deps-check
	$(MAKE) all
	tools/proof $(BUILD)/transcribe $(BUILD)/proof

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/styles \
		$(DESTDIR)$(DATADIR)/fonts
	install -d $(DESTDIR)$(LIBDIR)
	install -m 755 $(BUILD)/transcribe $(DESTDIR)$(BINDIR)/transcribe
	install -m 644 $(MODULES) $(DESTDIR)$(LIBDIR)/
	install -m 644 man/transcribe.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/transcribe.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 styles/* $(DESTDIR)$(DATADIR)/styles/
	install -m 644 fonts/* $(DESTDIR)$(DATADIR)/fonts/

uninstall:
	rm -rf $(DESTDIR)$(LIBDIR)
	rm -f $(DESTDIR)$(BINDIR)/transcribe \
		$(DESTDIR)$(MANDIR)/man1/transcribe.1 \
		$(DESTDIR)$(MANDIR)/man5/transcribe.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz out
