"""Stage 8, write: put the rendered pages on disk, safely.

* A page whose bytes would not change is not touched (its mtime is kept).
* A page edited by hand (its fingerprint no longer matches its content) is
  protected: it is left alone unless ``--force`` is given.
* Each file is written atomically (temporary file + rename).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..common.files import atomic_write
from ..common.frontmatter import is_hand_edited
from ..common.layout import DROPPED_REPORT


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{len(self.created)} créée(s), {len(self.updated)} mise(s) à jour, "
            f"{len(self.unchanged)} inchangée(s), {len(self.protected)} protégée(s)."
        ]
        for path in self.protected:
            lines.append(
                f"  protégée : {path} a été modifiée à la main ; elle n'est pas écrasée "
                "(relancez avec --force pour la remplacer)."
            )
        for title in self.ignored:
            lines.append(f"  ignoré (corrections) : {title}")
        return "\n".join(lines)


def write_page(path: Path, relative: str, text: str, report: ImportReport, *, force: bool) -> None:
    data = text.encode("utf-8")
    if path.exists():
        current = path.read_bytes()
        if current == data:
            report.unchanged.append(relative)
            return
        generated = relative != DROPPED_REPORT.as_posix()
        if generated and not force and is_hand_edited(current.decode("utf-8", errors="replace")):
            report.protected.append(relative)
            return
        atomic_write(path, data, relative)
        report.updated.append(relative)
    else:
        atomic_write(path, data, relative)
        report.created.append(relative)
