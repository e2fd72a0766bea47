"""Stage 11, write: put the rendered pages on disk, safely.

* A page whose bytes would not change is not touched (its mtime is kept).
* A page edited by hand (its fingerprint no longer matches its content) is
  protected: it is left alone unless ``--force`` is given.
* Each file is written atomically (temporary file + rename).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..common.errors import WriteError
from ..common.files import atomic_write
from ..common.frontmatter import is_hand_edited
from ..common.layout import REPORT_PAGES


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    #: nothing was written: the report says what an import would do
    dry_run: bool = False
    #: how many doubtful decisions ``handbook review`` lists
    to_review: int = 0
    #: entries of sources/corrections.yaml that match no line (French, one per entry)
    stale_corrections: list[str] = field(default_factory=list)

    @property
    def stale(self) -> list[str]:
        """Pages an import would create, change or delete."""
        return sorted([*self.created, *self.updated, *self.deleted])

    def summary(self) -> str:
        lines = [
            f"{len(self.created)} créée(s), {len(self.updated)} mise(s) à jour, "
            f"{len(self.deleted)} supprimée(s), "
            f"{len(self.unchanged)} inchangée(s), {len(self.protected)} protégée(s)."
        ]
        for path in self.deleted:
            lines.append(f"  supprimée : {path} (son article n'est plus dans les sources)")
        for path in self.protected:
            lines.append(
                f"  protégée : {path} a été modifiée à la main ; elle n'est pas écrasée "
                "(relancez avec --force pour la remplacer)."
            )
        for title in self.ignored:
            lines.append(f"  ignoré (corrections) : {title}")
        for message in self.stale_corrections:
            lines.append(f"  correction sans effet : {message}")
        if self.to_review:
            lines.append(
                f"{self.to_review} décision(s) à relire : lancez « make review » "
                "(ou « handbook review ») pour les voir, avec la correction à coller."
            )
        else:
            lines.append("Aucune décision à relire.")
        return "\n".join(lines)


def check_summary(report: ImportReport) -> str:
    """``handbook import --check``: what an import would change, in French."""
    lines = []
    verbs = (
        ("créer", report.created),
        ("mettre à jour", report.updated),
        ("supprimer", report.deleted),
    )
    for verb, paths in verbs:
        lines += [f"{path} : page périmée, l'import va la {verb}." for path in paths]
    for path in report.protected:
        lines.append(
            f"{path} : modifiée à la main, l'import la laisse telle quelle "
            "(protégée ; « handbook import --force » la remplacerait)."
        )
    if report.stale:
        lines.append(
            f"{len(report.stale)} page(s) ne correspondent plus aux sources, aux corrections "
            "ou au convertisseur. Lancez « make import » (ou « handbook import »), puis "
            "committez docs/ avec votre modification."
        )
    else:
        lines.append("Les pages sont à jour : un import ne changerait rien.")
    return "\n".join(lines)


def delete_page(path: Path, relative: str, report: ImportReport) -> None:
    """Remove a generated page whose article left the sources (never a hand-edited one)."""
    if not report.dry_run:
        try:
            path.unlink()
        except OSError as exc:
            raise WriteError(relative, f"suppression impossible ({exc.strerror or exc}).") from None
    report.deleted.append(relative)


def write_page(path: Path, relative: str, text: str, report: ImportReport, *, force: bool) -> None:
    data = text.encode("utf-8")
    if path.exists():
        current = path.read_bytes()
        if current == data:
            report.unchanged.append(relative)
            return
        generated = relative not in {page.as_posix() for page in REPORT_PAGES}
        if generated and not force and is_hand_edited(current.decode("utf-8", errors="replace")):
            report.protected.append(relative)
            return
        if not report.dry_run:
            atomic_write(path, data, relative)
        report.updated.append(relative)
    else:
        if not report.dry_run:
            atomic_write(path, data, relative)
        report.created.append(relative)
