"""Benchmarks: `make bench` (`python -m benchmarks`); the figures are in docs/performance.md."""
