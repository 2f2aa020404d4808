"""The matcher's Aho-Corasick automaton over every gazetteer name, compiled once and cached.

Patterns are the folded keys padded with spaces (" aleppo "), so only whole words match; a name
that is also a common word is only entered with a place cue next to it (" bay region ",
" town of hit "). Each pattern has one packed entry: key id << 17 | one-word flag << 16 |
offset of the name in the pattern << 8 | length of the name.

The automaton is a byte-wise double array (daachorse) over the UTF-8 patterns, whose serialised
form loads in milliseconds where building it takes one to three seconds. Byte-wise, a text that
is ASCII once folded (nearly every text) is scanned without the character-offset table that the
character-wise automaton builds for each text: 15 to 40% faster, and 20% smaller. It is
written beside the gazetteer tables it was built from, as names-automaton-<rules>.bin with its
entries (names-automaton-<rules>.arrow) and a manifest of sizes and SHA-256 hashes that is
checked before the bytes are handed to the deserialiser; <rules> hashes the matching rules and
this module, so editing matching.yaml builds it again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import daachorse
import numpy as np
import pyarrow as pa

from conflict_events.errors import GazetteerError
from conflict_events.geo.keys import fold, fold_name

# Bump when the patterns or entries change shape.
AUTOMATON_VERSION = "2"
# Keys shorter than this, and keys made of digits only, are never matched in texts.
MIN_KEY_LENGTH = 3

ENTRY_SCHEMA = pa.schema([("entry", pa.int64())])


class CompiledNames:
    """An automaton and its entries (one packed int per pattern id)."""

    def __init__(self, automaton: daachorse.DoubleArrayAhoCorasick,
                 entries: Sequence[int], lower_start: int) -> None:
        self.automaton = automaton
        # a tuple of ints is not tracked by the garbage collector: a list of 0.6 M items would
        # be walked at every full collection
        self.entries = tuple(entries)
        # patterns with ids below this may start with a lower-case letter in a text ("al-...",
        # " town of hit "); the others only match where the text has a capital
        self.lower_start = lower_start

    def scan(self, padded: str) -> list[tuple[int, int, int]]:
        """(start, end, pattern id) of every name pattern in `padded` (see find_padded)."""
        return find_padded(self.automaton, padded)


def find_padded(automaton: daachorse.DoubleArrayAhoCorasick,
                padded: str) -> list[tuple[int, int, int]]:
    """(start, end, pattern id) of every pattern of a byte-wise `automaton` (UTF-8 patterns)
    found in `padded`, a padded fold (keys.padded_fold), overlapping ones included, in
    character offsets."""
    data = padded.encode("utf-8", "surrogatepass")
    hits = automaton.find_overlapping(data)
    if len(data) == len(padded) or not hits:
        return hits  # ASCII: byte offsets are character offsets
    return _character_offsets(padded, hits)


def _character_offsets(text: str, hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Hits at UTF-8 byte offsets of `text` moved to its character offsets (a hit of a UTF-8
    pattern starts and ends between characters)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    widths = 1 + (codes >= 0x80).astype(np.int64) + (codes >= 0x800) + (codes >= 0x10000)
    boundaries = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(widths, out=boundaries[1:])
    found = np.array(hits, dtype=np.int64).reshape(-1, 3)
    starts = np.searchsorted(boundaries, found[:, 0]).tolist()
    ends = np.searchsorted(boundaries, found[:, 1]).tolist()
    return list(zip(starts, ends, found[:, 2].tolist(), strict=True))


def rules_fingerprint(common: frozenset[str], cues_after: Sequence[str],
                      cues_before: Sequence[str]) -> str:
    digest = hashlib.sha256(AUTOMATON_VERSION.encode())
    for part in (sorted(common), list(cues_after), list(cues_before)):
        digest.update(json.dumps(part).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _pack(key_id: int, single: bool, offset: int, length: int) -> int:
    return (key_id << 17) | (int(single) << 16) | (min(offset, 255) << 8) | min(length, 255)


def build(keys: Sequence[str], common: frozenset[str], cues_after: Sequence[str],
          cues_before: Sequence[str], lower_starts: frozenset[str]) -> CompiledNames:
    """Compile the sorted unique keys of a gazetteer."""
    lower: list[tuple[str, int]] = []  # patterns whose name may start lower-case
    upper: list[tuple[str, int]] = []
    for key_id, key in enumerate(keys):
        if len(key) < MIN_KEY_LENGTH or key.isdigit() or len(key) > 250:
            continue
        single = " " not in key
        if key in common:
            # Only with a cue: "bay region", "town of hit".
            for cue in cues_after:
                upper.append((f" {key} {cue} ", _pack(key_id, single, 1, len(key))))
            for cue in cues_before:
                lower.append((f" {cue} {key} ", _pack(key_id, single, len(cue) + 2, len(key))))
            continue
        target = lower if key.split(" ", 1)[0] in lower_starts and not single else upper
        target.append((f" {key} ", _pack(key_id, single, 1, len(key))))
    patterns = lower + upper
    if not patterns:
        patterns = [("\x00", _pack(0, True, 0, 0))]
    automaton = daachorse.DoubleArrayAhoCorasick([p.encode() for p, _ in patterns],
                                                 corpus=_profile_corpus())
    return CompiledNames(automaton, [e for _, e in patterns], len(lower))


# Not "automaton-", the name of the character-wise automaton's files: code of before this
# automaton deletes those files only, so the two can share a gazetteer directory without
# compiling their automata again and again.
_PREFIX = "names-automaton-"


def _profile_corpus() -> list[bytes]:
    """Invented news articles (corpus/synthetic.py), folded: daachorse lays out the states
    such prose reaches most often close together, and scans run 10 to 15% faster."""
    from conflict_events.corpus.synthetic import invented_articles

    return [(" " + fold(a.text) + " ").encode("utf-8", "surrogatepass")
            for a in invented_articles(300, seed=2)]


def _files(directory: Path, fingerprint: str) -> tuple[Path, Path, Path]:
    stem = f"{_PREFIX}{fingerprint}"
    return directory / f"{stem}.bin", directory / f"{stem}.arrow", directory / f"{stem}.json"


def save(compiled: CompiledNames, directory: Path, fingerprint: str) -> None:
    """Write the automaton, its entries and their manifest (the manifest last)."""
    from conflict_events.geo.gazetteer import file_digest

    binary, table, manifest = _files(directory, fingerprint)
    # the files of other matching rules, and of the character-wise automaton before them
    for old in (*directory.glob(f"{_PREFIX}*"), *directory.glob("automaton-*")):
        if old not in (binary, table, manifest):
            old.unlink(missing_ok=True)
    manifest.unlink(missing_ok=True)
    pid = os.getpid()
    tmp_bin = binary.with_name(f".{binary.name}.{pid}")
    tmp_bin.write_bytes(compiled.automaton.serialize())
    tmp_table = table.with_name(f".{table.name}.{pid}")
    entries = pa.table({"entry": pa.array(compiled.entries, pa.int64())}, schema=ENTRY_SCHEMA)
    with pa.OSFile(str(tmp_table), "wb") as sink, pa.ipc.new_file(sink, ENTRY_SCHEMA) as writer:
        writer.write_table(entries)
    files = {}
    for tmp, final in ((tmp_bin, binary), (tmp_table, table)):
        files[final.name] = {"size": tmp.stat().st_size, "sha256": file_digest(tmp)}
        tmp.replace(final)
    info = {"version": AUTOMATON_VERSION, "lower_start": compiled.lower_start, "files": files}
    tmp_manifest = manifest.with_name(f".{manifest.name}.{pid}")
    tmp_manifest.write_text(json.dumps(info, indent=1), encoding="utf-8")
    tmp_manifest.replace(manifest)


def load(directory: Path, fingerprint: str) -> CompiledNames:
    """The cached automaton, after checking its files against their manifest; GazetteerError
    when absent, truncated or altered (never hand unchecked bytes to the deserialiser)."""
    from conflict_events.geo.gazetteer import file_digest

    binary, table, manifest = _files(directory, fingerprint)
    try:
        info = json.loads(manifest.read_text(encoding="utf-8"))
        files = info["files"]
        lower_start = int(info["lower_start"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(f"{manifest}: missing or unreadable: {exc}") from exc
    if info.get("version") != AUTOMATON_VERSION or set(files) != {binary.name, table.name}:
        raise GazetteerError(f"{manifest}: written by another version")
    for path in (binary, table):
        expected = files[path.name]
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise GazetteerError(f"{path}: missing: {exc}") from exc
        if size != expected.get("size") or file_digest(path) != expected.get("sha256"):
            raise GazetteerError(f"{path}: differs from what was written (truncated or corrupted)")
    try:
        automaton = daachorse.DoubleArrayAhoCorasick.deserialize(binary.read_bytes())
        with pa.memory_map(str(table), "r") as source:
            column = pa.ipc.open_file(source).read_all().column("entry").combine_chunks()
        entries = np.frombuffer(
            column.buffers()[1], dtype=np.int64, count=len(column), offset=column.offset * 8
        ).tolist()
    except (OSError, ValueError, pa.ArrowInvalid, KeyError) as exc:
        raise GazetteerError(f"{binary}: cannot be loaded: {exc}") from exc
    return CompiledNames(automaton, entries, lower_start)


def cues(area_words: Sequence[str], place_words: Sequence[str]) -> tuple[list[str], list[str]]:
    """The cue words written after a common-word name, and those written before it."""
    after = [fold_name(w) for w in (*area_words, *place_words)]
    before = [fold_name(w) + " of" for w in place_words] + ["outskirts of"]
    return after, before
