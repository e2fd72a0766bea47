"""Offline check of the internal links of the built handbook.

Usage: ``python tools/check_links.py docs/_build/html``. Every relative
``href``/``src`` of every HTML page (root-absolute ones, as on the 404 page,
from the site's root) must point to an existing file, and a
``#fragment`` to an existing ``id`` in that page. External links are not
checked here (that is ``make linkcheck``, which needs the network).
Prints one French line per broken link and exits 1 if any.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value and tag in ("a", "img", "link", "script"):
                self.links.append((value, self.getpos()[0]))


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text("utf-8", errors="replace"))
    return collector


def check(site: Path) -> list[str]:
    problems: list[str] = []
    # _static/ holds the theme's Jinja fragments (webpack-macros.html…), not pages
    pages = {
        path: _parse(path)
        for path in sorted(site.rglob("*.html"))
        if path.relative_to(site).parts[0] != "_static"
    }
    for page, collector in pages.items():
        for link, line in collector.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):
                # root-absolute (the 404 page's links): the site is served at the root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            shown = page.relative_to(site).as_posix()
            if not target.exists():
                problems.append(
                    f"{shown}:{line}: lien interne cassé vers « {link} » (lien-interne)"
                )
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{shown}:{line}: ancre introuvable « {link} » (ancre)")
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "docs/_build/html")
    if not site.is_dir():
        print(f"{site} : dossier introuvable ; lancez d'abord « make html ».")
        return 2
    problems = check(site)
    for problem in problems:
        print(problem)
    print(
        f"{len(problems)} lien(s) interne(s) cassé(s)."
        if problems
        else "Liens internes : tous valides."
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
