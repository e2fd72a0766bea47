"""Text normalisation shared by the converter, the data loaders and the site.

The one home of folding (case, accents, quotes), comparison keys and French
stems. Three folds exist because three consumers need different guarantees,
and all of them are written here, side by side:

* :func:`fold` / :func:`compare_key`: whole strings, lower-cased, for "is this
  the same line?" and for stemming (converter, classifier);
* :func:`fold_char` and the word keys built on it: character by character, so
  that a match in folded text maps back to the original offsets (glossary
  links);
* :func:`fold_accents`: case kept, ligatures expanded, mirrored by the search
  page's JavaScript (``site/static/handbook-search.js``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("french")

SPACES = " \t\u00a0\u202f\u2007"


def clean(text: str) -> str:
    """Strip ordinary and non-breaking spaces at both ends."""
    return text.strip(SPACES)


_WORD = re.compile(r"[\w'’-]+")
_STEM_WORD = re.compile(r"[a-z0-9]{3,}")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


class _FoldTable(dict):
    """``str.translate`` table of :func:`fold`: combining marks deleted, quotes unified.

    Filled lazily, one entry per character met: a translation then costs a
    dictionary lookup per character instead of a Python call.
    """

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


class _KeyTable(dict):
    """``str.translate`` table of :func:`compare_key`: combining marks deleted,
    every other character that is not a word character (``\\w``) made a space."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        if unicodedata.combining(char):
            value: int | None = None
        elif char.isalnum() or char == "_":  # exactly what \w matches
            value = code
        else:
            value = 32
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable({ord(c): "'" for c in "’‘`´"} | {ord(c): '"' for c in '«»“”„"'})
_KEY_TABLE = _KeyTable()


def fold(text: str) -> str:
    """Lower-case, accents removed, typographic quotes and spaces unified."""
    text = unicodedata.normalize("NFKD", text.lower()).translate(_FOLD_TABLE)
    # same as re.sub(r"\s+", " ", text).strip(): \s and str.split agree on whitespace
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def compare_key(text: str) -> str:
    """Key for 'is this the same line?' comparisons: folded, no punctuation.

    The words (runs of ``\\w``) of :func:`fold`'s result, one space apart,
    computed in a single pass over the text.
    """
    return " ".join(unicodedata.normalize("NFKD", text.lower()).translate(_KEY_TABLE).split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def stems(text: str) -> list[str]:
    """Accent-folded French stems of the words of ``text`` (3 letters or more)."""
    return key_stems(compare_key(text))


def key_stems(key: str) -> list[str]:
    """:func:`stems` of a text already reduced by :func:`compare_key`."""
    return [stem(w) for w in _STEM_WORD.findall(key)]


# --------------------------------------------------------------------------
# character-level fold (glossary terms and links)
# --------------------------------------------------------------------------

_LETTERS = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})


def fold_char(ch: str) -> str:
    """One character lower-cased, accents removed, quotes unified (may be ``""``)."""
    if ch.isascii():
        return ch.lower()
    text = unicodedata.normalize("NFKD", ch.lower())
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_QUOTES)


def word_key(word: str) -> str:
    """A folded word without a final plural ``s``/``x`` (``réseaux`` -> ``reseau``)."""
    if len(word) > 2 and word[-1] in "sx":
        return word[:-1]
    return word


def word_keys(text: str) -> tuple[str, ...]:
    """The word keys of ``text``: folded words, plural mark removed."""
    folded = "".join(fold_char(c) for c in text)
    return tuple(word_key(w) for w in _LETTERS.findall(folded))


def term_key(text: str) -> str:
    """Comparison key of a term: case, accents and plural marks ignored."""
    return " ".join(word_keys(text))


def fold_term(text: str) -> str:
    """Case- and accent-insensitive form of a term (spaces normalised)."""
    return " ".join("".join(fold_char(c) for c in text).split())


# --------------------------------------------------------------------------
# accent fold of the search index (case kept)
# --------------------------------------------------------------------------

#: Ligatures that Unicode does not decompose (NFD keeps ``œ`` as one letter).
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


@lru_cache(maxsize=1 << 17)
def fold_accents(text: str) -> str:
    """``text`` without accents or ligatures (``Œuvre données`` -> ``OEuvre donnees``).

    Case is kept.  Mirrored by ``fold`` in ``site/static/handbook-search.js``:
    keep both identical.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped)
