"""Regenerate the README's sample brief (between the sample-brief markers) from the seed's
recorded model answer, replayed through today's code (`make docs`)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser import summarise  # noqa: E402
from summariser.render.markdown import render_markdown  # noqa: E402

README = ROOT / "README.md"
SEED = ROOT / "fixtures" / "articles" / "tass-deir-ez-zor.txt"
RECORDINGS = ROOT / "fixtures" / "recordings"
_REGION = re.compile(r"(<!-- sample-brief:start -->\n).*?(<!-- sample-brief:end -->)", re.S)


def main() -> int:
    # The brief records when it was made: the tests' fixed time keeps the sample stable.
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    brief = summarise(
        SEED.read_text(encoding="utf-8"),
        replay_dir=RECORDINGS,
        source=str(SEED.relative_to(ROOT)),
    )
    sample = "````markdown\n" + render_markdown(brief).rstrip("\n") + "\n````\n"
    text = README.read_text(encoding="utf-8")
    updated = _REGION.sub(lambda m: m.group(1) + sample + m.group(2), text, count=1)
    if updated == text:
        print("README sample is current")
        return 0
    README.write_text(updated, encoding="utf-8")
    print("README sample regenerated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
