"""Benchmark: start-up of `summariser --help` and of a brief served from the cache.

The cache is filled from the recorded seed answers (the analysis and the replayed model
draft) in a scratch cache directory, then the CLI is timed with hyperfine-style repeated
runs (best and median of N). A hit loads neither spaCy nor the model, so it is checked
in-process before the CLI runs: a miss would start the embedded model.

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "fixtures" / "articles" / "tass-deir-ez-zor.txt"
SUMMARISER = str(Path(sys.executable).parent / "summariser")


def fill_cache(folder: str) -> None:
    os.environ["SUMMARISER_CACHE_DIR"] = folder
    from summariser.backends import backend_identity
    from summariser.config import load_settings
    from summariser.input.sources import load_source
    from summariser.pipeline import Summariser
    from summariser.store.cache import BriefCache

    document = load_source(str(SEED))  # as `summariser brief` reads it: the same key
    settings = load_settings()
    with Summariser(settings, replay_dir=ROOT / "fixtures" / "recordings") as summariser:
        answers = summariser.answer(document)  # the analysis and the replayed model draft
    cache = BriefCache()
    cache.store(document, backend_identity(settings), settings, answers)
    hit = cache.brief(document, settings)
    cache.close()
    if hit is None:
        raise SystemExit("the cache was filled, yet it misses: the CLI would run the model")


def timed(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        seconds.append(time.perf_counter() - started)
    return min(seconds), statistics.median(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        fill_cache(folder)
        env = {**os.environ, "SUMMARISER_CACHE_DIR": folder}
        hit = [SUMMARISER, "brief", str(SEED), "-q", "-f", "json"]
        brief = json.loads(subprocess.run(hit, check=True, capture_output=True, env=env).stdout)
        if not brief["meta"]["usage"]["cached"]:
            raise SystemExit("the cache was filled, yet the brief did not come from it")
        for name, command in (
            ("--help", [SUMMARISER, "--help"]),
            ("cache hit", hit),
        ):
            best, median = timed(command, args.runs, env)
            print(f"{name}: best {best:.3f} s, median {median:.3f} s over {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
