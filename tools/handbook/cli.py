"""Command-line interface: ``handbook list|import|review|links|check|new|explain``.

A thin layer: parse arguments, call the pipeline, print. Every message a
user reads is French; errors are one line naming the file, never a
traceback, with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .common.errors import HandbookError
from .common.layout import find_root
from .convert.pipeline import default_sources


def _inputs(files: list[str], root: Path) -> list[Path]:
    if files:
        return [Path(f) for f in files]
    found = default_sources(root)
    if not found:
        raise HandbookError(f"{(root / 'sources').as_posix()} : aucun fichier *.txt à lire.")
    return found


def article_record(article: Any, page: str) -> dict[str, Any]:
    theme = None
    if article.theme is not None:
        choice = article.theme
        theme = {
            "id": choice.id,
            "title": choice.title,
            "score": choice.score,
            "reasons": list(choice.reasons),
            "runner_up": (
                {"id": choice.runner_up[0], "score": choice.runner_up[1]}
                if choice.runner_up
                else None
            ),
            "source": choice.source,
            "confidence": choice.confidence,
            "also": choice.also,
        }
    return {
        "slug": article.slug,
        "title": article.title,
        "date": article.date,
        "authors": list(article.authors),
        "tags": list(article.tags),
        "theme": theme,
        "page": page,
        "occurrences": [o.as_dict() for o in article.occurrences],
        "kept": article.kept.as_dict(),
    }


def cmd_list(args: argparse.Namespace) -> int:
    root = find_root()
    from .convert.pipeline import full_analysis

    analysis, pages, _ignored = full_analysis(_inputs(args.files, root), root)
    if args.dropped:
        records: list[dict[str, Any]] = [d.as_dict() for d in analysis.dropped]
        if args.format == "json":
            print(json.dumps(records, ensure_ascii=False, indent=2))
        else:
            _print_table(
                "Lignes écartées",
                ["Fichier", "Ligne", "Raison", "Texte"],
                [[r["file"], str(r["line"]), _reason(r), str(r["text"])[:80]] for r in records],
            )
        return 0
    records = [article_record(a, pages[a.slug].page_path) for a in pages.articles]
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        _print_table(
            f"{len(records)} articles uniques",
            ["Titre", "Thème", "Date", "Occurrences"],
            [
                [
                    r["title"][:70],
                    (r["theme"] or {}).get("id", "—"),
                    r["date"] or "—",
                    ", ".join(
                        f"{o['file'].split('/')[-1]}:{o['first_line']}" for o in r["occurrences"]
                    ),
                ]
                for r in records
            ],
        )
    return 0


def _reason(record: dict[str, Any]) -> str:
    rule = record.get("rule")
    return f"{record['reason']} ({rule})" if rule else str(record["reason"])


def _print_table(title: str, headers: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def cmd_import(args: argparse.Namespace) -> int:
    from .convert.pipeline import run_import

    root = find_root()
    report = run_import(_inputs(args.files, root), root=root, force=args.force, check=args.check)
    if args.check:
        from .convert.write import check_summary

        message = check_summary(report)
        print(message, file=sys.stderr if report.stale else sys.stdout)
        return 1 if report.stale else 0
    print(report.summary())
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from .convert.pipeline import full_analysis, stale_message
    from .convert.review import format_text, review_items

    root = find_root()
    analysis, plan, _ignored = full_analysis(_inputs(args.files, root), root)
    items = review_items(analysis, plan)
    for stale in analysis.stale:
        print(f"Attention : {stale_message(stale)}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps([item.as_dict() for item in items], ensure_ascii=False, indent=2))
    else:
        print(format_text(items), end="")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from .commands.links import format_text, page_uses

    root = find_root()
    uses = page_uses(root, [Path(p) for p in args.pages])
    if args.format == "json":
        records = [u.as_dict() for u in uses if args.all or u.use.linked]
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        print(format_text(uses, args.all), end="")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .commands.check import run_check

    root = find_root()
    problems = run_check(root, [Path(p) for p in args.paths])
    for problem in problems:
        print(problem.format(args.format))
    if problems:
        print(f"{len(problems)} problème(s) trouvé(s).", file=sys.stderr)
        return 1
    print("Aucun problème : le manuel est valide.", file=sys.stderr)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from .convert.classify import LOW_CONFIDENCE
    from .convert.pipeline import full_analysis

    root = find_root()
    _analysis, plan, _ignored = full_analysis(_inputs([], root), root)
    article = next((a for a in plan.articles if a.slug == args.slug), None)
    if article is None:
        raise HandbookError(
            f"{args.slug} : article inconnu. Les identifiants sont les noms des fichiers de "
            "docs/articles/ (voir « handbook list »)."
        )
    print(f"« {article.title} »")
    choice = article.theme
    if choice is None:
        print("Aucun thème : aucun mot-clé des thèmes n'apparaît dans l'article.")
        return 0
    if choice.source == "manual":
        print(f"Thème : {choice.title} ({choice.id}), choisi à la main : {choice.reasons[0]}.")
        return 0
    print(
        f"Thème : {choice.title} ({choice.id}), score {choice.score:g}, "
        f"confiance {choice.confidence:.2f}, parce que :"
    )
    for reason in choice.reasons:
        print(f"  - {reason}")
    if choice.runner_up:
        print(f"Deuxième thème : {choice.runner_up[0]} (score {choice.runner_up[1]:g}).")
    if choice.also:
        print(f"À lire aussi dans le thème : {choice.also} (la page reste dans son thème).")
    if choice.confidence < LOW_CONFIDENCE:
        print("Placement peu sûr : un autre thème est presque aussi proche, à vérifier.")
    print("Pour imposer un autre thème : sources/corrections.yaml, rubrique « theme ».")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .commands.newpage import create_page

    relative = create_page(find_root(), args.title, args.theme, args.author)
    print(f"Page créée : {relative.as_posix()}")
    print("Complétez-la, puis lancez « make check » et « make html » pour la voir dans son thème.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook",
        description="Convertit les articles bruts en pages MyST du manuel et vérifie le manuel.",
    )
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    p_list = sub.add_parser("list", help="affiche les articles trouvés, sans rien écrire")
    p_list.add_argument(
        "files", nargs="*", metavar="FICHIER", help="dumps à lire (défaut : sources/*.txt)"
    )
    p_list.add_argument(
        "--format", choices=["table", "json"], default="table", help="format de sortie"
    )
    p_list.add_argument(
        "--dropped", action="store_true", help="affiche les lignes écartées et leur raison"
    )
    p_list.set_defaults(func=cmd_list)

    p_import = sub.add_parser("import", help="écrit une page MyST par article dans docs/articles/")
    p_import.add_argument(
        "files", nargs="*", metavar="FICHIER", help="dumps à lire (défaut : sources/*.txt)"
    )
    p_import.add_argument(
        "--force", action="store_true", help="écrase aussi les pages modifiées à la main"
    )
    p_import.add_argument(
        "--check",
        action="store_true",
        help="n'écrit rien : liste les pages qu'un import créerait, changerait ou supprimerait "
        "(code de sortie 1 s'il y en a)",
    )
    p_import.set_defaults(func=cmd_import)

    p_review = sub.add_parser(
        "review", help="liste les décisions incertaines, avec la correction à coller"
    )
    p_review.add_argument(
        "files", nargs="*", metavar="FICHIER", help="dumps à lire (défaut : sources/*.txt)"
    )
    p_review.add_argument(
        "--format", choices=["text", "json"], default="text", help="format de sortie"
    )
    p_review.set_defaults(func=cmd_review)

    p_links = sub.add_parser(
        "links", help="liste les liens automatiques vers le glossaire, avec leur phrase"
    )
    p_links.add_argument(
        "pages", nargs="*", metavar="PAGE", help="pages à lire (défaut : docs/articles/*.md)"
    )
    p_links.add_argument(
        "--all",
        action="store_true",
        help="montre aussi les occurrences non liées et la règle qui les écarte",
    )
    p_links.add_argument(
        "--format", choices=["text", "json"], default="text", help="format de sortie"
    )
    p_links.set_defaults(func=cmd_links)

    p_new = sub.add_parser("new", help="crée une nouvelle page d'article à compléter")
    p_new.add_argument("title", metavar="TITRE", help="titre de l'article, entre guillemets")
    p_new.add_argument(
        "--theme", required=True, help="identifiant du thème (voir docs/_data/themes.yaml)"
    )
    p_new.add_argument(
        "--author", action="append", default=[], metavar="NOM", help="auteur ou autrice (répétable)"
    )
    p_new.set_defaults(func=cmd_new)

    p_explain = sub.add_parser("explain", help="explique le thème choisi pour un article")
    p_explain.add_argument("slug", help="identifiant de l'article (nom du fichier sans .md)")
    p_explain.set_defaults(func=cmd_explain)

    p_check = sub.add_parser("check", help="vérifie les pages, le glossaire et les thèmes")
    p_check.add_argument(
        "paths", nargs="*", metavar="CHEMIN", help="pages à vérifier (défaut : tout le manuel)"
    )
    p_check.add_argument(
        "--format", choices=["text", "github"], default="text", help="format des messages"
    )
    p_check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except HandbookError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
