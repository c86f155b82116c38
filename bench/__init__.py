"""gcmdash performance benchmarks (issue "Performance at scale"). Run all with `make bench`; see bench/run.py."""
