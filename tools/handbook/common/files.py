"""Writing files safely: atomically, and only when their content changes.

A reader (Sphinx, a person, a second import) never sees a half-written file:
data goes to a temporary file in the same folder, then replaces the target
with one rename. An unchanged file is not rewritten, so its modification
time (which drives Sphinx's incremental build) stays as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import WriteError

__all__ = ["atomic_write", "write_if_changed"]


def atomic_write(path: Path, data: bytes, relative: str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            message = "disque plein : la page n'a pas été écrite (l'ancienne version est intacte)."
        elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            message = "écriture refusée (permissions ou disque en lecture seule)."
        else:
            message = f"écriture impossible ({os.strerror(exc.errno) if exc.errno else exc})."
        raise WriteError(relative, message) from None


def write_if_changed(path: Path, text: str, relative: str | None = None) -> bool:
    """Write ``text`` (UTF-8) to ``path`` unless it already holds exactly that.

    Returns whether the file was written; errors are :class:`WriteError`
    naming ``relative`` (default: ``path``).
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(path, data, relative or path.as_posix())
    return True
