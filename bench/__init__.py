"""Benchmarks: `make bench` (python -m bench) prints figures and compares them in one
run."""
