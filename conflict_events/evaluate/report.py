"""The result of an evaluation and its two renderings: a text table and JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

NONE_LABEL = "(none)"
MIN_CLASS_ROWS = 10  # macro-F1 covers sub-event types with at least this many gold rows


@dataclass(frozen=True, slots=True)
class FieldScore:
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    """One row counted wrong: its id, its text, the gold and the predicted value."""

    row_id: str
    text: str
    gold: str
    predicted: str


@dataclass
class EvaluationResult:
    """Figures of one evaluation run. `headline` holds the run-level rates (detection rate for
    protocol A; recall and precision for protocol B); `fields` the per-field accuracy."""

    protocol: str
    gold_path: str
    rows: int
    headline: dict[str, float] = field(default_factory=dict)
    fields: dict[str, FieldScore] = field(default_factory=dict)
    macro_f1: float | None = None
    class_f1: dict[str, float] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: dict[str, list[Miss]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.fields[name].accuracy

    # --- renderings -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "protocol": self.protocol,
            "gold": self.gold_path,
            "rows": self.rows,
            "seconds": round(self.seconds, 3),
            "headline": {k: round(v, 4) for k, v in self.headline.items()},
            "counts": dict(self.counts),
            "fields": {
                name: {"accuracy": round(s.accuracy, 4), "correct": s.correct, "total": s.total}
                for name, s in self.fields.items()
            },
            "sub_event_type_macro_f1": None if self.macro_f1 is None else round(self.macro_f1, 4),
            "sub_event_type_f1": {k: round(v, 4) for k, v in self.class_f1.items()},
            "confusion": self.confusion,
            "errors": {kind: [asdict(m) for m in misses] for kind, misses in self.misses.items()},
            "notes": list(self.notes),
        }

    def to_json(self, path: str | Path | None = None) -> str:
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        if path is not None:
            Path(path).write_text(text + "\n", encoding="utf-8")
        return text

    def table(self, *, show_misses: int = 0) -> str:
        """Human-readable report; `show_misses` examples per error kind."""
        lines = [f"Protocol {self.protocol}: {self.gold_path}",
                 f"rows {self.rows}, {self.seconds:.1f} s"]
        for key, value in self.counts.items():
            lines.append(f"  {key}: {value}")
        lines.append("")
        for name, rate in self.headline.items():
            lines.append(f"{name:<28}{rate:>8.3f}")
        if self.macro_f1 is not None:
            lines.append(f"{'sub_event_type macro-F1':<28}{self.macro_f1:>8.3f}"
                         f"   ({len(self.class_f1)} classes with >= {MIN_CLASS_ROWS} gold rows)")
        lines.append("")
        lines.append(f"{'field':<24}{'accuracy':>9}{'correct':>9}{'total':>8}")
        for name, s in self.fields.items():
            lines.append(f"{name:<24}{s.accuracy:>9.3f}{s.correct:>9}{s.total:>8}")
        if self.class_f1:
            lines.append("")
            lines.append("sub_event_type F1 per class")
            for name, f1 in sorted(self.class_f1.items(), key=lambda kv: kv[1]):
                lines.append(f"  {name:<40}{f1:>7.3f}")
        if self.confusion:
            lines.append("")
            lines.extend(render_confusion(self.confusion))
        if self.misses:
            lines.append("")
            lines.append("error kinds (rows)")
            for kind, misses in sorted(self.misses.items(), key=lambda kv: -len(kv[1])):
                lines.append(f"  {kind:<40}{len(misses):>6}")
            if show_misses > 0:
                for kind, misses in sorted(self.misses.items(), key=lambda kv: -len(kv[1])):
                    lines.append("")
                    lines.append(f"== {kind} ({len(misses)})")
                    for miss in misses[:show_misses]:
                        lines.append(f"- [{miss.row_id}] gold: {miss.gold} | predicted: "
                                     f"{miss.predicted}")
                        lines.append(f"    {_shorten(miss.text, 400)}")
        for note in self.notes:
            lines.append(f"note: {note}")
        return "\n".join(lines)


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


# Short column labels for the confusion matrix.
ABBREVIATIONS: dict[str, str] = {
    "Government regains territory": "GovRe",
    "Non-state actor overtakes territory": "NSAOv",
    "Armed clash": "Clash",
    "Excessive force against protesters": "ExFor",
    "Protest with intervention": "PrInt",
    "Peaceful protest": "Peace",
    "Violent demonstration": "VDemo",
    "Mob violence": "Mob",
    "Chemical weapon": "Chem",
    "Air/drone strike": "Air",
    "Suicide bomb": "Suic",
    "Shelling/artillery/missile attack": "Shell",
    "Remote explosive/landmine/IED": "IED",
    "Grenade": "Gren",
    "Sexual violence": "SexV",
    "Attack": "Attck",
    "Abduction/forced disappearance": "Abduc",
    "Agreement": "Agree",
    "Arrests": "Arrst",
    "Change to group/activity": "Chnge",
    "Disrupted weapons use": "DisrW",
    "Headquarters or base established": "HQ",
    "Looting/property destruction": "Loot",
    "Non-violent transfer of territory": "NVTr",
    "Other": "Other",
    NONE_LABEL: "none",
}


def _abbrev(label: str) -> str:
    return ABBREVIATIONS.get(label) or "".join(w[:1].upper() for w in label.split())[:5]


def render_confusion(confusion: dict[str, dict[str, int]]) -> list[str]:
    """Gold sub-event types as rows, predicted as columns (abbreviated, legend below)."""
    gold_labels = sorted(confusion, key=lambda g: -sum(confusion[g].values()))
    pred_totals: Counter[str] = Counter()
    for row in confusion.values():
        pred_totals.update(row)
    pred_labels = sorted(pred_totals, key=lambda p: (p == NONE_LABEL, -pred_totals[p]))
    abbrevs = _unique_abbrevs([*gold_labels, *pred_labels])
    width = max(5, *(len(abbrevs[p]) for p in pred_labels)) + 1 if pred_labels else 6
    lines = ["confusion of sub_event_type (rows gold, columns predicted)"]
    lines.append(" " * 8 + "".join(f"{abbrevs[p]:>{width}}" for p in pred_labels))
    for g in gold_labels:
        cells = "".join(f"{confusion[g].get(p, 0) or '.':>{width}}" for p in pred_labels)
        lines.append(f"{abbrevs[g]:<8}{cells}")
    lines.append("  " + "; ".join(f"{abbrevs[label]} = {label}"
                                  for label in dict.fromkeys([*gold_labels, *pred_labels])))
    return lines


def _unique_abbrevs(labels: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    used: set[str] = set()
    for label in dict.fromkeys(labels):
        base = _abbrev(label)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}{n}", n + 1
        out[label] = candidate
        used.add(candidate)
    return out


def macro_f1(gold_labels: Sequence[str], predicted_labels: Sequence[str | None],
             min_rows: int = MIN_CLASS_ROWS) -> tuple[float | None, dict[str, float]]:
    """Macro-F1 over classes with at least `min_rows` gold rows. A row with no prediction is a
    miss of its gold class; a prediction of another class is a false positive of that class."""
    gold_count = Counter(gold_labels)
    pred_count = Counter(p for p in predicted_labels if p is not None)
    hits = Counter(g for g, p in zip(gold_labels, predicted_labels, strict=True) if g == p)
    per_class: dict[str, float] = {}
    for label, n_gold in gold_count.items():
        if n_gold < min_rows:
            continue
        precision = hits[label] / pred_count[label] if pred_count[label] else 0.0
        recall = hits[label] / n_gold
        total = precision + recall
        per_class[label] = 2 * precision * recall / total if total else 0.0
    if not per_class:
        return None, {}
    return sum(per_class.values()) / len(per_class), dict(sorted(per_class.items()))


def confusion_matrix(gold_labels: Sequence[str], predicted_labels: Sequence[str | None]
                     ) -> dict[str, dict[str, int]]:
    matrix: dict[str, Counter[str]] = {}
    for g, p in zip(gold_labels, predicted_labels, strict=True):
        matrix.setdefault(g, Counter())[p if p is not None else NONE_LABEL] += 1
    return {g: dict(row.most_common()) for g, row in sorted(matrix.items())}
