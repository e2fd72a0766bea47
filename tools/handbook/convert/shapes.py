"""Shapes of lines: the small predicates that segment and structure share.

Every rule here is about the *form* of a line (length, case, punctuation,
leading words), never about a particular article.
"""

from __future__ import annotations

import re

from ..common.text import SPACES, clean, compare_key, fold, key_stems, stem, stems, words

__all__ = ["SPACES", "clean", "compare_key", "fold", "key_stems", "stem", "stems", "words"]

BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·]|[-–—*+](?=\s))\s*")
NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(?=\S)")
URL = re.compile(r"https?://\S+|\bwww\.[\w-]+\.\S+")
CREDIT = re.compile(
    r"^\s*(?:©|\(?\s*(?:source|sources|photo|photos|crédit|crédits|credit|image)\b[^:]{0,40}:)",
    re.I,
)
BYLINE = re.compile(
    r"^\s*(?:propos recueillis|article rédigé|rédigé|écrit|texte|interview réalisée)\s+par\s+(?P<who>.+?)\s*\.?\s*$",
    re.I,
)
SHORT_BYLINE = re.compile(r"^\s*[Pp]ar\s+(?P<who>[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,3})\s*$")
COHORT = re.compile(r"^\s*(?:Promotion|Promo)\s+\d{4}\s*[-–/]\s*\d{4}\s*$", re.I)
CONCLUSION = re.compile(
    r"^\W*(?:en conclusion|pour conclure|en somme|en résumé|pour finir|pour terminer|"
    r"(?:\w+\s+){0,4}(?:conclure|conclusion))\b",
    re.I,
)
PUBLISHED = re.compile(
    r"^\s*(?:publié|mis en ligne|date de publication)\s*(?:le)?\s*:?\s*(?P<rest>.*)$", re.I
)
DETERMINERS = {
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "au",
    "aux",
    "ce",
    "cette",
    "ces",
    "mon",
    "ma",
    "mes",
    "son",
    "sa",
    "ses",
    "notre",
    "nos",
    "votre",
    "vos",
    "leur",
    "leurs",
}
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’]*(?:-[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’]*)*"
PERSON_NAME = re.compile(rf"^\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}\s*$")
SESSION_HEADING = re.compile(r"^\s*[A-ZÀ-Þ][A-ZÀ-Þ'’ ]{2,30}(?:\s+\d{1,2})?\s*:\s+\S")

FR_MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
DATE_FR = re.compile(
    r"^\s*(?:\w+\s+)?(?P<d>\d{1,2})(?:er)?\s+(?P<m>"
    + "|".join(FR_MONTHS)
    + r")\s+(?P<y>\d{4})\s*$",
    re.I,
)
DATE_NUM = re.compile(r"^\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\s*$")
DATE_ISO = re.compile(r"^\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\s*$")


def ends_sentence(text: str) -> bool:
    return clean(text).endswith((".", ";", ",", "…»", ".»", ".”", '."'))


def is_title_shaped(text: str) -> bool:
    """A line that could be an article title: short, no sentence end, no URL."""
    text = clean(text)
    count = len(words(text))
    if not 2 <= count <= 30 or len(text) > 220:
        return False
    if text.endswith((".", ";", ",", ":")) or ends_sentence(text):
        return False
    if BULLET.match(text) or NUMBERED.match(text) or URL.search(text) or CREDIT.match(text):
        return False
    if BYLINE.match(text) or SHORT_BYLINE.match(text) or PUBLISHED.match(text):
        return False
    if text[0] in '«“"(>' and text[-1] in '»”")':  # a quotation used as a heading
        return False
    return text[0].isupper() or text[0].isdigit()


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_upper_title(text: str) -> bool:
    """An all-capitals title such as ``UNE JOURNÉE À STRASBOURG``."""
    text = clean(text)
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 6
        and len(words(text)) >= 2
        and all(c.isupper() for c in letters)
        and not SESSION_HEADING.match(text)
    )


def is_person_name(text: str) -> bool:
    """``Anaïs Cleuvenot``, ``Océane COLNÉ``: two to four capitalised words."""
    if not PERSON_NAME.match(text) or is_all_caps(text):
        return False
    first = words(text)[0].lower().rstrip("'’")
    return first not in DETERMINERS


def is_bare_date(text: str) -> bool:
    """A line holding a date and nothing else (``16 juin 2014``, ``16/06/2014``)."""
    text = clean(text).rstrip(" .")
    return (
        any(
            (match := pattern.match(text)) is not None and match.end() == len(text)
            for pattern in (DATE_FR, DATE_NUM, DATE_ISO)
        )
        and parse_french_date(text) is not None
    )


def parse_french_date(text: str) -> str | None:
    """``16 juin 2014`` or ``16/06/2014`` -> ``2014-06-16``; None otherwise."""
    text = clean(text)
    for pattern in (DATE_FR, DATE_NUM, DATE_ISO):
        match = pattern.match(text)
        if match:
            month = match["m"]
            month_number = FR_MONTHS.get(month.lower()) if not month.isdigit() else int(month)
            day, year = int(match["d"]), int(match["y"])
            if month_number and 1 <= day <= 31:
                return f"{year:04d}-{month_number:02d}-{day:02d}"
    return None
