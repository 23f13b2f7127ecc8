# Weft — the two commands a new user needs are `make demo` and `make test`.
SWIFT      ?= swift
RELEASE    := .build/release/weft
DEMO_OUT   ?= out/demo

.PHONY: setup build demo test browser-test sample bench scale compare fuzz blas-info clean

setup:            ## install BLAS/LAPACK (and OpenBLAS) if missing; no-op otherwise
	@scripts/setup.sh

build: setup      ## release build of the weft tool
	$(SWIFT) build -c release --product weft

PLATFORM  := SampleData/platform-exports
IMPORTED  := $(DEMO_OUT)/imported
WITH_PLATFORMS = --members SampleData/members.csv --survey SampleData/survey.csv --respondents SampleData/respondents.csv \
	--interactions SampleData/interactions.csv $(foreach f,whatsapp slack email,--interactions $(IMPORTED)/$(f)/interactions.csv) \
	--attendance SampleData/attendance.csv $(foreach f,zoom teams ics,--attendance $(IMPORTED)/$(f)/attendance.csv)
demo: build       ## validate and analyse the bundled SampleData into out/demo; import its platform exports and analyse them with it into out/demo/with-platforms
	$(RELEASE) validate SampleData --rejects $(DEMO_OUT)/rejects.csv --show 5
	$(RELEASE) analyze SampleData --out $(DEMO_OUT)
	$(RELEASE) import zoom $(PLATFORM)/zoom/*.csv --members SampleData/members.csv --out $(IMPORTED)/zoom
	$(RELEASE) import teams "$(PLATFORM)/teams/Learning circle - Attendance report.csv" --members SampleData/members.csv --out $(IMPORTED)/teams
	$(RELEASE) import ics $(PLATFORM)/calendar/secretariat.ics --members SampleData/members.csv --out $(IMPORTED)/ics
	$(RELEASE) import whatsapp "$(PLATFORM)/whatsapp/WhatsApp Chat with CLN peer exchange.txt" --members SampleData/members.csv --out $(IMPORTED)/whatsapp
	$(RELEASE) import slack $(PLATFORM)/slack --members SampleData/members.csv --out $(IMPORTED)/slack
	$(RELEASE) import email $(PLATFORM)/email/Secretariat.mbox --members SampleData/members.csv --out $(IMPORTED)/email
	@# The bundled records and the imported ones together: --interactions and --attendance repeated
	@# (each file read with its own columns, counted apart, its rows merged).
	$(RELEASE) validate $(WITH_PLATFORMS) --strict --show 5
	$(RELEASE) analyze $(WITH_PLATFORMS) --out $(DEMO_OUT)/with-platforms

test: setup       ## build and run every test
	$(SWIFT) test

BROWSER_OUT ?= out/browser
browser-test: build ## report.html (English and French) in headless Chromium: search, click, filter, period slider, no console error; A4 PDF checks; screenshots in docs/images
	@scripts/setup.sh --browser
	$(RELEASE) analyze SampleData --out $(BROWSER_OUT) --format html
	python3 scripts/browser_test.py $(BROWSER_OUT)/report.html --screenshots docs/images --pdf $(BROWSER_OUT)/report.pdf
	$(RELEASE) analyze SampleData --out $(BROWSER_OUT)-fr --format html --lang fr
	python3 scripts/browser_test.py $(BROWSER_OUT)-fr/report.html --screenshots docs/images/fr --pdf $(BROWSER_OUT)-fr/report.pdf

sample: build     ## regenerate SampleData/ from its seed, and its platform exports from the same seed and members
	$(RELEASE) sample --size cln --seed 42 --out SampleData
	python3 scripts/make_platform_exports.py

bench: setup      ## package-benchmark suite (BENCH_FILTER='regex' runs a subset)
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark $(if $(BENCH_FILTER),--filter '$(BENCH_FILTER)')

scale: build      ## time and peak memory of weft analyze on the S, M and L samples
	Benchmarks/scale.sh s m l

COMPARE_ARGS ?= s m
compare: setup    ## Weft beside igraph, NetworKit and NetworkX, kernel by kernel (COMPARE_ARGS="s m l --pipeline")
	Benchmarks/compare/compare.sh $(COMPARE_ARGS)

FUZZ_SECONDS ?= 30
# Swift's own crash handler would catch the signal before libFuzzer saves the crashing input.
FUZZ_ENV := SWIFT_BACKTRACE=enable=no
fuzz: setup       ## libFuzzer runs of the CSV ingest, members headers and ids, .xlsx reader, date/number parsers, survey adapters, segment config and import parsers (FUZZ_SECONDS each)
	cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --scratch-path .build-fuzz
	mkdir -p out/fuzz/csv out/fuzz/members out/fuzz/xlsx out/fuzz/dates out/fuzz/datepattern out/fuzz/survey out/fuzz/config out/fuzz/zoom out/fuzz/teams out/fuzz/meet out/fuzz/whatsapp out/fuzz/email out/fuzz/slack out/fuzz/ics
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzCSV out/fuzz/csv Fuzz/Corpus/csv -max_total_time=$(FUZZ_SECONDS) -max_len=4096
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzMembers out/fuzz/members Fuzz/Corpus/members -max_total_time=$(FUZZ_SECONDS) -dict=Fuzz/Dictionaries/members.dict -max_len=4096
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzXLSX out/fuzz/xlsx Fuzz/Corpus/xlsx -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzDates out/fuzz/dates Fuzz/Corpus/dates -max_total_time=$(FUZZ_SECONDS)
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzDatePattern out/fuzz/datepattern Fuzz/Corpus/datepattern -max_total_time=$(FUZZ_SECONDS) -max_len=256
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzSurvey out/fuzz/survey Fuzz/Corpus/survey -max_total_time=$(FUZZ_SECONDS) -max_len=4096
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzConfig out/fuzz/config Fuzz/Corpus/config -max_total_time=$(FUZZ_SECONDS) -max_len=4096
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzZoom out/fuzz/zoom Fuzz/Corpus/zoom -max_total_time=$(FUZZ_SECONDS) -dict=Fuzz/Dictionaries/zoom.dict -max_len=4096
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzTeams out/fuzz/teams Fuzz/Corpus/teams -max_total_time=$(FUZZ_SECONDS) -dict=Fuzz/Dictionaries/teams.dict -max_len=8192
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzMeet out/fuzz/meet Fuzz/Corpus/meet -max_total_time=$(FUZZ_SECONDS) -dict=Fuzz/Dictionaries/meet.dict -max_len=4096
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzWhatsApp out/fuzz/whatsapp Fuzz/Corpus/whatsapp -max_total_time=$(FUZZ_SECONDS) -dict=Fuzz/Dictionaries/whatsapp.dict -max_len=8192 -timeout=10
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzEmail out/fuzz/email Fuzz/Corpus/email -max_total_time=$(FUZZ_SECONDS) -dict=Fuzz/Dictionaries/email.dict -max_len=8192
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzSlack out/fuzz/slack Fuzz/Corpus/slack -max_total_time=$(FUZZ_SECONDS) -dict=Fuzz/Dictionaries/slack.dict -max_len=8192
	$(FUZZ_ENV) Fuzz/.build-fuzz/release/FuzzICS out/fuzz/ics Fuzz/Corpus/ics -max_total_time=$(FUZZ_SECONDS) -dict=Fuzz/Dictionaries/ics.dict -max_len=8192 -timeout=10

blas-info: build  ## show which BLAS/LAPACK the weft binary will load
	@ldd $(RELEASE) | grep -E 'blas|lapack'
	@echo "libblas.so.3   -> $$(readlink -f /usr/lib/$$(gcc -dumpmachine)/libblas.so.3)"
	@echo "liblapack.so.3 -> $$(readlink -f /usr/lib/$$(gcc -dumpmachine)/liblapack.so.3)"

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build-fuzz out
