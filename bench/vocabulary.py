"""French words, names and numbers of the synthetic corpus (:mod:`bench.synthetic`).

Plain data and one pure function; the draws are made in :mod:`bench.prose`.
"""

from __future__ import annotations

# --------------------------------------------------------------------------
# words and names
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
