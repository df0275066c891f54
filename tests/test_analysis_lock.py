"""The analysis decides the prompt (it shows each sentence's source), so its output is
part of every cache and recording key through ANALYSIS_VERSION. This test locks the
output on fixed texts to the version: a change to the analysis must bump the version and
re-record the fixtures."""

from __future__ import annotations

import hashlib

from summariser.analysis.analyse import analyse
from summariser.analysis.candidates import ANALYSIS_VERSION
from summariser.input.documents import make_document
from tests.conftest import ARTICLES

ANALYSIS_LOCK = ("5", "287d78285f0c420d")
LOCKED_ARTICLES = ("tass-deir-ez-zor.txt", "dam-rationing.txt", "harbour-fire.txt")


def analysis_digest() -> str:
    digest = hashlib.sha256()
    for name in LOCKED_ARTICLES:
        text = (ARTICLES / name).read_text(encoding="utf-8")
        digest.update(analyse(make_document(text)).model_dump_json().encode("utf-8"))
    return digest.hexdigest()[:16]


def test_the_analysis_is_locked_to_its_version() -> None:
    assert (ANALYSIS_VERSION, analysis_digest()) == ANALYSIS_LOCK, (
        "the analysis changed: bump ANALYSIS_VERSION (summariser/analysis/candidates.py), "
        "re-record the fixtures (make record) and update ANALYSIS_LOCK"
    )
