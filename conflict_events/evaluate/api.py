"""`evaluate()`: the evaluation protocol, chosen from the gold file (an ACLED CSV export with
notes -> protocol A; gold.jsonl with its articles -> protocol B)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conflict_events.errors import EvaluationError
from conflict_events.evaluate.protocol_a import evaluate_protocol_a
from conflict_events.evaluate.protocol_b import evaluate_protocol_b
from conflict_events.evaluate.report import EvaluationResult
from conflict_events.evaluate.runner import Extractor, Progress


def protocol_for(gold: str | Path) -> str:
    suffix = Path(gold).suffix.casefold()
    if suffix == ".csv":
        return "A"
    if suffix in (".jsonl", ".ndjson"):
        return "B"
    raise EvaluationError(f"{gold}: cannot tell the protocol from the file name; expected an "
                          "ACLED export (.csv, protocol A) or gold events (.jsonl, protocol B)")


def evaluate(gold: str | Path, *, articles: str | Path | None = None,
             extractor: Extractor | None = None, workers: int | None = None,
             limit: int | None = None,
             progress: Callable[[int], Progress] | None = None) -> EvaluationResult:
    """Measure an extractor against gold data following the project's evaluation protocol.

    gold: an ACLED export with `notes` (.csv, protocol A: one note, one gold event) or hand-coded
        gold events (.jsonl, protocol B: full articles).
    articles: protocol B only: the folder with articles.jsonl and the article files
        (default: the gold file's folder).
    extractor: called as extractor(text, published=..., [source=..., title=...]) and returning
        events; default conflict_events.extract.api.extract.
    workers: processes running the extractor (default: number of CPUs; 1 runs in-process).
    limit: evaluate the first N rows (A) or articles (B) only.
    progress: called once with the number of inputs; returns a callback told how many
        inputs have just finished (e.g. a progress bar's update).
    """
    if limit is not None and limit < 1:
        raise EvaluationError(f"limit must be at least 1, not {limit}")
    if protocol_for(gold) == "A":
        if articles is not None:
            raise EvaluationError("articles is only used by protocol B (a .jsonl gold file)")
        return evaluate_protocol_a(gold, extractor, workers=workers, limit=limit,
                                   progress=progress)
    return evaluate_protocol_b(gold, articles, extractor, workers=workers, limit=limit,
                               progress=progress)
