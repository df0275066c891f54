"""Benchmark: `--model none`, one article and a batch.

- the seed brief with no model, wall time of the command (start-up, spaCy's load and the
  analysis included), best and median of N runs;
- `summariser batch --model none [-j J]` over the devset's articles (../shared/devset,
  articles.jsonl and clusters.jsonl, each id once): end-to-end articles per second, and
  the steady rate from the first line written to the last (start-up excluded), best and
  median of N runs;
- where the time of one article goes, stage by stage, in-process.

    python bench/no_model.py [--runs N] [--jobs 0 1] [--batch-runs N]   (0: the default -j)
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
DEVSET = ROOT.parent / "shared" / "devset"
SUMMARISER = str(Path(sys.executable).parent / "summariser")


def seed_runs(runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [SUMMARISER, "brief", str(SEED), "--model", "none", "--no-cache", "-q"],
            check=True,
            capture_output=True,
            env=env,
        )
        times.append(time.perf_counter() - started)
    return times


def devset_items(folder: Path) -> tuple[Path, int]:
    seen: set[str] = set()
    path = folder / "devset.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for name in ("articles.jsonl", "clusters.jsonl"):
            for line in (DEVSET / name).read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if record["id"] not in seen:
                    seen.add(record["id"])
                    out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
    return path, len(seen)


def batch_run(items: Path, count: int, jobs: int, env: dict[str, str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "briefs.jsonl"
        command = [SUMMARISER, "batch", str(items), "-o", str(out), "--model", "none"]
        command += (["-j", str(jobs)] if jobs else []) + ["-q", "--no-cache"]
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        first: float | None = None
        while process.poll() is None:
            if first is None and out.exists() and out.stat().st_size > 0:
                first = time.perf_counter()
            time.sleep(0.02)
        ended = time.perf_counter()
        lines = out.read_text(encoding="utf-8").count("\n")
    assert process.returncode == 0 and lines == count, (process.returncode, lines)
    first = first or ended
    return {
        "wall_s": ended - started,
        "per_s": count / (ended - started),
        "steady_per_s": (count - 1) / (ended - first) if ended > first else 0.0,
    }


def stages(items: Path) -> dict[str, float]:
    from summariser.analysis.attributions import find_attributions
    from summariser.analysis.candidates import Analysis
    from summariser.analysis.entities import find_entities
    from summariser.analysis.nlp import load_pipeline, parse
    from summariser.analysis.noncontent import find_noncontent
    from summariser.analysis.numbers import extract_numbers
    from summariser.analysis.place_phrases import add_place_phrases
    from summariser.brief import build_brief
    from summariser.input.documents import make_document
    from summariser.schema import Usage

    texts = [json.loads(line)["text"] for line in items.read_text(encoding="utf-8").splitlines()]
    load_pipeline()
    spent: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        spent[name] = spent.get(name, 0.0) + now - since
        return now

    for text in texts:
        t = time.perf_counter()
        document = make_document(text)
        noncontent = find_noncontent(text)
        t = lap("document, non-content", t)
        doc = parse(text)
        t = lap("spaCy parse", t)
        entities = add_place_phrases(doc, find_entities(doc, noncontent), noncontent)
        t = lap("entities", t)
        attributions = find_attributions(doc, document.sentences, entities, noncontent)
        t = lap("attributions", t)
        numbers, repeats = extract_numbers(document)
        t = lap("numbers", t)
        analysis = Analysis(
            noncontent=noncontent,
            entities=entities,
            attributions=attributions,
            numbers=numbers,
            number_repeats=repeats,
        )
        brief = build_brief(document, analysis, model="none", prompt_version="none", usage=Usage())
        brief.model_dump_json()
        lap("brief and JSON", t)
    return {name: 1000 * value / len(texts) for name, value in spent.items()}


def blas() -> str:
    """Which BLAS the parse multiplied with: library, kernel, threads (threadpoolctl)."""
    from threadpoolctl import threadpool_info

    found = [i for i in threadpool_info() if i["user_api"] == "blas"]
    forced = {k: v for k, v in os.environ.items() if k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    return ", ".join(
        f"{i['internal_api']} {i['version']}, {i.get('architecture')} kernels, "
        f"{i['num_threads']} thread(s)"
        for i in found
    ) + (f"; set in the environment: {forced}" if forced else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[0, 1], help="0: the default (one per core)"
    )
    parser.add_argument("--batch-runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "SUMMARISER_CACHE_DIR": tempfile.mkdtemp()}
    seed = seed_runs(args.runs, env)
    print(
        f"seed brief --model none: best {min(seed):.2f} s, median {statistics.median(seed):.2f} s "
        f"({args.runs} runs, start-up included)"
    )
    if not DEVSET.is_dir():
        print(f"{DEVSET} not found: batch figures skipped")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        items, count = devset_items(Path(folder))
        for jobs in args.jobs:
            results = [batch_run(items, count, jobs, env) for _ in range(args.batch_runs)]
            ends = sorted(r["per_s"] for r in results)
            steadies = sorted(r["steady_per_s"] for r in results)
            how = f"-j {jobs}" if jobs else f"(default -j, {os.cpu_count()} cores)"
            print(
                f"batch --model none {how}: {count} articles; end to end best "
                f"{ends[-1]:.1f}, median {statistics.median(ends):.1f} articles/s; steady best "
                f"{steadies[-1]:.1f}, median {statistics.median(steadies):.1f} articles/s "
                f"({args.batch_runs} runs)"
            )
        per_stage = stages(items)
        print(
            "one article, in-process (ms, mean over the devset): "
            + ", ".join(f"{name} {ms:.1f}" for name, ms in per_stage.items())
            + f"; total {sum(per_stage.values()):.1f}"
        )
        print(f"numpy's BLAS in that process: {blas()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
