"""The HTML report: content, safety of embedded data, the command, and the page in headless
Chromium (loads offline without console errors, right event count, filters, evidence)."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_events import sample_articles_and_events

import conflict_events as ce
from conflict_events.cli.main import main
from conflict_events.dataset.articles import ArticleRecord
from conflict_events.errors import InputError
from conflict_events.report.build import build_report
from conflict_events.report.data import read_articles_jsonl

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
N_EVENTS = 48


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A release of invented events and the JSONL of their articles."""
    root = tmp_path_factory.mktemp("report")
    articles, events = sample_articles_and_events(N_EVENTS)
    # hostile text must stay text: no markup, no script end
    events[0] = events[0].model_copy(update={"notes": "</script><script>alert(1)</script>"})
    records = [ArticleRecord.from_article(a, n_events=1) for a in articles]
    folder = ce.write_dataset(events, root / "release", articles=records)
    jsonl = root / "articles.jsonl"
    jsonl.write_text("".join(json.dumps({"article_id": a.article_id, "text": a.text,
                                         "title": a.title, "url": "https://example.org/"
                                         + a.article_id}) + "\n" for a in articles),
                     encoding="utf-8")
    return folder, jsonl


@pytest.fixture(scope="module")
def report(release: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, jsonl = release
    out = tmp_path_factory.mktemp("html") / "report.html"
    assert main(["report", str(folder), "-o", str(out), "--articles", str(jsonl)]) == 0
    return out


def _payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html,
                      re.S)
    assert match
    return json.loads(match.group(1))


def test_report_is_one_self_contained_file(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "default-src 'none'" in html  # the page may not fetch anything
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)
    assert html.count("<script") == 3  # data, outlines, code: all inline
    payload = _payload(html)
    assert len(payload["events"]) == N_EVENTS
    assert payload["articles_with_text"] == N_EVENTS
    # the hostile note is escaped inside the JSON and decodes back unchanged
    assert "</script><script>alert" not in html
    notes = [row[payload["fields"].index("notes")] for row in payload["events"]]
    assert "</script><script>alert(1)</script>" in notes


def test_evidence_sentences_are_quoted(report: Path, release: tuple[Path, Path]) -> None:
    payload = _payload(report.read_text(encoding="utf-8"))
    articles = read_articles_jsonl(release[1])
    evidence = payload["fields"].index("evidence")
    for row in payload["events"]:
        for article_id, start, end, sentence, url, _title in row[evidence]:
            text = articles[article_id].text
            assert text is not None
            assert sentence == " ".join(text[start:end].split())
            assert url == f"https://example.org/{article_id}"


def test_report_without_articles_still_links_offsets(release: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    out = build_report(release[0], tmp_path / "plain.html")
    payload = _payload(out.read_text(encoding="utf-8"))
    first = payload["events"][0][payload["fields"].index("evidence")][0]
    assert first[0].startswith("art-") and first[3] is None
    assert payload["articles_with_text"] == 0


def test_changed_article_text_is_not_quoted(release: tuple[Path, Path], tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    """Offsets point into the text the release was built from (its sha256 is recorded in
    articles.parquet); a different text would quote the wrong words."""
    lines = release[1].read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["text"] = "Edited. " + first["text"]
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n", encoding="utf-8")
    out = build_report(release[0], tmp_path / "edited.html", articles=edited)
    payload = _payload(out.read_text(encoding="utf-8"))
    evidence = payload["fields"].index("evidence")
    quoted = {span[0]: span[3] for row in payload["events"] for span in row[evidence]}
    assert quoted[first["article_id"]] is None
    assert all(text for key, text in quoted.items() if key != first["article_id"])
    assert payload["articles_with_text"] == N_EVENTS - 1
    assert f"offsets only: {first['article_id']}" in caplog.text


def test_bad_articles_file_is_named(release: tuple[Path, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article_id": "a", "text": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2") as info:
        build_report(release[0], tmp_path / "r.html", articles=bad)
    assert "bad.jsonl" in str(info.value)
    assert not (tmp_path / "r.html").exists()


def test_missing_release_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                     ) -> None:
    assert main(["report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.html")]) == 1
    assert "report: error" in capsys.readouterr().err


def test_report_of_the_shipped_release(tmp_path: Path) -> None:
    from conflict_events.dataset.release import DATAPACKAGE, repository_data_folder

    shipped = repository_data_folder()
    if not (shipped / DATAPACKAGE).is_file():
        pytest.skip(f"no release shipped yet in {shipped}")
    out = build_report(shipped, tmp_path / "shipped.html")
    payload = _payload(out.read_text(encoding="utf-8"))
    frame = ce.load(shipped)
    assert len(payload["events"]) == len(frame)
    assert {t["name"] for t in payload["types"]} == set(frame["event_type"].astype(str))


# --- in the browser ------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser_page(report: Path) -> Iterator[tuple[object, list[str], list[str]]]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium chromium-driver)")
    from playwright import sync_api  # in the dev extra
    profile = tempfile.mkdtemp(prefix="ce-chromium-")
    try:
        with sync_api.sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                viewport={"width": 1280, "height": 900},
            )
            page = context.new_page()
            problems: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=15_000)
            yield page, problems, requests
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def test_page_loads_offline_without_errors(browser_page: tuple) -> None:
    page, problems, requests = browser_page
    assert problems == []
    assert all(url.startswith("file://") for url in requests), requests
    assert page.locator("#events tbody tr.event").count() == N_EVENTS
    assert page.locator("body").get_attribute("data-matching") == str(N_EVENTS)
    assert page.locator("#cards .value").first.inner_text() == str(N_EVENTS)
    assert f"of {N_EVENTS} matching" in page.locator("#count").inner_text()
    assert page.locator("#points circle").count() == N_EVENTS
    assert page.locator("#map path.country").count() > 10
    assert page.locator("#by-type .bar-row").count() == 6
    assert page.locator("#timeline rect").count() > 0
    assert page.title() == "Conflict events"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    assert (ARTIFACTS / "report.png").stat().st_size > 20_000


def test_filters_change_the_table(browser_page: tuple) -> None:
    page, problems, _ = browser_page
    expected = sum(1 for _ in range(N_EVENTS) if _ % 6 == 0)  # Armed clash = every 6th event
    page.select_option("#filter-type", "Battles")
    rows = page.locator("#events tbody tr.event")
    assert rows.count() == expected
    assert set(page.locator("#events tbody tr.event td:nth-child(4)").all_inner_texts()) == {
        "Battles"}
    assert page.locator("#points circle").count() == expected
    page.fill("#filter-text", "Maiduguri")
    assert 0 < rows.count() < expected
    page.click("#filter-reset")
    assert rows.count() == N_EVENTS
    page.select_option("#filter-country", "Yemen")
    assert rows.count() == sum(1 for i in range(N_EVENTS) if i % 5 == 2)
    page.click("#filter-reset")
    assert problems == []


def test_sorting_and_evidence(browser_page: tuple) -> None:
    page, problems, _ = browser_page
    page.click("#events th[data-key=fatalities]")
    values = [int(v) for v in page.locator("#events tbody tr.event td:nth-child(8)")
              .all_inner_texts()]
    assert values == sorted(values) or values == sorted(values, reverse=True)
    page.click("#events th[data-key=date]")
    page.click("#events th[data-key=date]")  # ascending
    assert page.locator("#events th[data-key=date]").get_attribute("aria-sort") == "ascending"
    first = page.locator("#events tbody tr.event").first
    assert first.locator("td").first.inner_text() == "2020-01-06"
    first.locator("a.evidence-link").click()
    detail = page.locator("#events tbody tr.detail")
    assert detail.count() == 1
    assert "Government troops clashed with rebels near Aleppo" in detail.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    detail.screenshot(path=str(ARTIFACTS / "report-evidence.png"))
    assert problems == []
