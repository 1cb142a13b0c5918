# ipsec-console: the two commands README promises, plus helpers.
SWIFT ?= swift

.PHONY: deps build release test demo bench clean snapshots

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Until the console lands: the analysis of a bundled faulty session (status 1 = findings shown).
demo: release
	.build/release/ipsec-console analyze --sample ios-main-mode-failed; test $$? -le 1

bench: deps
	$(SWIFT) run -c release ipsec-bench all

# Re-record the console's screen snapshots after an intended change (review with git diff).
snapshots:
	$(SWIFT) build --build-tests
	-RECORD_SNAPSHOTS=1 $(SWIFT) test --skip-build --filter PaneSnapshotTests
	$(SWIFT) test --skip-build --filter PaneSnapshotTests

clean:
	rm -rf .build
