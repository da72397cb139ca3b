"""``python -m bench``: run the benchmark suite and rewrite BENCHMARKS.md (see bench/run.py)."""

from bench.run import main

raise SystemExit(main())
