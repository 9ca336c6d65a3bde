# Frontdesk. Every target passes the same build tags (DESIGN §5):
# migrated_fynedo makes go build/test behave as the fyne tool's builds do
# with [Migrations] fyneDo = true in FyneApp.toml.
TAGS    := migrated_fynedo
GO      ?= go
SIM_SEEDS ?= 200
ARGS    ?=
export CGO_ENABLED := 1

.PHONY: build run test vet unit smoke bench windows wine-check lint fmt deps deps-test deps-windows deps-wine clean

build: deps
	$(GO) build -tags '$(TAGS)' -o frontdesk .

run: build
	./frontdesk $(ARGS)

test: deps-test vet unit smoke

vet:
	$(GO) vet -tags '$(TAGS)' ./...

# third_party/gofpdf is a module of its own (./... does not reach it):
# its tests prove the shared font cache safe under -race.
# go test's own limit is 10 minutes per package; the ui package's race
# tests take 2-3 minutes on an idle 2-core machine but far longer on a
# loaded one, which is not a failure of the program.
unit:
	$(GO) test -race -timeout 25m -tags '$(TAGS)' ./...
	cd third_party/gofpdf && $(GO) test -race .
	# The sync simulator with many seeds (8 run under -race above).
	SYNC_SIM_SEEDS=$(SIM_SEEDS) $(GO) test -count=1 -timeout 15m -tags '$(TAGS)' -run '^TestSimulator$$' ./data/sync/

# The real window under Xvfb: screenshot mode on a demo practice, an X
# screenshot of the window, and PDF checks with pdftotext.
smoke: build
	TAGS='$(TAGS)' scripts/smoke.sh

# Benchmarks on the stress practice (built once, then reused from the
# cache folder), each beside its raw-SQL floor; prints the ratios.
bench: build
	TAGS='$(TAGS)' scripts/bench.sh

# The icon, version and manifest go in as Windows resources, generated
# from assets/icon.png and FyneApp.toml (scripts/winres.sh).
windows: deps-windows
	scripts/winres.sh
	GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) build -tags '$(TAGS)' -ldflags '-H=windowsgui' -o frontdesk.exe .

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo 'gofmt: the files above need formatting'; exit 1; }
	$(GO) vet -tags '$(TAGS)' ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags '$(TAGS)' ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

deps-windows:
	@scripts/deps.sh windows

deps-wine:
	@scripts/deps.sh wine

# frontdesk.exe under Debian's wine: version, a demo practice, its
# patients' CSV compared byte for byte with the Linux build's, and
# screenshot mode under Xvfb (scripts/wine-check.sh).
wine-check: deps-wine windows build
	scripts/wine-check.sh

clean:
	rm -rf frontdesk frontdesk.exe out rsrc_windows_*.syso
