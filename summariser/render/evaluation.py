"""The evaluation report as a readable table (per record, then the aggregate)."""

from __future__ import annotations

from typing import Any


def _pct(value: Any) -> str:
    return f"{100 * value:.0f}%" if isinstance(value, int | float) else "-"


def render_report(report: dict[str, Any]) -> str:
    lines = [
        f"Evaluation · model {report['model']}",
        "",
        "| record | grounded | entities P/R | numbers P/R | who/where | ROUGE-L | unfaithful "
        "| re-asks |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for record in report["records"]:
        if record.get("error"):
            lines.append(f"| {record['id']} | error: {record['error']} |  |  |  |  |  |  |")
            continue
        grounding = record.get("grounding", {}).get("rate")
        entities = record.get("entities", {}).get("all")
        numbers = record.get("numbers")
        five = record.get("five_w1h")
        cost = record.get("cost", {})
        lines.append(
            "| {} | {} | {} | {} | {} | {} | {} | {} |".format(
                record["id"],
                _pct(grounding),
                f"{_pct(entities['precision'])}/{_pct(entities['recall'])}" if entities else "-",
                f"{numbers['matched_predicted']}/{numbers['predicted']} · "
                f"{numbers['matched_gold']}/{numbers['gold']}"
                if numbers
                else "-",
                f"{five['who']['found']}/{five['who']['phrases']} · "
                f"{five['where']['found']}/{five['where']['phrases']}"
                if five
                else "-",
                f"{record['rouge_l']:.3f}" if "rouge_l" in record else "-",
                record.get("faithfulness", {}).get("unfaithful", "-"),
                cost.get("reasks", "-") if cost else "-",
            )
        )
    total = report["aggregate"]
    lines += ["", "Aggregate:"]
    if "attributions" in total:
        a = total["attributions"]
        lines.append(
            f"- attributions ({a['statements']} gold statements): coverage {_pct(a['coverage'])}, "
            f"accuracy {_pct(a['accuracy'])}, claims with a wrong claimant "
            f"{_pct(a['wrong_claimant'])}, claimant recall {_pct(a['claimant_recall'])}"
        )
    if "byline_actors" in total:
        lines.append(f"- bylines or datelines listed as actors: {total['byline_actors']}")
    if "grounding" in total:
        g = total["grounding"]
        lines.append(
            f"- grounding rate {_pct(g['rate'])} ({g['by_status']}, {g['dropped']} dropped)"
        )
    if "entities" in total:
        e = total["entities"]
        parts = [f"{k} P {_pct(v['precision'])} R {_pct(v['recall'])}" for k, v in e.items()]
        lines.append("- entities: " + "; ".join(parts))
    if "numbers" in total:
        n = total["numbers"]
        lines.append(
            f"- numbers ({n['records']} records): P {_pct(n['precision'])} R {_pct(n['recall'])}"
        )
    if "five_w1h" in total:
        f = total["five_w1h"]
        lines.append(f"- 5W1H found: who {_pct(f['who'])}, where {_pct(f['where'])}")
    if "rouge_l" in total:
        lines.append(f"- ROUGE-L F1 of the paragraph: {total['rouge_l']:.3f}")
    if "faithfulness" in total:
        fa = total["faithfulness"]
        lines.append(
            f"- unfaithful numbers/names in paragraphs: {fa['unfaithful_items']} "
            f"over {fa['briefs']} briefs"
        )
    if "cost" in total:
        c = total["cost"]
        lines.append(
            f"- per brief: {c['reasks_per_brief']:.2f} re-asks, {c['prompt_tokens']:.0f} prompt + "
            f"{c['completion_tokens']:.0f} completion tokens, {c['seconds']:.1f} s"
        )
    lines.append(f"- records: {total['records']}, errors: {total['errors']}")
    return "\n".join(lines)
