"""Benchmark: `summariser compare --model none`, start-up included; and the devset figures.

- five articles compared with no model, wall time of the whole command (Python start-up,
  spaCy's load, five parses, the briefs, the alignment, the JSON), best and median of N
  runs, on: the five devset accounts of one event (``gaga protests``, about 25,000
  characters in all), and the project's three ferry fixtures plus two more of them
  (about 5,000 characters);
- where the time of one comparison goes, in-process (briefs, then the comparison);
- with ``--eval``: the comparison evaluation on ../shared/devset/clusters.jsonl with the
  gold in fixtures/eval/compare-gold.jsonl (what ``summariser eval --compare`` prints).

    python bench/compare.py [--runs N] [--eval]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEVSET = ROOT.parent / "shared" / "devset" / "clusters.jsonl"
FERRY = ROOT / "fixtures" / "compare"
GOLD = ROOT / "fixtures" / "eval" / "compare-gold.jsonl"
SUMMARISER = str(Path(sys.executable).parent / "summariser")
CLUSTER = "gaga protests"
LIMIT_S = 3.0


def devset_five(folder: Path) -> Path:
    """The five records of one devset event as a JSONL file."""
    path = folder / "five.jsonl"
    lines = [
        line
        for line in DEVSET.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["event_cluster"] == CLUSTER
    ][:5]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ferry_five(folder: Path) -> list[str]:
    """The three ferry fixtures and two more accounts made of them (renamed copies)."""
    names = ["northwind-wire", "solbrekke-courier", "fjord-herald"]
    paths = [str(FERRY / f"{name}.txt") for name in names]
    for name in names[:2]:
        copy = folder / f"{name}-again.txt"
        copy.write_text((FERRY / f"{name}.txt").read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(str(copy))
    return paths


def runs(arguments: list[str], count: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Wall times, and CPU times of the command (user + system: what it costs on an idle
    machine, whatever else runs on this one)."""
    times, cpu = [], []
    for _ in range(count):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [
                SUMMARISER,
                "compare",
                *arguments,
                "--model",
                "none",
                "--no-cache",
                "-q",
                "-f",
                "json",
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times, cpu


def stages(records: Path) -> dict[str, float]:
    from summariser.comparison.accounts import brief_accounts
    from summariser.comparison.build import cross_source_brief
    from summariser.comparison.sources import read_items
    from summariser.config import load_settings
    from summariser.pipeline import Summariser

    spent: dict[str, float] = {}
    started = time.perf_counter()
    items = read_items([records])
    with Summariser(load_settings(model="none")) as summariser:
        from summariser.analysis.nlp import load_pipeline

        load_pipeline()
        spent["spaCy load"] = time.perf_counter() - started
        t = time.perf_counter()
        accounts = brief_accounts(items, summariser)
        spent["five analyses and briefs"] = time.perf_counter() - t
        t = time.perf_counter()
        brief = cross_source_brief(accounts, summariser)
        spent["comparison (align, figures, independence, event)"] = time.perf_counter() - t
        t = time.perf_counter()
        brief.model_dump_json()
        spent["JSON"] = time.perf_counter() - t
    return spent


def evaluation() -> None:
    from summariser.comparison.evaluation import evaluate_compare, read_gold
    from summariser.config import load_settings
    from summariser.pipeline import Summariser
    from summariser.render.compare_evaluation import render_compare_eval

    records = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines()]
    with Summariser(load_settings(model="none")) as summariser:
        report = evaluate_compare(records, read_gold(GOLD), summariser)
    print(render_compare_eval({"model": "none", **report}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--eval", action="store_true", help="also score the devset clusters")
    args = parser.parse_args()
    env = {**os.environ, "SUMMARISER_CACHE_DIR": tempfile.mkdtemp()}
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        cases = [
            (f"five devset articles ({CLUSTER})", [str(devset_five(Path(folder)))]),
            ("five short ferry accounts", ferry_five(Path(folder))),
        ]
        for label, arguments in cases:
            times, cpu = runs(arguments, args.runs, env)
            best, median = min(times), statistics.median(times)
            failed |= best >= LIMIT_S
            print(
                f"compare --model none, {label}: wall best {best:.2f} s, median {median:.2f} s; "
                f"CPU median {statistics.median(cpu):.2f} s ({args.runs} runs, start-up "
                f"included; limit {LIMIT_S:g} s; load average {os.getloadavg()[0]:.1f})"
            )
        for stage, seconds in stages(devset_five(Path(folder))).items():
            print(f"  {stage}: {seconds:.2f} s")
    if args.eval:
        evaluation()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
