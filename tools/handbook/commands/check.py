"""``handbook check``: validate what a contributor can touch, report every problem.

Each problem is one French line ``chemin:ligne: message (règle)``; with
``--format github`` it is a GitHub Actions annotation, so problems show on
the pull request's diff. All problems are reported in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema
import yaml

from ..common.errors import HandbookError
from ..common.frontmatter import key_lines, read_front_matter
from ..common.layout import CORRECTIONS_FILE
from ..convert.pipeline import stale_problem
from ..data.yamlfile import french_schema_message, load_schema

if TYPE_CHECKING:
    from ..convert.model import Analysis

ARTICLES = Path("docs/articles")
FORBIDDEN = re.compile(
    r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{(?P<name>raw|include|literalinclude|eval-rst|csv-table|"
    r"raw:html)\}|^\s*\.\.\s+(?P<rst>raw|include|literalinclude)::|"
    r"\{(?P<role>eval-rst|raw)\}`",
)
FILE_OPTION = re.compile(r"^\s*:(?:file|url):")
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
IMAGE_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\s*\{(?:image|figure)\}\s*(?P<src>\S+)")
HTML_TAG = re.compile(r"<(?:script|iframe|object|embed|style|img|a)\b", re.I)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    rule: str

    def format(self, style: str = "text") -> str:
        if style == "github":
            message = self.message.replace("%", "%25").replace("\n", "%0A")
            return f"::error file={self.path},line={self.line},title={self.rule}::{message}"
        return f"{self.path}:{self.line}: {self.message} ({self.rule})"


def check_page(path: Path, shown: str, theme_ids: set[str]) -> tuple[list[Problem], str | None]:
    problems: list[Problem] = []
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        return [Problem(shown, 1, "la page n'est pas en UTF-8.", "encodage")], None
    if not text.startswith("---\n"):
        return [
            Problem(shown, 1, "l'en-tête YAML (entre deux lignes ---) manque.", "front-matter")
        ], None
    try:
        meta, body, body_line = read_front_matter(text)
    except ValueError:
        return [
            Problem(shown, 1, "l'en-tête YAML n'est pas fermé par une ligne ---.", "front-matter")
        ], None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "syntaxe incorrecte"
        return [Problem(shown, line, f"en-tête YAML invalide : {problem}.", "front-matter")], None
    if not isinstance(meta, dict):
        return [
            Problem(shown, 1, "l'en-tête YAML doit être un dictionnaire de champs.", "front-matter")
        ], None
    keys = key_lines(text)
    validator = jsonschema.Draft202012Validator(load_schema("page"))
    for error in sorted(validator.iter_errors(meta), key=lambda e: list(map(str, e.path))):
        field = str(error.absolute_path[0]) if error.absolute_path else ""
        where = "/".join(map(str, error.absolute_path)) or "en-tête"
        problems.append(
            Problem(
                shown,
                keys.get(field, 1),
                f"champ « {where} » : {french_schema_message(error)}",
                "schema",
            )
        )
    slug = meta.get("slug")
    if isinstance(slug, str) and slug != path.stem:
        problems.append(
            Problem(
                shown,
                keys.get("slug", 1),
                f"le slug « {slug} » doit être égal au nom du fichier « {path.stem} ».",
                "slug",
            )
        )
    for key, what in (("theme", "thème"), ("also_theme", "thème « À lire aussi »")):
        theme = meta.get(key)
        if isinstance(theme, str) and theme and theme not in theme_ids:
            problems.append(
                Problem(
                    shown,
                    keys.get(key, 1),
                    f"{what} inconnu « {theme} ». Thèmes valides : {', '.join(sorted(theme_ids))}.",
                    "theme",
                )
            )
    body_lines = body.split("\n")
    for offset, line in enumerate(body_lines):
        number = body_line + offset
        match = FORBIDDEN.search(line)
        if match:
            name = match["name"] or match["rst"] or match["role"]
            problems.append(
                Problem(
                    shown,
                    number,
                    f"directive ou rôle « {name} » interdit dans une page de contenu "
                    "(insertion de fichier ou de HTML).",
                    "directive-interdite",
                )
            )
        if FILE_OPTION.match(line):
            problems.append(
                Problem(
                    shown,
                    number,
                    "option « :file: » ou « :url: » interdite : elle insère le "
                    "contenu d'un fichier dans la page.",
                    "directive-interdite",
                )
            )
        if HTML_TAG.search(line):
            problems.append(
                Problem(
                    shown,
                    number,
                    "balise HTML dans la page : elle serait affichée comme du "
                    "texte. Utilisez la syntaxe Markdown (liens, images).",
                    "html",
                )
            )
        for image in MD_IMAGE.finditer(line):
            problems.extend(_image_problems(path, shown, number, image["src"], image["alt"]))
        directive = IMAGE_DIRECTIVE.match(line)
        if directive:
            options = []
            for following in body_lines[offset + 1 :]:
                if not following.strip().startswith(":"):
                    break
                options.append(following.strip())
            alt = next((o.split(":", 2)[2].strip() for o in options if o.startswith(":alt:")), "")
            problems.extend(_image_problems(path, shown, number, directive["src"], alt))
    return problems, slug if isinstance(slug, str) else None


def _image_problems(page: Path, shown: str, number: int, src: str, alt: str) -> list[Problem]:
    problems = []
    if src.startswith(("http://", "https://", "data:", "javascript:")):
        problems.append(
            Problem(
                shown,
                number,
                f"image externe « {src} » : ajoutez le fichier au "
                "dépôt (dossier docs/images/) et donnez son chemin.",
                "image",
            )
        )
    elif not (page.parent / src).resolve().is_file():
        problems.append(Problem(shown, number, f"image introuvable : « {src} ».", "image"))
    if not alt.strip():
        problems.append(
            Problem(
                shown,
                number,
                "image sans texte alternatif : décrivez-la pour les lecteurs qui ne la voient pas.",
                "image-alt",
            )
        )
    return problems


def run_check(root: Path, paths: list[Path] | None = None) -> list[Problem]:
    from ..convert.pipeline import default_sources, full_analysis
    from ..data.themes import load_taxonomy

    problems: list[Problem] = []
    theme_ids: set[str] = set()
    try:
        theme_ids = {t.id for t in load_taxonomy(root)}
    except HandbookError as error:
        problems.append(_config_problem(error))
    try:
        from ..data.glossary import load_glossary

        load_glossary(root)
    except HandbookError as error:
        problems.append(_config_problem(error))
    folder = root / ARTICLES
    pages = (
        sorted(p for p in folder.glob("*.md") if p.name != "index.md") if folder.is_dir() else []
    )
    selected = [p.resolve() for p in paths] if paths else None
    slugs: dict[str, str] = {}
    for page in pages:
        shown = page.relative_to(root).as_posix()
        found, slug = check_page(page, shown, theme_ids)
        if selected is None or page.resolve() in selected:
            problems.extend(found)
        if slug:
            if slug in slugs:
                problems.append(
                    Problem(
                        shown, 1, f"slug « {slug} » déjà utilisé par {slugs[slug]}.", "slug-unique"
                    )
                )
            slugs[slug] = shown
    if selected is None:
        try:
            analysis, plan, _ignored = full_analysis(default_sources(root), root)
        except HandbookError as error:
            problems.append(_config_problem(error))
        else:
            problems.extend(_stale_corrections(root, analysis))
            for article in plan.articles:
                page_path = plan[article.slug].page_path
                if not (root / page_path).exists():
                    occ = article.kept
                    problems.append(
                        Problem(
                            occ.file,
                            occ.first_line,
                            f"l'article « {article.title} » n'a pas de page ({page_path}) : "
                            "lancez « make import ».",
                            "synchro-sources",
                        )
                    )
    return problems


def _stale_corrections(root: Path, analysis: Analysis) -> list[Problem]:
    """Entries of sources/corrections.yaml that mean no line any more."""
    shown = CORRECTIONS_FILE.as_posix()
    problems = [
        Problem(shown, stale.entry.at, stale_problem(stale), stale.rule) for stale in analysis.stale
    ]
    for entry in analysis.corrections.entries:
        if not (root / entry.file).is_file():
            problems.append(
                Problem(
                    shown,
                    entry.at,
                    f"l'entrée « {entry.section} » nomme {entry.file}, qui n'existe pas.",
                    "correction-perimee",
                )
            )
    return sorted(problems, key=lambda p: p.line)


def _config_problem(error: HandbookError) -> Problem:
    path = getattr(error, "path", "?")
    line = getattr(error, "line", None) or 1
    message = getattr(error, "message", str(error))
    return Problem(path, line, message, "configuration")
