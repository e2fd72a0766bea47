"""Stage 1, read: bytes on disk -> decoded, normalised lines.

* UTF-8 (with or without BOM) is tried first; UTF-16 is accepted when it
  carries a BOM; anything else is detected with charset-normalizer
  (cp1252, latin-1…).
* Line ends (CRLF, CR, LF) are unified, text is normalised to NFC, and C0/C1
  control characters other than tab are removed (they carry no meaning in
  an article and would break the HTML/EPUB output).
* Bad input raises :class:`~handbook.common.errors.InputError` with a French
  message naming the file: missing path, directory, unreadable file,
  symlink loop, empty or blank file, binary content, broken UTF-8, a file
  larger than the size limit (``DEFAULT_MAX_BYTES``, 20 MB by default: the
  largest real dump is 60 kB, so 20 MB is several years of a whole blog).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from ..common import errors
from ..common.layout import display as display_path
from .model import Line, SourceText

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def read_source(
    path: Path, *, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceText:
    """Read and decode one dump, or raise InputError."""
    shown = display_path(path, root)
    data = _read_bytes(path, shown, max_bytes)
    text, encoding = decode_bytes(data, shown)
    return SourceText(path=shown, encoding=encoding, lines=split_lines(text))


def _read_bytes(path: Path, shown: str, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise errors.InputError(shown, errors.MSG_IS_DIR)
        size = path.stat().st_size
        if size > max_bytes:
            raise errors.InputError(
                shown,
                errors.MSG_TOO_BIG.format(
                    size=round(size / 1_000_000, 1), limit=round(max_bytes / 1_000_000, 1)
                ),
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except errors.InputError:
        raise
    except FileNotFoundError:
        raise errors.InputError(shown, errors.MSG_NOT_FOUND) from None
    except IsADirectoryError:
        raise errors.InputError(shown, errors.MSG_IS_DIR) from None
    except PermissionError:
        raise errors.InputError(shown, errors.MSG_PERMISSION) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise errors.InputError(shown, errors.MSG_LOOP) from None
        detail = os.strerror(exc.errno) if exc.errno else str(exc)
        raise errors.InputError(shown, errors.MSG_OS.format(detail=detail)) from None
    if len(data) > max_bytes:  # grew while we were reading it
        raise errors.InputError(
            shown,
            errors.MSG_TOO_BIG.format(
                size=round(len(data) / 1_000_000, 1), limit=round(max_bytes / 1_000_000, 1)
            ),
        )
    if not data:
        raise errors.InputError(shown, errors.MSG_EMPTY)
    return data


def decode_bytes(data: bytes, shown: str) -> tuple[str, str]:
    """Decode ``data`` to NFC text; return (text, encoding name)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise errors.InputError(shown, errors.MSG_UNKNOWN_ENCODING) from None
    elif b"\x00" in data:
        raise errors.InputError(shown, errors.MSG_BINARY)
    else:
        try:
            text = data.decode("utf-8-sig")
            encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
        except UnicodeDecodeError as exc:
            if _looks_like_broken_utf8(data):
                line = data.count(b"\n", 0, exc.start) + 1
                raise errors.InputError(
                    shown, errors.MSG_BAD_UTF8.format(line=line, byte=exc.start)
                ) from None
            best = from_bytes(data).best()
            if best is None or best.encoding is None:
                raise errors.InputError(shown, errors.MSG_UNKNOWN_ENCODING) from None
            text, encoding = str(best), best.encoding
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(8, len(text) // 100):
        raise errors.InputError(shown, errors.MSG_BINARY)
    text = _CONTROL.sub("", text)
    if not text.strip(" \t\r\n\u00a0\u202f\ufeff"):
        raise errors.InputError(shown, errors.MSG_BLANK)
    return text, encoding


def _looks_like_broken_utf8(data: bytes) -> bool:
    """True when the bytes are mostly valid UTF-8 with a few bad sequences.

    A cp1252 or latin-1 file has almost no valid multi-byte UTF-8
    sequences; a damaged UTF-8 file has many valid ones and a few broken.
    Guessing a legacy encoding for the latter would turn every accented
    letter into mojibake, so we refuse it instead.
    """
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good_multibyte = sum(1 for char in decoded if ord(char) > 0x7F and char != "\ufffd")
    return good_multibyte >= 2 * bad


def split_lines(text: str) -> tuple[Line, ...]:
    """Split on any line end; a final line end does not add an empty line."""
    parts = _NEWLINES.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return tuple(Line(number, part.rstrip("\n")) for number, part in enumerate(parts, 1))
