"""The Pipeline: registry, validation at assembly, notebook edits, plug-ins, timings."""

from __future__ import annotations

import importlib.metadata
from types import SimpleNamespace

import pytest

from conflict_events.errors import PipelineError
from conflict_events.extract import pipeline as pipeline_module
from conflict_events.extract.doc import Doc
from conflict_events.extract.pipeline import (
    DEFAULT_STAGES,
    Pipeline,
    register_stage,
    registered_stages,
)
from conflict_events.schema.models import Article


def test_default_pipeline_lists_its_stages() -> None:
    pipe = Pipeline.default()
    assert pipe.stage_names == list(DEFAULT_STAGES)
    text = repr(pipe)
    assert "assemble" in text and "-> mentions" in text


def test_missing_input_is_refused_when_assembled() -> None:
    pipe = Pipeline.default()
    with pytest.raises(PipelineError, match="needs"):
        pipe.remove_stage("sentences")
    assert "sentences" in pipe.stage_names  # a refused change leaves the pipeline as it was


def test_duplicate_stage_and_unknown_stage_are_refused() -> None:
    pipe = Pipeline.default()
    with pytest.raises(PipelineError, match="twice"):
        pipe.add_stage("merge")
    with pytest.raises(PipelineError, match="unknown stage"):
        pipe.add_stage("no-such-stage")
    with pytest.raises(PipelineError, match="no stage"):
        pipe.remove_stage("no-such-stage")


def test_add_replace_remove_custom_stage() -> None:
    calls: list[int] = []

    @register_stage("test_count_events", inputs=("events",), outputs=(), replace=True)
    def count(doc: Doc) -> None:
        calls.append(len(doc.events))

    pipe = Pipeline.default().add_stage("test_count_events", after="finalise")
    assert pipe.stage_names[-1] == "test_count_events"
    pipe(Article(article_id="a", text="Nothing happened here today.", published="2020-05-01"))
    assert calls == [0]
    pipe.remove_stage("test_count_events")
    assert "test_count_events" not in pipe.stage_names

    @register_stage("test_no_merge", inputs=("mentions",), outputs=("mentions",), replace=True)
    def keep(doc: Doc) -> None:
        return None

    pipe.replace_stage("merge", "test_no_merge")
    assert "test_no_merge" in pipe.stage_names and "merge" not in pipe.stage_names


def test_registering_a_name_twice_needs_replace() -> None:
    @register_stage("test_twice", outputs=("events",), replace=True)
    def first(doc: Doc) -> None:
        return None

    with pytest.raises(PipelineError, match="already registered"):
        @register_stage("test_twice", outputs=("events",))
        def second(doc: Doc) -> None:
            return None


def test_writing_an_unknown_field_is_refused() -> None:
    @register_stage("test_bad_output", outputs=("no_such_field",), replace=True)
    def bad(doc: Doc) -> None:
        return None

    with pytest.raises(PipelineError, match="unknown Doc fields"):
        Pipeline.default().add_stage("test_bad_output")


def test_each_stage_runs_alone_on_a_doc() -> None:
    pipe = Pipeline.default()
    doc = Doc.from_article(Article(article_id="a", text="Gunmen  attacked a village.",
                                   published="2020-05-01"))
    pipe.stage("normalise")(doc)
    assert doc.text == "Gunmen attacked a village."
    pipe.stage("sentences")(doc)
    pipe.stage("triggers")(doc)
    assert [t.cls for t in doc.triggers] == ["attack"]


def test_timings_are_recorded_per_stage() -> None:
    pipe = Pipeline.default()
    pipe(Article(article_id="a", text="Protesters gathered in the square.",
                 published="2020-05-01"))
    assert set(pipe.timings) == set(pipe.stage_names)
    assert all(t >= 0 for t in pipe.timings.values())
    assert pipe.cpu_timings == {}  # measured only when asked for


def test_cpu_time_per_stage_is_measured_when_asked_and_reset() -> None:
    pipe = Pipeline.default()
    pipe.measure_cpu = True
    pipe(Article(article_id="a", text="Gunmen attacked a village near Kaduna, killing 3.",
                 published="2020-05-01"))
    assert set(pipe.cpu_timings) == set(pipe.stage_names)
    assert all(t >= 0 for t in pipe.cpu_timings.values())
    pipe.reset_timings()
    assert pipe.timings == {} and pipe.cpu_timings == {}


def test_entry_point_plugin_replaces_a_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    original = registered_stages()["normalise"]  # before the plug-in is visible

    def shout(doc: Doc) -> None:
        doc.text = doc.original.upper()

    shout.inputs = ("original",)  # type: ignore[attr-defined]
    shout.outputs = ("text", "segments")  # type: ignore[attr-defined]
    fake = SimpleNamespace(name="normalise", value="plugin:shout", load=lambda: shout)

    def entry_points(group: str) -> list[SimpleNamespace]:
        return [fake] if group == pipeline_module.ENTRY_POINT_GROUP else []

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.setattr(pipeline_module, "_entry_points_loaded", False)
    try:
        pipeline_module._load_entry_points()
        doc = Pipeline.default()(Article(article_id="a", text="quiet", published="2020-05-01"))
        assert doc.text == "QUIET"
    finally:
        pipeline_module._REGISTRY["normalise"] = original


def test_broken_plugin_names_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom() -> None:
        raise ImportError("missing dependency")

    fake = SimpleNamespace(name="broken", value="plugin:broken", load=boom)
    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda group: [fake] if group == pipeline_module.ENTRY_POINT_GROUP else [])
    monkeypatch.setattr(pipeline_module, "_entry_points_loaded", False)
    with pytest.raises(PipelineError, match="broken"):
        pipeline_module._load_entry_points()
    monkeypatch.setattr(pipeline_module, "_entry_points_loaded", True)
