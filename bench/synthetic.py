"""Synthetic dumps shaped like ours, for benchmarks and tests.

``generate(out_dir, articles=500, seed=1)`` writes plain-text dumps that look
like the real ones in ``sources/`` and returns the ground truth (the planted
unique titles and the planted site-chrome lines), which can also be written
as JSON. Deterministic: the same seed and size give byte-identical files. No
network, no data file: the French vocabulary is in this module.

Three kinds of files, exercising the same code paths as the real corpus:

* **blog** dumps (like ``blog-lpcpon-*.txt``): articles glued one after
  another. Each title has one of the shapes the segmenter recognises: shown
  twice (title repeated on the next line), all capitals, followed by a byline
  (``Par Prénom Nom`` or ``Promotion 2019-2020``), or a plain title found by
  lexical cohesion only (always after a full article or after a closing
  byline such as ``Propos recueillis par …``). Bodies hold section headings,
  bullets ``  • …``, quotations ``« … »``, interviews (questions and
  ``Prénom : “…”`` answers), captions and credits (``Photo : …``, ``© …``,
  ``Source : …``), ``Publié le :`` dates and signatures. Site chrome:
  ``Image d'en tête - …`` at the top of some files, ``Lire la suite…`` and
  ``Évaluer cet article :`` with its rating between some articles.
* **feed** dumps (like ``labo-societe-numerique-actus.txt``): items ended by
  ``L’article <titre> est apparu en premier sur <site>.`` and
  ``Accéder à l'intégralité du contenu``; the items of one site also carry
  that site's profile chrome (``[En construction]``, ``Les actus du Labo…``).
* **page** dumps (like ``capcom-rencontres-2014.txt``): ``Titre | Cap'Com``
  lines followed by the same title, tags and ``Publié le :``, upper-case
  session headings, the ``webleads-tracker`` line and ``Évaluer ce
  document:`` widgets.

About a quarter of the blog and feed articles appear in two (sometimes
three) files; some of these copies are truncated (a blog copy cut short at
the end of its file, a feed excerpt). Titles are distinctive (a rare word,
a number spelled in letters or a place, a topic), so that a perfect
segmenter finds each of them exactly.

Command line: ``python -m bench.synthetic OUT_DIR --articles 500 --seed 1
--truth truth.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["GroundTruth", "PlantedArticle", "build_corpus", "generate", "number_in_letters"]

# --------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------

# Nouns with their article (elision and gender written out).
GENERAL_NOUNS = (
    """
le projet|la collectivité|les habitants|le service|la démarche|les usagers|le territoire|la commune
l’équipe|les agents|le dispositif|la mairie|le département|la région|les associations|le public
les citoyens|la plateforme|le site internet|la campagne|le message|les partenaires|le réseau
la structure|les élus|le budget|la rencontre|l’atelier|les outils|la formation|les étudiants
le quartier|la ville|les acteurs|le conseil|la direction|les services|le président|la presse
les journalistes|le calendrier|la réunion|les familles|le programme|la méthode|les résultats
l’enquête|le bilan|la stratégie|les moyens|le contexte|la question|les enjeux|le choix|la place
les priorités|le secteur|la relation|les besoins|le partage|la visibilité|les retours
le public jeune
""".replace("\n", "|")
    .strip("|")
    .split("|")
)

TOPIC_NOUNS = (
    """
la mobilité douce|le covoiturage|la médiathèque|la voirie|le compostage|la billetterie|le festival
la piscine municipale|la cantine scolaire|le recensement|la déchèterie|le jardin partagé
la fibre optique|le tramway|la friche industrielle|la vidéoprotection|le conseil municipal
la lettre d’information|le podcast|la cartographie|le budget participatif|la consultation
le marché de producteurs|la navette|l’éclairage public|la ludothèque|le patrimoine fluvial
la signalétique|le tri sélectif|l’habitat ancien|la maison de santé|le guichet unique
l’accueil des nouveaux arrivants|l’open data|la fresque murale|le conseil des jeunes
la bibliothèque numérique|le service civique|la ressourcerie|la maison des associations
le tiers-lieu|l’espace de coworking|la salle des fêtes|le centre social|la halle couverte
la piste cyclable|le marché de Noël|la chaufferie bois|la micro-crèche|le skatepark
la téléconsultation|le portail famille|la régie de quartier|le plan local d’urbanisme
la trame verte|le verger conservatoire|la recyclerie|l’atelier vélo|la fête des voisins
le bulletin municipal|la borne interactive|le panneau lumineux|la carte scolaire
la plateforme de signalement|la gazette locale|le forum des métiers|la bourse aux vélos
le concours photo|l’exposition itinérante|la semaine européenne|le défi familles
la station météo|la zone piétonne|le parc éolien|la centrale solaire|la conciergerie solidaire
la consigne des bouteilles|le jardin pédagogique|la boîte à livres|le composteur collectif
le tourisme fluvial|la randonnée|le sentier botanique|la ferme urbaine|la pépinière d’entreprises
le relais petite enfance|la résidence d’artistes|le cinéma itinérant|la webradio
la chaîne vidéo|le fil d’actualités|la messagerie citoyenne|le questionnaire en ligne
la carte interactive|le tableau de bord|le jeu sérieux|la visite virtuelle|la balade sonore
l’application mobile|le chatbot municipal|la visioconférence|le registre numérique
la dématérialisation|la signature électronique|le paiement en ligne|la prise de rendez-vous
le formulaire en ligne|l’espace citoyen|la newsletter sportive|le compte rendu|la charte graphique
le logo|la mascotte|le slogan|l’affiche|le kakémono|la plaquette|le dépliant|le magazine
la vidéo pédagogique|l’infographie|la photothèque|le reportage|la conférence de presse
le communiqué|le dossier de presse|la revue de presse|la veille|le baromètre|le sondage
""".replace("\n", "|")
    .strip("|")
    .split("|")
)

# Phrases that the classifier of docs/_data/themes.yaml recognises, so that the
# synthetic articles spread over the course themes as the real ones do.
THEME_PHRASES = [
    ["la stratégie de communication", "l’objectif SMART", "la cible relais", "le profil type"],
    ["la communication publique", "le community manager", "la ligne éditoriale", "le marronnier"],
    [
        "la communication de crise",
        "la cellule de crise",
        "la gestion de crise",
        "la liberté d’expression",
    ],
    ["l’inclusion numérique", "la médiation numérique", "le pass numérique", "l’aidant numérique"],
    [
        "la protection des données",
        "la CNIL",
        "la reconnaissance faciale",
        "l’intelligence artificielle",
    ],
    ["l’outil collaboratif", "le patrimoine", "la bibliothèque", "les sciences participatives"],
    ["le chargé de communication", "le témoignage", "le service communication", "l’interview"],
    ["la journée portes ouvertes", "la licence professionnelle", "l’orientation", "l’IUT"],
]

VERBS = (
    """
accompagne|renforce|transforme|soutient|interroge|mobilise|valorise|facilite|structure|prolonge
éclaire|rapproche|modifie|simplifie|complète|anime|relaie|finance|présente|organise|encourage
illustre|associe|précise|améliore|questionne|rassemble|développe|diffuse|explique|accélère
protège|réinvente|oriente|coordonne|documente|évalue|favorise|redessine|consolide
""".replace("\n", "|")
    .strip("|")
    .split("|")
)

ADJECTIVES = (
    """
durable|accessible|efficace|simple|utile|visible|pratique|moderne|lisible|fiable|souple
réaliste|solidaire|responsable|pédagogique|stratégique|technique|unique|rapide|remarquable
exemplaire|ambitieuse|originale|concrète|nouvelle|collective|locale|publique
""".replace("\n", "|")
    .strip("|")
    .split("|")
)

CONNECTORS = [
    "Par ailleurs,",
    "De plus,",
    "En effet,",
    "Ainsi,",
    "Toutefois,",
    "Concrètement,",
    "Dans ce contexte,",
    "Au quotidien,",
    "Dans les faits,",
    "À terme,",
    "Pour l’instant,",
    "Sur le terrain,",
    "En pratique,",
    "Désormais,",
    "Peu à peu,",
    "Chaque mois,",
]

PREPOSITIONS = [
    "dans",
    "pour",
    "avec",
    "auprès de",
    "grâce à",
    "autour de",
    "face à",
    "sans",
    "au service de",
    "à côté de",
    "en lien avec",
    "au-delà de",
]

RARE_WORDS = (
    """
quinconce|alambic|baldaquin|escarboucle|farandole|gabarre|hallebarde|jouvence|kermesse|lanterneau
mansarde|nénuphar|ocarina|palimpseste|quenouille|ricochet|sarabande|tarentelle|ukulélé|vermeil
xylophone|zéphyr|azulejo|bergamote|cabestan|dithyrambe|églantine|faribole|girandole|hirondelle
isard|jacquemart|kaléidoscope|libellule|mirabelle|nautile|obélisque|pervenche|quetsche|ritournelle
salamandre|tourmaline|ondine|vétiver|wapiti|yole|zinnia|amarante|brigantin|capucine|damier
estacade|fenouil|goélette|héliotrope|ibis|jonquille|kiosque|lavandin|marelle|nacelle|orgue
passerelle|quartz|roseraie|sémaphore|tamaris|utopie|verveine|anémone|bruyère|camomille|dentelle
éphémère|fougère|gentiane|houblon|iridium|jasmin|ketmie|lichen|mimosa|narcisse|opale|pivoine
quiétude|réséda|sorbier|tilleul|urubu|valériane|aubépine|boussole|chrysalide|dromadaire
escargot|flamant|griotte|hérisson|igloo|jacinthe|koala|luciole|mistral|noisetier|origami
papyrus|quiche|rossignol|sirocco|toucan|uranium|violoncelle|acacia|bambou|cerisier|dahlia
épicéa|figuier|glycine|hortensia|immortelle|jujube|kumquat|lotus|magnolia|néflier|olivier
palmier|quinoa|romarin|safran|tournesol|ulmaire|vanille|absinthe|balsamine|coquelicot
digitale|edelweiss|frangipane|géranium|hibiscus|impatiente|joubarbe|lupin|muguet|nigelle
orchidée|pétunia|renoncule|scabieuse|tulipe|véronique|ancolie|bégonia|clématite|datura
euphorbe|fuchsia|gardénia|hellébore|ixia|liseron|myosotis|nivéole|oxalis|primevère|rudbeckia
sauge|trèfle|verbascum|achillée|bleuet|cosmos|delphinium|érable|freesia|gaillarde|hysope
iberis|kalanchoé|lilas|mauve|nymphéa|oeillet|pavot|santoline|thym|viorne|armoise|bourrache
cardère|doronic|épilobe|fumeterre|gaura|hélénie|inule|lamier|mélisse|népéta|onagre|phlox
""".replace("\n", "|")
    .strip("|")
    .split("|")
)

TOWNS = (
    """
Nancy|Metz|Épinal|Toul|Lunéville|Verdun|Bar-le-Duc|Saint-Dié-des-Vosges|Remiremont|Thionville
Sarreguemines|Pont-à-Mousson|Vandœuvre|Laxou|Villers-lès-Nancy|Reims|Troyes|Chaumont|Langres
Strasbourg|Colmar|Mulhouse|Haguenau|Sélestat|Besançon|Dijon|Vesoul|Belfort|Montbéliard|Dole
Lons-le-Saunier|Mâcon|Auxerre|Sens|Nevers|Bourges|Orléans|Tours|Blois|Angers|Nantes|Rennes
Brest|Quimper|Vannes|Lorient|Caen|Rouen|Le Havre|Amiens|Lille|Arras|Douai|Valenciennes|Lens
Calais|Dunkerque|Beauvais|Compiègne|Soissons|Laon|Charleville-Mézières|Sedan|Limoges|Tulle
Périgueux|Agen|Pau|Bayonne|Tarbes|Albi|Rodez|Cahors|Montauban|Foix|Perpignan|Nîmes|Alès
""".replace("\n", "|")
    .strip("|")
    .split("|")
)

FIRST_NAMES = (
    """
Camille|Noémie|David|Agathe|Lucas|Manon|Hugo|Léa|Théo|Chloé|Louis|Inès|Jules|Sarah|Maxime
Emma|Nathan|Clara|Paul|Julie|Antoine|Margaux|Élise|Romain|Anaïs|Quentin|Laura|Bastien|Océane
Mathilde|Arthur|Pauline|Victor|Lucie|Adrien|Justine|Marius|Zoé|Florian|Amandine
""".replace("\n", "|")
    .strip("|")
    .split("|")
)

LAST_NAMES = (
    """
Martin|Bernard|Thomas|Petit|Robert|Richard|Durand|Dubois|Moreau|Laurent|Simon|Michel|Lefèvre
Leroy|Roux|David|Bertrand|Morel|Fournier|Girard|Bonnet|Dupont|Lambert|Fontaine|Rousseau
Vincent|Muller|Lefebvre|Faure|André|Mercier|Blanc|Guérin|Boyer|Garnier|Chevalier|François
Legrand|Gauthier|Garcia|Perrin|Robin|Clément|Morin|Nicolas|Henry|Roussel|Mathieu|Gautier
""".replace("\n", "|")
    .strip("|")
    .split("|")
)

ORGANISATIONS = [
    "Mission Société Numérique",
    "Cap’Com",
    "IUT Nancy-Charlemagne",
    "Région Grand Est",
    "Conseil départemental",
    "Ville de {town}",
    "Agence d’urbanisme de {town}",
    "Stocklib",
    "Le blog d’Étalab",
    "Observatoire des territoires",
    "Office de tourisme de {town}",
]

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

TAGS = [
    "Internet et TIC",
    "Communication numérique",
    "Marketing territorial",
    "Réseaux sociaux",
    "Relations presse",
    "Éditions",
    "Vie de la formation",
    "Portraits",
]

BLOG_SITE = "Licence Professionnelle Communication Publique & Outils Numériques"
FEED_SITES = [
    # (file prefix, site named in the footers, chrome lines at the top of the file)
    (
        "actus-labo",
        "Laboratoire d'Analyse et de Décryptage du Numérique",
        ["[En construction]", "Les actus du Labo de la Mission Société Numérique"],
    ),
    ("fil-territorial", "Le fil de la communication territoriale", []),
]
PAGE_SITE = "Cap'Com"

# Shares (in this order) of the unique articles of each kind and shape.
KIND_SHARES = (("page", 0.08), ("feed", 0.27))  # the rest are blog articles
BLOG_SHAPES = (
    ("repeated", 0.40),
    ("upper", 0.17),
    ("byline", 0.15),
    ("cohort", 0.05),
    ("interview", 0.11),
)  # the rest are plain titles
DUPLICATE_SHARE = 0.25  # blog and feed articles copied in another file
THIRD_COPY_SHARE = 0.12  # of the duplicated ones, copied a third time
TRUNCATED_SHARE = 0.35  # of the extra copies, truncated


# --------------------------------------------------------------------------
# numbers in letters (traditional French spelling)
# --------------------------------------------------------------------------

_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_hundred(n: int) -> str:
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return f"dix-{_UNITS[n - 10]}"
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = _below_hundred(10 + unit)
        joiner = " et " if tens == 7 and unit == 1 else "-"
        return f"{base}{joiner}{rest}"
    if tens == 8:
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_UNITS[unit]}"
    word = _TENS[tens]
    if unit == 0:
        return word
    return f"{word} et un" if unit == 1 else f"{word}-{_UNITS[unit]}"


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent"
    if rest == 0:
        return head if hundreds == 1 else head + "s"
    return f"{head} {_below_hundred(rest)}"


def number_in_letters(n: int) -> str:
    """``243`` -> ``deux cent quarante-trois`` (0 ≤ n < 1 000 000)."""
    if not 0 <= n < 1_000_000:
        raise ValueError(n)
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        return _below_thousand(rest)
    head = "mille" if thousands == 1 else f"{_below_thousand(thousands)} mille"
    if head.endswith("cents mille"):
        head = head.replace("cents mille", "cent mille")
    if head.endswith("quatre-vingts mille"):
        head = head.replace("quatre-vingts mille", "quatre-vingt mille")
    return head if rest == 0 else f"{head} {_below_thousand(rest)}"


# --------------------------------------------------------------------------
# ground truth
# --------------------------------------------------------------------------


@dataclass
class PlantedArticle:
    """One unique article and where its copies were written."""

    title: str
    kind: str  # blog, feed, page
    shape: str  # repeated, upper, byline, cohort, interview, plain, feed, page
    occurrences: list[tuple[str, int, bool]] = field(default_factory=list)  # file, line, truncated


@dataclass
class GroundTruth:
    """What was planted: unique titles, chrome lines, files."""

    seed: int
    articles: list[PlantedArticle]
    chrome: list[tuple[str, int, str]]  # file name (relative to the output folder), line, text
    files: list[str]
    total_bytes: int

    @property
    def titles(self) -> list[str]:
        return [article.title for article in self.articles]

    @property
    def occurrences(self) -> int:
        return sum(len(article.occurrences) for article in self.articles)

    def as_dict(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "unique_articles": len(self.articles),
            "occurrences": self.occurrences,
            "files": self.files,
            "total_bytes": self.total_bytes,
            "titles": self.titles,
            "articles": [asdict(article) for article in self.articles],
            "chrome": [list(item) for item in self.chrome],
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=1) + "\n", "utf-8")


# --------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------


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
class _Article:
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


def _pick(rng: random.Random, shares: tuple[tuple[str, float], ...], default: str) -> str:
    roll = rng.random()
    for name, share in shares:
        if roll < share:
            return name
        roll -= share
    return default


def _make_article(rng: random.Random, index: int, kind: str, titles: _TitleGuard) -> _Article:
    group = THEME_PHRASES[rng.randrange(len(THEME_PHRASES))]
    topics = rng.sample(group, 2) + rng.sample(TOPIC_NOUNS, 6)
    town = rng.choice(TOWNS)
    shape = kind if kind != "blog" else _pick(rng, BLOG_SHAPES, "plain")
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
    return _Article(title, kind, shape, head, body, chrome_after)


class _TitleGuard:
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


# --------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------


@dataclass
class _Copy:
    article: _Article
    truncated: bool = False


class _File:
    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []
        self.chrome: list[tuple[int, str]] = []

    def add(self, *lines: str, chrome: bool = False) -> int:
        """Append lines; return the number (1-based) of the first one."""
        first = len(self.lines) + 1
        for line in lines:
            self.lines.append(line)
            if chrome and line.strip():
                self.chrome.append((len(self.lines), line))
        return first

    def text(self) -> str:
        while self.lines and not self.lines[-1].strip():
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _truncate(body: list[str], rng: random.Random) -> list[str]:
    """The first few paragraphs of a body (a copy cut short)."""
    paragraphs = [i for i, line in enumerate(body) if line == ""]
    keep = rng.randint(2, max(2, min(4, len(paragraphs) - 2)))
    return body[: paragraphs[keep - 1] + 1] if len(paragraphs) >= keep else body


def _per_file(count: int, low: int, high: int) -> int:
    return max(low, min(high, count // 6 or 1))


def _spread(
    copies: list[list[_Copy]], rng: random.Random, size: int, *, tail: bool
) -> list[list[_Copy]]:
    """First copies in order, files of ``size``; extra copies inserted in other files.

    With ``tail``, a truncated copy is the last article of its file (a blog
    dump cut short) and a file holds at most one of them.
    """
    firsts = [group[0] for group in copies]
    files = [firsts[i : i + size] for i in range(0, len(firsts), size)] or [[]]
    home = {}
    for number, items in enumerate(files):
        for item in items:
            home[id(item.article)] = {number}
    has_tail: set[int] = set()
    for group in copies:
        for extra in group[1:]:
            taken = home[id(extra.article)]
            free = [n for n in range(len(files)) if n not in taken]
            if not free:
                continue
            number = rng.choice(free)
            taken.add(number)
            if tail and extra.truncated:
                if number in has_tail:
                    extra.truncated = False
                else:
                    has_tail.add(number)
                    files[number].append(extra)
                    continue
            limit = len(files[number]) - (1 if number in has_tail else 0)
            files[number].insert(rng.randint(0, max(0, limit)), extra)
    return files


def build_corpus(articles: int, seed: int = 1) -> tuple[dict[str, str], GroundTruth]:
    """The dumps (file name -> text) and their ground truth, in memory."""
    if articles < 1:
        raise ValueError("articles must be ≥ 1")
    rng = random.Random(seed)
    guard = _TitleGuard()
    kinds: list[str] = [_pick(rng, KIND_SHARES, "blog") for _ in range(articles)]
    planted = [_make_article(rng, index, kind, guard) for index, kind in enumerate(kinds)]
    truth_of = {id(a): PlantedArticle(a.title, a.kind, a.shape) for a in planted}

    def copies_of(kind: str) -> list[list[_Copy]]:
        groups = []
        for article in planted:
            if article.kind != kind:
                continue
            group = [_Copy(article)]
            if kind != "page" and rng.random() < DUPLICATE_SHARE:
                extra = 2 if rng.random() < THIRD_COPY_SHARE else 1
                group += [_Copy(article, rng.random() < TRUNCATED_SHARE) for _ in range(extra)]
            groups.append(group)
        return groups

    files: list[_File] = []
    # blog dumps
    blog = copies_of("blog")
    for number, items in enumerate(
        _spread(blog, rng, _per_file(len(blog), 4, 30), tail=True), start=1
    ):
        dump = _File(f"blog-synth-{number:03d}.txt")
        if rng.random() < 0.5:
            dump.add(f"Image d'en tête - {BLOG_SITE}", chrome=True)
            dump.add("")
        # A truncated copy is always the last article of its file, so a plain
        # title (found by cohesion only) always follows a complete article.
        for item in items:
            article = item.article
            first = dump.add(*article.head)
            body = _truncate(article.body, rng) if item.truncated else article.body
            dump.add(*body)
            truth_of[id(article)].occurrences.append((dump.name, first, item.truncated))
            if article.chrome_after and not item.truncated:
                dump.add(*article.chrome_after, chrome=True)
                dump.add("")
            dump.add("")
        if rng.random() < 0.5 and not items[-1].truncated:
            dump.add(f"Ce blog est animé par les étudiants de la {BLOG_SITE} (LP CP&ON).")
        files.append(dump)
    # feed dumps
    feed = copies_of("feed")
    spread = _spread(feed, rng, _per_file(len(feed), 4, 30), tail=False)
    for number, items in enumerate(spread, start=1):
        prefix, site, top = FEED_SITES[number % len(FEED_SITES)]
        dump = _File(f"{prefix}-{number:03d}.txt")
        for line in top:
            dump.add(line, chrome=True)
            dump.add("", "")
        for item in items:
            article = item.article
            body = _truncate(article.body, rng) if item.truncated else article.body
            first = dump.add(*body)
            dump.add(f"L’article {article.title} est apparu en premier sur {site}.", "", "")
            dump.add("Accéder à l'intégralité du contenu", chrome=True)
            dump.add("")
            truth_of[id(article)].occurrences.append((dump.name, first, item.truncated))
        files.append(dump)
    # page dumps
    pages = [group[0] for group in copies_of("page")]
    size = _per_file(len(pages), 2, 6)
    for number, start in enumerate(range(0, len(pages), size), start=1):
        dump = _File(f"rencontres-capcom-{number:03d}.txt")
        dump.add("webleads-tracker", chrome=True)
        dump.add("")
        for item in pages[start : start + size]:
            article = item.article
            first = dump.add(*article.head)
            dump.add(*article.body)
            dump.add(*article.chrome_after, chrome=True)
            dump.add("")
            truth_of[id(article)].occurrences.append((dump.name, first, False))
        files.append(dump)
    texts = {dump.name: dump.text() for dump in files}
    chrome = [(dump.name, number, text) for dump in files for number, text in dump.chrome]
    truth = GroundTruth(
        seed=seed,
        articles=[truth_of[id(a)] for a in planted],
        chrome=chrome,
        files=sorted(texts),
        total_bytes=sum(len(t.encode("utf-8")) for t in texts.values()),
    )
    return texts, truth


def generate(
    out_dir: Path, articles: int, seed: int = 1, *, truth_path: Path | None = None
) -> GroundTruth:
    """Write the synthetic dumps into ``out_dir`` (created); return the ground truth."""
    texts, truth = build_corpus(articles, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in sorted(texts):
        (out_dir / name).write_bytes(texts[name].encode("utf-8"))
    if truth_path is not None:
        truth.write_json(truth_path)
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synthetic",
        description="Écrit un corpus synthétique de dumps (mêmes formes que sources/).",
    )
    parser.add_argument("out_dir", type=Path, help="dossier où écrire les fichiers .txt")
    parser.add_argument("--articles", type=int, default=50, help="nombre d'articles uniques")
    parser.add_argument("--seed", type=int, default=1, help="graine (même graine, mêmes fichiers)")
    parser.add_argument("--truth", type=Path, help="fichier JSON où écrire la vérité terrain")
    args = parser.parse_args(argv)
    truth = generate(args.out_dir, args.articles, args.seed, truth_path=args.truth)
    print(
        f"{len(truth.files)} fichier(s), {len(truth.articles)} article(s) uniques, "
        f"{truth.occurrences} occurrence(s), {truth.total_bytes / 1e6:.1f} Mo."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
