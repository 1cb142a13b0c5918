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

# The console on the built-in lab (a router whose phase 1 policies do not match its peer's).
# SCENARIO=healthy, PERSONA=asa, ... pick another; `ipsec-console lab-device --list` lists them.
SCENARIO ?= main-mode-failed
PERSONA ?= ios
demo: release
	.build/release/ipsec-console lab $(SCENARIO) --persona $(PERSONA)

bench: deps
	$(SWIFT) run -c release ipsec-bench all

# Re-record the console's screen snapshots after an intended change (review with git diff).
snapshots:
	$(SWIFT) build --build-tests
	-RECORD_SNAPSHOTS=1 $(SWIFT) test --skip-build --filter PaneSnapshotTests
	$(SWIFT) test --skip-build --filter PaneSnapshotTests

clean:
	rm -rf .build
