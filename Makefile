# The two commands of the quick start. Each installs what is missing first (scripts/setup.sh).
.PHONY: run test bench setup

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh

bench: setup
	bash scripts/bench.sh

setup:
	bash scripts/setup.sh
