"""`conflict-events report`: one self-contained HTML file describing a release.

The file inlines its CSS, JavaScript, data and country outlines and declares a Content
Security Policy that forbids every network request, so it opens the same offline, from an
e-mail attachment or a file share.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd

from conflict_events.report.data import (
    ArticleInfo,
    drop_changed_texts,
    merge_articles,
    read_articles_jsonl,
    report_payload,
)
from conflict_events.report.outlines import outlines_text

ASSETS = ("template.html", "report.css", "report.js")
log = logging.getLogger(__name__)


def _asset(name: str) -> str:
    return files("conflict_events.report").joinpath(name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can appear."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False,
                                                         separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def render_html(payload: dict[str, Any]) -> str:
    """The report page for a payload made by report_payload()."""
    page = _asset("template.html")
    parts = {
        "{{TITLE}}": _escape(str(payload["title"])),
        "{{CSS}}": _asset("report.css"),
        "{{DATA}}": _script_json(payload),
        "{{OUTLINES}}": _script_json(outlines_text().strip()),
        "{{JS}}": _asset("report.js"),
    }
    for marker, value in parts.items():
        page = page.replace(marker, value)
    return page


def release_articles(folder: Path) -> dict[str, ArticleInfo]:
    """Titles and URLs from the release's articles.parquet (it holds no text)."""
    path = folder / "articles.parquet"
    if not path.is_file():
        return {}
    table = pd.read_parquet(path, columns=["article_id", "title", "url", "source", "sha256"])
    return {
        str(r.article_id): ArticleInfo(
            article_id=str(r.article_id),
            title=r.title if isinstance(r.title, str) else None,
            url=r.url if isinstance(r.url, str) else None,
            source=str(r.source) if isinstance(r.source, str) else None,
            sha256=r.sha256 if isinstance(r.sha256, str) else None,
        )
        for r in table.itertuples(index=False)
    }


def write_report(
    frame: pd.DataFrame,
    output: str | os.PathLike[str],
    *,
    articles: str | os.PathLike[str] | Mapping[str, ArticleInfo] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
) -> Path:
    """Write the HTML report of a frame of events (any subset of a release) to OUTPUT.

    articles: a JSONL file of the input articles (article_id, text, ...) or ArticleInfo by
    id, so each event's evidence sentences are quoted in the table. Returns the path."""
    known: Mapping[str, ArticleInfo] = {}
    if isinstance(articles, Mapping):
        known = articles
    elif articles is not None:
        known = read_articles_jsonl(Path(articles))
    payload = report_payload(frame, articles=known, title=title or "Conflict events",
                             subtitle=subtitle if subtitle is not None
                             else f"{len(frame):,} events")
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(render_html(payload), encoding="utf-8")
    os.replace(temporary, target)
    return target


def build_report(
    release: str | os.PathLike[str] | None,
    output: str | os.PathLike[str],
    *,
    articles: str | os.PathLike[str] | None = None,
    title: str | None = None,
    verify: bool = True,
) -> Path:
    """Write the HTML report of RELEASE (default: the shipped release) to OUTPUT.

    articles: a JSONL file of the input articles (article_id, text, ...), so each event's
    evidence sentences are quoted in the table; texts that differ from the ones the release
    was built from (sha256 in articles.parquet) are not quoted. Returns the output path."""
    from conflict_events.dataset.load import load
    from conflict_events.dataset.release import (
        find_default_release,
        read_datapackage,
        release_folder,
    )

    folder = release_folder(Path(release)) if release is not None else find_default_release()
    frame = load(folder, verify=verify)
    known = release_articles(folder)
    if articles is not None:
        known = merge_articles(read_articles_jsonl(Path(articles)), known)
        known, changed = drop_changed_texts(known)
        if changed:
            shown = ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")
            log.warning("%d article(s) in %s differ from the text the release was built from "
                        "(sha256), so their evidence is shown as offsets only: %s",
                        len(changed), articles, shown)
    package = read_datapackage(folder) if verify else {}
    made = f", created {package['created'][:10]}" if package.get("created") else ""
    version = f" {package['version']}" if package.get("version") else ""
    return write_report(
        frame, output, articles=known, title=title,
        subtitle=f"{len(frame):,} events from the release{version} in {folder}{made}",
    )
