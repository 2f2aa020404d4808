"""Every regular expression of the package, with the hostile strings that stress it: used by
tests/test_robust_regex.py and benchmarks/bench_hostile.py."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import conflict_events

# Modules that need an optional extra (dask, ...) are skipped when it is missing.
_MAX_DEPTH = 3


def _patterns_in(value: Any, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value
        return
    if depth >= _MAX_DEPTH or isinstance(value, str | bytes | int | float | type):
        return
    if isinstance(value, dict):
        children: list[Any] = list(value.values())
    elif isinstance(value, list | tuple | set | frozenset):
        children = list(value)
    elif hasattr(value, "__dict__") and type(value).__module__.startswith("conflict_events"):
        children = list(vars(value).values())
        if isinstance(getattr(type(value), "regex", None), property):
            children.append(value.regex)  # a lexicon's whole regex, compiled when first read
    else:
        return
    for child in children[:5000]:
        yield from _patterns_in(child, depth + 1)


def package_modules() -> list[Any]:
    modules = []
    for info in pkgutil.walk_packages(conflict_events.__path__, "conflict_events."):
        try:
            modules.append(importlib.import_module(info.name))
        except ImportError:
            continue
    return modules


def package_patterns() -> dict[str, re.Pattern[str]]:
    """name -> compiled pattern: module-level patterns (also inside lists, dicts and objects)
    and those the modules' cached zero-argument factories build (lexicons, matchers)."""
    found: dict[str, re.Pattern[str]] = {}
    seen: set[tuple[str, int]] = set()

    def add(name: str, value: Any) -> None:
        for index, pattern in enumerate(_patterns_in(value)):
            key = (pattern.pattern, pattern.flags)
            if key not in seen:
                seen.add((pattern.pattern, pattern.flags))
                found[f"{name}#{index}"] = pattern

    for module in package_modules():
        for attr, value in vars(module).items():
            if callable(value) and hasattr(value, "cache_info"):
                if getattr(value, "__module__", None) != module.__name__:
                    continue  # imported from another module: scanned there
                try:
                    value = value()
                except TypeError:
                    continue  # needs arguments
            add(f"{module.__name__}.{attr}", value)
    from conflict_events.extract.api import default_pipeline

    add("default_pipeline", default_pipeline())
    for name, pattern in inline_patterns():
        add(name, pattern)
    return found


# re.compile(...) literals are module constants or cached factories, reached by the import scan.
_RE_FUNCTIONS = {"search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def inline_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Patterns written as string literals in calls such as re.search(r"...", text), found
    in the source (the re module compiles them on first use, out of reach of an import
    scan), named MODULE:LINE:FUNCTION."""
    root = Path(conflict_events.__file__).parent
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in _RE_FUNCTIONS and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                module = path.relative_to(root.parent).with_suffix("").as_posix()
                yield (f"{module.replace('/', '.')}:{node.lineno}:{node.func.attr}",
                       re.compile(node.args[0].value, re.IGNORECASE))


_WORD = re.compile(r"[A-Za-z]{2,}")
_CHAR_RUNS = ["1", "a", "A", " ", "-", ".", ",", "'", "<", ">", "/", "\n", "\t", "é", "ا",
              "1 ", "a ", "A ", "a-", "1,", "1/", "aA", "A a "]


def hostile_units(pattern: re.Pattern[str], words: int = 12) -> list[str]:
    """Short strings whose repetition is a worst case for PATTERN: runs of the characters
    patterns repeat, and the pattern's own words repeated (near-misses that start a match
    many times over without completing it)."""
    literal = list(dict.fromkeys(_WORD.findall(pattern.pattern)))
    step = max(1, len(literal) // words)
    chosen = literal[::step][:words]
    units = list(_CHAR_RUNS)
    for word in chosen:
        units += [f"{word} ", f"{word} 1 ", f"{word.capitalize()} ", f"1 {word} a "]
    if len(chosen) >= 2:
        units.append(" ".join(chosen) + " ")
    return units


def repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]
