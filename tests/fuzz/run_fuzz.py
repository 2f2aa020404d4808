"""Long-running fuzzing of the extractor, the readers, the date and number parsers and the
writer: the properties of tests/test_robust_fuzz.py with a large hypothesis budget. Run by
hand; prints, per target, the inputs tried and the failures found (each with its smallest
failing input).

    python tests/fuzz/run_fuzz.py --examples 2000          # every target
    python tests/fuzz/run_fuzz.py --examples 20000 --only extract_text

Exit status 1 when any target fails. Figures of the last run are in docs/reliability.md."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from robust_inputs import HOSTILE_PIECES, hostile_text, json_document  # noqa: E402
from test_robust_fuzz import RENDER, SUFFIX_OF, _extract_or_documented_error, _read_all  # noqa: E402

from conflict_events.extract.api import process  # noqa: E402
from conflict_events.extract.stages.dates import find_dates  # noqa: E402
from conflict_events.extract.stages.numbers import find_numbers, number_value  # noqa: E402
from conflict_events.schema.models import Article  # noqa: E402
from conflict_events.sources.dates import parse_date  # noqa: E402


def _batch(text: str) -> None:
    result = process(Article(article_id="fuzz", text=text or " "))
    assert result.error_code != "internal_error", result.error


def _dates(text: str) -> None:
    find_dates(text, dt.date(2020, 5, 14))
    find_dates(text, None)


def _numbers(text: str) -> None:
    for mention in find_numbers(text):
        assert mention.value >= 0
    number_value(text[:60])


def _long_run(run: tuple[str, str, int]) -> None:
    lead, piece, times = run
    _extract_or_documented_error(lead + piece * times)


TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], object]]] = {
    "extract_text": (hostile_text(60), _extract_or_documented_error),
    "extract_bytes": (st.binary(max_size=2000), _extract_or_documented_error),
    "extract_long_runs": (st.tuples(st.sampled_from(["", "Gunmen killed ", "On "]),
                                    st.sampled_from(HOSTILE_PIECES), st.integers(1, 20000)),
                          _long_run),
    "batch_process": (hostile_text(30), _batch),
    "date_parser": (hostile_text(60), _dates),
    "number_parser": (hostile_text(60), _numbers),
    "metadata_dates": (st.one_of(st.text(max_size=80), hostile_text(6)), parse_date),
    "json_documents": (json_document(), lambda data: _read_all("json", data)),
}


def _reader_of_text(name: str) -> Callable[[str], None]:
    def check(text: str) -> None:
        _read_all(name, RENDER[name](text))
    return check


def _reader_of_bytes(name: str) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        _read_all(name, data)
    return check


for _name in sorted(RENDER):
    TARGETS[f"reader_{_name}_text"] = (hostile_text(40), _reader_of_text(_name))
for _name in sorted(SUFFIX_OF):
    TARGETS[f"reader_{_name}_bytes"] = (st.binary(max_size=2000), _reader_of_bytes(_name))


def run_target(name: str, examples: int) -> tuple[int, str | None]:
    strategy, check = TARGETS[name]
    tried = 0

    @settings(max_examples=examples, deadline=None, database=None, print_blob=True,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def prop(value: Any) -> None:
        nonlocal tried
        tried += 1
        check(value)

    try:
        prop()
    except Exception as exc:  # report, go on with the next target
        return tried, "".join(traceback.format_exception_only(type(exc), exc)).strip()[:2000]
    return tried, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per target")
    parser.add_argument("--only", nargs="*", default=None, choices=sorted(TARGETS))
    args = parser.parse_args()
    total = failures = 0
    started = time.perf_counter()
    for name in args.only or sorted(TARGETS):
        begun = time.perf_counter()
        tried, failure = run_target(name, args.examples)
        total += tried
        failures += failure is not None
        print(f"{name:<24} {tried:>7} inputs {time.perf_counter() - begun:7.1f} s  "
              f"{'FAIL' if failure else 'ok'}", flush=True)
        if failure:
            print("    " + failure.replace("\n", "\n    "), flush=True)
    print(f"total: {total} inputs, {failures} failing target(s), "
          f"{time.perf_counter() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
