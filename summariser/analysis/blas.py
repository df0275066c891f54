"""numpy's BLAS, set to one thread before numpy loads.

The products of the small English pipeline (analysis/matmul_ops.py sends them to numpy's
OpenBLAS) are too small for a second thread: with two threads the parse of a devset
article took 98 ms of wall time and 191 ms of CPU, with one 83 ms of both. ``batch -j``
gets its parallelism from worker processes instead.

OpenBLAS reads its thread count once, when numpy loads, from ``OPENBLAS_NUM_THREADS``;
a value the user set is kept. When numpy is already loaded (a program that imports
summariser after numpy), the count is set through threadpoolctl instead, which costs a
little more per product (bench/no_model.py).
"""

from __future__ import annotations

import os
import sys


def configure_blas() -> None:
    """One BLAS thread in this process (and the processes it starts)."""
    if "numpy" in sys.modules:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
        return
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
