"""Re-record every model fixture from real runs of the embedded model (`make record`).

Three sets, one article after another (two model processes on two cores crawl):

- ``fixtures/articles/*.txt`` → ``fixtures/recordings/``, one brief each;
- the injection corpus (``fixtures/injection/corpus.json``) → ``fixtures/recordings/injection/``,
  one brief each, loaded as ``tests/test_injection_corpus.py`` loads them;
- the ferry comparison (``fixtures/compare/ferry.jsonl``) → ``fixtures/compare/recordings/``,
  what ``summariser compare fixtures/compare/ferry.jsonl --record fixtures/compare/recordings``
  records: the three briefs and one call for each claim pair code cannot decide.

A brief's recording is ``<article>-<key>.yaml`` (named after its article, found by its
key). In the first two folders a recording whose key matches no article any more is
removed. The comparison is recorded into a new folder first and then replaces every
recording of its folder, since which pairs the model is asked about depends on the briefs:
a run that fails leaves the old recordings as they were.

``python scripts/record_fixtures.py NAME...`` re-records only the named articles: a file's
stem (``harbour-fire``, ``direct-override``), or ``ferry`` (or one of its articles) for the
comparison. Stale recordings are removed all the same.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.comparison.build import compare  # noqa: E402
from summariser.config import Settings  # noqa: E402
from summariser.input.documents import Document, make_document  # noqa: E402
from summariser.input.sources import load_source  # noqa: E402
from summariser.pipeline import Summariser  # noqa: E402
from summariser.schema import Brief  # noqa: E402
from summariser.store.keys import brief_key  # noqa: E402
from summariser.store.recording import cassette_path, find_cassette  # noqa: E402

FIXTURES = ROOT / "fixtures"
ARTICLES = FIXTURES / "articles"
RECORDINGS = FIXTURES / "recordings"
INJECTION = FIXTURES / "injection"
INJECTION_RECORDINGS = RECORDINGS / "injection"
COMPARE = FIXTURES / "compare" / "ferry.jsonl"
COMPARE_RECORDINGS = FIXTURES / "compare" / "recordings"


def article_documents() -> list[Document]:
    """The articles of fixtures/articles, as tests/test_replay.py briefs them."""
    return [
        make_document(path.read_text(encoding="utf-8"), path.name)
        for path in sorted(ARTICLES.glob("*.txt"))
    ]


def injection_documents() -> list[Document]:
    """The injection corpus, loaded as tests/test_injection_corpus.py loads it."""
    corpus = json.loads((INJECTION / "corpus.json").read_text(encoding="utf-8"))
    return [load_source(str(INJECTION / entry["file"])) for entry in corpus["articles"]]


def compare_names() -> set[str]:
    """``ferry`` and the stems of its articles: the names that re-record the comparison."""
    names = {COMPARE.stem}
    for line in COMPARE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            names.add(Path(json.loads(line)["path"]).stem)
    return names


def stem(document: Document) -> str:
    return Path(document.source).stem


def record_briefs(
    documents: list[Document], folder: Path, names: set[str], settings: Settings
) -> list[str]:
    """Brief the named documents (all when ``names`` is empty) with their exchanges
    recorded into ``folder``; then name each recording after its article and remove the
    ones no article's key matches. Returns the stems it recorded."""
    keep = {cassette_path(folder, brief_key(d, settings), d.source): d for d in documents}
    wanted = [d for d in documents if not names or stem(d) in names]
    with Summariser(settings, record_dir=folder) as summariser:
        for number, document in enumerate(wanted, 1):
            started = time.monotonic()
            print(f"[{folder.relative_to(ROOT)} {number}/{len(wanted)}] {stem(document)} ...",
                  flush=True)  # fmt: skip
            brief = summariser.brief(document, _say)
            _report(stem(document), brief, started)
    for named, document in keep.items():  # a recording made under its key alone gets its name
        found = find_cassette(folder, brief_key(document, settings))
        if found is not None and found != named:
            found.rename(named)
    remove_stale(folder, set(keep))
    return [stem(d) for d in wanted]


def record_compare(settings: Settings) -> None:
    """The ferry comparison, recorded into a new folder that then replaces the old one's
    recordings (which pairs are asked about depends on the briefs)."""
    started = time.monotonic()
    print(f"[{COMPARE_RECORDINGS.relative_to(ROOT)}] {COMPARE.name} ...", flush=True)
    with tempfile.TemporaryDirectory(dir=COMPARE_RECORDINGS.parent) as scratch:
        fresh = Path(scratch)
        result = compare([COMPARE], settings=settings, record_dir=fresh, progress=_say)
        usage = result.meta.usage
        print(
            f"{COMPARE.name}: {time.monotonic() - started:.0f} s, {usage.calls} call(s) "
            f"({result.meta.pairs_by_model} claim pair(s)), {usage.prompt_tokens}+"
            f"{usage.completion_tokens} tokens, {len(result.warnings)} warning(s)",
            flush=True,
        )
        recorded = sorted(fresh.glob("*.yaml"))
        if not recorded:
            raise SystemExit(f"{COMPARE.name}: nothing was recorded")
        COMPARE_RECORDINGS.mkdir(parents=True, exist_ok=True)
        remove_stale(COMPARE_RECORDINGS, {COMPARE_RECORDINGS / p.name for p in recorded})
        for path in recorded:
            shutil.move(path, COMPARE_RECORDINGS / path.name)


def remove_stale(folder: Path, keep: set[Path]) -> None:
    for stale in sorted(set(folder.glob("*.yaml")) - keep):
        print(f"removing stale recording {stale.relative_to(ROOT)}", flush=True)
        stale.unlink()


def _say(stage: str) -> None:
    print(f"  {stage}", flush=True)


def _report(name: str, brief: Brief, started: float) -> None:
    usage = brief.meta.usage
    print(
        f"{name}: {time.monotonic() - started:.0f} s, {usage.calls} call(s), "
        f"{usage.prompt_tokens}+{usage.completion_tokens} tokens, "
        f"{len(brief.warnings)} warning(s)",
        flush=True,
    )


def main(names: list[str]) -> int:
    settings = Settings()  # the defaults: no user config or environment
    wanted = set(names)
    sets = {RECORDINGS: article_documents(), INJECTION_RECORDINGS: injection_documents()}
    known = compare_names().union(*({stem(d) for d in docs} for docs in sets.values()))
    if wanted - known:
        print(f"no such article: {', '.join(sorted(wanted - known))}", file=sys.stderr)
        return 2
    done: list[str] = []
    for folder, documents in sets.items():
        if not wanted or wanted & {stem(d) for d in documents}:
            done += record_briefs(documents, folder, wanted, settings)
    if not wanted or wanted & compare_names():
        record_compare(settings)
        done.append(COMPARE.stem)
    print(f"recorded {len(done)}: {', '.join(done)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
