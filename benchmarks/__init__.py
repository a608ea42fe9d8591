"""Lookout's speed and memory benchmarks (`make bench`), each against a baseline measured in
the same run. They sit outside the test suite: tests assert behaviour, benchmarks measure."""
