"""``handbook new``: start a new article page written by a contributor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from ..common.errors import HandbookError
from ..common.escape import escape_heading
from ..common.files import atomic_write
from ..common.layout import ARTICLES as ARTICLES_DIR
from ..convert.dedupe import make_slug
from ..data.themes import load_taxonomy

SKELETON = """\
Écrivez ici le chapeau : une ou deux phrases qui disent de quoi parle l'article.
Cette première phrase est reprise sur la page du thème.

## Première partie

Votre texte. Un paragraphe par idée ; laissez une ligne vide entre deux paragraphes.

- une liste commence par un tiret ;
- chaque élément sur sa ligne.

## Pour aller plus loin

Citez vos sources : titre, auteur, date et lien.
"""


def create_page(
    root: Path, title: str, theme: str, authors: list[str], today: dt.date | None = None
) -> Path:
    title = title.strip()
    if not title:
        raise HandbookError("le titre est vide : donnez un titre entre guillemets.")
    themes = {t.id: t.title for t in load_taxonomy(root)}
    if theme not in themes:
        valid = "\n".join(f"  {tid} : {name}" for tid, name in themes.items())
        raise HandbookError(f"thème inconnu « {theme} ». Thèmes valides :\n{valid}")
    slug = make_slug(title)
    relative = ARTICLES_DIR / f"{slug}.md"
    path = root / relative
    if path.exists():
        raise HandbookError(
            f"{relative.as_posix()} : une page porte déjà ce nom (slug « {slug} »). "
            "Choisissez un autre titre ou modifiez la page existante."
        )
    meta = {
        "title": title,
        "slug": slug,
        "theme": theme,
        "date": (today or dt.date.today()).isoformat(),
        "authors": authors,
        "sources": [],
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**9)
    text = f"---\n{front}---\n\n# {escape_heading(title)}\n\n{SKELETON}"
    atomic_write(path, text.encode("utf-8"), relative.as_posix())
    return relative
