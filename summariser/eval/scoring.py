"""`summariser eval`: score briefs against third-party gold annotations.

Records follow ``shared/devset`` (see its README): articles with gold entities
(CoNLL++), reference summaries (FRANK) or 5W1H phrases (Giveme5W1H), and sentences with
gold quantities (NewsQuant). Each capability is scored only on records whose gold covers
it. Numbers are found by code, not by the model, so quantity-only records are scored on
the rule extractor alone (no model call); every other record gets a full brief.

Attribution gold (``fixtures/eval/attributions.jsonl``, or any JSONL of the same form given
to ``summariser eval``) has one line per attributed statement: the record id, an anchor of
at most 8 words from the statement, and the acceptable names of its claimant. A claim
*covers* a statement when its evidence holds the anchor; it names an acceptable claimant
when one name contains the other at word boundaries after folding.

Entity mapping: person → PER; every other actor kind → ORG; every location → LOC; gold
MISC is ignored. A prediction matches a gold entity of its type when one name contains
the other after normalisation ("Yasser Arafat" matches "Arafat").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from summariser.analysis.numbers import extract_numbers
from summariser.analysis.quantities import all_values
from summariser.errors import InputError, SummariserError
from summariser.grounding.align import fold
from summariser.input.documents import make_document
from summariser.schema import ActorKind, Alignment, Brief, WarningKind
from summariser.text import contains_words, name_runs

PHRASE_MATCH = 80.0  # token-set ratio for a 5W1H phrase to count as found


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as e:
                    raise InputError(f"{path}:{number}: not JSON ({e})") from e


def _matches(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return bool(a and b) and (a in b or b in a)


def _prf(predicted: list[str], gold: list[str]) -> dict[str, float | int]:
    predicted = list(dict.fromkeys(predicted))
    gold = list(dict.fromkeys(gold))
    hit_p = sum(1 for p in predicted if any(_matches(p, g) for g in gold))
    hit_g = sum(1 for g in gold if any(_matches(p, g) for p in predicted))
    return {
        "predicted": len(predicted),
        "gold": len(gold),
        "precision": hit_p / len(predicted) if predicted else 0.0,
        "recall": hit_g / len(gold) if gold else 0.0,
    }


def entity_scores(brief: Brief, entities: list[dict[str, Any]]) -> dict[str, Any]:
    predicted = {
        "PER": [a.name for a in brief.actors if a.kind is ActorKind.PERSON],
        "ORG": [a.name for a in brief.actors if a.kind is not ActorKind.PERSON],
        "LOC": [loc.name for loc in brief.locations],
    }
    scores = {
        kind: _prf(names, [e["text"] for e in entities if e["type"] == kind])
        for kind, names in predicted.items()
    }
    all_p = [f"{k}:{n}" for k, names in predicted.items() for n in names]
    gold = [e for e in entities if e["type"] in predicted]
    hit_p = sum(1 for k, names in predicted.items() for n in names
                if any(e["type"] == k and _matches(n, e["text"]) for e in gold))  # fmt: skip
    gold_unique = {(e["type"], e["text"]) for e in gold}
    hit_g = sum(1 for k, t in gold_unique if any(_matches(n, t) for n in predicted[k]))
    scores["all"] = {
        "predicted": len(all_p),
        "gold": len(gold_unique),
        "precision": hit_p / len(all_p) if all_p else 0.0,
        "recall": hit_g / len(gold_unique) if gold_unique else 0.0,
    }
    return scores


def _claimant_ok(claimant: str, names: list[str]) -> bool:
    said = re.sub(r"^the\s+", "", fold(claimant))
    for name in names:
        wanted = re.sub(r"^the\s+", "", fold(name))
        if said and wanted and (contains_words(said, wanted) or contains_words(wanted, said)):
            return True
    return False


def attribution_scores(brief: Brief, gold: list[dict[str, Any]]) -> dict[str, int]:
    """Coverage and correctness of the claims against gold attributed statements."""
    covered = correct = 0
    claims_judged: dict[int, bool] = {}  # claim index → names an acceptable claimant
    for item in gold:
        anchor = fold(item["anchor"])
        covering = [i for i, c in enumerate(brief.claims) if anchor in fold(c.evidence.quote)]
        if not covering:
            continue
        covered += 1
        right = [i for i in covering if _claimant_ok(brief.claims[i].claimant, item["claimants"])]
        correct += bool(right)
        for i in covering:
            claims_judged[i] = claims_judged.get(i, False) or i in right
    groups = {tuple(sorted(fold(n) for n in item["claimants"])) for item in gold}
    found = sum(
        1 for names in groups if any(_claimant_ok(c.claimant, list(names)) for c in brief.claims)
    )
    return {
        "statements": len(gold),
        "covered": covered,
        "correct": correct,
        "claims": len(brief.claims),
        "claims_judged": len(claims_judged),
        "claims_wrong": sum(1 for ok in claims_judged.values() if not ok),
        "claimants": len(groups),
        "claimants_found": found,
    }


_NOT_AN_ACTOR = re.compile(r"\d|^by\s", re.IGNORECASE)


def byline_actors(brief: Brief) -> list[str]:
    """Actors whose name reads as a byline or dateline ("By Jane Doe", "NAIROBI 1996-12-06")."""
    return [a.name for a in brief.actors if _NOT_AN_ACTOR.search(a.name)]


def grounding_scores(brief: Brief) -> dict[str, Any]:
    """Model-produced items that aligned, by alignment status, and those dropped."""
    statuses = {a.value: 0 for a in Alignment}
    for item in [*brief.claims]:
        statuses[item.evidence.alignment.value] += 1
    for group in (brief.actors, brief.locations):
        for entity in group:
            statuses[entity.evidence[0].alignment.value] += 1
    dropped = sum(1 for w in brief.warnings if w.kind is WarningKind.DROPPED and w.item != "brief")
    grounded = sum(statuses.values())
    return {
        "by_status": statuses,
        "dropped": dropped,
        "rate": grounded / (grounded + dropped) if grounded + dropped else 1.0,
    }


def five_w1h_scores(brief: Brief, gold: dict[str, Any]) -> dict[str, Any]:
    names = [a.name for a in brief.actors] + [c.claimant for c in brief.claims]
    places = [loc.name for loc in brief.locations]
    result: dict[str, Any] = {}
    for field, candidates in (("who", names), ("where", places + names)):
        phrases = [p["text"] for p in gold.get(field, []) if p.get("text")]
        found = [p for p in phrases if any(_phrase_found(c, p) for c in candidates)]
        result[field] = {"phrases": len(phrases), "found": len(found)}
    return result


def _phrase_found(candidate: str, phrase: str) -> bool:
    ratio = fuzz.token_set_ratio(fold(candidate), fold(phrase))
    return _matches(candidate, phrase) or ratio >= PHRASE_MATCH


def faithfulness(paragraph: str, article: str) -> dict[str, Any]:
    """Numbers and names in the paragraph that the article does not contain."""
    numbers = sorted(all_values(paragraph) - all_values(article))
    folded = fold(article)
    names = [n for n in name_runs(paragraph) if fold(n) not in folded]
    return {"numbers_absent": [f"{v:g}" for v in numbers], "names_absent": names,
            "unfaithful": len(numbers) + len(names)}  # fmt: skip


def rouge_l(paragraph: str, reference: str) -> float:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)
    return float(scorer.score(reference, paragraph)["rougeL"].fmeasure)


def _gold_value(raw: Any) -> float | None:
    try:
        return float(str(raw).replace(",", ""))
    except ValueError:
        return None


def number_scores(text: str, quantities: list[dict[str, Any]]) -> dict[str, int]:
    """Rule-extracted numbers against gold quantities (value, and unit where given)."""
    items, _ = extract_numbers(make_document(text))
    gold = [(_gold_value(q.get("value")), str(q.get("unit") or "-")) for q in quantities]
    gold = [(v, u) for v, u in gold if v is not None]

    def same(item_value: float, unit: str, value: float | None, gold_unit: str) -> bool:
        if value is None or abs(item_value - value) > 1e-9 * max(1.0, abs(value)):
            return False
        return gold_unit in ("-", "") or _unit_match(unit, gold_unit)

    hit_p = sum(1 for n in items if any(same(n.value, n.unit, v, u) for v, u in gold))
    hit_g = sum(1 for v, u in gold if any(same(n.value, n.unit, v, u) for n in items))
    return {"predicted": len(items), "gold": len(gold), "matched_predicted": hit_p,
            "matched_gold": hit_g}  # fmt: skip


def _unit_match(unit: str, gold_unit: str) -> bool:
    a = {w.rstrip("s") for w in re.findall(r"[a-z%$€£]+", unit.lower())}
    b = {w.rstrip("s") for w in re.findall(r"[a-z%$€£]+", gold_unit.lower())}
    return bool(a & b)


@dataclass
class RecordResult:
    id: str
    scores: dict[str, Any]
    error: str | None = None


def attach_attribution_gold(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records that are attribution gold (``anchor`` + ``claimants``) joined to their
    articles as ``gold["attributions"]``; the articles returned, in order."""
    gold: dict[str, list[dict[str, Any]]] = {}
    articles: list[dict[str, Any]] = []
    for record in records:
        if "anchor" in record and "claimants" in record:
            gold.setdefault(str(record["id"]), []).append(record)
        else:
            articles.append(record)
    for article in articles:
        items = gold.get(str(article["id"]))
        if items:
            article.setdefault("gold", {})["attributions"] = items
    return articles


def evaluate_record(record: dict[str, Any], brief_of: Callable[[str], Brief]) -> RecordResult:
    gold = record.get("gold", {})
    text = record["text"]
    scores: dict[str, Any] = {}
    if set(gold) <= {"quantities"} and "quantities" in gold:
        scores["numbers"] = number_scores(text, gold["quantities"])
        return RecordResult(record["id"], scores)
    try:
        brief = brief_of(text)
    except SummariserError as error:
        return RecordResult(record["id"], scores, error=" ".join(str(error).split()))
    usage = brief.meta.usage
    scores["grounding"] = grounding_scores(brief)
    scores["faithfulness"] = faithfulness(brief.paragraph.text, text)
    scores["cost"] = {
        "reasks": max(0, usage.calls - 1) if not usage.cached else None,
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "seconds": usage.seconds,
        "cached": usage.cached,
    }
    scores["byline_actors"] = byline_actors(brief)
    if "attributions" in gold:
        scores["attributions"] = attribution_scores(brief, gold["attributions"])
    if "entities" in gold:
        scores["entities"] = entity_scores(brief, gold["entities"])
    if "five_w1h" in gold:
        scores["five_w1h"] = five_w1h_scores(brief, gold["five_w1h"])
    if gold.get("reference_summary"):
        scores["rouge_l"] = rouge_l(brief.paragraph.text, gold["reference_summary"])
    return RecordResult(record["id"], scores)


def aggregate(results: list[RecordResult]) -> dict[str, Any]:
    """Micro-averaged totals over the records that carry each kind of gold."""
    out: dict[str, Any] = {"records": len(results), "errors": sum(1 for r in results if r.error)}
    scored = [r.scores for r in results if not r.error]
    grounding = [s["grounding"] for s in scored if "grounding" in s]
    if grounding:
        by_status = {a.value: sum(g["by_status"][a.value] for g in grounding) for a in Alignment}
        kept, dropped = sum(by_status.values()), sum(g["dropped"] for g in grounding)
        out["grounding"] = {"by_status": by_status, "dropped": dropped,
                            "rate": kept / (kept + dropped) if kept + dropped else 1.0}  # fmt: skip
    entities = [s["entities"] for s in scored if "entities" in s]
    if entities:
        out["entities"] = {}
        for kind in ("PER", "ORG", "LOC", "all"):
            rows = [e[kind] for e in entities]
            out["entities"][kind] = {
                "precision": _mean(r["precision"] for r in rows if r["predicted"]),
                "recall": _mean(r["recall"] for r in rows if r["gold"]),
            }
    numbers = [s["numbers"] for s in scored if "numbers" in s]
    if numbers:
        predicted, gold = sum(n["predicted"] for n in numbers), sum(n["gold"] for n in numbers)
        out["numbers"] = {
            "records": len(numbers),
            "precision": sum(n["matched_predicted"] for n in numbers) / predicted
            if predicted
            else 0,
            "recall": sum(n["matched_gold"] for n in numbers) / gold if gold else 0,
        }
    attributions = [s["attributions"] for s in scored if "attributions" in s]
    if attributions:
        total = {k: sum(a[k] for a in attributions) for k in attributions[0]}
        out["attributions"] = {
            "statements": total["statements"],
            "coverage": total["covered"] / max(1, total["statements"]),
            "accuracy": total["correct"] / max(1, total["covered"]),
            "wrong_claimant": total["claims_wrong"] / max(1, total["claims_judged"]),
            "claimant_recall": total["claimants_found"] / max(1, total["claimants"]),
        }
    out["byline_actors"] = sum(len(s.get("byline_actors", [])) for s in scored)
    five = [s["five_w1h"] for s in scored if "five_w1h" in s]
    if five:
        out["five_w1h"] = {
            field: sum(f[field]["found"] for f in five)
            / max(1, sum(f[field]["phrases"] for f in five))
            for field in ("who", "where")
        }
    rouge = [s["rouge_l"] for s in scored if "rouge_l" in s]
    if rouge:
        out["rouge_l"] = _mean(rouge)
    faith = [s["faithfulness"]["unfaithful"] for s in scored if "faithfulness" in s]
    if faith:
        out["faithfulness"] = {"unfaithful_items": sum(faith), "briefs": len(faith)}
    costs = [s["cost"] for s in scored if "cost" in s and not s["cost"]["cached"]]
    if costs:
        out["cost"] = {
            "reasks_per_brief": _mean(c["reasks"] for c in costs),
            "prompt_tokens": _mean(c["prompt_tokens"] for c in costs),
            "completion_tokens": _mean(c["completion_tokens"] for c in costs),
            "seconds": _mean(c["seconds"] for c in costs),
        }
    return out


def _mean(values: Any) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0
