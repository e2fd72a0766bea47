"""Stage 8, classify: assign each article to a course theme, with reasons.

A small learned model, explainable and deterministic, in pure Python (no
network, no model file, no randomness): a TF-IDF nearest-centroid
classifier over French stems.

* **Words.** Titles, sub-headings and bodies are cut into words, accents
  folded and French-stemmed (snowballstemmer, as everywhere in the
  converter), common French words left out. Features are the stems, the
  pairs of neighbouring stems within a clause, and the longer phrases of the
  taxonomy and the glossary. A phrase of two words also matches with one word
  in between (« communication publique de crise » holds « communication de
  crise »). The title counts three times, each sub-heading twice, the body
  once; phrases weigh twice a single word, and TF-IDF makes words found
  everywhere (« communication », « numérique ») weigh little.
* **What it learns from.** Each theme of ``docs/_data/themes.yaml`` gives a
  prototype: its title, description, objectives and exercises, the glossary
  terms of the theme, and its keywords, counted as often as their weight says
  (the priors instructors control). Then every article already placed: by
  hand (``sources/corrections.yaml``, a page whose theme was chosen by hand,
  a page written with ``handbook new``), or by the classifier. An article's
  vector is compared (cosine) with the theme's prototype and with the mean
  of the theme's placed articles (hand placements count double); the best
  weighted sum wins, ties going to the theme listed first. The weights were
  chosen by leave-one-out on the corpus's articles (``tools/eval_themes.py``).
* **Two passes.** Within an import, the articles are first placed by the
  model learnt from the taxonomy and the hand placements; each article is
  then placed again, by a model that also learns from the first-pass places
  of all the *other* articles. The result only depends on the sources, the
  data files and the hand placements: importing twice changes nothing.
* **Confidence.** ``1 - runner_up / winner`` of the two best scores, from 0
  (a tie) to 1 (no other theme is close); an article gets a theme even when
  nothing in it points to one (the first theme, confidence 0, flagged).
* **A second theme.** When the runner-up comes close (confidence below
  ``ALSO_CONFIDENCE``) with a real score of its own, it is the article's
  ``also`` theme: the theme page lists the article under « À lire aussi »
  (the article keeps one page, in its own theme).

A theme chosen by a person always wins: the ``theme`` map of
``sources/corrections.yaml``, or the ``theme`` of a page edited by hand.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..common.text import compare_key, stem
from ..data.glossary import GlossaryEntry
from ..data.themes import Theme
from .model import Article, Heading, ThemeChoice
from .structure import structure

MANUAL_PAGE_REASON = "thème choisi à la main dans la page"
MANUAL_CORRECTION_REASON = "thème imposé dans sources/corrections.yaml"
NO_CLUE_REASON = (
    "aucun mot de l'article ne le rapproche d'un thème : premier thème de la liste, à vérifier"
)

#: how much a word counts in each part of a text
TITLE_WEIGHT = 3.0
HEADING_WEIGHT = 2.0
BODY_WEIGHT = 1.0
#: a phrase (two words or more) weighs this many times a single word
PHRASE_WEIGHT = 2.0
#: a keyword of weight w counts as w * KEYWORD_REPEAT occurrences in its theme's prototype
KEYWORD_REPEAT = 4.0
#: the two similarities summed into a theme's score
PROTOTYPE_SHARE = 1.0
CENTROID_SHARE = 0.5
#: a hand placement counts this many times a placement by the classifier
MANUAL_EXAMPLE_WEIGHT = 2.0
#: the nearest placed articles are looked for through the article's strongest
#: terms, then the best candidates are compared exactly
NEAREST_TERMS = 25
NEAREST_CANDIDATES = 10
#: below this confidence, a placement is flagged for review
LOW_CONFIDENCE = 0.15
#: below this confidence, a runner-up scoring at least ALSO_MIN_SCORE is a second theme
ALSO_CONFIDENCE = 0.15
ALSO_MIN_SCORE = 5.0

#: common French words (accents folded) that say nothing about a theme
_STOPWORDS_TEXT = """
    les des une uns unes pour par sur sous avec sans dans entre chez vers
    est sont etait etaient sera seront ete etre avoir ont avait avaient aura
    fait faire font qui que quoi dont quel quelle quels quelles lequel laquelle
    aux leur leurs elle elles ils nous vous lui eux pas plus moins mais donc
    alors ainsi car ces cet cette celle celles celui ceux cela ceci son sa ses
    mon mes ton tes notre nos votre vos tout tous toute toutes comme aussi
    meme memes tres bien peu trop deja encore apres avant lors depuis pendant
    quand comment pourquoi autre autres non oui peut peuvent doit doivent faut
    chaque plusieurs certains certaines avons avez ete etes suis etc via selon
    afin puis enfin ensuite toujours jamais souvent ici cas partie
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_WORD = re.compile(r"\w+")
_STEM_OK = re.compile(r"[a-z]{3,}")
#: what may stand between the two words of a pair: spaces (not a line end),
#: apostrophes, hyphens, and the short or common words left out
_GLUE = re.compile(r"[ \t\u00a0\u202f'’\-]*")


# --------------------------------------------------------------------------
# words and features
# --------------------------------------------------------------------------

_STEMS: dict[str, str | None] = {}


def _stem_of(word: str) -> str | None:
    """The stem of a word, or None for a short, common or numeric word."""
    try:
        return _STEMS[word]
    except KeyError:
        key = compare_key(word).replace(" ", "")
        value = stem(key) if _STEM_OK.fullmatch(key) and key not in STOPWORDS else None
        _STEMS[word] = value
        return value


def _clauses(text: str) -> list[list[tuple[str, int, int]]]:
    """The kept words of ``text`` as (stem, start, end), cut where punctuation
    stands between two of them (a pair never spans a comma or a full stop)."""
    clauses: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    last_end = 0
    for match in _WORD.finditer(text):
        if current and not _GLUE.fullmatch(text, last_end, match.start()):
            clauses.append(current)  # punctuation between this word and the previous one
            current = []
        last_end = match.end()
        value = _stem_of(match.group())
        if value is not None:
            current.append((value, match.start(), match.end()))
    if current:
        clauses.append(current)
    return clauses


@dataclass
class _Counts:
    """Weighted feature counts of one text, with what reasons need."""

    counts: dict[str, float] = field(default_factory=dict)
    #: the part of ``counts`` found in the title
    titled: dict[str, float] = field(default_factory=dict)
    #: feature -> [occurrences in the title, occurrences elsewhere]
    where: dict[str, list[int]] = field(default_factory=dict)
    #: feature -> the words as first written in the text
    surface: dict[str, str] = field(default_factory=dict)

    def add(self, feature: str, weight: float, in_title: bool, surface: str) -> None:
        self.counts[feature] = self.counts.get(feature, 0.0) + weight
        if in_title:
            self.titled[feature] = self.titled.get(feature, 0.0) + weight
        place = self.where.setdefault(feature, [0, 0])
        place[0 if in_title else 1] += 1
        self.surface.setdefault(feature, surface)


def _phrase_key(term: str) -> str:
    """A taxonomy or glossary term as a feature (its kept stems, one space apart)."""
    return " ".join(s for clause in _clauses(term) for s, _a, _b in clause)


class _Phrases:
    """The phrases (two words or more) of the taxonomy and the glossary."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.pairs: set[tuple[str, str]] = set()
        self.longer: dict[str, list[tuple[str, ...]]] = {}
        for term in terms:
            parts = tuple(_phrase_key(term).split())
            if len(parts) == 2:
                self.pairs.add(parts)
            elif len(parts) > 2:
                self.longer.setdefault(parts[0], []).append(parts)
        for candidates in self.longer.values():
            candidates.sort(key=lambda p: (-len(p), p))


def _count_text(counts: _Counts, text: str, weight: float, phrases: _Phrases, title: bool) -> None:
    for clause in _clauses(text):
        stems_ = [s for s, _a, _b in clause]
        for index, (value, start, end) in enumerate(clause):
            counts.add(value, weight, title, text[start:end])
            if index + 1 < len(clause) and clause[index + 1][0] != value:
                nxt = clause[index + 1]
                counts.add(f"{value} {nxt[0]}", weight * PHRASE_WEIGHT, title, text[start : nxt[2]])
            # a known pair with one word in between (« communication publique de crise »)
            if index + 2 < len(clause) and (value, clause[index + 2][0]) in phrases.pairs:
                far = clause[index + 2]
                counts.add(f"{value} {far[0]}", weight * PHRASE_WEIGHT, title, text[start : far[2]])
            for parts in phrases.longer.get(value, ()):
                if tuple(stems_[index : index + len(parts)]) == parts:
                    last = clause[index + len(parts) - 1]
                    counts.add(
                        " ".join(parts), weight * PHRASE_WEIGHT, title, text[start : last[2]]
                    )


@dataclass(frozen=True)
class Text:
    """What the classifier reads of an article: title, sub-headings, body."""

    title: str
    headings: tuple[str, ...] = ()
    body: str = ""


def _count(text: Text, phrases: _Phrases) -> _Counts:
    counts = _Counts()
    _count_text(counts, text.title, TITLE_WEIGHT, phrases, True)
    for heading in text.headings:
        _count_text(counts, heading, HEADING_WEIGHT, phrases, False)
    _count_text(counts, text.body, BODY_WEIGHT, phrases, False)
    return counts


def _prototype(theme: Theme, glossary: Sequence[GlossaryEntry], phrases: _Phrases) -> _Counts:
    """A theme's prototype: its own texts, its glossary terms and its keywords."""
    data = theme.data
    parts = [str(data.get("description") or "")]
    parts.extend(str(o) for o in data.get("objectives") or [])
    headings = []
    for exercise in data.get("exercises") or []:
        headings.append(str(exercise.get("title") or ""))
        parts.append(str(exercise.get("question") or ""))
        parts.append(str(exercise.get("solution") or ""))
    for entry in glossary:
        if entry.theme == theme.id:
            headings.extend(entry.forms)
            parts.append(entry.definition)
    counts = _count(Text(theme.title, tuple(headings), "\n".join(parts)), phrases)
    for keyword in theme.keywords:
        key = _phrase_key(keyword.term)
        if not key:
            continue
        weight = keyword.weight * KEYWORD_REPEAT * (PHRASE_WEIGHT if " " in key else 1.0)
        counts.add(key, weight, False, keyword.term)
        counts.surface[key] = keyword.term  # the keyword as the instructors wrote it
    return counts


# --------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------

Vector = dict[str, float]


def _norm(vector: Vector) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def _dot(small: Vector, large: Vector) -> float:
    if len(small) > len(large):
        small, large = large, small
    return sum(v * large.get(k, 0.0) for k, v in small.items())


@dataclass(frozen=True)
class Example:
    """An article already placed in a theme, the model learns from it."""

    key: str  # the article's slug (an article is never compared with itself)
    title: str
    text: Text
    theme: str
    manual: bool  # placed by a person (corrections, a page's theme) or by the classifier


@dataclass
class _Placed:
    example: Example
    vector: Vector
    weight: float


@dataclass(frozen=True)
class _Centroid:
    """The weighted sum of a theme's placed articles, less the article being
    classified (``own``), read feature by feature: the sum itself is never
    copied, as it grows with the handbook."""

    total: Vector
    own: tuple[_Placed, ...]
    norm: float

    def get(self, feature: str) -> float:
        value = self.total.get(feature, 0.0)
        for item in self.own:
            value -= item.weight * item.vector.get(feature, 0.0)
        return value


@dataclass(frozen=True)
class _Score:
    score: float
    order: int
    id: str
    prototype: Vector
    centroid: _Centroid


class Model:
    """A TF-IDF nearest-centroid classifier fitted on the taxonomy and placed articles.

    ``unlabeled`` texts (the articles being imported) only count in the
    document frequencies, never as examples of a theme.
    """

    def __init__(
        self,
        themes: Sequence[Theme],
        glossary: Sequence[GlossaryEntry] = (),
        examples: Sequence[Example] = (),
        unlabeled: Sequence[Text] = (),
        *,
        like: Model | None = None,
    ) -> None:
        self.themes = tuple(themes)
        self.phrases: _Phrases
        self._cache: dict[Text, _Counts]
        self._prototype_counts: list[_Counts]
        if like is not None:  # the same taxonomy and glossary: reuse what only they give
            self.phrases = like.phrases
            self._cache = like._cache
            prototypes = like._prototype_counts
        else:
            terms: list[str] = [k.term for t in self.themes for k in t.keywords]
            terms.extend(form for entry in glossary for form in entry.forms)
            self.phrases = _Phrases(terms)
            self._cache = {}
            prototypes = [_prototype(t, glossary, self.phrases) for t in self.themes]
        self._prototype_counts = list(prototypes)
        theme_ids = {t.id for t in self.themes}
        kept = [e for e in examples if e.theme in theme_ids]
        example_counts = [self.counts(e.text) for e in kept]
        other_counts = [self.counts(t) for t in unlabeled]
        documents = [*prototypes, *example_counts, *other_counts]
        frequency: dict[str, int] = {}
        for document in documents:
            for feature in document.counts:
                frequency[feature] = frequency.get(feature, 0) + 1
        total = len(documents)
        self.idf = {f: math.log((1 + total) / (1 + n)) + 1.0 for f, n in frequency.items()}
        self._unknown_idf = math.log(1 + total) + 1.0
        self.prototypes = {
            t.id: self.vector(c) for t, c in zip(self.themes, prototypes, strict=True)
        }
        self.placed: dict[str, list[_Placed]] = {t.id: [] for t in self.themes}
        self._postings_cache: dict[str, dict[str, list[tuple[int, float]]]] = {}
        for example, counts in zip(kept, example_counts, strict=True):
            weight = MANUAL_EXAMPLE_WEIGHT if example.manual else 1.0
            self.placed[example.theme].append(_Placed(example, self.vector(counts), weight))
        # per theme: the weighted sum of its placed vectors, its squared norm, total weight
        self._sums: dict[str, tuple[Vector, float, float]] = {}
        for theme_id, placed in self.placed.items():
            total_vector: Vector = {}
            for item in placed:
                for feature, value in item.vector.items():
                    total_vector[feature] = total_vector.get(feature, 0.0) + item.weight * value
            squared = sum(v * v for v in total_vector.values())
            self._sums[theme_id] = (total_vector, squared, sum(p.weight for p in placed))

    def counts(self, text: Text) -> _Counts:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = _count(text, self.phrases)
        return found

    def vector(self, counts: _Counts) -> Vector:
        """TF-IDF: the title's weight counts in full, the rest grows as a logarithm."""
        vector = {}
        for feature, total in counts.counts.items():
            titled = counts.titled.get(feature, 0.0)
            rest = total - titled
            tf = titled + ((1.0 + math.log(rest)) if rest >= 1 else rest)
            vector[feature] = tf * self.idf.get(feature, self._unknown_idf)
        norm = _norm(vector)
        return {f: v / norm for f, v in vector.items()} if norm else vector

    def _scores(self, vector: Vector, exclude: str | None) -> list[_Score]:
        """Per theme: score, order, id, its prototype and the sum of its placed articles."""
        scored = []
        for order, theme in enumerate(self.themes):
            prototype = self.prototypes[theme.id]
            score = PROTOTYPE_SHARE * _dot(vector, prototype)
            total_vector, squared, weight = self._sums[theme.id]
            own = [p for p in self.placed[theme.id] if p.example.key == exclude]
            dot = _dot(vector, total_vector)
            for item in own:  # leave the article itself out of its theme's mean
                dot -= item.weight * _dot(vector, item.vector)
                squared += -2 * item.weight * _dot(item.vector, total_vector) + item.weight**2
                weight -= item.weight
            if weight > 0 and squared > 1e-12:
                score += CENTROID_SHARE * dot / math.sqrt(squared)
            centroid = _Centroid(total_vector, tuple(own), math.sqrt(max(squared, 0.0)))
            scored.append(_Score(score, order, theme.id, prototype, centroid))
        scored.sort(key=lambda s: (-s.score, s.order))
        return scored

    def guess(self, text: Text, exclude: str | None = None) -> str:
        """The id of the theme :meth:`classify` would choose, without its reasons."""
        return self._scores(self.vector(self.counts(text)), exclude)[0].id

    def classify(self, text: Text, exclude: str | None = None) -> ThemeChoice:
        """The theme of ``text``; ``exclude`` is its own key, left out of the examples."""
        if not self.themes:
            raise ValueError("no theme to choose from")
        counts = self.counts(text)
        vector = self.vector(counts)
        scored = self._scores(vector, exclude)
        best = scored[0]
        best_score, best_id, prototype, centroid = (
            best.score,
            best.id,
            best.prototype,
            best.centroid,
        )
        theme = self.themes[best.order]
        runner = (scored[1].score, scored[1].order, scored[1].id) if len(scored) > 1 else None
        if best_score <= 0:  # no clue: every theme ties, the next one is as likely
            return ThemeChoice(
                theme.id,
                theme.title,
                0.0,
                (NO_CLUE_REASON,),
                (runner[2], 0.0) if runner else None,
                "auto",
                confidence=0.0,
            )
        confidence = 1.0 - max(runner[0], 0.0) / best_score if runner else 1.0
        reasons = self._reasons(counts, vector, best_id, prototype, centroid)
        for item in self._nearest(vector, best_id, exclude):
            reasons.append(item)
        runner_up = (runner[2], round(100 * max(runner[0], 0.0), 1)) if runner else None
        confidence = round(min(max(confidence, 0.0), 1.0), 3)
        also = None
        if runner_up and confidence < ALSO_CONFIDENCE and runner_up[1] >= ALSO_MIN_SCORE:
            also = runner_up[0]
        return ThemeChoice(
            id=theme.id,
            title=theme.title,
            score=round(100 * best_score, 1),
            reasons=tuple(reasons),
            runner_up=runner_up,
            source="auto",
            confidence=confidence,
            also=also,
        )

    def _reasons(
        self,
        counts: _Counts,
        vector: Vector,
        theme_id: str,
        prototype: Vector,
        centroid: _Centroid,
    ) -> list[str]:
        """The article's words that weighed most for the theme, in French."""
        keywords = {
            _phrase_key(k.term) for t in self.themes if t.id == theme_id for k in t.keywords
        }
        centroid_norm = centroid.norm or 1.0
        weights = []
        for feature, value in vector.items():
            weight = value * (
                PROTOTYPE_SHARE * prototype.get(feature, 0.0)
                + CENTROID_SHARE * centroid.get(feature) / centroid_norm
            )
            if weight > 0:
                weights.append((weight, feature))
        weights.sort(key=lambda w: (-w[0], w[1]))
        reasons: list[str] = []
        shown: list[str] = []
        for weight, feature in weights:
            if len(reasons) == 5:
                break
            # a word already shown inside a phrase is not repeated
            if any(feature in other.split(" ") or feature == other for other in shown):
                continue
            shown.append(feature)
            in_title, elsewhere = counts.where.get(feature, [0, 0])
            where = []
            if in_title:
                where.append("dans le titre")
            if elsewhere:
                where.append(f"{elsewhere} fois dans le texte")
            kind = ", mot-clé du thème" if feature in keywords else ""
            surface = " ".join(counts.surface[feature].split())
            reasons.append(f"« {surface} » {' et '.join(where)}{kind} (+{100 * weight:.1f})")
        return reasons

    def _postings(self, theme_id: str) -> dict[str, list[tuple[int, float]]]:
        """Term -> (position among the theme's placed articles, weight), built once."""
        cache = self._postings_cache
        if theme_id not in cache:
            index: dict[str, list[tuple[int, float]]] = {}
            for position, item in enumerate(self.placed[theme_id]):
                for term, weight in item.vector.items():
                    index.setdefault(term, []).append((position, weight))
            cache[theme_id] = index
        return cache[theme_id]

    def _nearest(self, vector: Vector, theme_id: str, exclude: str | None) -> list[str]:
        """The placed articles of the theme nearest to the article, in French."""
        # candidates from the article's strongest terms (an inverted index, so
        # the cost does not grow with the square of the number of articles),
        # then the exact similarity of the best candidates
        placed = self.placed[theme_id]
        postings = self._postings(theme_id)
        strongest = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:NEAREST_TERMS]
        partial: dict[int, float] = {}
        for term, value in strongest:
            for position, weight in postings.get(term, ()):
                partial[position] = partial.get(position, 0.0) + value * weight
        candidates = sorted(partial, key=lambda p: (-partial[p], p))[: NEAREST_CANDIDATES + 1]
        if len(candidates) < NEAREST_CANDIDATES:  # few shared strong terms: look at them all
            candidates = list(range(len(placed)))
        ranked = []
        for position in candidates:
            item = placed[position]
            if item.example.key == exclude:
                continue
            similarity = _dot(vector, item.vector)
            if similarity > 0:
                ranked.append((similarity, item.example.key, item))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        reasons: list[str] = []
        for similarity, _key, item in ranked[:2]:
            how = "placé à la main" if item.example.manual else "placé par le classement"
            reasons.append(
                f"proche de l'article « {' '.join(item.example.title.split())} » "
                f"({how}, similarité {similarity:.2f})"
            )
        return reasons


# --------------------------------------------------------------------------
# the stage
# --------------------------------------------------------------------------


def classify_text(
    title: str,
    body: str,
    themes: tuple[Theme, ...],
    *,
    headings: tuple[str, ...] = (),
    glossary: Sequence[GlossaryEntry] = (),
    examples: Sequence[Example] = (),
) -> ThemeChoice | None:
    """The theme of one text (None only when the taxonomy has no theme)."""
    if not themes:
        return None
    return Model(themes, glossary, examples).classify(Text(title, headings, body))


def manual_choice(theme_id: str, themes: tuple[Theme, ...], why: str) -> ThemeChoice | None:
    theme = next((t for t in themes if t.id == theme_id), None)
    if theme is None:
        return None
    return ThemeChoice(theme.id, theme.title, 0.0, (why,), None, "manual", confidence=1.0)


def article_text(article: Article) -> Text:
    """Title, sub-headings and body of an article, as the classifier reads them."""
    headings = []
    body = []
    for block in structure(article.body):
        if isinstance(block, Heading):
            headings.append(block.text)
    for line in article.body:
        if line.text not in headings:
            body.append(line.text)
    return Text(article.title, tuple(headings), "\n".join(body))


def page_example(slug: str, meta: dict, body: str, manual: bool) -> Example:
    """An article page of the handbook (front matter and MyST body) as an example."""
    title = str(meta.get("title") or slug)
    headings = []
    lines = []
    for line in body.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("# "):
            continue  # the page title, already in the front matter
        if stripped.startswith("#"):
            headings.append(stripped.lstrip("#").strip())
        else:
            lines.append(line)
    text = Text(title, tuple(headings), "\n".join(lines))
    return Example(slug, title, text, str(meta.get("theme")), manual)


def classify_articles(
    articles: list[Article],
    themes: tuple[Theme, ...],
    overrides: dict[str, str],
    manual_pages: dict[str, str],
    *,
    glossary: Sequence[GlossaryEntry] = (),
    placed: Sequence[Example] = (),
) -> list[Article]:
    """Classify every article; ``overrides`` (corrections) and ``manual_pages``
    (themes set by hand in edited pages), both by slug, win over the classifier.

    ``placed`` are the articles of the handbook outside this import, with
    their themes; the model learns from them, from the hand placements and,
    in a second pass, from the first-pass places of the other articles.
    """
    if not themes:
        return [replace(article, theme=None) for article in articles]
    theme_ids = {t.id for t in themes}
    texts = {article.slug: article_text(article) for article in articles}
    hand: dict[str, str] = {}
    for article in articles:
        chosen = overrides.get(article.slug) or manual_pages.get(article.slug)
        if chosen in theme_ids:
            hand[article.slug] = chosen
    examples = [*placed] + [
        Example(a.slug, a.title, texts[a.slug], hand[a.slug], True)
        for a in articles
        if a.slug in hand
    ]
    unlabeled = [texts[a.slug] for a in articles if a.slug not in hand]
    first = Model(themes, glossary, examples, unlabeled)
    guesses = {a.slug: first.guess(texts[a.slug], a.slug) for a in articles}
    second = Model(
        themes,
        glossary,
        examples
        + [
            Example(a.slug, a.title, texts[a.slug], guesses[a.slug], False)
            for a in articles
            if a.slug not in hand
        ],
        like=first,
    )
    result = []
    for article in articles:
        choice = None
        if article.slug in overrides:
            choice = manual_choice(overrides[article.slug], themes, MANUAL_CORRECTION_REASON)
        if choice is None:
            choice = second.classify(texts[article.slug], article.slug)
            chosen = manual_pages.get(article.slug)
            # A page's theme is a person's choice only where it differs from the classifier's.
            if chosen and chosen != choice.id:
                choice = manual_choice(chosen, themes, MANUAL_PAGE_REASON) or choice
        result.append(replace(article, theme=choice))
    return result
