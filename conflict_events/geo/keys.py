"""Match keys for place names.

Two kinds of key:

- the *folded* form (`fold`, `name_keys`): lower-case ASCII, diacritics stripped, every
  character that is not a letter or digit turned into a space. Folding maps one character to one
  character, so offsets in a folded text are offsets in the original text; this is what the
  Aho-Corasick matcher runs on.
- the *loose* key (`loose_key`): a transliteration-tolerant skeleton for names written from Arabic,
  Somali, Pashto and similar scripts: Arabic articles dropped, then per word the first letter plus
  its consonants, with q/k, doubled letters and digraphs such as dh/th collapsed. Hardatneen,
  Hardatnin and Ḩardatnīn share a loose key. It is used for look-ups of candidate names the exact
  pass missed, never to scan whole texts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt

from conflict_events.folding import fold_by_runs

# Arabic definite articles written as separate words (al-Hasakah, Deir ez-Zor, Ras al Ain).
ARABIC_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et", "ez", "en",
     "ul", "il", "ud"}
)

# Characters that mark ayn/hamza or an elision; removed from names, spaces in texts.
_APOSTROPHES = "'`´‘’ʼʻʾʿ′ʹ"

_SPECIAL = {
    "ß": "s",
    "æ": "a",
    "Æ": "a",
    "œ": "o",
    "Œ": "o",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "ł": "l",
    "Ł": "l",
    "ı": "i",
    "İ": "i",
    "þ": "t",
    "Þ": "t",
    "ħ": "h",
    "Ħ": "h",
}


def _fold_char(char: str) -> str:
    """One character -> one lower-case ASCII letter/digit, or a space."""
    if char in _SPECIAL:
        return _SPECIAL[char]
    if char.isascii():
        return char.lower() if char.isalnum() else " "
    base = unicodedata.normalize("NFKD", char)
    letters = [c for c in base if c.isascii() and c.isalnum()]
    if len(letters) == 1:
        return letters[0].lower()
    return " "


@cache
def _ascii_table() -> bytes:
    return bytes(
        ord(_fold_char(chr(i))) if i < 128 else ord(" ") for i in range(256)
    )


@cache
def _unicode_table() -> dict[int, str]:
    # Latin blocks (incl. Extended Additional, where Ḩ and ī live) and the modifier letters that
    # transliterations use for ayn and hamza. Other scripts become spaces: no key contains them.
    table: dict[int, str] = {}
    for block in ((0, 0x250), (0x2B0, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070)):
        for code in range(*block):
            table[code] = _fold_char(chr(code))
    return table


@cache
def _code_table() -> npt.NDArray[np.uint32]:
    """_unicode_table as an array indexed by code point, up to its last entry."""
    table = np.arange(max(_unicode_table()) + 1, dtype=np.uint32)
    for code, folded in _unicode_table().items():
        table[code] = ord(folded)
    return table


# From this length on, a text that is not all ASCII is folded through _code_table with numpy:
# finding its non-ASCII runs (curly quotes, dashes) with a regex costs more than that.
_WIDE_FOLD_LENGTH = 2000


def _fold_codes(text: str) -> str:
    try:
        encoded = text.encode("utf-32-le")
    except UnicodeEncodeError:  # a lone surrogate, kept as it is
        encoded = text.encode("utf-32-le", "surrogatepass")
    codes = np.frombuffer(encoded, dtype=np.uint32)
    table = _code_table()
    folded = table.take(codes, mode="clip")
    beyond = codes >= len(table)
    if beyond.any():
        folded[beyond] = codes[beyond]
    return folded.tobytes().decode("utf-32-le", "surrogatepass")


def fold(text: str) -> str:
    """Fold `text` one character for one: len(fold(t)) == len(t). Latin letters lose case and
    diacritics; other characters of the Latin blocks become spaces; other scripts are kept
    (no key contains them)."""
    if len(text) >= _WIDE_FOLD_LENGTH and not text.isascii():
        return _fold_codes(text)
    # bytes.translate for the ASCII stretches, the per-character table for the rest only
    ascii_table = _ascii_table()
    return fold_by_runs(
        text,
        lambda part: part.encode("ascii").translate(ascii_table).decode("ascii"),
        lambda run: run.translate(_unicode_table()),
    )


@lru_cache(maxsize=2)
def padded_fold(text: str) -> str:
    """" " + fold(text) + " ", the form the name automata scan (a key padded with spaces
    matches whole words only). The geocoder scans one text for place names and for country
    names: the last texts are kept so that it is folded once."""
    return " " + fold(text) + " "


def _squash(text: str) -> str:
    return " ".join(text.split())


def fold_name(name: str) -> str:
    """Folded key of a name, apostrophes removed and spaces collapsed: "Dar'a" -> "dara"."""
    for mark in _APOSTROPHES:
        name = name.replace(mark, "")
    return _squash(fold(name))


def name_keys(name: str, *, drop_articles: bool = False) -> set[str]:
    """The folded keys under which a name is matched in texts.

    Apostrophes are both removed and spaced ("Dar'a" -> "dara", "dar a"), since texts fold them
    to spaces. With drop_articles, a leading Arabic article is also dropped ("Al Hasakah" ->
    "hasakah") when what remains is a real name."""
    keys = {fold_name(name), _squash(fold(name))}
    if drop_articles:
        for key in list(keys):
            words = key.split(" ")
            if len(words) >= 2 and words[0] in ARABIC_ARTICLES and len(words[1]) >= 4:
                keys.add(" ".join(words[1:]))
    return {k for k in keys if k}


_DIGRAPHS = (("dh", "d"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ph", "f"),
             ("ch", "c"), ("q", "k"), ("j", "g"), ("z", "s"))
_DOUBLED = re.compile(r"(.)\1+")


_ASSIMILATED_ARTICLE = re.compile(r"^[ae]([tdrzsln])\1(?=\w{2})")


def _loose_word(word: str) -> str:
    # an article assimilated and written together with the name: Ezzor, Arraqqa, Assweida
    word = _ASSIMILATED_ARTICLE.sub(r"\1", word)
    # a final -ah/-eh is written with or without the h: Raqqah/Raqqa, Hasakeh/Hasaka
    if len(word) > 3 and word[-1] == "h" and word[-2] in "aeiou":
        word = word[:-1]
    for src, dst in _DIGRAPHS:
        word = word.replace(src, dst)
    word = _DOUBLED.sub(r"\1", word)
    if not word:
        return ""
    rest = "".join(c for c in word[1:] if c not in "aeiouyw")
    return _DOUBLED.sub(r"\1", word[0] + rest)


def loose_key(name: str) -> str:
    """Transliteration-tolerant key: "Al-Hasakeh", "Al Hasakah" and "Hasaka" -> "hsk"."""
    words = [w for w in fold_name(name).split(" ") if w and w not in ARABIC_ARTICLES]
    return " ".join(_loose_word(w) for w in words)


def eval_key(name: str) -> str:
    """The spelling-tolerant comparison key of the evaluation protocol (no aliasing): per word
    the first letter plus its consonants, Arabic articles dropped, doubled letters collapsed."""
    words = [w for w in fold_name(name).split(" ") if w and w not in ARABIC_ARTICLES]
    out = []
    for word in words:
        rest = "".join(c for c in word[1:] if c not in "aeiouyw")
        out.append(_DOUBLED.sub(r"\1", word[0] + rest))
    return "".join(out)


def ascii_name(name: str) -> str:
    """A name without diacritics, case kept: "San Luis Potosí" -> "San Luis Potosi"."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("ʿ", "'").replace("ʾ", "'")
