# SPDX-License-Identifier: MIT
# leaksniff - passive VPN leak sniffer.  GNU make; Debian 12.
#
#   make            build ./leaksniff and ./pcapgen
#   make demo       install missing Debian packages (as root), build, audit pcaps/
#   make check      the same set-up, then every test
#   make asan       ASan+UBSan build in build-asan/ (SANITIZE=1 in place)
#   make install    PREFIX=/usr/local DESTDIR=
#   make fuzz       libFuzzer harnesses (clang) in build-fuzz/
#   make pcaps      regenerate pcaps/gen/ with the libnet generator

PKG_CONFIG	?= pkg-config
LIBNET_CONFIG	?= libnet-config
PREFIX		?= /usr/local
DESTDIR		?=
BINDIR		?= $(PREFIX)/bin
DATADIR		?= $(PREFIX)/share/leaksniff
DOCDIR		?= $(PREFIX)/share/doc/leaksniff
SYSTEMDDIR	?= $(PREFIX)/lib/systemd/system

# Debian packages the build and the tests need (see `make deps`).
DEB_PKGS	:= build-essential pkg-config libpcap-dev libndpi-dev libndpi-bin \
		   libyaml-dev libnet1-dev libcmocka-dev \
		   tcpdump clang libclang-rt-14-dev valgrind iproute2 python3 tcpreplay \
		   wireguard-go wireguard-tools curl dnsutils

DEPS		:= libpcap libndpi yaml-0.1
DEP_CFLAGS	= $(patsubst -I%,-isystem %,$(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null))
DEP_LIBS	= $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null)
LIBNET_LIBS	= $(shell $(LIBNET_CONFIG) --libs 2>/dev/null)

BUILD		?= build
CC		?= cc
CFLAGS		?= -O2 -g
LS_CFLAGS	:= -std=c11 -D_DEFAULT_SOURCE -MMD -MP -Isrc $(DEP_CFLAGS) \
		   -DLS_DATADIR='"$(DATADIR)"'
LS_CFLAGS	+= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
		   -Wold-style-definition -Wpointer-arith -Wwrite-strings \
		   -Wundef -Wformat=2 -Wvla -Wimplicit-fallthrough
ifeq ($(SANITIZE),1)
LS_CFLAGS	+= -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
		   -fno-sanitize-recover=all
LDFLAGS		+= -fsanitize=address,undefined
endif
ifeq ($(WERROR),1)
LS_CFLAGS	+= -Werror
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

CORE_SRC	:= $(filter-out src/main.c src/pcapgen%.c,$(wildcard src/*.c))
GEN_SRC		:= $(wildcard src/pcapgen*.c)
CORE_OBJ	:= $(CORE_SRC:src/%.c=$(BUILD)/%.o)
GEN_OBJ		:= $(GEN_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC	:= $(wildcard tests/unit/t_*.c)
UNIT_BIN	:= $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: leaksniff pcapgen

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS) $(LS_CFLAGS) -c -o $@ $<

$(BUILD)/libleaksniff.a: $(CORE_OBJ)
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

leaksniff: $(BUILD)/main.o $(BUILD)/libleaksniff.a
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

pcapgen: $(GEN_OBJ) $(BUILD)/libleaksniff.a
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBNET_LIBS) $(DEP_LIBS)

$(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS) $(LS_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libleaksniff.a
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(DEP_LIBS) -lcmocka

# --- set-up -----------------------------------------------------------------

# Install what is missing, when we are root and apt-get exists; otherwise say
# what is missing and go on (the build then fails with the real error).
deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "  APT    $$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	else \
		echo "leaksniff: missing Debian packages:$$missing (run 'make deps' as root)" >&2; \
	fi

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit
	@sh tests/run-golden.sh
	@sh tests/run-misc.sh
	@sh tests/live.sh
	@sh tests/live-wg.sh
	@sh tests/live-lan.sh
	@sh tests/valgrind.sh
	@$(MAKE) --no-print-directory asan
	@sh tests/run-unit.sh $(ASAN_UNIT)
	@LEAKSNIFF=build-asan/leaksniff sh tests/run-golden.sh
	@LEAKSNIFF=build-asan/leaksniff MISC_SANITIZER=1 sh tests/run-misc.sh
	@sh tests/corpus.sh build-asan/leaksniff
	@python3 tests/accuracy.py ./leaksniff
	@$(MAKE) --no-print-directory fuzz-smoke

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

ASAN_UNIT	:= $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%)

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 CFLAGS="-g" \
		build-asan/leaksniff $(ASAN_UNIT)

build-asan/leaksniff: $(BUILD)/main.o $(BUILD)/libleaksniff.a
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

# --- fuzzing ----------------------------------------------------------------

FUZZ_SRC	:= $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN	:= $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)

fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
		CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined" \
		LDFLAGS="-fsanitize=fuzzer,address,undefined" $(FUZZ_BIN)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c build-fuzz/libleaksniff.a
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(CFLAGS) $(LS_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

fuzz-smoke: fuzz
	@sh tests/fuzz-smoke.sh $(FUZZ_BIN)

# --- benchmark (not part of check) ---------------------------------------

bench: all
	@sh bench/run.sh

bench-live: all
	@sh bench/live.sh

# --- captures ---------------------------------------------------------------

pcaps: pcapgen
	./pcapgen pcaps/gen

# --- install ----------------------------------------------------------------

install: leaksniff
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(DOCDIR)"
	install -m 0755 leaksniff "$(DESTDIR)$(BINDIR)/leaksniff"
	install -m 0644 rules/default.yaml "$(DESTDIR)$(DATADIR)/default.yaml"
	install -m 0644 README.md docs/*.md "$(DESTDIR)$(DOCDIR)/"
	install -d "$(DESTDIR)$(SYSTEMDDIR)"
	sed 's|/usr/local|$(PREFIX)|g' leaksniff.service >"$(DESTDIR)$(SYSTEMDDIR)/leaksniff.service"
	chmod 0644 "$(DESTDIR)$(SYSTEMDDIR)/leaksniff.service"

clean:
	$(RM) -r build build-asan build-fuzz leaksniff pcapgen

-include $(wildcard build/*.d build/tests/*.d build-asan/*.d)

.SECONDARY:

.PHONY: all deps demo check unit asan fuzz fuzz-smoke pcaps install clean bench bench-live
