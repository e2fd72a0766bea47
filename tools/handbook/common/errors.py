"""User-facing errors of the converter, in French, in one place.

Every error names the file it is about. The CLI prints ``str(error)`` and
exits with a non-zero code; no traceback reaches the user.
"""

from __future__ import annotations


class HandbookError(Exception):
    """An error the user can act on (bad input, bad configuration…)."""

    exit_code = 2


class InputError(HandbookError):
    """A source file that cannot be read as a text dump."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path} : {message}")


class ConfigError(HandbookError):
    """An instructor-editable data file (YAML) that is invalid."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where} : {message}")


class WriteError(HandbookError):
    """A page that could not be written (disk full, permissions…)."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path} : {message}")


class LockedError(HandbookError):
    """Another import is running on the same handbook."""

    exit_code = 3


# Messages for InputError, kept together so a reviewer can read them at once.
MSG_NOT_FOUND = "fichier introuvable."
MSG_IS_DIR = "c'est un dossier, pas un fichier texte (donnez les fichiers *.txt qu'il contient)."
MSG_PERMISSION = "lecture refusée (permissions insuffisantes)."
MSG_LOOP = "lien symbolique en boucle : le fichier ne peut pas être atteint."
MSG_OS = "lecture impossible ({detail})."
MSG_EMPTY = "fichier vide : aucun article à importer."
MSG_BLANK = "le fichier ne contient que des espaces ou des lignes vides : aucun article à importer."
MSG_TOO_BIG = (
    "fichier trop volumineux ({size} Mo, limite {limit} Mo). Découpez-le en plusieurs fichiers "
    "ou augmentez la limite avec --max-size."
)
MSG_BINARY = (
    "ce fichier semble binaire (octets nuls ou caractères de contrôle), pas un texte. "
    "Exportez l'article en texte brut (.txt)."
)
MSG_BAD_UTF8 = (
    "texte UTF-8 invalide à la ligne {line} (octet {byte}). Le fichier est probablement abîmé : "
    "réenregistrez-le en UTF-8."
)
MSG_UNKNOWN_ENCODING = "encodage des caractères non reconnu. Réenregistrez le fichier en UTF-8."
