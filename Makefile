# The two commands of the quick start. Each installs what is missing first (scripts/setup.sh).
.PHONY: run test bench feature-cost setup

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh

bench: setup
	bash scripts/bench.sh

# What each page costs in the release bundle, in KB of brotli: ten release builds, minutes long.
feature-cost: setup
	bash scripts/feature-cost.sh

setup:
	bash scripts/setup.sh
