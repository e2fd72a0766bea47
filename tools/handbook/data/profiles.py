"""Source profiles: per-site chrome rules, loaded from docs/_data/source-profiles.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import ConfigError
from .yamlfile import load_yaml


@dataclass(frozen=True)
class ChromeRule:
    pattern: re.Pattern[str]
    label: str
    then: re.Pattern[str] | None = None
    #: where the rule is written, e.g. ``generic.chrome[2]`` or ``capcom.chrome[0]``
    where: str = ""

    @property
    def description(self) -> str:
        """How the report names this rule."""
        return f"{self.where} « {self.label} »"


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    match: tuple[re.Pattern[str], ...]
    chrome: tuple[ChromeRule, ...]


@dataclass(frozen=True)
class Profiles:
    feed_footer: re.Pattern[str]
    html_title: re.Pattern[str]
    generic_chrome: tuple[ChromeRule, ...]
    profiles: tuple[Profile, ...]

    def chrome_for(self, lines: list[str]) -> tuple[tuple[ChromeRule, ...], tuple[str, ...]]:
        """Chrome rules that apply to a file, and the ids of matching profiles."""
        rules = list(self.generic_chrome)
        ids = []
        for profile in self.profiles:
            if any(p.search(line) for p in profile.match for line in lines):
                rules.extend(profile.chrome)
                ids.append(profile.id)
        return tuple(rules), tuple(ids)


def _compile(pattern: str, shown: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(shown, f"expression régulière invalide dans {where} : {exc}.") from None


def _rules(items: list[dict[str, str]], shown: str, where: str) -> tuple[ChromeRule, ...]:
    return tuple(
        ChromeRule(
            pattern=_compile(item["pattern"], shown, where),
            label=item.get("label", "décor du site"),
            then=_compile(item["then"], shown, where) if item.get("then") else None,
            where=f"{where}[{index}]",
        )
        for index, item in enumerate(items)
    )


def load_profiles(path: Path, shown: str | None = None) -> Profiles:
    shown = shown or path.as_posix()
    data = load_yaml(path, shown, schema="source-profiles")
    generic = data["generic"]
    return Profiles(
        feed_footer=_compile(generic["feed_footer"], shown, "generic.feed_footer"),
        html_title=_compile(generic["html_title"], shown, "generic.html_title"),
        generic_chrome=_rules(generic["chrome"], shown, "generic.chrome"),
        profiles=tuple(
            Profile(
                id=item["id"],
                name=item["name"],
                match=tuple(_compile(p, shown, f"{item['id']}.match") for p in item["match"]),
                chrome=_rules(item["chrome"], shown, f"{item['id']}.chrome"),
            )
            for item in data["profiles"]
        ),
    )
