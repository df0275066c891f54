"""The parsing workers' pool (analysis/workers.py): groups, and errors in a group."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from summariser.analysis.workers import AnalysisPool


def group_sizes(items: list[int], pause: float) -> list[tuple[int, int]]:
    """Each item with the size of the group it ran in (a worker's function)."""
    time.sleep(pause)
    return [(item, len(items)) for item in items]


def refuse(items: list[int], pause: float) -> list[int]:
    time.sleep(pause)
    raise ValueError(f"refused {items}")


def _from_threads(pool: AnalysisPool, function: Any, count: int) -> list[Any]:
    results: list[Any] = [None] * count

    def one(index: int) -> None:
        try:
            results[index] = pool.run_grouped(function, index, 0.3)
        except Exception as error:  # the test looks at what each caller got
            results[index] = error

    threads = [threading.Thread(target=one, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
        time.sleep(0.02)  # in order: the first two go out alone, the others wait
    for thread in threads:
        thread.join()
    return results


def test_items_that_wait_together_run_as_one_group_and_each_gets_its_own_result() -> None:
    with AnalysisPool(1) as pool:
        results = _from_threads(pool, group_sizes, 4)
    assert [item for item, _ in results] == [0, 1, 2, 3]
    sizes = [size for _, size in results]
    assert sizes[:2] == [1, 1] and sizes[2:] == [2, 2]


def test_an_error_in_a_group_reaches_every_caller_of_that_group() -> None:
    with AnalysisPool(1) as pool:
        results = _from_threads(pool, refuse, 4)
    assert all(isinstance(result, ValueError) for result in results)
    assert "refused [2, 3]" in str(results[3])


@pytest.mark.parametrize("count", [1, 5])
def test_every_caller_returns(count: int) -> None:
    with AnalysisPool(2) as pool:
        results = _from_threads(pool, group_sizes, count)
    assert sorted(item for item, _ in results) == list(range(count))
