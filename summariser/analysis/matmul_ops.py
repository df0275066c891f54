"""Matrix products for spaCy's networks through numpy's BLAS.

thinc's CPU back end multiplies matrices with its bundled BLIS, which on these machines
runs at about a third of the speed of the OpenBLAS that numpy ships (44 against 135
GFLOPS on one core for the 1000 x 288 x 864 products of the small English pipeline's
convolutions). The products are the same up to rounding: on the 63 devset articles
every tag, head, dependency label and entity came out the same either way. The parse
of a 774-word article takes ~75 ms instead of ~105 ms (bench/no_model.py).

Only the pipeline that :func:`summariser.analysis.nlp.load_pipeline` builds uses these
operations; thinc's current operations are restored after the load, so a program that
imports summariser keeps its own.

numpy's BLAS itself is set up by analysis/blas.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy.typing import NDArray

    Floats2d = NDArray[numpy.float32]


class MatmulOps(NumpyOps):  # type: ignore[misc]  # thinc's compiled base class has no stub
    """thinc's numpy operations with ``gemm`` done by ``numpy.matmul``."""

    name = "summariser_matmul"

    def gemm(
        self,
        x: Floats2d,
        y: Floats2d,
        out: Floats2d | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Floats2d:
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        if out is None:
            result: Floats2d = numpy.matmul(left, right)
            return result
        numpy.matmul(left, right, out=out)
        return out


_Built = TypeVar("_Built")


def built_with_matmul(build: Callable[[], _Built]) -> _Built:
    """``build()``, with every thinc model it creates using :class:`MatmulOps`."""
    previous = get_current_ops()
    set_current_ops(MatmulOps())
    try:
        return build()
    finally:
        set_current_ops(previous)
