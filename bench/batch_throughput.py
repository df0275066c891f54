"""Benchmark: batch throughput against concurrency (-j 1, 4, 16) on a local
OpenAI-compatible fake server that adds 500 ms of latency per call, as a remote model
would. The model's answers are SYNTHETIC (tests/synthetic.py): this measures our side.

Each run gets ``--items-per-job`` × N items, so every run lasts about as long and the
fixed cost of a process (importing openai and instructor, loading spaCy's pipeline before
the first request) weighs the same in each. Each article's analysis (one spaCy parse) runs
on the CPU before its request, so concurrency overlaps the model's latency, not that.
Two rates are printed: end to end (the process's wall time, start-up included) and
steady (replies per second at the server, from the first request to the last reply).

    python bench/batch_throughput.py [--items-per-job N] [--latency S]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_openai import Reply, fake_openai  # noqa: E402
from tests.synthetic import synthetic_responder  # noqa: E402

ARTICLE = (ROOT / "fixtures" / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")


@dataclass
class Run:
    items: int
    wall: float  # the batch process, start to exit
    first_request: float  # seconds after the start
    arrivals: list[float]  # when each request reached the server
    latency: float

    @property
    def rate(self) -> float:
        return self.items / self.wall

    @property
    def steady(self) -> float:
        """Replies per second from the first request to the last reply."""
        return len(self.arrivals) / (self.arrivals[-1] + self.latency - self.arrivals[0])


def run(jobs: int, items: int, latency: float) -> Run:
    arrivals: list[float] = []

    def responder(request: dict[str, Any]) -> Reply:
        arrivals.append(time.perf_counter())
        return synthetic_responder(request)

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "items.jsonl"
        with source.open("w", encoding="utf-8") as file:
            for n in range(items):
                text = ARTICLE.replace("300 residents", f"{300 + n} residents")
                file.write(json.dumps({"id": f"i{n}", "text": text}) + "\n")
        env = {**os.environ, "SUMMARISER_CACHE_DIR": folder, "SUMMARISER_API_KEY": "bench"}
        with fake_openai(responder=responder, delay=latency, max_requests=items) as server:
            command = [
                sys.executable, "-m", "summariser", "batch", str(source),
                "-o", str(Path(folder) / "out.jsonl"), "-j", str(jobs), "-q", "--no-cache",
                "--model", "m", "--base-url", server.url, "--mode", "json_schema",
            ]  # fmt: skip
            started = time.perf_counter()
            subprocess.run(command, check=True, env=env, capture_output=True)
            wall = time.perf_counter() - started
        lines = (Path(folder) / "out.jsonl").read_text(encoding="utf-8").splitlines()
        briefs = sum(1 for line in lines if json.loads(line)["ok"])
        if len(lines) != items or briefs != items:
            raise SystemExit(
                f"-j {jobs}: expected {items} briefs, got {briefs} in {len(lines)} lines"
            )
    return Run(items, wall, arrivals[0] - started, arrivals, latency)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items-per-job", type=int, default=64)
    parser.add_argument("--latency", type=float, default=0.5)
    args = parser.parse_args()
    base: Run | None = None
    for jobs in (1, 4, 16):
        result = run(jobs, args.items_per_job * jobs, args.latency)
        base = base or result
        print(
            f"-j {jobs:2d}: {result.items} items in {result.wall:.1f} s "
            f"(first request after {result.first_request:.2f} s) · "
            f"end to end {result.rate:.2f} briefs/s = {result.rate / base.rate:.1f}x · "
            f"steady {result.steady:.2f} briefs/s = {result.steady / base.steady:.1f}x",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
