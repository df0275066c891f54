"""The comparison evaluation report as a plain table (``summariser eval --compare``)."""

from __future__ import annotations

from typing import Any


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def render_compare_eval(report: dict[str, Any]) -> str:
    """The figures of an evaluation report, one line each."""
    grouping = report["event_grouping"]
    check = report["event_check"]
    claims = report["claims"]
    confirm = report["self_confirmation"]
    rows = [
        ("model", str(report.get("model", ""))),
        ("records / events", f"{report['records']} / {report['clusters']}"),
        (
            "event grouping (pairs)",
            f"precision {_percent(grouping['pairs_precision'])}, "
            f"recall {_percent(grouping['pairs_recall'])}; {grouping['groups']} groups, "
            f"{grouping['events_recovered_exactly']} of {grouping['events']} events exactly",
        ),
        (
            "event check",
            f"{check['false_outliers']} false outliers in {check['one_event_sets']} one-event "
            f"sets; planted outliers found {check['planted_found']} of {check['planted']}",
        ),
    ]
    for kind in ("agreed", "conflicting"):
        scores = claims[kind]
        rows.append(
            (
                f"{kind} (gold clusters: {', '.join(report['gold_clusters'])})",
                f"precision {_percent(scores['precision'])} of {scores['predicted']}, "
                f"recall {_percent(scores['recall'])} of {scores['gold']}",
            )
        )
    rows.append(
        (
            "no outlet confirms itself",
            f"{len(confirm['violations'])} violations, {len(confirm['raised_by_copies'])} "
            f"claims raised by copies in {confirm['copy_runs']} runs with a record doubled; "
            f"{confirm['claims_rated_1']} claims rated 1",
        )
    )
    rows.append(("time", f"{report['seconds']} s"))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in rows)
