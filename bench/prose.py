"""French-like prose of the synthetic corpus: sentences, titles, whole articles.

The text means nothing but has the shapes of the real articles. Every draw
comes from the caller's ``random.Random``: the same seed, the same text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.vocabulary import (
    ADJECTIVES,
    CONNECTORS,
    FIRST_NAMES,
    GENERAL_NOUNS,
    LAST_NAMES,
    MONTHS,
    ORGANISATIONS,
    PAGE_SITE,
    PREPOSITIONS,
    RARE_WORDS,
    TAGS,
    THEME_PHRASES,
    TOPIC_NOUNS,
    TOWNS,
    VERBS,
    number_in_letters,
)

# Shares (in this order) of the title shapes of the blog articles.
BLOG_SHAPES = (
    ("repeated", 0.40),
    ("upper", 0.17),
    ("byline", 0.15),
    ("cohort", 0.05),
    ("interview", 0.11),
)  # the rest are plain titles


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _after(prep: str, noun: str) -> str:
    """``de`` + ``le X`` -> ``du X``, ``à`` + ``les X`` -> ``aux X``."""
    if prep.endswith(" de") or prep == "de":
        stem = prep[:-2]
        if noun.startswith("le "):
            return f"{stem}du {noun[3:]}"
        if noun.startswith("les "):
            return f"{stem}des {noun[4:]}"
    if prep.endswith(" à") or prep == "à":
        stem = prep[:-1]
        if noun.startswith("le "):
            return f"{stem}au {noun[3:]}"
        if noun.startswith("les "):
            return f"{stem}aux {noun[4:]}"
    return f"{prep} {noun}"


class _Writer:
    """French-like text for one article, around its own topic words."""

    def __init__(self, rng: random.Random, topics: list[str], town: str, rare: str) -> None:
        self.rng = rng
        self.topics = topics
        self.town = town
        self.rare = rare
        self.people = [self.person() for _ in range(2)]

    def noun(self) -> str:
        roll = self.rng.random()
        if roll < 0.6:
            return self.rng.choice(self.topics)
        if roll < 0.75:  # the article's own name for its project: a word rare in the corpus
            return self.rng.choice(["le projet", "l’opération", "le collectif", "le programme"]) + (
                f" {self.rare}"
            )
        return self.rng.choice(GENERAL_NOUNS)

    def noun_phrase(self) -> str:
        noun = self.noun()
        if self.rng.random() < 0.3:
            adjective = self.rng.choice(ADJECTIVES)
            if noun.startswith("les ") and not adjective.endswith("s"):
                adjective += "s"
            noun = f"{noun} {adjective}"
        return noun

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def speaker(self) -> str:
        """Mostly the article's own protagonists, sometimes someone else."""
        return self.rng.choice(self.people) if self.rng.random() < 0.7 else self.person()

    def date(self) -> str:
        return f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS)} {self.rng.randint(2014, 2021)}"

    def sentence(self) -> str:
        rng = self.rng
        verb = rng.choice(VERBS)
        complement = _after(rng.choice(PREPOSITIONS), self.noun_phrase())
        pattern = rng.randrange(7)
        if pattern == 0:
            text = (
                f"{rng.choice(CONNECTORS)} {self.noun_phrase()} {verb} "
                f"{self.noun_phrase()} {complement}"
            )
        elif pattern == 1:
            text = (
                f"{_cap(self.noun_phrase())} {verb} {self.noun_phrase()} {complement}, "
                f"ce qui {rng.choice(VERBS)} {self.noun_phrase()}"
            )
        elif pattern == 2:
            text = (
                f"Selon {self.speaker()}, {self.noun_phrase()} {verb} "
                f"{self.noun_phrase()} {complement}"
            )
        elif pattern == 3:
            text = (
                f"Depuis {rng.randint(2008, 2020)}, {self.noun_phrase()} de {self.town} {verb} "
                f"{self.noun_phrase()} {complement}"
            )
        elif pattern == 4:
            count = rng.choice([12, 35, 80, 150, 400, 1200, 5000])
            text = (
                f"En {rng.choice(MONTHS)} {rng.randint(2014, 2021)}, plus de {count} "
                f"personnes ont découvert {self.noun_phrase()} {complement}"
            )
        elif pattern == 5:
            text = f"{_cap(self.noun_phrase())} {verb} aussi {self.noun_phrase()}, {complement}"
        else:
            text = f"{_cap(self.noun_phrase())} {verb} {self.noun_phrase()} {complement}"
        return text + "."

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def heading(self) -> str:
        rng = self.rng
        a, b = rng.sample(self.topics, 2)
        pattern = rng.randrange(6)
        if pattern == 0:
            return f"{_cap(a)} au cœur de l’opération {self.rare}"
        if pattern == 1:
            return f"Ce que {a} change {_after('pour', b)} à {self.town}"
        if pattern == 2:
            return f"{_cap(a)} et {b} à {self.town}"
        if pattern == 3:
            return f"Les premiers résultats {_after('de', a)} {self.rare}"
        if pattern == 4:
            return f"Pourquoi {a} compte autant à {self.town}"
        return f"{_cap(a)}, un levier {_after('pour', b)}"

    def question(self) -> str:
        a = self.rng.choice(self.topics)
        return self.rng.choice(
            [
                f"Quelle place occupe {a} dans le projet {self.rare} ?",
                f"Comment {a} a-t-elle évolué à {self.town} ?",
                f"Que retenez-vous {_after('de', a)} {self.rare} ?",
                f"Quels conseils donneriez-vous sur {a} à {self.town} ?",
                f"Pourquoi avoir choisi {a} pour le projet {self.rare} ?",
            ]
        )

    def bullets(self) -> list[str]:
        intro = f"{_cap(self.noun_phrase())} {self.rng.choice(VERBS)} plusieurs actions :"
        items = [
            f"  • {self.noun_phrase()} {_after(self.rng.choice(PREPOSITIONS), self.noun())}"
            for _ in range(self.rng.randint(3, 6))
        ]
        items = [item + (" ;" if i < len(items) - 1 else ".") for i, item in enumerate(items)]
        return [intro, *items]

    def quote(self) -> str:
        return f"« {self.sentence()} »"

    def credit(self) -> str:
        organisation = self.rng.choice(ORGANISATIONS).format(town=self.town)
        return self.rng.choice(
            [
                f"Photo : {self.noun()} à {self.town} © {organisation}",
                f"© {organisation}",
                f"Source : {organisation}",
                f"Crédit photo : {self.person()}",
            ]
        )

    def answer(self, speaker: str) -> str:
        return f"{speaker} : “{self.paragraph(2, 4)}”"


@dataclass
class Article:
    """A planted unique article, with its text as lines (blank lines included)."""

    title: str
    kind: str
    shape: str
    head: list[str]  # lines before the body (title shapes), blog and page only
    body: list[str]  # paragraphs separated by blank lines ("" entries)
    chrome_after: list[str] = field(default_factory=list)


def _title(rng: random.Random, index: int, topic: str, town: str, *, upper: bool) -> str:
    rare = RARE_WORDS[index % len(RARE_WORDS)]
    number = number_in_letters(index + 3)
    templates = [
        f"Le projet {rare} mobilise {number} habitants autour {_after('de', topic)}",
        f"{_cap(topic)} à {town} : l’expérience {rare} en {number} étapes",
        f"Opération {rare} : {number} communes misent sur {topic}",
        f"Comment {topic} transforme la communication de {town} avec {rare}",
        f"{_cap(rare)} et {topic} : {number} pistes pour les collectivités",
        f"À {town}, le dispositif {rare} réunit {number} partenaires {_after('autour de', topic)}",
        f"Journée {rare} numéro {number} consacrée à {topic}",
        f"Les {number} leçons du programme {rare} sur {topic}",
        f"Quand {topic} rencontre le collectif {rare} à {town}",
        f"{_cap(topic)} : le pari {rare} de {town}",
        f"Le label {rare} récompense {number} initiatives pour {topic}",
        f"Enquête {rare} : {topic} vue par {number} agents de {town}",
    ]
    if upper:  # no "LABEL : …" shape (a session heading, not an article title)
        templates = [t for t in templates if ":" not in t]
    choice = templates[(index // len(RARE_WORDS) + rng.randrange(len(templates))) % len(templates)]
    return choice.upper() if upper else choice


def pick(rng: random.Random, shares: tuple[tuple[str, float], ...], default: str) -> str:
    roll = rng.random()
    for name, share in shares:
        if roll < share:
            return name
        roll -= share
    return default


def make_article(rng: random.Random, index: int, kind: str, titles: TitleGuard) -> Article:
    group = THEME_PHRASES[rng.randrange(len(THEME_PHRASES))]
    topics = rng.sample(group, 2) + rng.sample(TOPIC_NOUNS, 6)
    town = rng.choice(TOWNS)
    shape = kind if kind != "blog" else pick(rng, BLOG_SHAPES, "plain")
    for _attempt in range(200):
        title = _title(rng, index, rng.choice(topics), rng.choice(TOWNS), upper=shape == "upper")
        if titles.accept(title):
            break
    else:  # pragma: no cover - the templates leave plenty of room
        raise RuntimeError(f"no distinctive title found for article {index}")
    writer = _Writer(rng, topics, town, RARE_WORDS[index % len(RARE_WORDS)])
    head: list[str] = []
    if kind == "page":
        head = [
            f"{title} | {PAGE_SITE}",
            "",
            title,
            "",
            rng.choice(TAGS),
            "Publié le : ",
            writer.date(),
        ]
    elif shape == "repeated":
        head = [title, "", title, ""]
    elif shape in ("upper", "plain", "interview"):
        head = [title, ""]
    elif shape == "byline":
        head = [title, "", f"Par {writer.person()}", ""]
    elif shape == "cohort":
        year = rng.randint(2014, 2020)
        head = [title, "", f"Promotion {year}-{year + 1}", ""]
    body: list[str] = []

    def para(*lines: str) -> None:
        body.extend([*lines, ""])

    if kind == "blog" and rng.random() < 0.2:
        para(f"Publié le : {writer.date()}")
    para(writer.paragraph(4, 7))
    if shape == "interview":
        speakers = [rng.choice(FIRST_NAMES) for _ in range(rng.randint(1, 2))]
        para(writer.paragraph(2, 4))
        for _round in range(rng.randint(3, 5)):
            para(writer.question())
            for speaker in speakers:
                para(writer.answer(speaker))
        para(f"Propos recueillis par {writer.person()}")
    else:
        for _section in range(rng.randint(2, 4)):
            if kind == "page" and rng.random() < 0.4:
                label = rng.choice(["ATELIER", "CONFERENCE", "TABLE RONDE"])
                para(f"{label} {rng.randint(1, 9)} : {writer.noun().upper()}")
            else:
                para(writer.heading())
            for _ in range(rng.randint(1, 3)):
                para(writer.paragraph())
            extra = rng.random()
            if extra < 0.25:
                para(*writer.bullets())
            elif extra < 0.4:
                para(writer.quote())
            elif extra < 0.55:
                para(writer.credit())
        para(writer.paragraph(2, 4))
        if kind == "blog" and shape != "plain" and rng.random() < 0.15:
            para(f"Article rédigé par {writer.person()}")
    chrome_after: list[str] = []
    if kind == "blog":
        roll = rng.random()
        if roll < 0.1:
            chrome_after = ["Lire la suite…"]
        elif roll < 0.16:
            chrome_after = ["Évaluer cet article :", rng.choice(["4/5", "3,5 / 5", "5"])]
    elif kind == "page":
        chrome_after = ["Évaluer ce document:\u00a0", str(rng.randint(0, 5))]
    return Article(title, kind, shape, head, body, chrome_after)


class TitleGuard:
    """Rejects a title too close to one already planted (dedupe would merge them)."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.seen: set[str] = set()

    def accept(self, title: str) -> bool:
        from handbook.common.text import compare_key
        from rapidfuzz import fuzz, process

        key = compare_key(title)
        if key in self.seen:
            return False
        if self.keys and process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=82):
            return False
        self.keys.append(key)
        self.seen.add(key)
        return True
