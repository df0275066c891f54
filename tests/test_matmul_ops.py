"""spaCy's products through numpy's BLAS (analysis/matmul_ops.py, analysis/blas.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
from thinc.api import NumpyOps, get_current_ops

from summariser.analysis import nlp
from summariser.analysis.matmul_ops import MatmulOps

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True)])
def test_gemm_gives_thinc_s_products(trans1: bool, trans2: bool) -> None:
    rng = numpy.random.default_rng(7)
    x = rng.random((40, 96), dtype=numpy.float32)
    y = rng.random((96, 288), dtype=numpy.float32)
    left = numpy.ascontiguousarray(x.T) if trans1 else x
    right = numpy.ascontiguousarray(y.T) if trans2 else y
    theirs = NumpyOps().gemm(left, right, trans1=trans1, trans2=trans2)
    ours = MatmulOps().gemm(left, right, trans1=trans1, trans2=trans2)
    assert ours.shape == theirs.shape == (40, 288)
    assert ours.dtype == numpy.float32 and ours.flags.c_contiguous
    numpy.testing.assert_allclose(ours, theirs, rtol=1e-5)
    out = numpy.zeros((40, 288), dtype=numpy.float32)
    assert MatmulOps().gemm(left, right, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, theirs, rtol=1e-5)


def test_the_pipeline_uses_them_and_leaves_thinc_s_current_operations_alone() -> None:
    pipeline = nlp.load_pipeline()
    for name in ("tok2vec", "ner"):
        layers = list(pipeline.get_pipe(name).model.walk())  # type: ignore[attr-defined]
        assert sum(isinstance(layer.ops, MatmulOps) for layer in layers) > len(layers) // 2
    assert not isinstance(get_current_ops(), MatmulOps)


def test_parses_equal_those_of_thinc_s_own_operations(seed_text: str) -> None:
    """Every tag, head, label, entity and sentence start the same as with thinc's BLIS."""
    import spacy

    from summariser.analysis.nlp import _DATA, EXCLUDED_COMPONENTS, package_dir

    theirs_pipeline = spacy.load(package_dir() / _DATA, exclude=list(EXCLUDED_COMPONENTS))
    assert not any(
        isinstance(layer.ops, MatmulOps)
        for layer in theirs_pipeline.get_pipe("ner").model.walk()  # type: ignore[attr-defined]
    )
    texts = [seed_text] + [p.read_text() for p in sorted((ROOT / "fixtures/articles").glob("*"))]
    for text in texts:
        ours = nlp.load_pipeline().make_doc(text)
        theirs = theirs_pipeline.make_doc(text)
        for pipeline, doc in ((nlp.load_pipeline(), ours), (theirs_pipeline, theirs)):
            for name in ("tok2vec", "tagger", "parser", "ner"):
                doc = pipeline.get_pipe(name)(doc)
        assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in ours] == [
            (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in theirs
        ]


def _blas_threads(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.strip()


_LOAD_THEN_REPORT = (
    "from summariser.analysis.nlp import load_pipeline\n"
    "load_pipeline()\n"
    "import os\n"
    "from threadpoolctl import threadpool_info\n"
    "blas = [i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas']\n"
    "print(os.environ.get('OPENBLAS_NUM_THREADS'), blas)\n"
)


def test_loading_the_pipeline_sets_one_blas_thread_before_numpy_loads() -> None:
    assert _blas_threads(_LOAD_THEN_REPORT) == "1 [1]"


def test_a_thread_count_the_user_set_is_kept() -> None:
    assert _blas_threads(_LOAD_THEN_REPORT, OPENBLAS_NUM_THREADS="2").startswith("2 ")


def test_with_numpy_already_loaded_the_count_is_set_through_threadpoolctl() -> None:
    code = "import numpy\n" + _LOAD_THEN_REPORT
    assert _blas_threads(code) == "None [1]"
