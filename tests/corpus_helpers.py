"""Shared helpers for the corpus-run tests: small invented corpora and file snapshots."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conflict_events.corpus.synthetic import invented_articles, write_jsonl
from conflict_events.schema.models import Article


def corpus(events: int = 12, seed: int = 5, paragraphs: int = 1) -> list[Article]:
    return list(invented_articles(events, seed=seed, paragraphs=paragraphs))


def write_corpus(folder: Path, articles: list[Article], name: str = "articles.jsonl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(folder / name, articles)
    return folder / name


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime of every file under FOLDER (relative paths)."""
    return {
        p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                           p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def contents(folder: Path) -> dict[str, str]:
    return {name: digest for name, (digest, _) in snapshot(folder).items()}
