"""The project's exceptions. Every error it raises on purpose derives from ConflictEventsError,
so a caller can catch one class around any call into the library."""

from __future__ import annotations


class ConflictEventsError(Exception):
    """Base class of every error conflict_events raises on purpose."""


class SchemaError(ConflictEventsError, ValueError):
    """A record or a table does not satisfy the schema or the coding rules."""


class InputError(ConflictEventsError, ValueError):
    """An input (article, file, option) cannot be used. Names the input and the reason."""

    def __init__(self, reason: str, *, input_name: str | None = None) -> None:
        self.reason = reason
        self.input_name = input_name
        super().__init__(f"{input_name}: {reason}" if input_name else reason)


class ArticleRejected(InputError):
    """One article cannot be processed (empty, not text, too large, bad date...).

    `code` is a short machine-readable reason recorded in articles.parquet."""

    def __init__(self, code: str, reason: str, *, input_name: str | None = None) -> None:
        self.code = code
        super().__init__(reason, input_name=input_name)


class FetchError(ArticleRejected):
    """A URL could not be fetched. `code`: http_error, timeout, network_error,
    robots_disallowed, too_large; `status` is the HTTP status when there was one."""

    def __init__(self, code: str, reason: str, *, input_name: str | None = None,
                 status: int | None = None) -> None:
        self.status = status
        super().__init__(code, reason, input_name=input_name)


class DatasetError(ConflictEventsError):
    """A release folder or file is missing, truncated, tampered with or foreign."""


class ReleaseWriteError(DatasetError, OSError):
    """A release could not be written (disk full, permission denied...); the previous release
    in the folder is left as it was. Also an OSError, as the failure underneath is."""


class ChecksumMismatch(DatasetError):
    """A file's bytes do not match the sha256 recorded in datapackage.json."""


class KnowledgeError(ConflictEventsError, ValueError):
    """A lexicon, gazetteer or rules file is malformed."""


class GazetteerError(ConflictEventsError):
    """A gazetteer cannot be built, loaded or extended."""


class PipelineError(ConflictEventsError):
    """A pipeline is misconfigured: unknown stage, unmet input, duplicate name."""


class EvaluationError(ConflictEventsError):
    """Gold data cannot be read or does not follow the evaluation protocol."""
