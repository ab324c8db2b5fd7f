# The two commands of the quick start. Each installs what is missing first (scripts/setup.sh).
.PHONY: run test bench bench-compare feature-cost setup

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh

bench: setup
	bash scripts/bench.sh

# Comparing two applications of 10,000 keys each: time to show, keystrokes beside the keys table's.
bench-compare: setup
	bash scripts/bench-compare.sh

# What each page costs in the release bundle, in KB of brotli: thirteen release builds, minutes long.
feature-cost: setup
	bash scripts/feature-cost.sh

setup:
	bash scripts/setup.sh
