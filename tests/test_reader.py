"""Bad and unusual input files: a correct read or a French error naming the file."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from handbook.common.errors import InputError
from handbook.convert.read import read_source

TEXT = (
    "Un titre d’article\n\nÉtudiants, élus et habitants : « communication publique » à l’œuvre.\n"
)


def _read(path: Path, **kw):
    return read_source(path, root=path.parent, **kw)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.replace("’", "'").replace("œ", "oe").encode("latin-1"), None),
        (TEXT.encode("cp1252"), None),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "latin1", "cp1252", "utf16-bom"],
)
def test_encodings_are_decoded(tmp_path: Path, data: bytes, encoding: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    source = _read(path)
    assert "Étudiants, élus et habitants" in source.lines[2].text
    assert source.lines[0].text.startswith("Un titre d")
    if encoding:
        assert source.encoding == encoding


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    assert [line.text for line in _read(path).lines] == TEXT.rstrip("\n").split("\n")


def test_nbsp_only_line_is_blank_and_text_is_nfc(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Titre\n\u00a0\nE\u0301te\u0301\u00a0: oui\n", encoding="utf-8")
    lines = _read(path).lines
    assert lines[1].blank
    assert lines[2].text == "Été\u00a0: oui"


def _error(path: Path, **kw) -> str:
    with pytest.raises(InputError) as info:
        _read(path, **kw)
    message = str(info.value)
    assert message.startswith(path.name) or path.name in message
    return message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "vide.txt"
    path.write_bytes(b"")
    assert "vide" in _error(path)


def test_whitespace_only(tmp_path: Path) -> None:
    path = tmp_path / "blanc.txt"
    path.write_text(" \n\u00a0\n\t\n", encoding="utf-8")
    assert "espaces" in _error(path)


def test_binary_and_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binaire" in _error(path)
    path.write_bytes(b"Du texte\x00avec un octet nul\n")
    assert "binaire" in _error(path)


def test_invalid_utf8_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "abime.txt"
    path.write_bytes(
        ("Début éé\n" * 50).encode("utf-8") + b"milieu \xff\xfe cass\xc3\n" + "fin é\n".encode()
    )
    message = _error(path)
    assert "UTF-8 invalide à la ligne 51" in message


def test_too_big(tmp_path: Path) -> None:
    path = tmp_path / "enorme.txt"
    with path.open("wb") as handle:  # a sparse 100 MB file: nothing is read before refusing
        handle.truncate(100 * 1024 * 1024)
    assert "trop volumineux" in _error(path)
    small = tmp_path / "petit.txt"
    small.write_text(TEXT * 10, encoding="utf-8")
    assert "trop volumineux" in _error(small, max_bytes=100)


def test_directory_missing_loop_and_permission(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "dossier.txt"
    folder.mkdir()
    assert "dossier" in _error(folder)
    assert "introuvable" in _error(tmp_path / "absent.txt")
    loop = tmp_path / "boucle.txt"
    os.symlink(loop, loop)
    assert "boucle" in _error(loop)
    locked = tmp_path / "prive.txt"
    locked.write_text(TEXT, encoding="utf-8")

    def refuse(self, *args, **kwargs):  # tests run as root: simulate the permission error
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert "permissions" in _error(locked)


def test_cli_reports_bad_file_in_french_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "vide.txt"
    path.write_bytes(b"")
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "handbook.cli", "list", str(path)],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "vide.txt" in result.stderr and "fichier vide" in result.stderr
