"""Record each prompt template's (version → sha256) in prompts/versions.lock.

A version, once locked, keeps its hash: editing a template without bumping its
``version:`` header makes this script (and the test suite) fail.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.model.prompts import template_source, template_version  # noqa: E402

LOCK = ROOT / "prompts" / "versions.lock"


def main() -> int:
    lock: dict[str, dict[str, str]] = (
        json.loads(LOCK.read_text(encoding="utf-8")) if LOCK.exists() else {}
    )
    for path in sorted((ROOT / "prompts").glob("*.j2")):
        name = path.stem
        digest = hashlib.sha256(template_source(name).encode("utf-8")).hexdigest()
        version = template_version(name)
        known = lock.setdefault(name, {})
        if known.get(version, digest) != digest:
            print(f"{name}.j2 changed but still says version {version}: bump it", file=sys.stderr)
            return 1
        known[version] = digest
    LOCK.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
