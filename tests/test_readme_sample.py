"""The README's sample brief is what today's code makes of the seed's recorded answer
(`make docs` regenerates it): docs that disagree with the code fail here."""

from __future__ import annotations

import re

from summariser import summarise
from summariser.render.markdown import render_markdown
from tests.conftest import RECORDINGS, ROOT, SEED

_REGION = re.compile(r"<!-- sample-brief:start -->\n````markdown\n(.*?)\n````\n", re.S)


def test_the_readme_sample_is_the_seed_brief_of_today() -> None:
    match = _REGION.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert match is not None, "README.md lost its sample-brief markers"
    source = str(SEED.relative_to(ROOT))
    brief = summarise(SEED.read_text(encoding="utf-8"), replay_dir=RECORDINGS, source=source)
    assert match.group(1) == render_markdown(brief).rstrip("\n"), (
        "the README's sample brief is stale: run `make docs` (scripts/readme_sample.py)"
    )
