"""Benchmark: seconds for the seed brief on the embedded model, split into model-file
check, model load, the article's analysis (spaCy), prompt processing, generation and our
own overhead.

The model's own prompt and generation times come from llama.cpp's ``timings`` in the
recorded responses; our overhead is the rest of the brief's wall time (HTTP, JSON
parsing, validation, grounding, assessment). Results go to docs/benchmarks.md.

    python bench/seed_brief.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.config import Settings  # noqa: E402
from summariser.input.sources import load_source  # noqa: E402
from summariser.pipeline import summarise_document  # noqa: E402
from summariser.store.recording import ReadableSerializer  # noqa: E402

SEED = ROOT / "fixtures" / "articles" / "tass-deir-ez-zor.txt"
WRITING = "choosing the key claims and writing the brief"


def one_run() -> dict[str, float]:
    stamps: dict[str, float] = {}
    document = load_source(str(SEED))
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        brief = summarise_document(
            document,
            Settings(),
            record_dir=folder,
            progress=lambda stage: stamps.setdefault(stage, time.perf_counter()),
        )
        ended = time.perf_counter()
        cassette = next(Path(folder).glob("*.yaml"))
        data = ReadableSerializer.deserialize(cassette.read_text(encoding="utf-8"))
    prompt_ms = generation_ms = 0.0
    prompt_tokens = generation_tokens = 0
    for item in data["interactions"]:
        timings = json.loads(item["response"]["body"]["string"]).get("timings", {})
        prompt_ms += timings.get("prompt_ms", 0.0)
        generation_ms += timings.get("predicted_ms", 0.0)
        prompt_tokens += timings.get("prompt_n", 0)
        generation_tokens += timings.get("predicted_n", 0)
    check = stamps["loading the model"] - min(
        t for stage, t in stamps.items() if stage.startswith(("checking", "assembling"))
    )
    load = stamps["parsing the article"] - stamps["loading the model"]
    parse = stamps[WRITING] - stamps["parsing the article"]
    brief_wall = ended - stamps[WRITING]
    model = (prompt_ms + generation_ms) / 1000
    return {
        "total_s": ended - started,
        "file_check_s": check,
        "load_s": load,
        "parse_s": parse,
        "prompt_s": prompt_ms / 1000,
        "prompt_tokens": prompt_tokens,
        "generation_s": generation_ms / 1000,
        "generation_tokens": generation_tokens,
        "generation_tok_per_s": generation_tokens / (generation_ms / 1000) if generation_ms else 0,
        "calls": brief.meta.usage.calls,
        "overhead_s": brief_wall - model,
        "overhead_pct": 100 * (brief_wall - model) / model if model else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    print(
        f"# seed brief benchmark · commit {commit} · {platform.machine()} · "
        f"{__import__('os').cpu_count()} cores · {time.strftime('%Y-%m-%d')}"
    )
    for run in range(1, args.runs + 1):
        result = one_run()
        print(
            f"run {run}: "
            + ", ".join(
                f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
