"""Benchmark: align 500 quotes in a 50,000-word document (target < 0.1 s), and the same
input through langextract's resolver, installed in a scratch environment only for this.

The document is generated (seeded) from a 5,000-word vocabulary; 400 quotes are exact
spans, 50 differ in case or white space, 50 have one character changed (fuzzy).

    python bench/alignment.py [--langextract /path/to/scratch/venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.grounding.align import Aligner  # noqa: E402

WORDS = 50_000
QUOTES = 500


def make_input(seed: int = 7) -> tuple[str, list[str]]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = [
        "".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(5_000)
    ]
    words = [rng.choice(vocabulary) for _ in range(WORDS)]
    for i in range(0, WORDS, 17):
        words[i] = words[i].capitalize() + "."
    text = " ".join(words)
    quotes = []
    for n in range(QUOTES):
        start = rng.randrange(0, WORDS - 12)
        quote = " ".join(words[start : start + rng.randint(3, 12)])
        if n % 10 == 8:
            quote = quote.upper().replace(" ", "  ")
        elif n % 10 == 9:
            position = len(quote) // 2
            quote = (
                quote[:position] + ("x" if quote[position] != "x" else "y") + quote[position + 1 :]
            )
        quotes.append(quote)
    return text, quotes


def ours(text: str, quotes: list[str]) -> dict[str, float | int]:
    started = time.perf_counter()
    aligner = Aligner(text)
    built = time.perf_counter()
    found = [aligner.align(q) for q in quotes]
    ended = time.perf_counter()
    statuses: dict[str, int] = {}
    for span in found:
        key = span.alignment.value if span else "unaligned"
        statuses[key] = statuses.get(key, 0) + 1
    return {
        "index_s": built - started,
        "align_s": ended - built,
        "total_s": ended - started,
        **statuses,
    }


LANGEXTRACT = r"""
import json, sys, time
from langextract import resolver as r
from langextract.core import data
text, quotes = json.load(open(sys.argv[1]))
extractions = [data.Extraction(extraction_class="q", extraction_text=q) for q in quotes]
res = r.Resolver()
started = time.perf_counter()
aligned = list(res.align(extractions, text, token_offset=0, char_offset=0,
                         enable_fuzzy_alignment=True))
ended = time.perf_counter()
found = sum(1 for e in aligned if e.char_interval is not None)
print(json.dumps({"total_s": ended - started, "aligned": found}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langextract", help="python of a scratch venv with langextract")
    args = parser.parse_args()
    text, quotes = make_input()
    print(f"document: {len(text.split()):,} words, {len(text):,} chars; {len(quotes)} quotes")
    for run in range(3):
        print(f"summariser run {run + 1}: {json.dumps(ours(text, quotes))}")
    if args.langextract:
        with tempfile.TemporaryDirectory() as folder:
            data_file = Path(folder) / "input.json"
            data_file.write_text(json.dumps([text, quotes]), encoding="utf-8")
            script = Path(folder) / "lx.py"
            script.write_text(LANGEXTRACT, encoding="utf-8")
            result = subprocess.run([args.langextract, str(script), str(data_file)],
                                    capture_output=True, text=True, timeout=3600)  # fmt: skip
            print("langextract:", result.stdout.strip() or result.stderr.strip()[-500:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
