"""Generated pages that are not about themes: « Contribuer » and « Crédits et droits ».

* ``docs/contribuer.md`` is CONTRIBUTING.md (file insertion is disabled for
  content, so the text is copied at build time); links to other files of the
  repository become links to the repository on GitHub.
* ``docs/credits.md`` lists every source dump with its articles, authors and
  dates, from the provenance in the pages' front matter, with the statement
  of rights and the way for an author to ask for a correction or removal.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ..common.errors import HandbookError
from ..common.layout import PROFILES_FILE, SOURCES
from ..data.profiles import load_profiles
from .manifest import Manifest
from .pages import GENERATED_MARKER, _doc_link, inline

CONTRIBUTING_DOC = "contribuer"
CREDITS_DOC = "credits"
_LINK = re.compile(r"\]\((?!https?://|#|mailto:)([^)\s]+)\)")


def contributing_page(text: str, repository_url: str) -> str:
    """CONTRIBUTING.md as a handbook page; repository-relative links go to GitHub."""
    body = _LINK.sub(lambda m: f"]({repository_url}/blob/main/{m.group(1)})", text)
    header = (
        f"{GENERATED_MARKER} à chaque construction du manuel : ne la modifiez pas, "
        "modifiez CONTRIBUTING.md."
    )
    return f"{header}\n\n{body.rstrip()}\n"


def credits_page(
    manifest: Manifest, sites: dict[str, str], contact: str, repository_url: str
) -> str:
    by_file: dict[str, list] = defaultdict(list)
    for article in manifest.articles.values():
        for file, first, last in article.sources:
            by_file[file].append((article, first, last))
    lines = [
        f"{GENERATED_MARKER} à chaque construction du manuel : ne la modifiez pas, "
        "elle est tirée de la provenance des articles.",
        "",
        "# Crédits et droits",
        "",
        "Les articles de ce manuel restent la propriété de leurs auteurs et autrices, "
        "et des sites qui les ont publiés. Ils sont repris ici, sans modification de leur "
        "texte, pour l'enseignement de la licence professionnelle « Communication publique "
        "& outils numériques », avec l'indication de leur provenance. Le code de l'outil "
        "qui construit le manuel est sous licence MIT.",
        "",
        "## Demander une correction ou un retrait",
        "",
        "Vous êtes l'auteur ou l'autrice d'un texte et souhaitez qu'il soit corrigé, "
        "que son crédit soit complété ou qu'il soit retiré du manuel : "
        f"[ouvrez une demande]({repository_url}/issues/new?template=demande-d-un-auteur.yml) "
        f"ou écrivez à {inline(contact)}. Nous répondons sous quinze jours.",
        "",
        "## Sources des articles",
    ]
    for file in sorted(by_file):
        name = Path(file).name
        site = sites.get(file)
        lines += ["", f"### {inline(site + ' (' + name + ')' if site else name)}", ""]
        for article, first, last in sorted(by_file[file], key=lambda item: item[1]):
            details = []
            if article.authors:
                details.append(", ".join(article.authors))
            if article.date:
                details.append(article.date.isoformat())
            details.append(f"lignes {first}–{last}")
            link = _doc_link(article.title, CREDITS_DOC, article.docname)
            lines.append(f"- {link} — {inline(' ; '.join(details))}")
    return "\n".join(lines) + "\n"


def site_names(root: Path, data_dir: Path) -> dict[str, str]:
    """Source file (repository-relative) -> name of the matching source profile."""
    names: dict[str, str] = {}
    try:
        profiles = load_profiles(data_dir / PROFILES_FILE.name)
    except (HandbookError, OSError):  # reported by `handbook check`
        return names
    for path in sorted((root / SOURCES).rglob("*.txt")):
        try:
            lines = path.read_text("utf-8", errors="replace").splitlines()
        except OSError:
            continue
        _rules, ids = profiles.chrome_for(lines)
        matching = [p.name for p in profiles.profiles if p.id in ids]
        if matching:
            names[path.relative_to(root).as_posix()] = matching[0]
    return names
