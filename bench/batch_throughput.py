"""Benchmark: batch throughput against concurrency (-j 1, 4, 16) on a local
OpenAI-compatible fake server that adds 500 ms of latency per call, as a remote model
would. The model's answers are SYNTHETIC (tests/synthetic.py): this measures our side.

    python bench/batch_throughput.py [--items N] [--latency S]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_openai import fake_openai  # noqa: E402
from tests.synthetic import synthetic_responder  # noqa: E402

ARTICLE = (ROOT / "fixtures" / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")


def run(jobs: int, items: int, latency: float) -> float:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "items.jsonl"
        with source.open("w", encoding="utf-8") as file:
            for n in range(items):
                text = ARTICLE.replace("300 residents", f"{300 + n} residents")
                file.write(json.dumps({"id": f"i{n}", "text": text}) + "\n")
        env = {**os.environ, "SUMMARISER_CACHE_DIR": folder, "SUMMARISER_API_KEY": "bench"}
        with fake_openai(responder=synthetic_responder, delay=latency) as server:
            command = [
                sys.executable, "-m", "summariser", "batch", str(source),
                "-o", str(Path(folder) / "out.jsonl"), "-j", str(jobs), "-q", "--no-cache",
                "--model", "m", "--base-url", server.url, "--mode", "json_schema",
            ]  # fmt: skip
            started = time.perf_counter()
            subprocess.run(command, check=True, env=env, capture_output=True)
            return items / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=64)
    parser.add_argument("--latency", type=float, default=0.5)
    args = parser.parse_args()
    base = None
    for jobs in (1, 4, 16):
        items = args.items if jobs > 1 else max(8, args.items // 4)
        rate = run(jobs, items, args.latency)
        base = base or rate
        print(f"-j {jobs:2d}: {items} items, {rate:.2f} briefs/s, {rate / base:.1f}x sequential")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
