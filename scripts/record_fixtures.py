"""Re-record fixtures/recordings from real runs of the embedded model (`make record`).

Each article under fixtures/articles is briefed once on the real local model with the
exchange recorded, into ``<article>-<key>.yaml`` (named after the article, found by its
key); recordings whose key no longer matches any article are removed.
Runs the articles one after another: two model processes on two cores crawl.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.config import Settings  # noqa: E402
from summariser.input.documents import make_document  # noqa: E402
from summariser.pipeline import summarise  # noqa: E402
from summariser.store.keys import brief_key  # noqa: E402
from summariser.store.recording import cassette_path, find_cassette  # noqa: E402

ARTICLES = ROOT / "fixtures" / "articles"
RECORDINGS = ROOT / "fixtures" / "recordings"


def main(names: list[str]) -> int:
    articles = sorted(ARTICLES.glob("*.txt"))
    wanted = [a for a in articles if not names or a.stem in names]
    settings = Settings()
    keep: dict[Path, str] = {}  # each article's recording → its key
    for article in articles:
        document = make_document(article.read_text(encoding="utf-8"), article.name)
        key = brief_key(document, settings)
        keep[cassette_path(RECORDINGS, key, article.name)] = key
    for article in wanted:
        started = time.monotonic()
        brief = summarise(
            article.read_text(encoding="utf-8"),
            settings=settings,
            record_dir=RECORDINGS,
            source=article.name,
        )
        usage = brief.meta.usage
        print(
            f"{article.name}: {time.monotonic() - started:.0f} s, {usage.calls} call(s), "
            f"{usage.prompt_tokens}+{usage.completion_tokens} tokens, "
            f"{len(brief.warnings)} warning(s)",
            flush=True,
        )
    for named, key in keep.items():  # a recording made under its key alone gets its name
        found = find_cassette(RECORDINGS, key)
        if found is not None and found != named:
            found.rename(named)
    for stale in set(RECORDINGS.glob("*.yaml")) - set(keep):
        print(f"removing stale recording {stale.name}")
        stale.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
