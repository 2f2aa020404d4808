"""Measure how fast the source readers turn files into Articles (reading only, no extraction).

    python benchmarks/bench_sources.py                 # 20,000 JSONL records, 2,000 text files
    python benchmarks/bench_sources.py --records 100000 --files 5000

The corpus is written into a temporary folder from an invented article (nothing is read from
../shared). Prints one JSON object with the machine and the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from conflict_events.schema.models import Article
from conflict_events.sources.inputs import read_inputs

ARTICLE = """Gunmen attack market in northern town

Gunmen attack market in northern town
2 min read
14 March, 2021
Share this article

Gunmen on motorbikes attacked a market in the northern town on Sunday, killing at least
seven people and wounding a dozen, the regional governor said in a statement.

Witnesses said the attackers set fire to stalls and took livestock before fleeing towards the
forest. The army said it had sent reinforcements and was pursuing the attackers.

Residents said it was the third attack on villages in the district this month. Thousands of
people have fled to the regional capital since January, according to aid agencies.

Advertisement

Other news
Floods displace thousands in the capital
"""


def timed(inputs: list[Path]) -> tuple[int, float]:
    start = time.perf_counter()
    count = sum(1 for record in read_inputs(inputs) if isinstance(record, Article))
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dump = folder / "dump.jsonl"
        with dump.open("w", encoding="utf-8") as handle:
            for number in range(args.records):
                handle.write(json.dumps({"id": f"a{number}", "title": "Market attack",
                                         "body": ARTICLE + f"\n{number}\n",
                                         "date": "2021-03-14"}) + "\n")
        texts = folder / "texts"
        texts.mkdir()
        for number in range(args.files):
            (texts / f"{number:06d}.txt").write_text(ARTICLE + f"\n{number}\n",
                                                     encoding="utf-8")
        records, jsonl_seconds = timed([dump])
        files, text_seconds = timed([texts])
        megabytes = dump.stat().st_size / 1e6
    print(json.dumps({
        "machine": {"python": platform.python_version(), "cpu": platform.processor()
                    or platform.machine(), "cores": os.cpu_count()},
        "jsonl": {"records": records, "mb": round(megabytes, 1),
                  "records_per_s": round(records / jsonl_seconds),
                  "mb_per_s": round(megabytes / jsonl_seconds, 1)},
        "text": {"files": files, "files_per_s": round(files / text_seconds)},
    }, indent=2))


if __name__ == "__main__":
    main()
