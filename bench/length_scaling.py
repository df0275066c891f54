"""Benchmark: brief time against article length (about 1k, 4k and 8k words).

The long articles are the project's own fixture articles repeated with their numbers
changed, so no third-party text is used. The model reads only the top of the story
(``chunk_chars``) in one call whatever the length; code analyses the whole text. By
default the embedded model runs (slow: the model time dominates); ``--fake`` uses a local
fake server with 500 ms per call instead, which measures our own side (the spaCy
analysis, the prompt, the cross-check), the part that grows with the length.

    python bench/length_scaling.py [--fake] [--sizes 1000,4000,8000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.analysis.analyse import analyse  # noqa: E402
from summariser.config import Settings  # noqa: E402
from summariser.input.documents import make_document  # noqa: E402
from summariser.pipeline import Summariser, prompt_sentences  # noqa: E402

ARTICLES = [
    (ROOT / "fixtures" / "articles" / name).read_text(encoding="utf-8")
    for name in ("harbour-fire.txt", "tass-deir-ez-zor.txt", "injection-attempt.txt")
]


def article_of(words: int) -> str:
    parts: list[str] = []
    n = 0
    while sum(len(p.split()) for p in parts) < words:
        text = ARTICLES[n % len(ARTICLES)]
        parts.append(text.replace("300", str(300 + n)).replace("80", str(80 + n)))
        n += 1
    return "\n\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fake", action="store_true")
    parser.add_argument("--sizes", default="1000,4000,8000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.fake:
        from tests.fake_openai import fake_openai
        from tests.synthetic import synthetic_responder

        context = fake_openai(responder=synthetic_responder, delay=0.5)
        server = context.__enter__()
        settings = Settings(model="m", base_url=server.url, mode="json_schema", api_key="bench")
    else:
        settings = Settings()
    with Summariser(settings) as summariser:
        summariser.backend()  # load the model once, outside the timings
        analyse(make_document(ARTICLES[0]))  # and spaCy's pipeline
        for words in sizes:
            document = make_document(article_of(words), f"{words} words")
            started = time.perf_counter()
            brief = summariser.brief(document)
            seconds = time.perf_counter() - started
            shown = prompt_sentences(document, analyse(document), settings.chunk_chars)
            usage = brief.meta.usage
            print(
                f"{len(document.text.split()):,} words, the model read {len(shown)} of "
                f"{len(document.sentences)} sentences: {seconds:.1f} s, "
                f"{usage.calls} call(s), {usage.prompt_tokens}+{usage.completion_tokens} tokens, "
                f"{seconds / len(document.text.split()) * 1000:.1f} ms/word",
                flush=True,
            )
    if args.fake:
        context.__exit__(None, None, None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
