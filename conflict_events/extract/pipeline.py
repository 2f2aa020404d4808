"""A pipeline of named stages, spaCy-style.

Each stage is a callable `Doc -> None` that reads some Doc fields and writes others; it declares
them, so that `Pipeline` can check when it is assembled that every input is produced by an
earlier stage. Stages are registered by name with `@register_stage(...)`; packages add or
replace stages through the entry-point group ``conflict_events.extractors`` (each entry point
names a module or a stage factory; loading it registers its stages).

    pipe = Pipeline.default()
    pipe.stage_names            # ['normalise', 'sentences', 'dates', ...]
    pipe.remove_stage("merge")
    pipe.add_stage("my_stage", after="triggers")
    doc = pipe(article)
"""

from __future__ import annotations

import importlib.metadata
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from conflict_events.errors import PipelineError
from conflict_events.extract.doc import Doc
from conflict_events.schema.models import Article

ENTRY_POINT_GROUP = "conflict_events.extractors"

StageFunc = Callable[[Doc], None]


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its name, what it reads and writes, and how to build it."""

    name: str
    factory: Callable[[], StageFunc]
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    doc: str = ""
    origin: str = ""


_REGISTRY: dict[str, StageSpec] = {}
_entry_points_loaded = False


def register_stage(
    name: str, *, inputs: Iterable[str] = (), outputs: Iterable[str] = (), replace: bool = False
) -> Callable[[Any], Any]:
    """Register a stage under `name`.

    Decorates either a function `Doc -> None` (the stage itself) or a class whose instances are
    such callables (built once per pipeline)."""

    def decorate(obj: Any) -> Any:
        origin = _origin(obj)
        # Re-registering the same object (a module reloaded) is harmless.
        if name in _REGISTRY and not replace and _REGISTRY[name].origin != origin:
            raise PipelineError(
                f"a stage named {name!r} is already registered by {_REGISTRY[name].origin}; "
                "pass replace=True to replace it"
            )
        factory: Callable[[], StageFunc] = obj if isinstance(obj, type) else (lambda: obj)
        _REGISTRY[name] = StageSpec(
            name, factory, tuple(inputs), tuple(outputs), (obj.__doc__ or "").strip(), origin
        )
        return obj

    return decorate


def _origin(obj: Any) -> str:
    return f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', '')}"


def registered_stages() -> dict[str, StageSpec]:
    _load_builtin_stages()
    _load_entry_points()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    importlib.import_module("conflict_events.extract.stages")


def _load_entry_points() -> None:
    """Import the stage modules third-party packages declare (once per process)."""
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
        except Exception as exc:  # a broken plug-in must name itself
            raise PipelineError(f"extractor plug-in {ep.name!r} ({ep.value}) failed: {exc}") from exc  # noqa: E501
        if callable(loaded) and hasattr(loaded, "outputs"):
            # An entry point may name a stage callable carrying `inputs`/`outputs` attributes;
            # it replaces a built-in stage of the same name.
            register_stage(
                ep.name,
                inputs=getattr(loaded, "inputs", ()),
                outputs=loaded.outputs,
                replace=True,
            )(loaded)


DEFAULT_STAGES: tuple[str, ...] = (
    "normalise",
    "sentences",
    "dates",
    "triggers",
    "actors",
    "places",
    "numbers",
    "assemble",
    "merge",
    "finalise",
)


@dataclass
class Pipeline:
    """An ordered list of stages, validated whenever it changes."""

    specs: list[StageSpec] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # wall-clock seconds per stage
    # CPU seconds of this process per stage, when measure_cpu is set: on a shared machine
    # the wall clock counts other work too (off by default: one system call per stage)
    cpu_timings: dict[str, float] = field(default_factory=dict)
    measure_cpu: bool = False

    def __post_init__(self) -> None:
        self._funcs: dict[str, StageFunc] = {}
        self.validate()

    # --- construction ------------------------------------------------------------------------
    @classmethod
    def from_names(cls, names: Iterable[str]) -> Pipeline:
        registry = registered_stages()
        specs = []
        for name in names:
            if name not in registry:
                raise PipelineError(f"unknown stage {name!r}; registered: {sorted(registry)}")
            specs.append(registry[name])
        return cls(specs)

    @classmethod
    def default(cls) -> Pipeline:
        """The standard extraction pipeline (entry-point plug-ins that replace a stage of the
        same name take its place)."""
        return cls.from_names(DEFAULT_STAGES)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.specs]

    def __repr__(self) -> str:
        lines = [f"Pipeline({len(self.specs)} stages)"]
        for s in self.specs:
            lines.append(f"  {s.name}: {', '.join(s.inputs) or '-'} -> {', '.join(s.outputs)}")
        return "\n".join(lines)

    def validate(self) -> None:
        available = set(Doc.INITIAL_FIELDS)
        seen: set[str] = set()
        for spec in self.specs:
            if spec.name in seen:
                raise PipelineError(f"stage {spec.name!r} appears twice")
            seen.add(spec.name)
            missing = [i for i in spec.inputs if i not in available]
            if missing:
                raise PipelineError(
                    f"stage {spec.name!r} needs {missing}, which no earlier stage produces"
                )
            unknown = [o for o in spec.outputs if o not in Doc.__dataclass_fields__]
            if unknown:
                raise PipelineError(f"stage {spec.name!r} writes unknown Doc fields {unknown}")
            available.update(spec.outputs)

    def _spec(self, stage: str | StageSpec) -> StageSpec:
        if isinstance(stage, StageSpec):
            return stage
        registry = registered_stages()
        if stage not in registry:
            raise PipelineError(f"unknown stage {stage!r}; registered: {sorted(registry)}")
        return registry[stage]

    def _index(self, name: str) -> int:
        for i, s in enumerate(self.specs):
            if s.name == name:
                return i
        raise PipelineError(f"the pipeline has no stage {name!r}; it has {self.stage_names}")

    def _changed(self, specs: list[StageSpec]) -> None:
        old = self.specs
        self.specs = specs
        try:
            self.validate()
        except PipelineError:
            self.specs = old
            raise

    def add_stage(
        self, stage: str | StageSpec, *, before: str | None = None, after: str | None = None
    ) -> Pipeline:
        spec = self._spec(stage)
        specs = list(self.specs)
        if before is not None and after is not None:
            raise PipelineError("give before= or after=, not both")
        if before is not None:
            specs.insert(self._index(before), spec)
        elif after is not None:
            specs.insert(self._index(after) + 1, spec)
        else:
            specs.append(spec)
        self._changed(specs)
        return self

    def replace_stage(self, name: str, stage: str | StageSpec) -> Pipeline:
        spec = self._spec(stage)
        specs = list(self.specs)
        specs[self._index(name)] = spec
        self._funcs.pop(name, None)
        self._changed(specs)
        return self

    def remove_stage(self, name: str) -> Pipeline:
        specs = list(self.specs)
        del specs[self._index(name)]
        self._funcs.pop(name, None)
        self._changed(specs)
        return self

    # --- running -----------------------------------------------------------------------------
    def stage(self, name: str) -> StageFunc:
        """The callable of one stage (built once), to run it alone on a Doc."""
        spec = self.specs[self._index(name)]
        func = self._funcs.get(spec.name)
        if func is None:
            func = spec.factory()
            self._funcs[spec.name] = func
        return func

    def __call__(self, article: Article | Doc) -> Doc:
        doc = article if isinstance(article, Doc) else Doc.from_article(article)
        timings, cpu_timings = self.timings, self.cpu_timings
        measure_cpu = self.measure_cpu
        for spec in self.specs:
            func = self.stage(spec.name)
            t0 = time.perf_counter()
            c0 = time.process_time() if measure_cpu else 0.0
            func(doc)
            timings[spec.name] = timings.get(spec.name, 0.0) + time.perf_counter() - t0
            if measure_cpu:
                cpu_timings[spec.name] = (cpu_timings.get(spec.name, 0.0)
                                          + time.process_time() - c0)
        return doc

    def reset_timings(self) -> None:
        self.timings.clear()
        self.cpu_timings.clear()
