"""How often the written admin1 is the gold string itself, not only the same area.

    python benchmarks/admin1_exact.py --gold ../shared/eval/acled_2020_dev.csv
    python benchmarks/admin1_exact.py --gold ... --json out.json   # also the evaluation JSON

The evaluation compares admin1 through the spelling key and the alias table
(`evaluate.keys.admin_areas_match`), so "Rif-dimashq" and "Rural Damascus" both count as
right. A user joining the release with an ACLED export, or filtering `admin1 == "Rural
Damascus"`, needs the string itself. Printed: admin1 right by the evaluation, right as the
exact string (case and spaces kept), and per country how many rows are the right area under
another spelling (counts only: the dev set is for measuring, not a source of names).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from conflict_events.evaluate.protocol_a import RowResult, evaluate_protocol_a

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, required=True, help="ACLED export with notes")
    parser.add_argument("--json", type=Path, help="write the evaluation result here too")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()

    scored: list[RowResult] = []
    result = evaluate_protocol_a(args.gold, workers=args.workers, on_rows=scored.extend)
    right = [r for r in scored if r.primary is not None and r.verdicts["admin1"]]
    exact = [r for r in right
             if r.primary is not None and (r.primary.admin1 or "") == (r.gold.event.admin1 or "")]
    other = Counter(r.gold.event.country for r in right if r not in exact)
    summary = {"rows": len(scored), "admin1_right": len(right), "admin1_exact": len(exact),
               "right_other_spelling": len(right) - len(exact),
               "other_spelling_by_country": dict(other.most_common())}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    if args.json:
        result.to_json(args.json)


if __name__ == "__main__":
    main()
