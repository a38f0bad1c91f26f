"""Build the demo fixtures in ``fixtures/demo/`` from the readable content below.

    .venv/bin/python scripts/build_demo_fixtures.py

Everything here is invented for the demonstration of the resource centre and says
so: every organisation is marked « exemple fictif » in its name and description,
every case study in its summary, every resource in its body. The territories are
real (official codes); nothing invented is attributed to a real organisation: texts
may name a place, never a real local authority, State service, company or
association as an author, interviewee, funder or actor (an EPCI is named by its main
commune, since its name is its authority's; case-study sources name no territory).
``tests/test_demo_content.py`` checks it.

The output is deterministic (same content → byte-identical JSON), in Django's
natural-key fixture format (``dumpdata --natural-foreign --natural-primary``), so
``manage.py loaddata`` reads it and re-loading updates rows instead of duplicating
them:

* partners, collections, taxonomies and tags are identified by natural keys
  (slug; tag name; territories by ``[level, code]``);
* rows that have no natural key (participations, key figures, collection items,
  taggit's tagged items) carry fixed primary keys in high ranges, and so do
  resources and case studies, because taggit's tagged items point at them by
  primary key. **Append new entries at the end of each list; never reorder or
  delete one**: primary keys are derived from positions.

The script also writes ``tests/data/demo_territories/``: the COG-layout CSV rows
of every territory the fixtures refer to (plus all régions and départements), so
that tests can run ``load_demo`` without importing the whole geography.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import html
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "fixtures" / "demo"
TERRITORY_SOURCE = ROOT / "fixtures" / "territories"
TEST_TERRITORIES = ROOT / "tests" / "data" / "demo_territories"

sys.path.insert(0, str(ROOT))

from django.utils.text import slugify  # noqa: E402  (pure function, no settings needed)

FICTIONAL = "exemple fictif"

# Primary-key ranges of the rows that need fixed keys (see the module docstring).
PK_RESOURCE = 910_000
PK_CASE_STUDY = 920_000
PK_PARTICIPATION = 930_000  # + case study number * 10 + rank
PK_KEY_FIGURE = 940_000  # + case study number * 10 + rank
PK_COLLECTION_ITEM = 950_000  # + collection number * 20 + rank
PK_TAGGED_RESOURCE = 960_000  # + resource number * 10 + rank
PK_TAGGED_CASE_STUDY = 970_000  # + case study number * 10 + rank

# --------------------------------------------------------------------------------------
# Vocabulary shorthands (slugs seeded by partnerships/migrations/0002_seed_taxonomies.py)
# --------------------------------------------------------------------------------------

EMP = "emploi-insertion"
EDU = "education-jeunesse"
SAN = "sante-bien-vieillir"
LIEN = "lien-social-solidarites"
HAB = "habitat-cadre-de-vie"
MOB = "mobilite"
ENV = "transition-ecologique-energie"
ALIM = "alimentation-agriculture"
ECO = "developpement-economique-ess"
CULT = "culture-sport-patrimoine"
NUM = "numerique-inclusion"
CIT = "citoyennete-participation"
THEMES = (EMP, EDU, SAN, LIEN, HAB, MOB, ENV, ALIM, ECO, CULT, NUM, CIT)

ASSO = "association"
FOND = "fondation"
ENT = "entreprise"
COLL = "collectivite"
ETAT = "etat"
ACAD = "academique"
ACC = "accompagnement"
CITO = "citoyens"
ACTOR_TYPES = (ASSO, FOND, ENT, COLL, ETAT, ACAD, ACC, CITO)
ALL_AUDIENCES = ACTOR_TYPES

MEC = "mecenat"
PRA = "pratiques-responsables"
COOP = "cooperation-economique"
INNO = "innovation-societale"
PARTNERSHIP_TYPES = (MEC, PRA, COOP, INNO)

DIAL = "dialogue-territorial"
PART = "partenariats-organisations"
EXP = "experimentations-collectives"

FORMATS = (
    "referentiel",
    "guide-kit",
    "fiche-repere",
    "etude-rapport",
    "note-prospective",
    "monographie",
    "outil-autodiagnostic",
    "video-webinaire",
    "parcours-mooc",
)

STAGES = ("emergence", "experimentation", "consolidation", "essaimage")
ROLES = ("porteur", "financeur", "operationnel", "catalyseur", "accompagnateur", "academique")
ROLES_ALL = (*ROLES, "autre")

PUBLISHED, DRAFT, REVIEW = "published", "draft", "review"

LEVELS = {"FR": "country", "r": "region", "d": "department", "e": "epci", "c": "commune"}


def territory(ref: str) -> list[str]:
    """``"FR"`` → France; ``"r:53"`` région; ``"d:35"`` département; ``"e:…"`` EPCI (SIREN);
    ``"c:35238"`` commune (INSEE code)."""
    if ref == "FR":
        return ["country", "FR"]
    prefix, code = ref.split(":")
    return [LEVELS[prefix], code]


# --------------------------------------------------------------------------------------
# Partners (all invented; « exemple fictif » in every name and description)
# --------------------------------------------------------------------------------------

# (slug, name without the marker, actor type, home territory, themes, description, status)
PARTNERS = [
    # Associations
    (
        "passerelles-vers-l-emploi",
        "Association Passerelles vers l'emploi",
        ASSO,
        "c:69123",
        [EMP, ECO],
        "Association d'insertion qui accompagne chaque année des personnes éloignées de "
        "l'emploi vers les entreprises du bassin lyonnais, avec un binôme conseiller-employeur "
        "pour chaque parcours.",
        PUBLISHED,
    ),
    (
        "jardins-partages-du-val",
        "Les Jardins partagés du Val",
        ASSO,
        "d:35",
        [ALIM, LIEN],
        "Réseau d'une douzaine de jardins collectifs installés au pied des immeubles et dans "
        "les bourgs d'Ille-et-Vilaine ; les habitants y cultivent, cuisinent et apprennent "
        "ensemble.",
        PUBLISHED,
    ),
    (
        "ateliers-du-lien",
        "Les Ateliers du lien",
        ASSO,
        "c:13055",
        [LIEN, CULT, CIT],
        "Centre social associatif des quartiers nord de Marseille : accueil, ateliers "
        "socio-linguistiques, projets culturels montés avec les habitants.",
        PUBLISHED,
    ),
    (
        "roule-ma-creuse",
        "Roule ma Creuse, mobilité solidaire",
        ASSO,
        "d:23",
        [MOB, EMP],
        "Plateforme de mobilité solidaire : location de véhicules à petit prix, garage "
        "solidaire, transport accompagné pour les personnes sans solution de déplacement.",
        PUBLISHED,
    ),
    (
        "les-claviers-du-nord",
        "Les Claviers du Nord, médiation numérique",
        ASSO,
        "c:59350",
        [NUM, CIT],
        "Association de médiation numérique : permanences d'accès aux droits en ligne, "
        "ateliers pour les seniors, reconditionnement d'ordinateurs donnés par des "
        "entreprises.",
        PUBLISHED,
    ),
    (
        "ressourcerie-de-l-estuaire",
        "Ressourcerie de l'Estuaire",
        ASSO,
        "c:44109",
        [ENV, EMP, ECO],
        "Atelier et chantier d'insertion qui collecte, répare et revend des objets de seconde "
        "main ; il emploie une trentaine de salariés en parcours d'insertion.",
        PUBLISHED,
    ),
    (
        "sport-ensemble-quartiers",
        "Sport ensemble quartiers",
        ASSO,
        "c:31555",
        [CULT, EDU, EMP],
        "Association sportive qui utilise le football, la boxe et la course comme porte "
        "d'entrée vers la formation et l'emploi des jeunes de quartiers prioritaires.",
        PUBLISHED,
    ),
    (
        "bras-dessus-bras-dessous",
        "Bras dessus bras dessous, réseau des aidants",
        ASSO,
        "d:29",
        [SAN, LIEN],
        "Réseau de soutien aux proches aidants : groupes de parole, répit, formation, et "
        "sensibilisation des employeurs à la conciliation entre travail et aide à un proche.",
        PUBLISHED,
    ),
    (
        "toit-partage-alsace",
        "Toit partagé Alsace",
        ASSO,
        "d:67",
        [HAB, LIEN, SAN],
        "Association qui met en relation des seniors disposant d'une chambre libre et des "
        "jeunes en formation ou en premier emploi, et accompagne la cohabitation.",
        PUBLISHED,
    ),
    # Fondations / fonds de dotation
    (
        "fondation-horizon-commun",
        "Fondation Horizon commun",
        FOND,
        "r:11",
        [EDU, EMP],
        "Fondation abritée qui soutient des projets d'égalité des chances et d'accès à "
        "l'emploi des jeunes, en privilégiant les alliances entre écoles, associations et "
        "entreprises.",
        PUBLISHED,
    ),
    (
        "fonds-terres-d-avenir",
        "Fonds de dotation Terres d'avenir",
        FOND,
        "r:76",
        [ALIM, ENV],
        "Fonds de dotation territorial dédié à la transition agricole et alimentaire, "
        "alimenté par une cinquantaine d'entreprises et de particuliers d'Occitanie.",
        PUBLISHED,
    ),
    (
        "fondation-pont-levant",
        "Fondation Pont-Levant",
        FOND,
        "r:75",
        [SAN, LIEN],
        "Fondation familiale qui finance des projets de bien-vieillir et de lutte contre "
        "l'isolement dans les territoires ruraux de Nouvelle-Aquitaine.",
        PUBLISHED,
    ),
    (
        "fonds-rives-et-racines",
        "Fonds de dotation Rives et racines",
        FOND,
        "d:45",
        [CULT, CIT],
        "Fonds de dotation créé par des entreprises du Loiret pour soutenir la culture, le "
        "patrimoine et la participation des habitants.",
        PUBLISHED,
    ),
    (
        "fondation-orvane",
        "Fondation d'entreprise Orvane",
        FOND,
        "d:38",
        [NUM, EDU, ENV],
        "Fondation d'entreprise d'un groupe industriel fictif : mécénat financier et de "
        "compétences pour l'inclusion numérique et la culture scientifique des jeunes.",
        PUBLISHED,
    ),
    # Entreprises
    (
        "transports-velorac",
        "Transports Vélorac",
        ENT,
        "d:15",
        [MOB, EMP],
        "PME familiale de transport de voyageurs et de marchandises (85 salariés) ; elle met "
        "des véhicules et le savoir-faire de ses mécaniciens à disposition de projets de "
        "mobilité solidaire.",
        PUBLISHED,
    ),
    (
        "boulangeries-maizel",
        "Boulangeries Maïzel",
        ENT,
        "d:59",
        [ALIM, EMP],
        "ETI de boulangerie artisanale (40 points de vente) engagée dans l'apprentissage, "
        "l'achat de farines locales et le don des invendus.",
        PUBLISHED,
    ),
    (
        "energies-carmantel",
        "Énergies Carmantel",
        ENT,
        "c:38185",
        [ENV, HAB],
        "Grande entreprise de services énergétiques ; ses équipes locales s'associent aux "
        "collectivités et aux associations pour lutter contre la précarité énergétique.",
        PUBLISHED,
    ),
    (
        "cooperative-des-hauts-plateaux",
        "Coopérative laitière des Hauts-Plateaux",
        ENT,
        "d:48",
        [ALIM, ECO],
        "Coopérative agricole de 120 producteurs de lait ; elle transforme et commercialise "
        "fromages et yaourts dans les cantines et commerces du département.",
        PUBLISHED,
    ),
    (
        "banque-ardoise",
        "Banque coopérative Ardoise",
        ENT,
        "c:35238",
        [ECO, LIEN],
        "Banque coopérative régionale : microcrédit, épargne solidaire et mécénat de "
        "compétences de ses salariés auprès des associations bretonnes.",
        PUBLISHED,
    ),
    (
        "batir-ensemble-construction",
        "Bâtir ensemble construction",
        ENT,
        "c:33063",
        [HAB, EMP],
        "Entreprise générale du bâtiment (220 salariés) qui applique des clauses d'insertion "
        "au-delà de ses obligations et co-traite avec des entreprises d'insertion.",
        PUBLISHED,
    ),
    (
        "numeria-services",
        "Numéria services",
        ENT,
        "c:31555",
        [NUM, EDU],
        "Entreprise de services numériques ; ses salariés animent bénévolement des ateliers "
        "et forment des médiateurs numériques associatifs.",
        PUBLISHED,
    ),
    (
        "hotellerie-vallon-bleu",
        "Hôtellerie Vallon-Bleu",
        ENT,
        "d:2A",
        [CULT, EMP],
        "Groupe hôtelier indépendant de Corse-du-Sud ; il travaille avec les acteurs de "
        "l'emploi pour allonger les saisons et stabiliser les emplois.",
        PUBLISHED,
    ),
    (
        "laboratoires-selene",
        "Laboratoires Sélène santé",
        ENT,
        "c:67482",
        [SAN],
        "Entreprise pharmaceutique de taille intermédiaire ; elle soutient des actions de "
        "prévention santé dans les quartiers où vivent ses salariés.",
        PUBLISHED,
    ),
    (
        "marche-vert-reunion",
        "Distribution Marché vert",
        ENT,
        "d:974",
        [ALIM, LIEN],
        "Réseau de supermarchés de proximité à La Réunion ; il s'approvisionne auprès des "
        "producteurs de l'île et soutient des épiceries solidaires.",
        PUBLISHED,
    ),
    # Collectivités (invented places, located in real départements)
    (
        "cc-val-d-arvene",
        "Communauté de communes du Val d'Arvène",
        COLL,
        "d:12",
        [ECO, HAB, CIT],
        "Intercommunalité rurale de 18 communes ; elle a fait de la revitalisation des "
        "centres-bourgs et des tiers-lieux le cœur de son projet de territoire.",
        PUBLISHED,
    ),
    (
        "ville-de-belvezac",
        "Ville de Belvézac",
        COLL,
        "d:24",
        [CULT, EMP],
        "Petite ville de 6 000 habitants, riche d'un patrimoine bâti à restaurer ; elle "
        "associe chantiers d'insertion et valorisation touristique.",
        PUBLISHED,
    ),
    (
        "agglo-pays-de-verandre",
        "Agglomération du Pays de Vérandre",
        COLL,
        "d:80",
        [EDU, EMP, MOB],
        "Communauté d'agglomération de 90 000 habitants ; elle anime un réseau d'entreprises "
        "engagées pour l'orientation et l'emploi des jeunes.",
        PUBLISHED,
    ),
    (
        "ville-de-port-saulnier",
        "Ville de Port-Saulnier",
        COLL,
        "d:17",
        [ALIM, ENV],
        "Ville moyenne du littoral atlantique ; son projet alimentaire territorial associe "
        "producteurs, restauration collective et associations d'aide alimentaire.",
        PUBLISHED,
    ),
    (
        "commune-de-haute-lisiere",
        "Commune nouvelle de Haute-Lisière",
        COLL,
        "d:39",
        [ECO, EMP],
        "Commune nouvelle de montagne née de la fusion de quatre villages ; elle soutient "
        "un groupement d'employeurs entre artisans et PME.",
        PUBLISHED,
    ),
    # État et institutions publiques
    (
        "mission-cooperation-territoriale",
        "Mission régionale pour la coopération territoriale",
        ETAT,
        "r:53",
        [CIT, ECO],
        "Service public d'appui aux coopérations entre acteurs publics, associatifs et "
        "économiques : animation de réseaux, ingénierie, appels à projets.",
        PUBLISHED,
    ),
    (
        "service-emploi-solidarites",
        "Mission publique Tremplin emploi-solidarités",
        ETAT,
        "d:57",
        [EMP, LIEN],
        "Mission publique qui coordonne des actions d'insertion et de solidarité et "
        "finance des structures d'insertion par l'activité économique.",
        PUBLISHED,
    ),
    (
        "agence-transitions-territoriales",
        "Agence publique des transitions territoriales",
        ETAT,
        "FR",
        [ENV, ECO, CIT],
        "Opérateur public national qui outille les territoires pour les transitions : "
        "études, référentiels, formations et soutien aux expérimentations collectives.",
        PUBLISHED,
    ),
    (
        "delegation-ruralites",
        "Délégation interservices Ruralités",
        ETAT,
        "d:58",
        [NUM, MOB, SAN],
        "Délégation interservices qui coordonne l'accès aux services publics et aux droits "
        "dans les territoires ruraux.",
        PUBLISHED,
    ),
    # Acteurs académiques
    (
        "labo-territoires-et-cooperations",
        "Laboratoire Territoires et coopérations",
        ACAD,
        "c:34172",
        [ECO, CIT],
        "Laboratoire universitaire de sciences sociales ; il étudie les alliances entre "
        "acteurs et évalue les expérimentations territoriales.",
        PUBLISHED,
    ),
    (
        "chaire-alliances-et-territoires",
        "Chaire Alliances et territoires",
        ACAD,
        "c:54395",
        [ECO, EMP],
        "Chaire de recherche financée par des entreprises et des collectivités ; elle "
        "produit des études sur la responsabilité territoriale des entreprises.",
        PUBLISHED,
    ),
    (
        "institut-des-solidarites-locales",
        "Institut universitaire des solidarités locales",
        ACAD,
        "c:86194",
        [LIEN, SAN, CIT],
        "Institut de formation et de recherche sur l'action sociale de proximité, le "
        "bien-vieillir et la participation des habitants.",
        PUBLISHED,
    ),
    (
        "ecole-superieure-des-transitions",
        "École supérieure des transitions",
        ACAD,
        "c:49007",
        [ENV, ALIM],
        "École d'ingénieurs dont les étudiants mènent chaque année des projets tutorés avec "
        "des collectivités et des associations du territoire.",
        PUBLISHED,
    ),
    # Acteurs de l'accompagnement
    (
        "coop-territoires",
        "Agence Coop'Territoires",
        ACC,
        "c:76540",
        [ECO, CIT, CULT],
        "Catalyseur territorial : l'agence anime le dialogue entre acteurs, accompagne les "
        "expérimentations collectives et gère un lieu de rencontre ouvert à tous.",
        PUBLISHED,
    ),
    (
        "pole-cooperation-ancre",
        "Pôle de coopération Ancre",
        ACC,
        "c:57463",
        [ECO, EMP],
        "Pôle territorial de coopération économique qui réunit PME, structures de l'ESS et "
        "collectivités autour de projets communs.",
        PUBLISHED,
    ),
    (
        "incubateur-germoir",
        "Incubateur d'innovation sociale Germoir",
        ACC,
        "c:21231",
        [ECO, ALIM],
        "Incubateur qui accompagne pendant dix-huit mois des projets d'innovation sociale, "
        "de l'idée jusqu'au premier modèle économique viable.",
        PUBLISHED,
    ),
    (
        "cabinet-trame-et-territoires",
        "Cabinet Trame et territoires",
        ACC,
        "c:75056",
        [CIT, ECO],
        "Cabinet de conseil spécialisé dans la conduite de démarches de co-construction et "
        "l'évaluation partagée des partenariats.",
        PUBLISHED,
    ),
    (
        "maison-des-alliances-du-bocage",
        "Maison des alliances du Bocage",
        ACC,
        "c:14118",
        [LIEN, ECO, CULT],
        "Lieu ressource pour les associations et les entreprises du Calvados : "
        "permanences, formations et rencontres « une association, une entreprise ».",
        PUBLISHED,
    ),
    # Citoyens / collectifs d'habitants
    (
        "voisins-du-square",
        "Collectif Les Voisins du square",
        CITO,
        "c:80021",
        [LIEN, HAB, CIT],
        "Collectif d'habitants d'un quartier d'habitat social : fête des voisins, jardin "
        "pied d'immeuble, dialogue avec le bailleur et la ville.",
        PUBLISHED,
    ),
    (
        "conseil-citoyen-des-hauts-quartiers",
        "Conseil citoyen des Hauts-Quartiers",
        CITO,
        "c:06088",
        [CIT, HAB],
        "Conseil citoyen d'un quartier prioritaire ; ses membres, tirés au sort ou "
        "volontaires, participent aux décisions d'aménagement.",
        PUBLISHED,
    ),
    # Drafts (not public)
    (
        "collectif-culture-en-chemin",
        "Collectif Culture en chemin",
        CITO,
        "c:63113",
        [CULT, CIT],
        "Collectif d'habitants qui organise des spectacles itinérants dans les villages ; "
        "fiche en cours de rédaction.",
        DRAFT,
    ),
    (
        "fonds-littoral-solidaire",
        "Fonds de dotation Littoral solidaire",
        FOND,
        "d:56",
        [LIEN, ENV],
        "Fonds de dotation de commerçants et d'entreprises du littoral ; fiche en relecture.",
        REVIEW,
    ),
]

# --------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------

FORMAT_INTROS = {
    "referentiel": (
        "Ce référentiel propose un cadre commun pour décrire, conduire et évaluer les "
        "démarches de co-construction. Il a été rédigé à partir d'entretiens et d'ateliers "
        "réunissant des acteurs de tous horizons.",
        "Pensé comme une grille de lecture partagée, ce référentiel donne des repères "
        "stables à des acteurs qui n'ont ni le même vocabulaire ni les mêmes contraintes.",
    ),
    "guide-kit": (
        "Ce guide pratique accompagne pas à pas les équipes qui veulent passer à l'action. "
        "Chaque étape est illustrée par des exemples et des modèles de documents à adapter.",
        "Conçu pour être utilisé en réunion, ce kit rassemble des fiches d'animation, des "
        "modèles de courrier et des check-lists prêtes à l'emploi.",
    ),
    "fiche-repere": (
        "Cette fiche repère résume une notion clé en quelques pages : définition, points "
        "de vigilance, exemples et questions à se poser avant de se lancer.",
        "En quatre pages, cette fiche pratique donne l'essentiel pour comprendre et "
        "utiliser la notion dans un projet partenarial.",
    ),
    "etude-rapport": (
        "Cette étude s'appuie sur une enquête par questionnaire et sur une série "
        "d'entretiens approfondis. Elle livre des constats chiffrés et des recommandations.",
        "Ce rapport rassemble les résultats d'un travail d'observation de plusieurs mois ; "
        "la méthode et les limites de l'enquête sont présentées en annexe.",
    ),
    "note-prospective": (
        "Cette note prospective explore les tendances à l'œuvre et propose plusieurs "
        "scénarios, pour aider les acteurs à anticiper plutôt qu'à subir.",
        "À partir de signaux faibles et de projections démographiques, cette note dessine "
        "les futurs possibles et les marges de manœuvre des acteurs locaux.",
    ),
    "monographie": (
        "Cette monographie raconte dans la durée l'histoire d'une démarche : ses débuts, "
        "ses tâtonnements, ses réussites et ce qu'elle a changé sur le territoire.",
        "Fondée sur une immersion de terrain, cette monographie donne la parole aux "
        "acteurs qui ont fait vivre l'alliance, y compris à ceux qui en sont sortis.",
    ),
    "outil-autodiagnostic": (
        "Cet outil se remplit en une heure environ, seul ou mieux à plusieurs. Il produit "
        "une synthèse visuelle et des pistes de progrès adaptées à votre situation.",
        "Cette grille d'autodiagnostic pose une vingtaine de questions simples ; les "
        "réponses permettent de situer sa démarche et de choisir les prochaines étapes.",
    ),
    "video-webinaire": (
        "Ce replay reprend l'intégralité des échanges, avec un chapitrage qui permet "
        "d'aller directement aux témoignages et aux questions du public.",
        "Cette vidéo courte donne la parole aux acteurs de terrain ; elle peut servir "
        "d'introduction à un atelier ou à une réunion de lancement.",
    ),
    "parcours-mooc": (
        "Ce parcours en ligne gratuit alterne vidéos, études de cas et exercices "
        "d'application ; il se suit à son rythme, en quatre à six heures au total.",
        "Ce parcours d'apprentissage est organisé en modules courts ; une attestation de "
        "suivi est délivrée à la fin, et des sessions collectives sont proposées.",
    ),
}

FORMAT_SECTION = {
    "referentiel": "Ce que propose le référentiel",
    "guide-kit": "L'approche proposée",
    "fiche-repere": "L'essentiel",
    "etude-rapport": "Le constat de départ",
    "note-prospective": "Les enjeux",
    "monographie": "Le contexte",
    "outil-autodiagnostic": "Pourquoi cet outil ?",
    "video-webinaire": "Le sujet",
    "parcours-mooc": "Les enjeux abordés",
}

THEME_PARAGRAPHS = {
    EMP: (
        "L'accès à l'emploi reste l'une des premières fragilités des territoires : les "
        "alliances entre employeurs, structures d'insertion et acteurs publics permettent "
        "de lever ensemble les freins périphériques, comme la mobilité, la garde d'enfants "
        "ou le logement.",
        "Les entreprises qui s'impliquent dans l'insertion y trouvent des compétences et "
        "une fidélité des salariés ; les associations y gagnent des débouchés durables pour "
        "les personnes qu'elles accompagnent.",
    ),
    EDU: (
        "La réussite éducative dépend aussi de ce qui se passe hors de l'école : "
        "découverte des métiers, parrainage, engagement associatif. Les alliances locales "
        "élargissent l'horizon des jeunes.",
        "Associer les jeunes eux-mêmes à la conception des actions change leur portée : ils "
        "deviennent acteurs et non plus seulement bénéficiaires des projets.",
    ),
    SAN: (
        "Le vieillissement de la population et la désertification médicale appellent des "
        "réponses coordonnées : prévention, soutien aux aidants, maintien du lien social "
        "et adaptation des logements.",
        "La santé se joue d'abord au quotidien, dans le logement, le travail et le quartier ; "
        "les partenariats entre employeurs, associations et collectivités en sont les "
        "relais naturels.",
    ),
    LIEN: (
        "L'isolement touche toutes les générations. Les démarches qui réussissent "
        "s'appuient sur des lieux ouverts, des bénévoles formés et des partenaires qui "
        "repèrent les personnes en difficulté.",
        "Les solidarités de proximité sont une richesse humaine que les alliances peuvent "
        "soutenir sans l'institutionnaliser : il s'agit de faciliter, pas de remplacer.",
    ),
    HAB: (
        "Le logement et le cadre de vie conditionnent l'accès à l'emploi, à la santé et "
        "à la vie sociale. Les projets d'habitat gagnent à associer les habitants dès "
        "l'amont.",
        "Rénovation énergétique, habitat intergénérationnel, aménagement des espaces "
        "publics : autant de chantiers où bailleurs, entreprises et associations ont "
        "intérêt à coopérer.",
    ),
    MOB: (
        "Sans solution de mobilité, pas d'accès à l'emploi ni aux services : dans les "
        "territoires ruraux comme dans les quartiers, la mobilité solidaire est une "
        "condition de l'insertion.",
        "Les entreprises de transport, les garages et les employeurs ont un rôle à jouer "
        "aux côtés des plateformes de mobilité : prêt de véhicules, formation, horaires "
        "adaptés.",
    ),
    ENV: (
        "La transition écologique ne se décrète pas : elle se construit territoire par "
        "territoire, en associant ceux qui produisent, ceux qui consomment et ceux qui "
        "décident.",
        "Économie circulaire, sobriété énergétique, adaptation au changement climatique : "
        "les coopérations locales permettent de mutualiser les investissements et les "
        "savoir-faire.",
    ),
    ALIM: (
        "Relocaliser l'alimentation suppose de réunir producteurs, transformateurs, "
        "restauration collective et aide alimentaire autour d'objectifs partagés.",
        "L'accès de tous à une alimentation de qualité est à la fois un enjeu de santé, "
        "de justice sociale et de développement économique local.",
    ),
    ECO: (
        "Le développement économique local et l'économie sociale et solidaire se renforcent "
        "mutuellement : achats responsables, co-traitance et mutualisation créent de "
        "l'activité qui ne se délocalise pas.",
        "Inventer de nouveaux moteurs de développement économique durable suppose de "
        "faire travailler ensemble des entreprises classiques, des structures de l'ESS et "
        "les collectivités.",
    ),
    CULT: (
        "La culture, le sport et le patrimoine sont des leviers de cohésion et "
        "d'attractivité ; ils offrent aussi des supports d'insertion et de formation.",
        "Les projets culturels et sportifs partagés créent des occasions de rencontre entre "
        "des publics qui ne se croisent pas ailleurs.",
    ),
    NUM: (
        "La dématérialisation des démarches a creusé une fracture numérique qui touche "
        "d'abord les personnes les plus fragiles ; la médiation numérique est devenue une "
        "politique d'accès aux droits.",
        "Les entreprises du numérique peuvent mettre leurs compétences au service des "
        "associations de médiation : formation, matériel reconditionné, outils adaptés.",
    ),
    CIT: (
        "La participation des habitants n'est pas une étape de concertation parmi d'autres : "
        "c'est une condition de la légitimité et de la durée des projets.",
        "Donner aux citoyens une place réelle dans les alliances territoriales suppose "
        "des règles claires, du temps et des moyens d'animation.",
    ),
}

THEME_POINTS = {
    EMP: ("lever les freins périphériques à l'emploi", "sécuriser les parcours d'insertion"),
    EDU: ("ouvrir les jeunes au monde professionnel", "associer les familles et les écoles"),
    SAN: ("prévenir la perte d'autonomie", "soutenir les proches aidants"),
    LIEN: ("repérer et rompre l'isolement", "soutenir les solidarités de proximité"),
    HAB: ("associer les habitants dès l'amont", "coordonner bailleurs et associations"),
    MOB: ("proposer des solutions de mobilité adaptées", "mutualiser véhicules et savoir-faire"),
    ENV: ("mutualiser les investissements de transition", "réduire l'empreinte du territoire"),
    ALIM: ("relier producteurs et restauration collective", "rendre l'alimentation accessible"),
    ECO: ("orienter les achats vers le territoire", "faire coopérer ESS et entreprises"),
    CULT: ("faire de la culture un support de rencontre", "valoriser le patrimoine vivant"),
    NUM: ("garantir l'accès aux droits en ligne", "former des médiateurs numériques"),
    CIT: ("donner une place réelle aux habitants", "rendre compte des décisions prises"),
}

PARTNERSHIP_POINTS = {
    MEC: "choisir la bonne forme de mécénat : financier, en nature ou de compétences",
    PRA: "ancrer les pratiques responsables de l'entreprise dans son territoire",
    COOP: "construire des coopérations économiques équilibrées entre partenaires",
    INNO: "co-créer des réponses nouvelles à des besoins sociaux mal couverts",
}

AUDIENCE_LABELS = {
    ASSO: "associations",
    FOND: "fondations et fonds de dotation",
    ENT: "entreprises",
    COLL: "collectivités territoriales",
    ETAT: "services de l'État et institutions publiques",
    ACAD: "acteurs académiques",
    ACC: "acteurs de l'accompagnement",
    CITO: "collectifs d'habitants et citoyens engagés",
}

FICTIONAL_RESOURCE_NOTE = (
    "Exemple fictif : ressource créée pour la démonstration du centre de ressources ; "
    "ses auteurs, ses chiffres et ses exemples sont inventés."
)


def R(slug, title, fmt, themes, audiences, ptypes, coverage, authors, tags, date, summary, **kw):
    return {
        "slug": slug,
        "title": title,
        "format": fmt,
        "themes": themes,
        "audiences": audiences,
        "ptypes": ptypes,
        "coverage": coverage,
        "authors": authors,
        "tags": tags,
        "date": date,
        "summary": summary,
        "language": kw.get("language", "fr"),
        "featured": kw.get("featured", False),
        "status": kw.get("status", PUBLISHED),
        "points": kw.get("points", ()),
        "external": kw.get("external", fmt in ("video-webinaire", "parcours-mooc")),
    }


RESOURCES = [
    # --- Référentiels
    R(
        "referentiel-co-construction-territoriale",
        "Référentiel de la co-construction territoriale",
        "referentiel",
        [CIT, ECO, LIEN],
        ALL_AUDIENCES,
        [MEC, PRA, COOP, INNO],
        ["FR"],
        ["agence-transitions-territoriales", "cabinet-trame-et-territoires"],
        ["co-construction", "alliances", "référentiel", "carré magique"],
        "2024-03-12",
        "Le cadre de référence de la co-construction territoriale : pourquoi s'allier, avec "
        "qui, sous quelles formes (dialogue territorial, partenariats entre organisations, "
        "expérimentations collectives) et avec quels moyens. Il s'organise en six chapitres "
        "et propose un vocabulaire commun à tous les acteurs.",
        featured=True,
        points=(
            "les quatre types de partenariat : mécénat, pratiques responsables, coopération "
            "économique, innovation sociétale",
            "les trois formes de co-construction et le rôle du catalyseur territorial",
            "les trois leviers du modèle socio-économique : richesses humaines, financements, "
            "alliances",
        ),
    ),
    R(
        "referentiel-competences-catalyseur-territorial",
        "Référentiel des compétences du catalyseur territorial",
        "referentiel",
        [CIT, ECO],
        [ACC, COLL, ETAT, ASSO],
        [INNO],
        ["FR"],
        ["coop-territoires", "institut-des-solidarites-locales"],
        ["catalyseur territorial", "compétences", "animation", "dialogue territorial"],
        "2023-06-20",
        "Ce que sait faire un catalyseur territorial : animer le dialogue, faire émerger des "
        "expérimentations collectives, accompagner les porteurs de projet et gérer un lieu "
        "ouvert. Le référentiel décrit quatre blocs de compétences et les postures associées.",
        points=(
            "animer un dialogue territorial entre acteurs qui ne se connaissent pas",
            "outiller et accompagner les expérimentations collectives",
            "gérer un lieu ressource ouvert aux habitants et aux organisations",
        ),
    ),
    R(
        "referentiel-evaluation-alliances-territoriales",
        "Référentiel d'évaluation des alliances territoriales",
        "referentiel",
        [CIT, LIEN, ECO],
        [ASSO, FOND, ENT, COLL, ACAD],
        [MEC, INNO],
        ["FR"],
        ["labo-territoires-et-cooperations", "chaire-alliances-et-territoires"],
        ["évaluation", "impact social", "indicateurs", "alliances"],
        "2022-11-08",
        "Comment savoir si une alliance produit les effets attendus ? Ce référentiel propose "
        "une démarche d'évaluation partagée, des questions évaluatives types et une "
        "quarantaine d'indicateurs, du nombre de personnes accompagnées à la qualité de la "
        "coopération.",
        featured=True,
    ),
    R(
        "referentiel-pratiques-responsables-entreprises",
        "Référentiel des pratiques responsables des entreprises ancrées dans leur territoire",
        "referentiel",
        [ECO, EMP, ENV],
        [ENT, ACC, COLL],
        [PRA, COOP],
        ["FR"],
        ["chaire-alliances-et-territoires", "pole-cooperation-ancre"],
        ["RSE", "ancrage territorial", "achats responsables", "emploi local"],
        "2025-02-04",
        "Achats locaux, recrutement inclusif, partage des équipements, engagement des "
        "salariés : le référentiel recense les pratiques responsables par lesquelles une "
        "entreprise contribue à la vitalité de son territoire, avec trois niveaux de maturité.",
    ),
    R(
        "referentiel-mecenat-competences-bretagne",
        "Référentiel régional du mécénat de compétences en Bretagne",
        "referentiel",
        [ECO, LIEN],
        [ENT, ASSO, FOND],
        [MEC],
        ["r:53"],
        ["mission-cooperation-territoriale", "banque-ardoise"],
        ["mécénat de compétences", "bénévolat", "Bretagne", "engagement des salariés"],
        "2021-09-14",
        "Issu de deux ans de travail entre entreprises et associations bretonnes, ce "
        "référentiel fixe des règles du jeu communes pour le mécénat de compétences : "
        "cadrage des missions, durée, valorisation, reconnaissance des salariés.",
    ),
    R(
        "referentiel-qualite-tiers-lieux-cooperation",
        "Référentiel qualité des tiers-lieux de coopération",
        "referentiel",
        [ECO, CIT, CULT],
        [ACC, COLL, CITO, ASSO],
        [INNO, COOP],
        ["r:27"],
        ["incubateur-germoir"],
        ["tiers-lieu", "gouvernance partagée", "qualité", "ruralité"],
        "2020-05-27",
        "Un tiers-lieu de coopération n'est pas qu'un espace : c'est une communauté, une "
        "gouvernance et un projet. Ce référentiel propose douze critères de qualité pour "
        "les lieux de Bourgogne-Franche-Comté et d'ailleurs.",
    ),
    R(
        "territorial-co-construction-reference-framework",
        "Territorial co-construction: a reference framework (English summary)",
        "referentiel",
        [CIT, ECO],
        [ACAD, FOND, ETAT],
        [MEC, PRA, COOP, INNO],
        ["FR"],
        ["agence-transitions-territoriales"],
        ["co-construction", "alliances", "international", "référentiel"],
        "2024-09-30",
        "Une synthèse en anglais du référentiel de la co-construction territoriale, destinée "
        "aux partenaires européens et aux chercheurs : notions clés, formes de "
        "co-construction et exemples.",
        language="en",
    ),
    # --- Guides et kits
    R(
        "guide-lancer-dialogue-territorial",
        "Guide pratique : lancer un dialogue territorial en six étapes",
        "guide-kit",
        [CIT, LIEN],
        [COLL, ACC, ASSO, CITO],
        [INNO],
        ["FR"],
        ["cabinet-trame-et-territoires", "coop-territoires"],
        ["dialogue territorial", "animation", "concertation", "méthode"],
        "2024-01-16",
        "Identifier les acteurs, poser un diagnostic partagé des fragilités, choisir une "
        "question commune, animer, décider, rendre compte : six étapes pour installer un "
        "dialogue territorial qui débouche sur des actions.",
        featured=True,
        points=(
            "réaliser une cartographie des acteurs avant la première réunion",
            "construire un diagnostic partagé des fragilités du territoire",
            "rendre compte aux participants de ce que le dialogue a changé",
        ),
    ),
    R(
        "kit-mecenat-competences-pme",
        "Kit mécénat de compétences pour les PME",
        "guide-kit",
        [ECO, EMP],
        [ENT, ASSO],
        [MEC],
        ["FR"],
        ["maison-des-alliances-du-bocage", "banque-ardoise"],
        ["mécénat de compétences", "PME", "engagement des salariés", "convention"],
        "2023-03-02",
        "Le mécénat de compétences n'est pas réservé aux grands groupes. Ce kit explique "
        "aux dirigeants de PME comment identifier une association partenaire, cadrer une "
        "mission, en mesurer la valeur et la faire vivre auprès des équipes.",
    ),
    R(
        "guide-achat-responsable-structures-insertion",
        "Guide de l'achat responsable auprès des structures d'insertion",
        "guide-kit",
        [EMP, ECO],
        [ENT, COLL, ETAT],
        [COOP, PRA],
        ["FR"],
        ["pole-cooperation-ancre", "service-emploi-solidarites"],
        ["achats responsables", "insertion", "ESS", "commande publique"],
        "2022-04-19",
        "Entretien des espaces verts, nettoyage, logistique, traiteur : de nombreux achats "
        "peuvent être confiés à des structures d'insertion. Le guide explique comment les "
        "identifier, rédiger la consultation et construire une relation dans la durée.",
    ),
    R(
        "guide-alliance-association-entreprise",
        "Guide : monter une alliance entre une association et une entreprise",
        "guide-kit",
        [ECO, LIEN],
        [ASSO, ENT],
        [MEC, INNO],
        ["FR"],
        ["maison-des-alliances-du-bocage"],
        ["alliances", "association", "entreprise", "convention"],
        "2025-05-13",
        "De la première rencontre à la convention pluriannuelle, ce guide décrit les étapes "
        "d'un partenariat entre une association et une entreprise de son territoire, avec "
        "des modèles de documents et les erreurs à éviter.",
        featured=True,
    ),
    R(
        "kit-atelier-carre-magique",
        "Kit d'animation d'un atelier « carré magique » du territoire",
        "guide-kit",
        [ECO, LIEN, CIT],
        [COLL, ACC, ENT, ASSO],
        [INNO],
        ["FR"],
        ["coop-territoires"],
        ["carré magique", "atelier", "diagnostic partagé", "attractivité"],
        "2024-06-04",
        "Développement économique, attractivité, cohésion sociale, qualité de vie : ce kit "
        "permet d'animer en trois heures un atelier où les acteurs situent leur territoire "
        "sur les quatre côtés du « carré magique » et choisissent leurs priorités communes.",
    ),
    R(
        "guide-mobilite-solidaire-rurale",
        "Guide pratique de la mobilité solidaire en milieu rural",
        "guide-kit",
        [MOB, EMP],
        [ASSO, COLL, ENT],
        [COOP, MEC],
        ["d:23", "r:75"],
        ["roule-ma-creuse"],
        ["mobilité solidaire", "ruralité", "garage solidaire", "insertion"],
        "2021-02-09",
        "Location de véhicules à petit prix, covoiturage accompagné, garage solidaire, "
        "auto-école sociale : le guide présente les outils de la mobilité solidaire et la "
        "façon de les financer avec les entreprises et les collectivités.",
    ),
    R(
        "guide-jardins-partages-lien-social",
        "Guide des jardins partagés comme outil de lien social",
        "guide-kit",
        [ALIM, LIEN, HAB],
        [ASSO, CITO, COLL],
        [MEC],
        ["d:35"],
        ["jardins-partages-du-val"],
        ["jardins partagés", "lien social", "alimentation", "bailleurs sociaux"],
        "2019-04-23",
        "Trouver un terrain, convaincre le bailleur, animer un collectif de jardiniers, "
        "organiser la récolte : un guide nourri par dix ans d'expérience de jardins "
        "partagés en Ille-et-Vilaine.",
    ),
    R(
        "guide-associer-habitants-renovation-urbaine",
        "Guide pour associer les habitants à un projet de rénovation urbaine",
        "guide-kit",
        [HAB, CIT],
        [COLL, CITO, ASSO, ETAT],
        [INNO],
        ["c:13055"],
        ["ateliers-du-lien"],
        ["rénovation urbaine", "participation", "quartiers prioritaires", "concertation"],
        "2022-10-11",
        "Balades urbaines, maquettes, ateliers en pied d'immeuble : les méthodes testées "
        "dans les quartiers nord de Marseille pour que les habitants pèsent réellement sur "
        "le projet de rénovation.",
    ),
    # --- Fiches repères
    R(
        "fiche-trois-leviers-modele-socio-economique",
        "Fiche repère : les trois leviers du modèle socio-économique",
        "fiche-repere",
        [ECO, LIEN],
        [ASSO, FOND, ACC],
        [MEC, COOP],
        ["FR"],
        ["maison-des-alliances-du-bocage", "cabinet-trame-et-territoires"],
        ["modèle socio-économique", "richesses humaines", "financements", "alliances"],
        "2023-01-24",
        "Un modèle socio-économique repose sur trois leviers : les richesses humaines "
        "(salariés, bénévoles, mécénat de compétences), les financements (publics, privés, "
        "recettes d'activité) et les alliances. La fiche aide à les combiner.",
        featured=True,
        points=(
            "richesses humaines : salariés, bénévoles, volontaires, mécénat de compétences",
            "financements : subventions, recettes d'activité, dons et mécénat, commande",
            "alliances : partenaires qui apportent ressources, légitimité et débouchés",
        ),
    ),
    R(
        "fiche-mecenat-en-nature",
        "Fiche repère : le mécénat en nature, mode d'emploi",
        "fiche-repere",
        [ECO, LIEN],
        [ENT, ASSO],
        [MEC],
        ["FR"],
        ["maison-des-alliances-du-bocage"],
        ["mécénat en nature", "don de matériel", "fiscalité", "association"],
        "2020-11-03",
        "Don de matériel, prêt de locaux, mise à disposition de véhicules : la fiche "
        "explique comment valoriser un mécénat en nature, quels justificatifs fournir et "
        "comment en faire le point de départ d'une relation durable.",
    ),
    R(
        "fiche-convention-de-partenariat",
        "Fiche pratique : rédiger une convention de partenariat",
        "fiche-repere",
        [ECO],
        [ASSO, ENT, COLL, FOND],
        [MEC, COOP],
        ["FR"],
        ["cabinet-trame-et-territoires"],
        ["convention", "gouvernance", "engagements réciproques", "alliances"],
        "2021-06-15",
        "Objet, engagements réciproques, gouvernance, communication, évaluation, sortie : "
        "les rubriques d'une convention de partenariat claire, avec des exemples de "
        "clauses commentées.",
    ),
    R(
        "fiche-reduire-les-fragilites",
        "Fiche repère : réduire les fragilités d'un territoire",
        "fiche-repere",
        [LIEN, EMP, SAN],
        [COLL, ETAT, ASSO, ENT],
        [INNO],
        ["FR"],
        ["agence-transitions-territoriales"],
        ["fragilités", "diagnostic partagé", "cohésion sociale", "territoire"],
        "2024-04-09",
        "Chômage, isolement, désertification médicale, précarité énergétique : la fiche "
        "propose une manière simple de repérer les fragilités d'un territoire et de "
        "choisir celles sur lesquelles une alliance peut agir.",
    ),
    R(
        "fiche-co-traitance-ess",
        "Fiche pratique : co-traiter avec une entreprise de l'ESS",
        "fiche-repere",
        [ECO, EMP],
        [ENT, ASSO],
        [COOP],
        ["FR"],
        ["pole-cooperation-ancre"],
        ["co-traitance", "ESS", "marchés", "groupement d'entreprises"],
        "2025-03-18",
        "Répondre ensemble à un marché, partager un chantier ou une prestation : la fiche "
        "présente la co-traitance entre une entreprise classique et une structure de l'ESS, "
        "ses formes juridiques et ses points de vigilance.",
    ),
    R(
        "fiche-clauses-sociales-commande-publique",
        "Fiche repère : les clauses sociales dans la commande publique",
        "fiche-repere",
        [EMP, ECO],
        [COLL, ETAT, ENT],
        [PRA, COOP],
        ["FR"],
        ["service-emploi-solidarites"],
        ["clause sociale", "commande publique", "insertion", "marchés"],
        "2019-10-01",
        "Les clauses sociales permettent de réserver des heures de travail à des personnes "
        "en insertion. La fiche explique leur fonctionnement et le rôle du facilitateur "
        "qui accompagne acheteurs et entreprises.",
    ),
    R(
        "fiche-rencontre-entreprises-associations-quartier",
        "Fiche pratique : organiser une rencontre entre entreprises et associations d'un quartier",
        "fiche-repere",
        [LIEN, ECO],
        [ASSO, ENT, CITO],
        [MEC],
        ["c:59350"],
        ["les-claviers-du-nord"],
        ["speed-meeting", "quartiers prioritaires", "rencontre", "mécénat"],
        "2023-09-26",
        "Un format de deux heures, testé à Lille, pour faire se rencontrer une dizaine "
        "d'entreprises et autant d'associations d'un même quartier et faire naître des "
        "coopérations concrètes.",
    ),
    # --- Études et rapports
    R(
        "barometre-alliances-territoriales-2025",
        "Baromètre des alliances territoriales 2025",
        "etude-rapport",
        [ECO, LIEN, CIT],
        ALL_AUDIENCES,
        [MEC, PRA, COOP, INNO],
        ["FR"],
        ["labo-territoires-et-cooperations", "agence-transitions-territoriales"],
        ["baromètre", "enquête", "alliances", "chiffres"],
        "2025-10-07",
        "Troisième édition du baromètre : 1 800 organisations interrogées sur leurs "
        "partenariats locaux. Les alliances progressent, surtout entre associations et PME, "
        "mais le manque de temps reste le premier frein cité.",
        featured=True,
    ),
    R(
        "etude-partenariats-associations-entreprises-rural",
        "Étude : les partenariats entre associations et entreprises dans les territoires ruraux",
        "etude-rapport",
        [ECO, LIEN],
        [ASSO, ENT, COLL],
        [MEC, COOP],
        ["r:27", "r:75"],
        ["chaire-alliances-et-territoires"],
        ["ruralité", "PME", "associations", "enquête"],
        "2022-02-22",
        "Dans les territoires ruraux, les partenariats sont plus informels, plus "
        "interpersonnels et souvent plus durables qu'en ville. L'étude s'appuie sur 45 "
        "entretiens en Bourgogne-Franche-Comté et en Nouvelle-Aquitaine.",
    ),
    R(
        "rapport-evaluation-plateforme-mobilite",
        "Rapport d'évaluation d'une plateforme de mobilité solidaire",
        "etude-rapport",
        [MOB, EMP],
        [ASSO, COLL, FOND],
        [COOP],
        ["d:15"],
        ["institut-des-solidarites-locales", "transports-velorac"],
        ["évaluation", "mobilité solidaire", "insertion", "ruralité"],
        "2023-11-14",
        "Trois ans après son lancement, l'évaluation montre qu'une personne accompagnée sur "
        "deux a trouvé ou conservé un emploi grâce à la plateforme. Le rapport analyse "
        "aussi le modèle économique et la place des entreprises partenaires.",
    ),
    R(
        "etude-isolement-personnes-agees-bretagne",
        "Étude sur l'isolement des personnes âgées en Bretagne",
        "etude-rapport",
        [SAN, LIEN],
        [COLL, ASSO, ETAT],
        [INNO],
        ["r:53"],
        ["institut-des-solidarites-locales", "bras-dessus-bras-dessous"],
        ["isolement", "personnes âgées", "bien-vieillir", "enquête"],
        "2020-03-10",
        "Près d'une personne de plus de 75 ans sur quatre déclare ne parler à personne "
        "plusieurs jours par semaine. L'étude cartographie l'isolement et les réponses "
        "existantes, et propose des pistes d'alliances locales.",
    ),
    R(
        "enquete-jeunes-entreprises-territoire",
        "Enquête : ce que les jeunes attendent des entreprises de leur territoire",
        "etude-rapport",
        [EDU, EMP],
        [ENT, COLL, ASSO],
        [PRA],
        ["r:32"],
        ["agglo-pays-de-verandre", "fondation-horizon-commun"],
        ["jeunesse", "orientation", "RSE", "enquête"],
        "2024-05-21",
        "1 200 jeunes de 16 à 25 ans des Hauts-de-France ont répondu : ils attendent des "
        "entreprises locales des stages, du parrainage et des engagements concrets pour le "
        "territoire plus que des discours.",
    ),
    R(
        "rapport-tiers-lieux-emploi-local",
        "Rapport : l'impact des tiers-lieux sur l'emploi local",
        "etude-rapport",
        [ECO, EMP],
        [COLL, ACC, ETAT],
        [INNO, COOP],
        ["r:84"],
        ["labo-territoires-et-cooperations"],
        ["tiers-lieu", "emploi local", "évaluation", "ruralité"],
        "2021-12-07",
        "Les tiers-lieux étudiés ont contribué à créer ou maintenir en moyenne douze emplois "
        "chacun, surtout grâce à l'hébergement d'entrepreneurs et à la mutualisation de "
        "services.",
    ),
    R(
        "study-corporate-community-partnerships",
        "Study: corporate-community partnerships in European regions",
        "etude-rapport",
        [ECO, LIEN],
        [ACAD, ENT, FOND],
        [MEC, PRA],
        ["FR"],
        ["chaire-alliances-et-territoires"],
        ["international", "comparaison", "RSE", "alliances"],
        "2023-04-04",
        "Une étude comparative en anglais de douze régions européennes : comment les "
        "entreprises s'engagent avec les acteurs locaux, et ce que la France peut apprendre "
        "de ses voisins.",
        language="en",
    ),
    # --- Notes prospectives
    R(
        "note-territoires-vieillissement-2040",
        "Note prospective : les territoires face au vieillissement en 2040",
        "note-prospective",
        [SAN, HAB, LIEN],
        [COLL, ETAT, ENT, ASSO],
        [INNO],
        ["FR"],
        ["agence-transitions-territoriales", "institut-des-solidarites-locales"],
        ["vieillissement", "prospective", "bien-vieillir", "2040"],
        "2024-11-19",
        "En 2040, un habitant sur quatre aura plus de 65 ans. La note décrit trois scénarios "
        "pour les territoires et le rôle que pourraient jouer les alliances entre "
        "employeurs, associations et collectivités.",
    ),
    R(
        "note-cooperations-economiques-relocalisation",
        "Note prospective : coopérations économiques et relocalisation industrielle",
        "note-prospective",
        [ECO, EMP, ENV],
        [ENT, COLL, ETAT, ACC],
        [COOP],
        ["FR"],
        ["chaire-alliances-et-territoires"],
        ["relocalisation", "industrie", "coopération économique", "prospective"],
        "2025-06-24",
        "La relocalisation d'activités industrielles ne se fera pas sans coopérations "
        "locales : compétences, foncier, sous-traitance, formation. La note identifie les "
        "conditions de réussite et les risques.",
    ),
    R(
        "note-alimentation-villes-moyennes-2035",
        "Note prospective : l'alimentation des villes moyennes en 2035",
        "note-prospective",
        [ALIM, ENV],
        [COLL, ENT, ASSO],
        [COOP, INNO],
        ["r:24"],
        ["ecole-superieure-des-transitions", "fonds-terres-d-avenir"],
        ["alimentation durable", "villes moyennes", "prospective", "circuits courts"],
        "2022-07-05",
        "Comment nourrir les villes moyennes du Centre-Val de Loire en 2035 ? La note "
        "croise données agricoles et habitudes alimentaires pour esquisser des alliances "
        "entre producteurs, restauration collective et commerce.",
    ),
    R(
        "note-alliances-adaptation-climat",
        "Note prospective : quelles alliances pour l'adaptation au changement climatique ?",
        "note-prospective",
        [ENV, HAB],
        [COLL, ENT, ASSO, ETAT],
        [INNO, COOP],
        ["r:93"],
        ["agence-transitions-territoriales"],
        ["adaptation", "changement climatique", "prospective", "canicule"],
        "2025-09-09",
        "Canicules, sécheresses, risques d'incendie : en Provence-Alpes-Côte d'Azur, "
        "l'adaptation appelle des alliances nouvelles entre collectivités, entreprises et "
        "habitants. La note propose six pistes d'action.",
    ),
    R(
        "note-numerique-fracture-territoriale",
        "Note prospective : le numérique, nouvelle fracture territoriale ?",
        "note-prospective",
        [NUM, CIT],
        [COLL, ETAT, ASSO],
        [INNO],
        ["FR"],
        ["delegation-ruralites"],
        ["fracture numérique", "accès aux droits", "prospective", "ruralité"],
        "2021-03-30",
        "La généralisation des services en ligne risque d'éloigner durablement une partie "
        "de la population. La note explore les scénarios possibles et le rôle de la "
        "médiation numérique de proximité.",
    ),
    R(
        "note-engagement-citoyen-democratie-locale",
        "Note prospective : engagement citoyen et démocratie locale après 2030",
        "note-prospective",
        [CIT, LIEN],
        [CITO, COLL, ASSO, ACAD],
        [INNO],
        ["FR"],
        ["institut-des-solidarites-locales"],
        ["engagement", "démocratie locale", "participation", "prospective"],
        "2026-01-20",
        "Bénévolat plus ponctuel, collectifs informels, attentes de transparence : la note "
        "analyse les mutations de l'engagement et leurs conséquences pour les alliances "
        "territoriales.",
    ),
    # --- Monographies
    R(
        "monographie-dix-ans-jardins-partages",
        "Monographie : dix ans d'alliances autour des Jardins partagés du Val",
        "monographie",
        [ALIM, LIEN],
        [ASSO, COLL, CITO],
        [MEC, INNO],
        ["d:35"],
        ["jardins-partages-du-val", "institut-des-solidarites-locales"],
        ["jardins partagés", "monographie", "alliances", "lien social"],
        "2024-10-15",
        "De deux parcelles prêtées par un bailleur à un réseau de douze jardins, l'histoire "
        "d'une association qui a su nouer des alliances avec des entreprises, des écoles et "
        "les communes d'Ille-et-Vilaine.",
    ),
    R(
        "monographie-pole-cooperation-moselle",
        "Monographie : un pôle de coopération économique en Moselle",
        "monographie",
        [ECO, EMP],
        [ENT, ACC, COLL],
        [COOP],
        ["d:57"],
        ["pole-cooperation-ancre"],
        ["pôle de coopération", "PME", "ESS", "mutualisation"],
        "2022-09-13",
        "Comment des PME industrielles et des structures de l'ESS ont appris à travailler "
        "ensemble : achats groupés, emplois partagés, réponses communes aux marchés.",
    ),
    R(
        "monographie-ressourcerie-estuaire",
        "Monographie : une ressourcerie au cœur de l'estuaire",
        "monographie",
        [ENV, EMP, ECO],
        [ASSO, ENT, COLL],
        [COOP, MEC],
        ["e:244400404"],
        ["ressourcerie-de-l-estuaire"],
        ["réemploi", "économie circulaire", "insertion", "ressourcerie"],
        "2023-05-30",
        "Une ressourcerie d'insertion qui a fait des entreprises de l'agglomération ses "
        "premiers fournisseurs, clients et mécènes : récit de sept années de croissance "
        "partagée.",
    ),
    R(
        "monographie-tiers-lieu-rural-aveyron",
        "Monographie : un tiers-lieu rural dans l'Aveyron",
        "monographie",
        [ECO, CIT, CULT],
        [COLL, ACC, CITO],
        [INNO],
        ["d:12"],
        ["cc-val-d-arvene", "labo-territoires-et-cooperations"],
        ["tiers-lieu", "centre-bourg", "ruralité", "revitalisation"],
        "2025-01-28",
        "Une ancienne quincaillerie devenue café, espace de travail partagé et lieu de "
        "services : la monographie retrace la naissance d'un tiers-lieu porté par "
        "l'intercommunalité et les habitants.",
    ),
    R(
        "monographie-reseau-aidants-finistere",
        "Monographie : le réseau des aidants du Finistère",
        "monographie",
        [SAN, LIEN],
        [ASSO, ENT, COLL],
        [PRA, INNO],
        ["d:29"],
        ["bras-dessus-bras-dessous"],
        ["aidants", "conciliation vie professionnelle", "santé", "réseau"],
        "2021-11-23",
        "Né d'un groupe de parole, le réseau rassemble aujourd'hui associations, employeurs "
        "et professionnels de santé pour soutenir les proches aidants qui travaillent.",
    ),
    R(
        "monographie-cooperative-laitiere-lozere",
        "Monographie : une coopérative laitière et son territoire",
        "monographie",
        [ALIM, ECO],
        [ENT, COLL, ACAD],
        [COOP, PRA],
        ["d:48"],
        ["cooperative-des-hauts-plateaux", "ecole-superieure-des-transitions"],
        ["coopérative", "circuits courts", "restauration collective", "agriculture"],
        "2020-08-25",
        "En Lozère, une coopérative de producteurs a fait le pari des cantines et des "
        "commerces locaux. La monographie analyse les alliances qui ont rendu ce pari "
        "possible.",
    ),
    R(
        "monographie-insertion-par-le-sport-toulouse",
        "Monographie : l'insertion par le sport dans les quartiers toulousains",
        "monographie",
        [CULT, EMP, EDU],
        [ASSO, ENT, COLL],
        [MEC, INNO],
        ["c:31555"],
        ["sport-ensemble-quartiers"],
        ["sport", "insertion", "jeunesse", "quartiers prioritaires"],
        "2024-02-27",
        "Du terrain de foot à l'entreprise : une association sportive, des entreprises "
        "partenaires et un parcours qui a déjà conduit plus de 300 jeunes vers la "
        "formation ou l'emploi.",
    ),
    # --- Outils et autodiagnostics
    R(
        "autodiagnostic-entreprise-alliance-territoriale",
        "Autodiagnostic : mon entreprise est-elle prête pour une alliance territoriale ?",
        "outil-autodiagnostic",
        [ECO, EMP],
        [ENT],
        [PRA, MEC, COOP],
        ["FR"],
        ["chaire-alliances-et-territoires", "pole-cooperation-ancre"],
        ["autodiagnostic", "RSE", "engagement", "PME"],
        "2025-04-08",
        "Vingt questions pour faire le point sur l'ancrage territorial de l'entreprise, "
        "identifier ses atouts et choisir une première forme d'engagement adaptée à sa "
        "taille.",
        featured=True,
    ),
    R(
        "grille-autodiagnostic-modele-socio-economique",
        "Grille d'autodiagnostic du modèle socio-économique associatif",
        "outil-autodiagnostic",
        [ECO, LIEN],
        [ASSO, ACC, FOND],
        [MEC, COOP],
        ["FR"],
        ["maison-des-alliances-du-bocage"],
        ["modèle socio-économique", "autodiagnostic", "association", "financements"],
        "2022-01-11",
        "La grille passe en revue les trois leviers du modèle socio-économique (richesses "
        "humaines, financements, alliances) et aide l'association à repérer ses "
        "dépendances et ses marges de progrès.",
    ),
    R(
        "outil-cartographie-acteurs-territoire",
        "Outil de cartographie des acteurs d'un territoire",
        "outil-autodiagnostic",
        [CIT, ECO],
        [COLL, ACC, ASSO],
        [INNO],
        ["FR"],
        ["coop-territoires"],
        ["cartographie", "acteurs", "dialogue territorial", "outil"],
        "2023-07-18",
        "Un tableur et une méthode pour recenser les acteurs d'un territoire, leurs "
        "ressources et leurs relations, avant de lancer un dialogue territorial.",
    ),
    R(
        "boussole-fragilites-territoriales",
        "Boussole des fragilités territoriales : tableau de bord",
        "outil-autodiagnostic",
        [LIEN, EMP, SAN, MOB],
        [COLL, ETAT, ACC],
        [INNO],
        ["FR"],
        ["agence-transitions-territoriales"],
        ["fragilités", "indicateurs", "tableau de bord", "diagnostic partagé"],
        "2024-08-27",
        "Un tableau de bord de trente indicateurs publics (emploi, santé, mobilité, "
        "logement, accès aux droits) pour objectiver les fragilités d'un territoire et "
        "nourrir un diagnostic partagé.",
    ),
    R(
        "autodiagnostic-maturite-partenariale-collectivites",
        "Autodiagnostic de maturité partenariale pour les collectivités",
        "outil-autodiagnostic",
        [CIT, ECO],
        [COLL, ETAT],
        [INNO, COOP],
        ["FR"],
        ["cabinet-trame-et-territoires", "mission-cooperation-territoriale"],
        ["collectivités", "autodiagnostic", "coopération", "gouvernance"],
        "2025-07-01",
        "Quatre niveaux de maturité, de la relation de guichet à l'alliance : la grille "
        "aide une collectivité à situer ses relations avec les associations et les "
        "entreprises et à choisir sa posture.",
    ),
    R(
        "matrice-partage-valeur-cooperation",
        "Matrice de partage de la valeur dans une coopération économique",
        "outil-autodiagnostic",
        [ECO],
        [ENT, ASSO, ACC],
        [COOP],
        ["FR"],
        ["pole-cooperation-ancre"],
        ["partage de la valeur", "coopération économique", "outil", "ESS"],
        "2021-05-04",
        "Qui apporte quoi, qui en retire quoi ? La matrice aide les partenaires d'une "
        "coopération économique à expliciter les apports et les bénéfices de chacun pour "
        "construire une relation équilibrée.",
    ),
    R(
        "outil-evaluation-impact-social-partenariat",
        "Outil d'évaluation de l'impact social d'un partenariat",
        "outil-autodiagnostic",
        [LIEN, EMP],
        [ASSO, FOND, ENT, ACAD],
        [MEC, INNO],
        ["FR"],
        ["labo-territoires-et-cooperations"],
        ["impact social", "évaluation", "indicateurs", "outil"],
        "2026-03-10",
        "Un outil en ligne pour construire, avec ses partenaires, une évaluation "
        "proportionnée : questions évaluatives, indicateurs, recueil de témoignages.",
    ),
    # --- Vidéos et webinaires
    R(
        "webinaire-role-catalyseur-territorial",
        "Replay du webinaire : le rôle du catalyseur territorial",
        "video-webinaire",
        [CIT, ECO],
        [ACC, COLL, ASSO, ETAT],
        [INNO],
        ["FR"],
        ["coop-territoires", "mission-cooperation-territoriale"],
        ["catalyseur territorial", "webinaire", "dialogue territorial", "accompagnement"],
        "2024-12-03",
        "Une heure trente d'échanges entre trois catalyseurs territoriaux : comment ils "
        "font naître des alliances, comment ils se financent et comment ils passent le "
        "relais aux acteurs.",
        featured=True,
    ),
    R(
        "video-trois-alliances-quartier",
        "Vidéo : trois alliances qui ont changé un quartier",
        "video-webinaire",
        [LIEN, HAB, CIT],
        [CITO, ASSO, COLL],
        [MEC, INNO],
        ["c:13055"],
        ["ateliers-du-lien"],
        ["vidéo", "quartiers prioritaires", "témoignages", "alliances"],
        "2022-06-14",
        "Un jardin, une salle de sport et un atelier de réparation : en douze minutes, les "
        "habitants et les partenaires racontent trois alliances nées dans le même quartier.",
    ),
    R(
        "replay-mecenat-competences-retours-terrain",
        "Replay : mécénat de compétences, retours de terrain",
        "video-webinaire",
        [ECO, LIEN],
        [ENT, ASSO, FOND],
        [MEC],
        ["FR"],
        ["banque-ardoise", "fondation-orvane"],
        ["mécénat de compétences", "webinaire", "témoignages", "engagement des salariés"],
        "2023-10-10",
        "Salariés mécènes, responsables associatifs et dirigeants témoignent : ce que le "
        "mécénat de compétences change pour chacun, et les conditions pour qu'il ne reste "
        "pas ponctuel.",
    ),
    R(
        "video-mobilite-solidaire-usagers",
        "Vidéo : la mobilité solidaire racontée par ses usagers",
        "video-webinaire",
        [MOB, EMP],
        [ASSO, ENT, CITO],
        [MEC, COOP],
        ["d:15"],
        ["transports-velorac"],
        ["mobilité solidaire", "vidéo", "témoignages", "ruralité"],
        "2021-10-19",
        "Quatre usagers de la plateforme de mobilité solidaire du Cantal racontent comment "
        "un véhicule prêté ou réparé a changé leur accès à l'emploi.",
    ),
    R(
        "webinaire-co-construire-avec-habitants",
        "Replay du webinaire : co-construire avec les habitants",
        "video-webinaire",
        [CIT, HAB],
        [CITO, COLL, ASSO],
        [INNO],
        ["FR"],
        ["institut-des-solidarites-locales", "voisins-du-square"],
        ["participation", "habitants", "webinaire", "démocratie locale"],
        "2025-11-18",
        "Un collectif d'habitants, une chercheuse et une élue locale débattent : comment "
        "faire des habitants de vrais partenaires, et pas seulement des personnes "
        "consultées ?",
    ),
    R(
        "video-journee-tiers-lieu-cooperation",
        "Vidéo : une journée dans un tiers-lieu de coopération",
        "video-webinaire",
        [ECO, CULT],
        [ACC, COLL, CITO],
        [INNO],
        ["c:21231"],
        ["incubateur-germoir"],
        ["tiers-lieu", "vidéo", "coopération", "reportage"],
        "2020-09-22",
        "De l'ouverture du café aux ateliers du soir, une journée dans un tiers-lieu où se "
        "croisent entrepreneurs, associations et habitants.",
    ),
    R(
        "replay-financer-experimentation-collective",
        "Replay : financer une expérimentation collective",
        "video-webinaire",
        [ECO],
        [FOND, COLL, ASSO, ACC],
        [MEC, INNO],
        ["FR"],
        ["fondation-horizon-commun", "agence-transitions-territoriales"],
        ["financements", "expérimentation", "webinaire", "fondations"],
        "2026-05-12",
        "Fonds d'amorçage, mécénat, appels à projets, financements croisés : trois "
        "financeurs expliquent comment ils accompagnent les expérimentations collectives "
        "et ce qu'ils attendent des porteurs.",
    ),
    # --- Parcours et MOOC
    R(
        "parcours-fondamentaux-co-construction",
        "Parcours : les fondamentaux de la co-construction territoriale",
        "parcours-mooc",
        [CIT, ECO],
        ALL_AUDIENCES,
        [MEC, PRA, COOP, INNO],
        ["FR"],
        ["agence-transitions-territoriales", "institut-des-solidarites-locales"],
        ["formation", "co-construction", "parcours", "débutants"],
        "2024-09-10",
        "Six modules pour découvrir la co-construction territoriale : les acteurs, les "
        "quatre types de partenariat, les trois formes de co-construction, les leviers du "
        "modèle socio-économique et l'évaluation.",
        featured=True,
    ),
    R(
        "mooc-animer-alliance-multi-acteurs",
        "MOOC : animer une alliance multi-acteurs",
        "parcours-mooc",
        [CIT, ECO],
        [ACC, ASSO, COLL],
        [INNO],
        ["FR"],
        ["coop-territoires", "labo-territoires-et-cooperations"],
        ["MOOC", "animation", "gouvernance partagée", "alliances"],
        "2023-02-14",
        "Cinq semaines pour apprendre à animer une alliance : gouvernance, gestion des "
        "désaccords, partage de l'information, évaluation chemin faisant.",
    ),
    R(
        "parcours-collectivites-facilitatrices",
        "Parcours collectivités : devenir facilitateur de coopérations",
        "parcours-mooc",
        [CIT, ECO],
        [COLL, ETAT],
        [INNO, COOP],
        ["FR"],
        ["mission-cooperation-territoriale", "cabinet-trame-et-territoires"],
        ["collectivités", "formation", "coopération", "élus"],
        "2025-08-26",
        "Un parcours pour les élus et les agents : passer d'une logique de guichet à une "
        "logique de facilitation, repérer les catalyseurs du territoire, soutenir sans "
        "piloter.",
    ),
    R(
        "parcours-entreprises-rse-territoriale",
        "Parcours entreprises : ancrer sa RSE dans son territoire",
        "parcours-mooc",
        [ECO, EMP, ENV],
        [ENT],
        [PRA, MEC, COOP],
        ["FR"],
        ["chaire-alliances-et-territoires"],
        ["RSE", "formation", "ancrage territorial", "PME"],
        "2024-07-02",
        "Quatre modules pour les dirigeants et les responsables RSE : comprendre son "
        "territoire, choisir ses engagements, trouver ses partenaires, rendre compte.",
    ),
    R(
        "parcours-associations-modele-socio-economique",
        "Parcours associations : diversifier son modèle socio-économique",
        "parcours-mooc",
        [ECO, LIEN],
        [ASSO],
        [MEC, COOP],
        ["FR"],
        ["maison-des-alliances-du-bocage", "fondation-horizon-commun"],
        ["association", "modèle socio-économique", "formation", "financements"],
        "2022-03-29",
        "Un parcours pour les dirigeants associatifs, bénévoles et salariés : analyser ses "
        "ressources, développer ses richesses humaines, diversifier ses financements, "
        "nouer des alliances.",
    ),
    R(
        "parcours-citoyens-agir-quartier",
        "Parcours citoyens : agir avec les acteurs de son quartier",
        "parcours-mooc",
        [CIT, LIEN],
        [CITO, ASSO],
        [INNO],
        ["FR"],
        ["voisins-du-square", "institut-des-solidarites-locales"],
        ["citoyens", "quartier", "engagement", "formation"],
        "2026-02-03",
        "Un parcours court, conçu avec des collectifs d'habitants, pour monter un projet "
        "avec les associations, les commerçants et la mairie de son quartier.",
    ),
    # --- More national and regional resources
    R(
        "guide-prevention-sante-entreprise-quartier",
        "Guide : la prévention santé, de l'entreprise au quartier",
        "guide-kit",
        [SAN, LIEN],
        [ENT, ASSO, COLL],
        [PRA, MEC],
        ["c:67482"],
        ["laboratoires-selene"],
        ["prévention", "santé", "quartiers prioritaires", "entreprise"],
        "2025-12-09",
        "Dépistages, ateliers nutrition, sport santé : comment une entreprise peut "
        "prolonger ses actions de prévention au-delà de ses murs, avec les associations "
        "des quartiers où vivent ses salariés.",
    ),
    R(
        "fiche-mediation-numerique-partenariats",
        "Fiche repère : nouer des partenariats pour la médiation numérique",
        "fiche-repere",
        [NUM, LIEN],
        [ASSO, ENT, COLL],
        [MEC, INNO],
        ["r:32"],
        ["les-claviers-du-nord", "numeria-services"],
        ["médiation numérique", "reconditionnement", "mécénat de compétences", "partenariat"],
        "2024-03-26",
        "Matériel reconditionné, salariés formateurs, locaux prêtés : les partenariats qui "
        "permettent aux associations de médiation numérique de changer d'échelle.",
    ),
    R(
        "etude-emploi-saisonnier-corse",
        "Étude : vers un emploi saisonnier plus durable en Corse-du-Sud",
        "etude-rapport",
        [EMP, CULT],
        [ENT, COLL, ETAT],
        [PRA],
        ["d:2A"],
        ["hotellerie-vallon-bleu"],
        ["emploi saisonnier", "tourisme", "logement des salariés", "enquête"],
        "2025-03-04",
        "Logement, formation, allongement des saisons : l'étude analyse les conditions qui "
        "permettraient de stabiliser les emplois saisonniers du tourisme, à partir de 60 "
        "entretiens avec employeurs et salariés.",
    ),
    R(
        "guide-epiceries-solidaires-producteurs-reunion",
        "Guide : relier épiceries solidaires et producteurs locaux",
        "guide-kit",
        [ALIM, LIEN],
        [ASSO, ENT],
        [COOP, MEC],
        ["d:974"],
        ["marche-vert-reunion"],
        ["épicerie solidaire", "producteurs locaux", "aide alimentaire", "La Réunion"],
        "2023-08-29",
        "À La Réunion, un réseau de distribution, des producteurs et des épiceries "
        "solidaires ont organisé l'approvisionnement en produits frais. Le guide en tire "
        "une méthode réutilisable.",
    ),
    # --- Drafts (not public)
    R(
        "guide-energie-citoyenne-brouillon",
        "Guide : monter une centrale solaire citoyenne avec les entreprises locales",
        "guide-kit",
        [ENV],
        [CITO, ENT, COLL],
        [INNO],
        ["r:76"],
        ["fonds-terres-d-avenir"],
        ["énergie citoyenne", "solaire", "brouillon"],
        "2026-10-20",
        "Version de travail : étapes juridiques et financières d'un projet d'énergie "
        "citoyenne associant habitants et entreprises.",
        status=DRAFT,
    ),
    R(
        "etude-culture-villages-en-relecture",
        "Étude : la culture itinérante dans les villages d'Auvergne",
        "etude-rapport",
        [CULT, CIT],
        [COLL, CITO],
        [MEC],
        ["d:63"],
        ["collectif-culture-en-chemin"],
        ["culture", "ruralité", "itinérance"],
        "2026-09-15",
        "Étude en relecture sur les spectacles itinérants et leurs partenaires locaux.",
        status=REVIEW,
    ),
    R(
        "fiche-fonds-de-dotation-territorial-brouillon",
        "Fiche repère : créer un fonds de dotation territorial",
        "fiche-repere",
        [ECO],
        [FOND, ENT, COLL],
        [MEC],
        ["FR"],
        ["fonds-littoral-solidaire"],
        ["fonds de dotation", "mécénat", "brouillon"],
        "2026-10-02",
        "Brouillon : statuts, gouvernance et règles de collecte d'un fonds de dotation "
        "porté par des entreprises d'un même territoire.",
        status=DRAFT,
    ),
]

# --------------------------------------------------------------------------------------
# Case studies
# --------------------------------------------------------------------------------------


def CS(slug, title, territory_ref, stage, start, themes, ptypes, forms, participants, **kw):
    return {
        "slug": slug,
        "title": title,
        "territory": territory_ref,
        "coverage": kw.get("coverage", []),
        "stage": stage,
        "start": start,
        "themes": themes,
        "ptypes": ptypes,
        "forms": forms,
        "participants": participants,
        "figures": kw["figures"],
        "resources": kw.get("resources", []),
        "tags": kw["tags"],
        "summary": kw["summary"],
        "context": kw["context"],
        "challenges": kw["challenges"],
        "approach": kw["approach"],
        "results": kw["results"],
        "team": kw["team"],
        "budget": kw["budget"],
        "status": kw.get("status", PUBLISHED),
        "featured": kw.get("featured", False),
    }


CASE_STUDIES = [
    CS(
        "garage-solidaire-cantal",
        "Un garage solidaire pour lever le frein de la mobilité dans le Cantal",
        "d:15",
        "consolidation",
        2019,
        [MOB, EMP],
        [MEC, COOP],
        [PART, EXP],
        [
            ("roule-ma-creuse", "porteur", "conception et gestion de la plateforme"),
            ("transports-velorac", "financeur", "mécénat en nature : véhicules et atelier"),
            ("transports-velorac", "operationnel", "mécaniciens formateurs"),
            ("delegation-ruralites", "financeur", "cofinancement du poste de coordination"),
            ("institut-des-solidarites-locales", "academique", "évaluation à trois ans"),
        ],
        figures=[
            ("420", "personnes accompagnées depuis 2019"),
            ("52 %", "ont trouvé ou conservé un emploi"),
            ("35", "véhicules remis en état chaque année"),
        ],
        resources=[
            "rapport-evaluation-plateforme-mobilite",
            "video-mobilite-solidaire-usagers",
            "guide-mobilite-solidaire-rurale",
        ],
        tags=["mobilité solidaire", "garage solidaire", "ruralité", "mécénat en nature"],
        summary="Une association de mobilité solidaire et une PME de transport ont ouvert "
        "ensemble un garage solidaire qui répare à prix coûtant les véhicules des personnes "
        "en insertion.",
        context="Dans un département où la moitié des communes n'a aucune desserte en "
        "transport collectif, l'absence de véhicule est le premier motif d'abandon d'un "
        "emploi ou d'une formation.",
        challenges="Rendre la réparation automobile accessible aux personnes à faibles "
        "revenus sans concurrencer les garages du secteur, et former des mécaniciens en "
        "insertion.",
        approach="Après six mois de dialogue avec les garagistes locaux, l'association et "
        "l'entreprise ont défini des critères d'accès (revenus, projet professionnel) et "
        "ouvert l'atelier dans un local prêté par l'entreprise, deux jours par semaine.",
        results="Le garage est devenu une étape reconnue des parcours d'insertion ; deux "
        "garages privés orientent désormais vers lui les clients qui ne peuvent pas payer.",
        team="un coordinateur salarié, deux mécaniciens en insertion et trois mécaniciens "
        "de l'entreprise mobilisés en mécénat de compétences",
        budget="140 000 €",
        featured=True,
    ),
    CS(
        "jardins-pied-d-immeuble-rennes",
        "Des jardins partagés au pied des immeubles de Rennes",
        "c:35238",
        "essaimage",
        2016,
        [ALIM, LIEN, HAB],
        [MEC, INNO],
        [DIAL, PART],
        [
            ("jardins-partages-du-val", "porteur", "animation des jardins et des collectifs"),
            ("banque-ardoise", "financeur", "mécénat financier et de compétences"),
            ("voisins-du-square", "operationnel", "entretien et vie des parcelles"),
            ("mission-cooperation-territoriale", "catalyseur", "animation du comité local"),
        ],
        figures=[
            ("12", "jardins ouverts"),
            ("380", "foyers jardiniers"),
            ("4", "communes où le modèle a essaimé"),
        ],
        resources=["guide-jardins-partages-lien-social", "monographie-dix-ans-jardins-partages"],
        tags=["jardins partagés", "lien social", "bailleurs sociaux", "essaimage"],
        summary="Des pelouses inutilisées transformées en jardins cultivés par les habitants, "
        "grâce à une alliance entre une association, un collectif d'habitants et une banque "
        "coopérative.",
        context="Dans les quartiers d'habitat social, les espaces verts étaient peu utilisés "
        "et les habitants se connaissaient peu ; l'isolement des personnes âgées et des "
        "familles monoparentales était signalé par les travailleurs sociaux.",
        challenges="Créer du lien entre voisins, donner accès à des légumes frais et "
        "impliquer les habitants dans l'entretien de leur cadre de vie.",
        approach="Chaque jardin naît d'une réunion de pied d'immeuble ; l'association "
        "accompagne le collectif pendant deux saisons puis lui passe le relais, avec une "
        "convention signée par le bailleur.",
        results="Les jardins sont aujourd'hui gérés par les habitants ; le modèle a été "
        "repris dans quatre communes voisines avec l'appui de l'association.",
        team="deux animatrices salariées et une soixantaine de jardiniers bénévoles référents",
        budget="95 000 €",
        featured=True,
    ),
    CS(
        "clause-sociale-metropole-lyon",
        "La clause sociale, passerelle vers l'emploi durable",
        "e:200046977",
        "consolidation",
        2018,
        [EMP, ECO, HAB],
        [PRA, COOP],
        [PART],
        [
            ("passerelles-vers-l-emploi", "porteur", "recrutement et suivi des salariés"),
            ("batir-ensemble-construction", "operationnel", "embauches et tutorat"),
            ("service-emploi-solidarites", "financeur", "aide au poste d'accompagnement"),
            ("pole-cooperation-ancre", "accompagnateur", "ingénierie de la co-traitance"),
        ],
        figures=[
            ("65 000", "heures d'insertion réalisées"),
            ("140", "personnes recrutées"),
            ("58 %", "en emploi durable six mois après"),
        ],
        resources=[
            "fiche-clauses-sociales-commande-publique",
            "guide-achat-responsable-structures-insertion",
        ],
        tags=["clause sociale", "BTP", "insertion", "commande publique"],
        summary="Une entreprise du bâtiment et une association d'insertion ont fait de la "
        "clause sociale un véritable tremplin vers l'emploi durable.",
        context="Sur les grands chantiers de l'agglomération, les heures d'insertion "
        "imposées par les marchés publics étaient souvent réalisées en missions courtes, "
        "sans suite pour les personnes.",
        challenges="Passer d'une logique d'obligation à une logique de parcours : former, "
        "accompagner et embaucher durablement.",
        approach="L'entreprise a confié le recrutement à l'association, désigné un tuteur "
        "par chantier et accepté d'aller au-delà du volume d'heures exigé ; les partenaires "
        "se retrouvent chaque trimestre pour suivre chaque parcours.",
        results="Plus de la moitié des personnes recrutées occupent un emploi durable six "
        "mois après leur mission ; l'entreprise a intégré la démarche à ses autres "
        "chantiers.",
        team="trois chargés d'accompagnement de l'association et douze tuteurs de l'entreprise",
        budget="210 000 €",
    ),
    CS(
        "ressourcerie-entreprises-estuaire",
        "Une ressourcerie co-construite avec les entreprises de l'estuaire",
        "e:244400404",
        "essaimage",
        2017,
        [ENV, EMP, ECO],
        [COOP, MEC],
        [PART, EXP],
        [
            ("ressourcerie-de-l-estuaire", "porteur", "collecte, réparation et revente"),
            ("batir-ensemble-construction", "operationnel", "dons de matériaux de chantier"),
            ("fondation-orvane", "financeur", "financement de l'atelier numérique"),
            ("ecole-superieure-des-transitions", "academique", "analyse des flux de déchets"),
            ("coop-territoires", "catalyseur", "mise en relation avec les entreprises"),
        ],
        figures=[
            ("310 t", "d'objets et de matériaux détournés de l'enfouissement par an"),
            ("32", "salariés en parcours d'insertion"),
            ("45", "entreprises donatrices"),
        ],
        resources=["monographie-ressourcerie-estuaire", "fiche-co-traitance-ess"],
        tags=["réemploi", "économie circulaire", "insertion", "déchets du BTP"],
        summary="Les entreprises de l'agglomération sont devenues les premiers fournisseurs, "
        "clients et mécènes d'une ressourcerie d'insertion.",
        context="Les entreprises du territoire jetaient chaque année des centaines de tonnes "
        "de mobilier, de matériel informatique et de matériaux réutilisables.",
        challenges="Organiser une filière de réemploi locale qui crée des emplois "
        "d'insertion et réduise les déchets.",
        approach="Une expérimentation de six mois avec dix entreprises a permis de calibrer "
        "la collecte ; un contrat de service a ensuite remplacé les dons ponctuels.",
        results="La ressourcerie a doublé de taille en cinq ans et accompagne la création "
        "de deux structures similaires dans le département.",
        team="32 salariés en insertion, 6 encadrants techniques et une équipe de bénévoles",
        budget="1,2 million d'euros (dont 60 % de recettes d'activité)",
        featured=True,
    ),
    CS(
        "aidants-et-employeurs-finistere",
        "Aidants et employeurs : concilier travail et accompagnement d'un proche",
        "d:29",
        "experimentation",
        2022,
        [SAN, LIEN, EMP],
        [PRA, INNO],
        [PART, EXP],
        [
            ("bras-dessus-bras-dessous", "porteur", "formation et groupes de parole"),
            ("banque-ardoise", "operationnel", "aménagements de temps de travail"),
            ("fondation-pont-levant", "financeur", "financement de l'expérimentation"),
            ("institut-des-solidarites-locales", "academique", "suivi et évaluation"),
        ],
        figures=[
            ("9", "employeurs engagés"),
            ("160", "salariés aidants identifiés"),
            ("3", "dispositifs de répit créés"),
        ],
        resources=["monographie-reseau-aidants-finistere"],
        tags=["aidants", "conciliation vie professionnelle", "santé", "employeurs"],
        summary="Neuf employeurs et une association de soutien aux aidants expérimentent des "
        "aménagements pour les salariés qui accompagnent un proche malade ou âgé.",
        context="Un salarié sur six accompagne un proche ; beaucoup réduisent leur temps de "
        "travail ou quittent leur emploi faute de solution.",
        challenges="Rendre visible la situation des salariés aidants et adapter "
        "l'organisation du travail sans stigmatiser.",
        approach="Chaque employeur a désigné un référent formé par l'association ; des "
        "permanences sont organisées sur le lieu de travail et une charte commune a été "
        "rédigée.",
        results="Les premiers résultats montrent une baisse des arrêts de travail chez les "
        "salariés aidants accompagnés ; trois employeurs ont signé un accord d'entreprise.",
        team="une coordinatrice, neuf référents d'entreprise et une équipe de bénévoles "
        "formés à l'écoute",
        budget="80 000 € par an",
    ),
    CS(
        "mediation-numerique-lille",
        "Médiation numérique dans les quartiers avec les entreprises du numérique",
        "c:59350",
        "consolidation",
        2020,
        [NUM, LIEN, CIT],
        [MEC, INNO],
        [PART],
        [
            ("les-claviers-du-nord", "porteur", "permanences et ateliers"),
            ("numeria-services", "operationnel", "formation des médiateurs"),
            ("fondation-orvane", "financeur", "ordinateurs reconditionnés"),
            ("maison-des-alliances-du-bocage", "accompagnateur", "appui au modèle économique"),
        ],
        figures=[
            ("2 600", "personnes aidées par an"),
            ("450", "ordinateurs reconditionnés remis"),
            ("18", "salariés mécènes formateurs"),
        ],
        resources=[
            "fiche-mediation-numerique-partenariats",
            "note-numerique-fracture-territoriale",
        ],
        tags=["médiation numérique", "accès aux droits", "reconditionnement", "mécénat"],
        summary="Une association de médiation numérique et une entreprise de services "
        "numériques ont uni leurs forces pour l'accès aux droits en ligne dans les "
        "quartiers.",
        context="La dématérialisation des démarches administratives laissait de nombreux "
        "habitants sans accès à leurs droits ; les files d'attente s'allongeaient aux "
        "permanences.",
        challenges="Augmenter la capacité d'accueil, former de nouveaux médiateurs et "
        "équiper les foyers qui n'avaient pas d'ordinateur.",
        approach="Les salariés de l'entreprise forment les médiateurs et animent des "
        "ateliers deux soirs par mois ; une fondation finance le reconditionnement des "
        "ordinateurs réformés.",
        results="Le nombre de personnes aidées a triplé en trois ans ; l'association a "
        "ouvert deux nouvelles permanences.",
        team="quatre médiateurs salariés, 18 salariés mécènes et une vingtaine de bénévoles",
        budget="170 000 €",
    ),
    CS(
        "sport-insertion-jeunes-toulouse",
        "Le sport comme levier d'insertion des jeunes",
        "e:243100518",
        "essaimage",
        2015,
        [CULT, EDU, EMP],
        [MEC, INNO],
        [PART, EXP],
        [
            ("sport-ensemble-quartiers", "porteur", "encadrement sportif et suivi"),
            ("numeria-services", "financeur", "mécénat financier"),
            ("numeria-services", "operationnel", "stages et immersions"),
            ("fondation-horizon-commun", "financeur", "soutien pluriannuel"),
            ("coop-territoires", "accompagnateur", "appui à l'essaimage"),
        ],
        figures=[
            ("320", "jeunes accompagnés"),
            ("64 %", "en formation ou en emploi à la sortie"),
            ("25", "entreprises partenaires"),
        ],
        resources=["monographie-insertion-par-le-sport-toulouse"],
        tags=["sport", "jeunesse", "insertion", "quartiers prioritaires"],
        summary="Un club de quartier et des entreprises partenaires ont construit un parcours "
        "qui mène les jeunes du terrain de sport à l'entreprise.",
        context="Dans les quartiers prioritaires, de nombreux jeunes sortis du système "
        "scolaire échappent aux dispositifs d'insertion mais fréquentent les "
        "équipements sportifs.",
        challenges="Utiliser la confiance créée par le sport pour remobiliser les jeunes et "
        "les ouvrir aux métiers.",
        approach="Les éducateurs sportifs repèrent les jeunes volontaires ; chaque jeune "
        "découvre trois entreprises puis bénéficie d'un parrainage par un salarié.",
        results="Près de deux jeunes sur trois sont en formation ou en emploi à la sortie ; "
        "le programme a essaimé dans deux autres villes de la région.",
        team="cinq éducateurs sportifs, une chargée d'insertion et 40 parrains salariés",
        budget="260 000 €",
    ),
    CS(
        "habitat-intergenerationnel-alsace",
        "Habitat intergénérationnel : une alliance pour loger les jeunes chez les seniors",
        "d:67",
        "consolidation",
        2018,
        [HAB, LIEN, SAN],
        [INNO, MEC],
        [PART],
        [
            ("toit-partage-alsace", "porteur", "mise en relation et suivi des binômes"),
            ("energies-carmantel", "financeur", "petits travaux d'adaptation"),
            ("laboratoires-selene", "financeur", "mécénat financier"),
            ("institut-des-solidarites-locales", "academique", "étude d'impact"),
        ],
        figures=[
            ("210", "binômes formés"),
            ("92 %", "des seniors se disent moins seuls"),
            ("150 €", "de loyer mensuel moyen pour les jeunes"),
        ],
        resources=["note-territoires-vieillissement-2040"],
        tags=["habitat intergénérationnel", "seniors", "logement des jeunes", "isolement"],
        summary="Des seniors qui vivent seuls accueillent des jeunes en formation : une "
        "association organise la cohabitation, des entreprises la financent.",
        context="Les jeunes en alternance peinaient à se loger près de leur entreprise, "
        "tandis que de nombreux seniors vivaient seuls dans de grands logements.",
        challenges="Sécuriser la cohabitation pour les deux parties et rendre le dispositif "
        "connu des employeurs et des familles.",
        approach="L'association rencontre chaque candidat, organise les binômes et assure "
        "un suivi mensuel ; les entreprises partenaires relaient l'offre auprès de leurs "
        "alternants.",
        results="Plus de 200 binômes ont été formés ; les seniors accueillants déclarent un "
        "net recul de leur sentiment d'isolement.",
        team="deux salariées et un réseau de bénévoles",
        budget="110 000 €",
    ),
    CS(
        "cooperative-cantines-lozere",
        "Circuits courts : une coopérative laitière et les cantines du territoire",
        "e:244800405",
        "consolidation",
        2017,
        [ALIM, ECO, EDU],
        [COOP, PRA],
        [PART, DIAL],
        [
            ("cooperative-des-hauts-plateaux", "porteur", "adaptation des produits"),
            ("ecole-superieure-des-transitions", "academique", "étude logistique"),
            ("fonds-terres-d-avenir", "financeur", "investissement dans la légumerie"),
            ("mission-cooperation-territoriale", "catalyseur", "animation du comité"),
        ],
        figures=[
            ("1 900", "repas par jour servis avec des produits de la coopérative"),
            ("38", "cantines approvisionnées"),
            ("+14 %", "de chiffre d'affaires local pour la coopérative"),
        ],
        resources=[
            "monographie-cooperative-laitiere-lozere",
            "note-alimentation-villes-moyennes-2035",
        ],
        tags=["circuits courts", "restauration collective", "coopérative", "agriculture"],
        summary="Une coopérative de producteurs de lait a adapté ses produits et sa "
        "logistique pour approvisionner les cantines scolaires de son territoire.",
        context="Les producteurs vendaient l'essentiel de leur lait hors du département, "
        "tandis que les cantines se fournissaient auprès de grossistes lointains.",
        challenges="Proposer des formats adaptés à la restauration collective, à un prix "
        "compatible avec les budgets des communes.",
        approach="Un comité réunissant cuisiniers, gestionnaires, producteurs et parents a "
        "défini les besoins ; la coopérative a créé des conditionnements adaptés et une "
        "tournée de livraison mutualisée.",
        results="Les produits laitiers servis dans les cantines sont désormais locaux à "
        "80 % ; la démarche s'étend aux légumes.",
        team="un chargé de mission coopérative, des cuisiniers référents et le comité de pilotage",
        budget="300 000 € d'investissement",
    ),
    CS(
        "tiers-lieu-centre-bourg-aveyron",
        "Un tiers-lieu rural pour réinventer le centre-bourg",
        "d:12",
        "experimentation",
        2021,
        [ECO, CIT, CULT],
        [INNO, COOP],
        [DIAL, EXP],
        [
            ("cc-val-d-arvene", "porteur", "achat et rénovation du bâtiment"),
            ("coop-territoires", "catalyseur", "animation de la communauté"),
            ("labo-territoires-et-cooperations", "academique", "recherche-action"),
            ("fonds-terres-d-avenir", "financeur", "amorçage de l'épicerie"),
        ],
        figures=[
            ("14", "entrepreneurs hébergés"),
            ("3 000", "visiteurs par an"),
            ("5", "services réinstallés dans le bourg"),
        ],
        resources=[
            "monographie-tiers-lieu-rural-aveyron",
            "referentiel-qualite-tiers-lieux-cooperation",
            "rapport-tiers-lieux-emploi-local",
        ],
        tags=["tiers-lieu", "centre-bourg", "ruralité", "revitalisation"],
        summary="Une intercommunalité rurale, un catalyseur territorial et les habitants ont "
        "transformé une quincaillerie fermée en tiers-lieu.",
        context="Le bourg centre avait perdu ses commerces et une partie de ses services ; "
        "les jeunes actifs installés en télétravail manquaient de lieux de rencontre.",
        challenges="Redonner une vie au centre-bourg et créer un lieu ouvert à tous, géré "
        "avec les habitants.",
        approach="Un dialogue territorial de neuf mois a défini les usages ; le bâtiment a "
        "été rénové en chantier participatif et une association d'usagers co-gère le lieu "
        "avec l'intercommunalité.",
        results="Le tiers-lieu accueille un café, un espace de travail partagé, une "
        "épicerie et des permanences de services publics.",
        team="une coordinatrice salariée, un animateur du catalyseur territorial et une "
        "trentaine de bénévoles",
        budget="650 000 € d'investissement, 90 000 € de fonctionnement annuel",
        featured=True,
    ),
    CS(
        "renovation-energetique-dialogue-grenoble",
        "Dialogue territorial sur la rénovation énergétique des copropriétés",
        "e:200040715",
        "experimentation",
        2023,
        [ENV, HAB, CIT],
        [INNO, PRA],
        [DIAL, EXP],
        [
            ("energies-carmantel", "porteur", "diagnostics énergétiques"),
            ("cabinet-trame-et-territoires", "catalyseur", "animation du dialogue"),
            ("conseil-citoyen-des-hauts-quartiers", "autre", "témoignage et échanges"),
            ("agence-transitions-territoriales", "financeur", "financement de l'ingénierie"),
        ],
        figures=[
            ("24", "copropriétés engagées"),
            ("1 100", "logements concernés"),
            ("-35 %", "de consommation visée après travaux"),
        ],
        resources=["guide-lancer-dialogue-territorial", "note-alliances-adaptation-climat"],
        tags=["rénovation énergétique", "copropriétés", "précarité énergétique", "dialogue"],
        summary="Une entreprise de services énergétiques, un cabinet d'animation et des "
        "habitants ont ouvert un dialogue pour débloquer la rénovation des copropriétés "
        "fragiles.",
        context="De nombreuses copropriétés construites dans les années 1960 cumulent "
        "passoires thermiques, charges élevées et difficultés de décision collective.",
        challenges="Faire émerger des décisions de travaux dans des copropriétés où les "
        "propriétaires ont des moyens et des intérêts très différents.",
        approach="Des ateliers ouverts à tous les copropriétaires ont précédé tout "
        "diagnostic ; des habitants d'autres quartiers sont venus témoigner de leurs "
        "travaux.",
        results="Huit copropriétés ont voté des travaux en deux ans ; les autres ont "
        "engagé un plan pluriannuel.",
        team="deux animateurs, trois thermiciens de l'entreprise et des copropriétaires relais",
        budget="190 000 € d'ingénierie",
    ),
    CS(
        "mecenat-competences-grand-est",
        "Un réseau régional du mécénat de compétences",
        "r:44",
        "essaimage",
        2016,
        [ECO, LIEN],
        [MEC],
        [PART, DIAL],
        [
            ("pole-cooperation-ancre", "porteur", "animation du réseau"),
            ("laboratoires-selene", "operationnel", "missions de salariés"),
            ("service-emploi-solidarites", "financeur", "cofinancement de l'animation"),
            ("chaire-alliances-et-territoires", "academique", "étude de valorisation"),
        ],
        figures=[
            ("48", "entreprises membres"),
            ("9 500", "heures de mécénat de compétences par an"),
            ("130", "associations accompagnées"),
        ],
        resources=["kit-mecenat-competences-pme", "replay-mecenat-competences-retours-terrain"],
        tags=["mécénat de compétences", "réseau", "engagement des salariés", "Grand Est"],
        summary="Un pôle de coopération a fédéré près de cinquante entreprises qui mettent "
        "les compétences de leurs salariés au service des associations.",
        context="Les associations manquaient de compétences en gestion, en communication "
        "et en numérique ; de nombreux salariés souhaitaient s'engager sans savoir "
        "comment.",
        challenges="Organiser la rencontre entre l'offre et la demande de compétences à "
        "l'échelle d'une grande région.",
        approach="Le pôle recense les besoins des associations, les traduit en missions de "
        "quelques jours et les propose aux salariés des entreprises membres.",
        results="Le réseau couvre désormais les dix départements de la région ; la moitié "
        "des missions débouche sur un partenariat durable.",
        team="trois salariés d'animation et un réseau de référents en entreprise",
        budget="180 000 € par an",
    ),
    CS(
        "emploi-saisonnier-pays-ajaccien",
        "Les entreprises du tourisme s'engagent pour un emploi saisonnier durable",
        "e:242010056",
        "emergence",
        2024,
        [EMP, CULT, HAB],
        [PRA, COOP],
        [DIAL, PART],
        [
            ("hotellerie-vallon-bleu", "porteur", "pilotage et mise à disposition de logements"),
            ("maison-des-alliances-du-bocage", "accompagnateur", "méthode et retours d'expérience"),
            ("fondation-horizon-commun", "financeur", "étude préalable"),
            ("service-emploi-solidarites", "autre", "partage des données sur l'emploi"),
        ],
        figures=[
            ("11", "employeurs réunis"),
            ("60", "salariés saisonniers interrogés"),
        ],
        resources=["etude-emploi-saisonnier-corse"],
        tags=["emploi saisonnier", "tourisme", "logement des salariés", "Corse"],
        summary="Des hôteliers et restaurateurs se sont réunis pour stabiliser les emplois "
        "saisonniers : logement, formation hors saison, emplois partagés.",
        context="Les employeurs du tourisme peinent à recruter, les saisonniers à se loger ; "
        "les compétences se perdent d'une saison à l'autre.",
        challenges="Allonger les contrats et proposer des solutions de logement sans "
        "renchérir le marché local.",
        approach="Une enquête auprès des salariés et des employeurs a ouvert un dialogue ; "
        "trois groupes de travail préparent des solutions communes.",
        results="La démarche en est à ses débuts : un premier logement partagé ouvrira "
        "la saison prochaine et un groupement d'employeurs est à l'étude.",
        team="un chef de projet à mi-temps et les dirigeants des entreprises engagées",
        budget="45 000 € pour la phase d'étude",
    ),
    CS(
        "epicerie-solidaire-producteurs-reunion",
        "Épicerie solidaire et producteurs locaux",
        "e:249740119",
        "consolidation",
        2019,
        [ALIM, LIEN, ECO],
        [COOP, MEC],
        [PART],
        [
            ("marche-vert-reunion", "porteur", "logistique et achats"),
            ("marche-vert-reunion", "financeur", "mécénat en nature"),
            ("ateliers-du-lien", "accompagnateur", "partage de méthode d'animation"),
            ("agence-transitions-territoriales", "financeur", "soutien au démarrage"),
        ],
        figures=[
            ("3", "épiceries solidaires approvisionnées"),
            ("40", "producteurs partenaires"),
            ("60 %", "de produits frais locaux dans les rayons"),
        ],
        resources=["guide-epiceries-solidaires-producteurs-reunion"],
        tags=["épicerie solidaire", "producteurs locaux", "aide alimentaire", "La Réunion"],
        summary="Un réseau de distribution a mis sa logistique au service des épiceries "
        "solidaires pour leur fournir des fruits et légumes de l'île.",
        context="Les épiceries solidaires proposaient surtout des produits secs importés ; "
        "les petits producteurs peinaient à écouler leurs surplus.",
        challenges="Rendre les produits frais locaux accessibles aux familles modestes tout "
        "en rémunérant correctement les producteurs.",
        approach="Le distributeur achète les surplus à un prix convenu, les livre avec ses "
        "propres tournées et prend en charge une partie du coût.",
        results="La part de produits frais locaux a été multipliée par trois ; deux "
        "nouvelles épiceries rejoindront le dispositif.",
        team="un coordinateur logistique et les bénévoles des épiceries",
        budget="120 000 € par an",
    ),
    CS(
        "pole-cooperation-pme-ess-metz",
        "Un pôle de coopération pour les PME et l'ESS",
        "e:200039865",
        "consolidation",
        2016,
        [ECO, EMP],
        [COOP],
        [PART, DIAL],
        [
            ("pole-cooperation-ancre", "porteur", "animation et ingénierie"),
            ("service-emploi-solidarites", "financeur", "soutien à l'animation"),
            ("chaire-alliances-et-territoires", "academique", "évaluation des coopérations"),
            ("ressourcerie-de-l-estuaire", "autre", "partage d'expérience"),
        ],
        figures=[
            ("70", "structures membres"),
            ("2,4 M€", "de chiffre d'affaires réalisé en coopération"),
            ("18", "emplois partagés créés"),
        ],
        resources=["monographie-pole-cooperation-moselle", "matrice-partage-valeur-cooperation"],
        tags=["pôle de coopération", "ESS", "PME", "emplois partagés"],
        summary="Des PME industrielles et des entreprises de l'ESS ont appris à coopérer : "
        "achats groupés, emplois partagés, réponses communes aux marchés.",
        context="Les PME et les structures de l'ESS du territoire se connaissaient peu et "
        "se concurrençaient parfois sur les mêmes marchés.",
        challenges="Créer de la confiance et des intérêts communs entre des entreprises aux "
        "cultures très différentes.",
        approach="Des petits-déjeuners mensuels, puis des groupes de travail thématiques ; "
        "chaque coopération fait l'objet d'une convention simple.",
        results="Les coopérations ont généré plus de deux millions d'euros de chiffre "
        "d'affaires et une vingtaine d'emplois partagés.",
        team="une équipe de trois personnes et des chefs d'entreprise bénévoles",
        budget="230 000 € par an",
    ),
    CS(
        "parrainages-collegiens-somme",
        "Des parrainages d'entreprises pour les collégiens",
        "d:80",
        "essaimage",
        2018,
        [EDU, EMP],
        [MEC, PRA],
        [PART],
        [
            ("agglo-pays-de-verandre", "porteur", "coordination du réseau d'entreprises"),
            ("boulangeries-maizel", "operationnel", "accueil de stagiaires de troisième"),
            ("fondation-horizon-commun", "financeur", "financement des sorties"),
            ("voisins-du-square", "autre", "lien avec les familles"),
        ],
        figures=[
            ("850", "collégiens accompagnés"),
            ("95", "entreprises engagées"),
            ("100 %", "des élèves de troisième des collèges partenaires ont trouvé un stage"),
        ],
        resources=["enquete-jeunes-entreprises-territoire"],
        tags=["parrainage", "stage de troisième", "orientation", "jeunesse"],
        summary="Une agglomération a fédéré un réseau d'entreprises qui accueillent et "
        "parrainent les collégiens des quartiers prioritaires.",
        context="Les collégiens des quartiers prioritaires trouvaient difficilement un "
        "stage de troisième, faute de réseau familial.",
        challenges="Ouvrir les entreprises aux jeunes et faire du stage une vraie "
        "découverte des métiers.",
        approach="L'agglomération recense les offres et les répartit ; chaque entreprise "
        "désigne un parrain qui prépare le stage avec le collège.",
        results="Tous les élèves de troisième des collèges partenaires ont trouvé un stage ; "
        "la démarche est reprise dans deux intercommunalités voisines.",
        team="une chargée de mission de l'agglomération et 95 parrains",
        budget="60 000 € par an",
    ),
    CS(
        "reamenagement-place-conseil-citoyen-nice",
        "Réaménager une place avec le conseil citoyen",
        "c:06088",
        "experimentation",
        2023,
        [CIT, HAB, CULT],
        [INNO],
        [DIAL, EXP],
        [
            ("conseil-citoyen-des-hauts-quartiers", "porteur", "diagnostic en marchant"),
            ("cabinet-trame-et-territoires", "accompagnateur", "animation des ateliers"),
            ("energies-carmantel", "financeur", "éclairage et mobilier"),
            ("ateliers-du-lien", "autre", "partage de méthodes"),
        ],
        figures=[
            ("320", "habitants consultés"),
            ("6", "aménagements testés en grandeur réelle"),
        ],
        resources=["guide-associer-habitants-renovation-urbaine"],
        tags=["urbanisme transitoire", "participation", "espaces publics", "conseil citoyen"],
        summary="Le conseil citoyen d'un quartier prioritaire a conduit l'expérimentation "
        "d'aménagements temporaires sur une place délaissée.",
        context="La place centrale du quartier était vécue comme un lieu de passage peu sûr "
        "et peu accueillant, en particulier par les femmes et les personnes âgées.",
        challenges="Associer réellement les habitants à un projet d'aménagement et tester "
        "avant d'investir.",
        approach="Diagnostics en marchant, puis six aménagements temporaires testés "
        "pendant un été : bancs, ombrage, éclairage, jeux.",
        results="Quatre aménagements ont été retenus pour le projet définitif ; la "
        "fréquentation de la place a nettement augmenté.",
        team="les membres du conseil citoyen et deux animateurs",
        budget="75 000 €",
    ),
    CS(
        "transport-solidaire-seniors-creuse",
        "Transport solidaire à la demande pour les seniors",
        "d:23",
        "consolidation",
        2019,
        [MOB, SAN, LIEN],
        [MEC, INNO],
        [PART, EXP],
        [
            ("roule-ma-creuse", "porteur", "organisation des trajets"),
            ("fondation-pont-levant", "financeur", "achat de deux véhicules"),
            ("transports-velorac", "operationnel", "entretien des véhicules"),
            ("delegation-ruralites", "catalyseur", "mise en réseau des services"),
        ],
        figures=[
            ("5 200", "trajets par an"),
            ("70", "chauffeurs bénévoles"),
            ("85 %", "des trajets liés à la santé"),
        ],
        resources=["guide-mobilite-solidaire-rurale", "etude-isolement-personnes-agees-bretagne"],
        tags=["transport solidaire", "seniors", "ruralité", "santé"],
        summary="Des chauffeurs bénévoles conduisent les seniors isolés à leurs rendez-vous "
        "médicaux et à leurs courses.",
        context="Les personnes âgées sans voiture renonçaient à des soins faute de moyen "
        "de transport.",
        challenges="Organiser un service fiable avec des bénévoles, sur un territoire très étendu.",
        approach="Une plateforme téléphonique centralise les demandes ; les chauffeurs "
        "bénévoles sont défrayés et formés.",
        results="Le service est devenu indispensable ; il est cité par les médecins comme "
        "un facteur de maintien à domicile.",
        team="une coordinatrice salariée et 70 chauffeurs bénévoles",
        budget="95 000 € par an",
    ),
    CS(
        "chantier-ecole-patrimoine-dordogne",
        "Patrimoine et insertion : un chantier-école sur un site historique",
        "d:24",
        "consolidation",
        2017,
        [CULT, EMP],
        [MEC, COOP],
        [PART],
        [
            ("ville-de-belvezac", "porteur", "maîtrise d'ouvrage"),
            ("batir-ensemble-construction", "accompagnateur", "encadrement technique"),
            ("fonds-rives-et-racines", "financeur", "mécénat financier"),
            ("fonds-rives-et-racines", "catalyseur", "mobilisation des mécènes"),
        ],
        figures=[
            ("48", "personnes formées aux métiers du patrimoine"),
            ("70 %", "en emploi ou en formation à la sortie"),
            ("2", "monuments restaurés"),
        ],
        resources=["fiche-mecenat-en-nature"],
        tags=["patrimoine", "chantier d'insertion", "métiers d'art", "mécénat"],
        summary="Une petite ville restaure son patrimoine avec un chantier d'insertion "
        "encadré par une entreprise du bâtiment.",
        context="Plusieurs édifices anciens se dégradaient faute de moyens ; les métiers de "
        "la restauration manquaient de main-d'œuvre qualifiée.",
        challenges="Concilier exigence patrimoniale, formation et insertion.",
        approach="Les personnes en insertion sont formées par des compagnons de "
        "l'entreprise ; chaque chantier est ouvert au public une fois par mois.",
        results="Deux édifices ont été restaurés ; plusieurs stagiaires ont été recrutés "
        "par des entreprises du patrimoine.",
        team="deux encadrants techniques et douze salariés en insertion par session",
        budget="400 000 € sur trois ans",
    ),
    CS(
        "plateforme-mecenat-loiret",
        "Une plateforme territoriale de mécénat",
        "d:45",
        "consolidation",
        2018,
        [CULT, CIT, LIEN],
        [MEC],
        [PART, DIAL],
        [
            ("fonds-rives-et-racines", "porteur", "collecte et redistribution"),
            ("banque-ardoise", "financeur", "dotation initiale"),
            ("maison-des-alliances-du-bocage", "accompagnateur", "retour d'expérience"),
            ("institut-des-solidarites-locales", "academique", "étude des donateurs"),
        ],
        figures=[
            ("62", "entreprises donatrices"),
            ("480 000 €", "redistribués en cinq ans"),
            ("95", "projets soutenus"),
        ],
        resources=["fiche-convention-de-partenariat", "replay-financer-experimentation-collective"],
        tags=["fonds de dotation", "mécénat territorial", "TPE", "culture"],
        summary="Un fonds de dotation permet aux TPE et PME d'un département de donner "
        "ensemble à des projets locaux.",
        context="Les petites entreprises voulaient soutenir leur territoire mais ne "
        "savaient pas à qui donner ni comment suivre l'usage des fonds.",
        challenges="Mutualiser de petits dons et garantir la transparence des choix.",
        approach="Un comité mixte d'entreprises et d'associations choisit les projets deux "
        "fois par an ; chaque donateur est invité aux visites de projets.",
        results="Le fonds a triplé sa collecte en cinq ans ; de nombreux donateurs sont "
        "devenus bénévoles des projets soutenus.",
        team="une déléguée générale et un comité bénévole",
        budget="100 000 € de dons par an",
    ),
    CS(
        "emploi-partage-artisans-jura",
        "Expérimenter l'emploi partagé entre artisans et PME",
        "d:39",
        "experimentation",
        2022,
        [EMP, ECO],
        [COOP, INNO],
        [EXP, PART],
        [
            ("commune-de-haute-lisiere", "porteur", "portage politique et locaux"),
            ("pole-cooperation-ancre", "accompagnateur", "ingénierie du groupement"),
            ("transports-velorac", "autre", "partage d'expérience"),
            ("chaire-alliances-et-territoires", "academique", "évaluation"),
        ],
        figures=[
            ("14", "entreprises adhérentes"),
            ("9", "salariés en temps partagé"),
            ("100 %", "en contrat à durée indéterminée"),
        ],
        resources=["note-cooperations-economiques-relocalisation"],
        tags=["groupement d'employeurs", "emploi partagé", "artisanat", "montagne"],
        summary="Artisans et PME d'une commune de montagne partagent des salariés en CDI "
        "grâce à un groupement d'employeurs.",
        context="Les entreprises avaient des besoins à temps partiel ou saisonniers et ne "
        "parvenaient pas à fidéliser leurs salariés.",
        challenges="Offrir des emplois stables et à temps plein en combinant plusieurs employeurs.",
        approach="La commune a réuni les entreprises ; un groupement d'employeurs a été créé "
        "et chaque salarié dispose d'un planning annuel partagé.",
        results="Neuf salariés sont employés à temps plein en CDI ; l'expérimentation sera "
        "évaluée avant d'être étendue.",
        team="une gestionnaire du groupement et les dirigeants des entreprises",
        budget="70 000 € d'amorçage",
    ),
    CS(
        "projet-alimentaire-port-saulnier",
        "Un projet alimentaire de territoire pour une ville moyenne",
        "e:241700434",
        "experimentation",
        2021,
        [ALIM, ENV, LIEN],
        [COOP, INNO],
        [DIAL, EXP],
        [
            ("ville-de-port-saulnier", "porteur", "pilotage du projet alimentaire"),
            ("ecole-superieure-des-transitions", "academique", "diagnostic agricole"),
            ("boulangeries-maizel", "operationnel", "achat de farines locales"),
            ("fonds-terres-d-avenir", "financeur", "soutien aux producteurs"),
        ],
        figures=[
            ("45 %", "de produits locaux en restauration collective"),
            ("22", "producteurs engagés"),
            ("1 200", "familles bénéficiaires de paniers solidaires"),
        ],
        resources=["note-alimentation-villes-moyennes-2035"],
        tags=[
            "projet alimentaire territorial",
            "circuits courts",
            "restauration collective",
            "aide alimentaire",
        ],
        summary="Une ville moyenne du littoral réunit producteurs, restauration collective, "
        "entreprises et associations d'aide alimentaire autour de son alimentation.",
        context="Les terres agricoles reculaient face à l'urbanisation et une partie des "
        "habitants n'avait pas accès à une alimentation de qualité.",
        challenges="Relocaliser une partie de l'alimentation et la rendre accessible à tous.",
        approach="Un conseil local de l'alimentation se réunit chaque trimestre ; il pilote "
        "des expérimentations : paniers solidaires, légumerie, filière de blé local.",
        results="La restauration collective atteint 45 % de produits locaux ; une filière "
        "de farine locale fournit désormais une entreprise de boulangerie.",
        team="une cheffe de projet de la ville et les membres du conseil local",
        budget="250 000 € par an",
    ),
    CS(
        "acces-droits-numeriques-nievre",
        "Accès aux droits numériques : une délégation publique, des associations et des "
        "entreprises locales",
        "d:58",
        "consolidation",
        2020,
        [NUM, CIT, LIEN],
        [MEC, INNO],
        [PART, DIAL],
        [
            ("delegation-ruralites", "porteur", "coordination des points d'accueil"),
            ("les-claviers-du-nord", "accompagnateur", "formation des médiateurs"),
            ("numeria-services", "financeur", "mécénat de compétences"),
            ("incubateur-germoir", "catalyseur", "animation du réseau local"),
        ],
        figures=[
            ("17", "points d'accueil numérique"),
            ("8 000", "accompagnements par an"),
        ],
        resources=["note-numerique-fracture-territoriale"],
        tags=["accès aux droits", "médiation numérique", "ruralité", "services publics"],
        summary="Dans un département rural, une délégation interservices, des associations et "
        "des entreprises ont construit un réseau de points d'accueil numérique.",
        context="L'éloignement des services publics et la dématérialisation laissaient de "
        "nombreux habitants sans accès à leurs droits.",
        challenges="Couvrir tout le territoire avec des médiateurs formés et coordonnés.",
        approach="Un dialogue avec les communes a défini l'implantation des points "
        "d'accueil ; les médiateurs sont formés ensemble et partagent leurs outils.",
        results="Chaque habitant dispose d'un point d'accueil à moins de vingt minutes.",
        team="17 médiateurs et une coordinatrice départementale",
        budget="520 000 € par an",
    ),
    CS(
        "prevention-sante-strasbourg",
        "Prévention santé : de l'entreprise aux quartiers",
        "c:67482",
        "emergence",
        2025,
        [SAN, CULT],
        [PRA, MEC],
        [PART],
        [
            ("laboratoires-selene", "porteur", "programme de prévention"),
            ("sport-ensemble-quartiers", "operationnel", "séances de sport santé"),
            ("toit-partage-alsace", "autre", "relais auprès des seniors"),
        ],
        figures=[
            ("6", "quartiers concernés"),
            ("400", "participants la première année"),
        ],
        resources=["guide-prevention-sante-entreprise-quartier"],
        tags=["prévention", "sport santé", "quartiers prioritaires", "entreprise"],
        summary="Une entreprise de santé ouvre ses actions de prévention aux habitants des "
        "quartiers où vivent ses salariés.",
        context="Les habitants des quartiers prioritaires ont une espérance de vie en bonne "
        "santé plus faible et participent peu aux dépistages.",
        challenges="Toucher des publics éloignés de la prévention avec des actions de proximité.",
        approach="Les actions sont construites avec les associations de quartier : sport "
        "santé, ateliers nutrition, journées de dépistage.",
        results="Premier bilan encourageant ; l'extension à d'autres quartiers est à l'étude.",
        team="une chargée de prévention de l'entreprise et les animateurs associatifs",
        budget="90 000 €",
    ),
    CS(
        "residences-artistes-pme-normandie",
        "Culture en partage : des résidences d'artistes accueillies par des PME",
        "e:200023414",
        "experimentation",
        2022,
        [CULT, ECO, CIT],
        [MEC, INNO],
        [EXP, PART],
        [
            ("coop-territoires", "porteur", "sélection des artistes et médiation"),
            ("boulangeries-maizel", "operationnel", "accueil d'une résidence"),
            ("fonds-rives-et-racines", "financeur", "bourses de résidence"),
            ("labo-territoires-et-cooperations", "academique", "observation des effets"),
        ],
        figures=[
            ("8", "résidences d'artistes"),
            ("2 300", "spectateurs aux restitutions"),
            ("8", "PME accueillantes"),
        ],
        resources=["video-journee-tiers-lieu-cooperation"],
        tags=["résidence d'artistes", "culture", "entreprise", "médiation culturelle"],
        summary="Des PME accueillent des artistes en résidence ; les œuvres créées avec les "
        "salariés sont présentées aux habitants.",
        context="Les zones d'activité étaient éloignées de toute offre culturelle ; les "
        "salariés comme les habitants voisins y avaient peu accès.",
        challenges="Faire de l'entreprise un lieu de culture ouvert sur son territoire.",
        approach="Chaque résidence dure trois mois ; l'artiste travaille avec les salariés "
        "et ouvre des ateliers aux écoles et aux habitants.",
        results="Huit résidences ont eu lieu ; les entreprises souhaitent pérenniser la "
        "démarche par un fonds commun.",
        team="une médiatrice culturelle et les référents des entreprises",
        budget="160 000 € sur deux ans",
    ),
    # --- Drafts (not public)
    CS(
        "centrale-solaire-citoyenne-montpellier",
        "Énergie citoyenne : une centrale solaire partagée",
        "c:34172",
        "emergence",
        2026,
        [ENV, CIT],
        [INNO],
        [EXP],
        [
            ("collectif-culture-en-chemin", "porteur", "mobilisation des habitants"),
            ("energies-carmantel", "accompagnateur", "étude technique"),
        ],
        figures=[("250 kWc", "de puissance visée"), ("180", "souscripteurs espérés")],
        resources=["guide-energie-citoyenne-brouillon"],
        tags=["énergie citoyenne", "solaire", "brouillon"],
        summary="Retour d'expérience en cours de rédaction.",
        context="Brouillon.",
        challenges="Brouillon.",
        approach="Brouillon.",
        results="Brouillon.",
        team="à compléter",
        budget="à compléter",
        status=DRAFT,
    ),
    CS(
        "tiers-lieu-nourricier-dijon",
        "Un tiers-lieu nourricier en périphérie urbaine",
        "c:21231",
        "emergence",
        2025,
        [ALIM, LIEN],
        [COOP],
        [EXP, DIAL],
        [
            ("incubateur-germoir", "porteur", "portage du projet"),
            ("fonds-littoral-solidaire", "financeur", "amorçage"),
        ],
        figures=[("1,5 ha", "de terres cultivées"), ("3", "emplois prévus")],
        resources=["note-alimentation-villes-moyennes-2035"],
        tags=["tiers-lieu nourricier", "agriculture urbaine", "alimentation"],
        summary="Retour d'expérience en relecture.",
        context="En relecture.",
        challenges="En relecture.",
        approach="En relecture.",
        results="En relecture.",
        team="à compléter",
        budget="à compléter",
        status=REVIEW,
    ),
]

# Narrative building blocks shared by the case studies (chosen deterministically).
SUCCESS_FACTORS = (
    "Un temps d'interconnaissance suffisant avant de s'engager : les partenaires se sont "
    "rencontrés plusieurs fois avant de signer quoi que ce soit.",
    "Un catalyseur territorial reconnu par tous, qui n'avait pas d'intérêt propre dans le "
    "projet et pouvait arbitrer les désaccords.",
    "Des engagements réciproques écrits, mais une convention courte et révisable chaque année.",
    "La présence des personnes concernées dans les instances de décision, dès le départ.",
    "Un financement d'amorçage qui a permis d'expérimenter avant de solliciter des "
    "financements pérennes.",
    "Des dirigeants impliqués personnellement, qui ont porté le projet dans leurs "
    "organisations respectives.",
    "Une évaluation chemin faisant, partagée avec tous les partenaires, qui a permis "
    "d'ajuster la démarche.",
)
DIFFICULTIES = (
    "Le turnover des interlocuteurs dans les organisations partenaires a obligé à "
    "reconstruire plusieurs fois la relation.",
    "Les calendriers des partenaires (budgets annuels, saisons, cycles électoraux) étaient "
    "difficiles à concilier.",
    "La valorisation des apports non financiers (temps, compétences, locaux) a suscité des débats.",
    "Le passage de l'expérimentation au fonctionnement durable a fragilisé le modèle "
    "économique pendant une année.",
    "Certains acteurs du territoire se sont sentis concurrencés au départ ; il a fallu du "
    "temps pour les associer.",
    "La mesure des résultats a demandé des outils que les partenaires n'avaient pas.",
)
HR_BLOCKS = (
    "Les richesses humaines sont le premier levier du projet : le temps des bénévoles et "
    "des salariés mécènes représente près de la moitié des ressources mobilisées.",
    "Le projet s'appuie sur la complémentarité des compétences : savoir-faire techniques "
    "des entreprises, capacité d'accompagnement des associations, connaissance du terrain "
    "des habitants.",
    "Les partenaires ont formé ensemble leurs équipes, ce qui a créé une culture commune.",
)
FUNDING_BLOCKS = {
    MEC: "Le mécénat (financier, en nature et de compétences) apporte une part importante "
    "des ressources.",
    PRA: "Une part des moyens provient directement des pratiques des entreprises "
    "partenaires : temps de travail aménagé, achats, équipements partagés.",
    COOP: "Le modèle repose en partie sur des recettes d'activité tirées de la coopération "
    "économique entre partenaires.",
    INNO: "Le caractère expérimental a permis de mobiliser des financements dédiés à "
    "l'innovation sociétale.",
}
NUMBERS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept"}
FORM_LABELS = {
    DIAL: "un dialogue territorial",
    PART: "un partenariat entre organisations",
    EXP: "une expérimentation collective",
}

# --------------------------------------------------------------------------------------
# Collections
# --------------------------------------------------------------------------------------

# (slug, title, kind, audiences, summary, introduction paragraphs, items, featured)
# items: ("r", resource slug, note) or ("c", case study slug, note)
COLLECTIONS = [
    (
        "je-suis-une-collectivite",
        "Je suis une collectivité : par où commencer ?",
        "parcours",
        [COLL, ETAT],
        "Un parcours en sept étapes pour les élus et les agents qui veulent favoriser les "
        "alliances sur leur territoire.",
        (
            "Une collectivité n'a pas vocation à piloter toutes les alliances de son "
            "territoire, mais elle peut beaucoup pour les rendre possibles : réunir, "
            "outiller, soutenir, reconnaître.",
            "Ce parcours commence par le cadre commun, propose de situer sa propre "
            "pratique, puis montre des collectivités qui ont joué ce rôle de facilitateur.",
        ),
        [
            ("r", "referentiel-co-construction-territoriale", "Le cadre commun, à lire d'abord."),
            ("r", "fiche-reduire-les-fragilites", "Partir des fragilités du territoire."),
            ("r", "autodiagnostic-maturite-partenariale-collectivites", "Situer sa pratique."),
            ("r", "kit-atelier-carre-magique", "Choisir des priorités avec les acteurs."),
            ("c", "tiers-lieu-centre-bourg-aveyron", "Une intercommunalité rurale en action."),
            ("c", "parrainages-collegiens-somme", "Une agglomération qui fédère les entreprises."),
            ("r", "parcours-collectivites-facilitatrices", "Pour aller plus loin."),
        ],
        True,
    ),
    (
        "je-suis-une-entreprise",
        "Je suis une entreprise : s'engager sur son territoire",
        "parcours",
        [ENT],
        "De l'autodiagnostic à l'alliance durable, un parcours pour les dirigeants de TPE, "
        "de PME et d'ETI.",
        (
            "Mécénat, pratiques responsables, coopération économique, innovation sociétale : "
            "une entreprise peut s'engager de bien des façons, quelle que soit sa taille.",
            "Commencez par faire le point, puis découvrez les outils et les alliances "
            "d'entreprises qui ont franchi le pas.",
        ),
        [
            (
                "r",
                "autodiagnostic-entreprise-alliance-territoriale",
                "Faire le point en vingt questions.",
            ),
            ("r", "referentiel-pratiques-responsables-entreprises", "Les pratiques responsables."),
            ("r", "kit-mecenat-competences-pme", "Le mécénat de compétences, même en PME."),
            ("r", "guide-achat-responsable-structures-insertion", "Acheter responsable."),
            ("c", "clause-sociale-metropole-lyon", "Quand la clause sociale devient un tremplin."),
            ("c", "emploi-saisonnier-pays-ajaccien", "Des entreprises qui s'organisent ensemble."),
            ("r", "parcours-entreprises-rse-territoriale", "Se former."),
        ],
        True,
    ),
    (
        "je-suis-une-association",
        "Je suis une association : construire des alliances",
        "parcours",
        [ASSO, CITO],
        "Renforcer son modèle socio-économique en nouant des alliances avec des entreprises, "
        "des fondations et des collectivités.",
        (
            "Les alliances sont l'un des trois leviers du modèle socio-économique d'une "
            "association, avec les richesses humaines et les financements.",
            "Ce parcours aide à faire le point sur ses ressources, à trouver des partenaires "
            "et à construire des relations équilibrées.",
        ),
        [
            ("r", "fiche-trois-leviers-modele-socio-economique", "Les trois leviers."),
            ("r", "grille-autodiagnostic-modele-socio-economique", "Faire le point."),
            ("r", "guide-alliance-association-entreprise", "Monter une alliance pas à pas."),
            ("r", "fiche-convention-de-partenariat", "Écrire les engagements de chacun."),
            (
                "c",
                "jardins-pied-d-immeuble-rennes",
                "Une association qui passe le relais aux habitants.",
            ),
            (
                "c",
                "ressourcerie-entreprises-estuaire",
                "Des entreprises fournisseurs, clientes et mécènes.",
            ),
            ("r", "parcours-associations-modele-socio-economique", "Se former."),
        ],
        True,
    ),
    (
        "chapitres-du-referentiel",
        "Les chapitres du référentiel de la co-construction territoriale",
        "dossier",
        list(ALL_AUDIENCES),
        "Le référentiel chapitre par chapitre, avec pour chacun une ressource d'approfondissement.",
        (
            "Le référentiel de la co-construction territoriale propose un vocabulaire "
            "commun : les acteurs, les types de partenariat, les formes de co-construction, "
            "le rôle du catalyseur territorial, les leviers du modèle socio-économique et "
            "l'évaluation.",
            "Ce dossier suit ses chapitres dans l'ordre.",
        ),
        [
            ("r", "referentiel-co-construction-territoriale", "Le référentiel complet."),
            ("r", "fiche-reduire-les-fragilites", "Chapitre 1 : pourquoi s'allier."),
            ("r", "guide-lancer-dialogue-territorial", "Chapitre 2 : le dialogue territorial."),
            (
                "r",
                "referentiel-competences-catalyseur-territorial",
                "Chapitre 3 : le catalyseur territorial.",
            ),
            ("r", "webinaire-role-catalyseur-territorial", "Chapitre 3, en vidéo."),
            ("r", "fiche-trois-leviers-modele-socio-economique", "Chapitre 4 : les trois leviers."),
            ("r", "referentiel-evaluation-alliances-territoriales", "Chapitre 5 : évaluer."),
            ("r", "note-engagement-citoyen-democratie-locale", "Chapitre 6 : perspectives."),
        ],
        True,
    ),
    (
        "mobilite-solidaire-territoires-ruraux",
        "Mobilité solidaire dans les territoires ruraux",
        "dossier",
        [ASSO, COLL, ENT, ETAT],
        "Garages solidaires, transport à la demande, prêt de véhicules : ressources et retours "
        "d'expérience sur la mobilité solidaire.",
        (
            "Sans mobilité, pas d'emploi, pas de soins, pas de vie sociale : dans les "
            "territoires ruraux, la mobilité solidaire est une condition de tout le reste.",
        ),
        [
            ("r", "guide-mobilite-solidaire-rurale", "Les outils de la mobilité solidaire."),
            ("c", "garage-solidaire-cantal", "Un garage solidaire."),
            ("c", "transport-solidaire-seniors-creuse", "Du transport solidaire pour les seniors."),
            ("r", "rapport-evaluation-plateforme-mobilite", "Ce que montre l'évaluation."),
            ("r", "video-mobilite-solidaire-usagers", "La parole des usagers."),
        ],
        False,
    ),
]

# --------------------------------------------------------------------------------------
# Building the fixtures
# --------------------------------------------------------------------------------------


def timestamp(day: dt.date, hour: int = 9) -> str:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


FIRST_PUBLICATION = dt.date(2024, 1, 8)
LAST_PUBLICATION = dt.date(2026, 10, 28)


def publication_dates(index: int, count: int, status: str, not_before: dt.date | None = None):
    """(created_at, updated_at, published_at) spread over 2024-01 → 2026-10, deterministic."""
    if status != PUBLISHED:
        created = dt.date(2026, 9, 1) + dt.timedelta(days=7 * (index % 6))
        return timestamp(created), timestamp(created + dt.timedelta(days=3), 17), None
    span = (LAST_PUBLICATION - FIRST_PUBLICATION).days
    published = FIRST_PUBLICATION + dt.timedelta(days=span * index // max(count - 1, 1))
    if not_before and published < not_before:
        published = min(not_before, LAST_PUBLICATION)
    created = published - dt.timedelta(days=5 + index % 9)
    updated = min(published + dt.timedelta(days=index % 20), LAST_PUBLICATION)
    return timestamp(created), timestamp(updated, 16), timestamp(published, 10)


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs)


def ul(items) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items) + "</ul>"


def h2(text: str) -> str:
    return f"<h2>{html.escape(text, quote=False)}</h2>"


def join_fr(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " et " + words[-1]


def resource_body(index: int, spec: dict, place_names: dict) -> str:
    fmt = spec["format"]
    intro = FORMAT_INTROS[fmt][index % 2]
    themes = spec["themes"]
    theme_text = THEME_PARAGRAPHS[themes[0]][index % 2]
    points = list(spec["points"])
    if not points:
        points = [THEME_POINTS[t][(index + n) % 2] for n, t in enumerate(themes[:2])]
        points += [PARTNERSHIP_POINTS[t] for t in spec["ptypes"][:1]]
    points = [pt[0].upper() + pt[1:] for pt in points]
    audiences = join_fr([AUDIENCE_LABELS[a] for a in spec["audiences"]])
    if len(spec["audiences"]) == len(ACTOR_TYPES):
        audience_text = f"Cette ressource s'adresse à tous les acteurs du territoire : {audiences}."
    else:
        audience_text = f"Cette ressource s'adresse en priorité aux {audiences}."
    if spec["coverage"] == ["FR"]:
        scope = "Elle a une portée nationale et peut être adaptée à tout territoire."
    else:
        names = join_fr([place_names[tuple(territory(c))] for c in spec["coverage"]])
        where = "ce territoire" if len(spec["coverage"]) == 1 else "ces territoires"
        scope = f"Ses exemples, inventés, se situent sur {where} : {names}."
    if spec["status"] != PUBLISHED:
        return p(spec["summary"], "Contenu en cours de rédaction.", FICTIONAL_RESOURCE_NOTE)
    if spec["language"] == "en":
        return (
            p(spec["summary"])
            + h2("Contents")
            + p(
                "The document introduces the shared vocabulary of territorial "
                "co-construction: actor types, the four partnership types (patronage, "
                "responsible practices, economic cooperation, social innovation) and the "
                "three forms of co-construction."
            )
            + p(
                "Exemple fictif (invented example): this resource was written for the "
                "demonstration of the resource centre; its authors and figures are invented."
            )
        )
    return (
        p(intro)
        + h2(FORMAT_SECTION[fmt])
        + p(theme_text)
        + h2("À retenir")
        + ul(points)
        + h2("Pour qui ?")
        + p(f"{audience_text} {scope}")
        + f"<p><em>{html.escape(FICTIONAL_RESOURCE_NOTE, quote=False)}</em></p>"
    )


def case_study_narrative(index: int, spec: dict, partner_names: dict):
    participants = spec["participants"]
    role_labels = {
        "porteur": "porteur du projet",
        "financeur": "financeur",
        "operationnel": "partenaire opérationnel",
        "catalyseur": "catalyseur territorial",
        "accompagnateur": "accompagnateur",
        "academique": "partenaire académique",
        "autre": "partenaire associé",
    }
    actor_items = [
        f"{partner_names[slug]} — {role_labels[role]} : {contribution}"
        for slug, role, contribution in participants
    ]
    forms = [FORM_LABELS[f] for f in spec["forms"]]
    if len(forms) == 1:
        forms_text = f"La démarche relève d'{forms[0]}."
    else:
        forms_text = f"La démarche combine {join_fr(forms)}."
    organisations = len({slug for slug, _role, _contribution in participants})
    funding = " ".join(FUNDING_BLOCKS[t] for t in spec["ptypes"])
    lead = partner_names[participants[0][0]]
    draft = spec["status"] != PUBLISHED
    narrative = {
        "context": p(spec["context"]),
        "challenges": p(
            spec["challenges"],
            "L'enjeu est de réduire les fragilités du territoire tout en contribuant à son "
            "« carré magique » : développement économique, attractivité, cohésion sociale "
            "et qualité de vie.",
        )
        if not draft
        else p(spec["challenges"]),
        "actors_and_roles": ul(actor_items),
        "approach": p(spec["approach"], forms_text),
        "human_resources": p(f"L'équipe mobilisée : {spec['team']}.", HR_BLOCKS[index % 3]),
        "funding": p(f"Budget : {spec['budget']}. {funding}"),
        "alliances": p(
            f"L'alliance réunit {NUMBERS[organisations]} organisations ; le portage est "
            f"assuré par « {lead} ». Chaque partenaire y apporte une ressource que les autres "
            "n'ont pas, et y trouve un bénéfice pour sa propre mission."
        ),
        "results": p(spec["results"]),
        "success_factors": ul([SUCCESS_FACTORS[index % 7], SUCCESS_FACTORS[(index + 3) % 7]]),
        "difficulties": ul([DIFFICULTIES[index % 6], DIFFICULTIES[(index + 2) % 6]]),
        "contacts": p(
            f"{lead} (exemple fictif) — coordination du projet, contact@example.org. "
            "Les coordonnées sont fictives."
        ),
        # Sources name no territory: the name of a région, a département, an EPCI or a
        # commune is also the name of its real authority, which was interviewed by no one.
        "sources": p(
            "Entretiens fictifs avec les partenaires du projet et documents de bilan "
            "inventés. Exemple fictif : les organisations, les chiffres et les témoignages "
            "sont inventés pour la démonstration ; aucune collectivité, aucun service de "
            "l'État, aucune entreprise ni aucune association réelle n'y a contribué."
        ),
    }
    if draft:
        narrative = {key: narrative[key] for key in ("context", "challenges", "actors_and_roles")}
    return narrative


def label(name: str) -> str:
    return f"{name} ({FICTIONAL})"


def read_csv(path: Path) -> list[dict]:
    gz = path.with_name(path.name + ".gz")
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = gzip.decompress(gz.read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def load_territories(source: Path):
    regions = read_csv(source / "regions.csv")
    departments = read_csv(source / "departements.csv")
    epcis = read_csv(source / "epci.csv")
    communes = read_csv(source / "communes.csv")
    return regions, departments, epcis, communes


def write_json(out_dir: Path, name: str, objects: list[dict]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(objects, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (out_dir / name).write_text(text, encoding="utf-8")


def write_csv(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"build_demo_fixtures: {message}")


def build(out_dir: Path = OUT_DIR, test_territories: Path = TEST_TERRITORIES) -> str:  # noqa: C901
    """Write the fixtures to ``out_dir`` and the territory slice to ``test_territories``."""
    regions, departments, epcis, communes = load_territories(TERRITORY_SOURCE)
    names = {("country", "FR"): "France"}
    names.update({("region", r["REG"]): r["LIBELLE"] for r in regions})
    names.update({("department", d["DEP"]): d["LIBELLE"] for d in departments})
    names.update({("epci", e["EPCI"]): e["LIBEPCI"] for e in epcis})
    names.update({("commune", c["COM"]): c["LIBELLE"] for c in communes})
    commune_names = {slugify(c["LIBELLE"]) for c in communes}
    # Places as the texts name them: an EPCI's name is its authority's name ("Nantes
    # Métropole"), so an EPCI is named by its most populous commune and its neighbours.
    places = dict(names)
    largest: dict[str, dict] = {}
    for commune in communes:
        best = largest.get(commune["EPCI"])
        if best is None or int(commune["POPULATION"] or 0) > int(best["POPULATION"] or 0):
            largest[commune["EPCI"]] = commune
    for code, commune in largest.items():
        places[("epci", code)] = f"{commune['LIBELLE']} et les communes voisines"

    partner_specs = {spec[0]: spec for spec in PARTNERS}
    check(len(partner_specs) == len(PARTNERS), "duplicate partner slug")
    resource_slugs = [r["slug"] for r in RESOURCES]
    check(len(set(resource_slugs)) == len(RESOURCES), "duplicate resource slug")
    case_slugs = [c["slug"] for c in CASE_STUDIES]
    check(len(set(case_slugs)) == len(CASE_STUDIES), "duplicate case study slug")
    for invented in ("Arvène", "Belvézac", "Vérandre", "Port-Saulnier", "Haute-Lisière"):
        check(slugify(invented) not in commune_names, f"{invented} is a real commune")

    referenced: set[tuple[str, str]] = set()

    def ref(code: str) -> list[str]:
        key = territory(code)
        check(tuple(key) in names, f"unknown territory {code}")
        referenced.add(tuple(key))
        return key

    # Partners
    partners = []
    partner_names = {}
    for index, (slug, name, actor, home, themes, description, status) in enumerate(PARTNERS):
        created, updated, published = publication_dates(index, len(PARTNERS), status)
        partner_names[slug] = name
        partners.append(
            {
                "model": "partnerships.partner",
                "fields": {
                    "slug": slug,
                    "name": label(name),
                    "actor_type": [actor],
                    "description": f"Exemple fictif. {description}",
                    "website": f"https://example.org/partenaires/{slug}",
                    "logo": "",
                    "home_territory": ref(home),
                    "themes": [[t] for t in themes],
                    "siren": "",
                    "status": status,
                    "published_at": published,
                    "created_at": created,
                    "updated_at": updated,
                },
            }
        )

    # Resources
    tags: set[str] = set()
    resources, tagged = [], []
    for index, spec in enumerate(RESOURCES):
        number = index + 1
        for author in spec["authors"]:
            check(author in partner_specs, f"unknown author {author}")
        created, updated, published = publication_dates(
            index,
            len(RESOURCES),
            spec["status"],
            not_before=dt.date.fromisoformat(spec["date"]) + dt.timedelta(days=7),
        )
        check(3 <= len(spec["tags"]) <= 5, f"{spec['slug']}: 3–5 tags")
        coverage = [ref(c) for c in spec["coverage"]]
        resources.append(
            {
                "model": "partnerships.resource",
                "pk": PK_RESOURCE + number,
                "fields": {
                    "slug": spec["slug"],
                    "title": spec["title"],
                    "summary": spec["summary"],
                    "body": resource_body(index, spec, places),
                    "format": [spec["format"]],
                    "themes": [[t] for t in spec["themes"]],
                    "audiences": [[a] for a in spec["audiences"]],
                    "partnership_types": [[t] for t in spec["ptypes"]],
                    "coverage": coverage,
                    "authors": [[a] for a in spec["authors"]],
                    "publication_date": spec["date"],
                    "language": spec["language"],
                    "external_url": (
                        f"https://example.org/ressources/{spec['slug']}" if spec["external"] else ""
                    ),
                    "file": "",
                    "cover_image": "",
                    "featured": spec["featured"],
                    "status": spec["status"],
                    "published_at": published,
                    "created_at": created,
                    "updated_at": updated,
                },
            }
        )
        for rank, tag in enumerate(spec["tags"]):
            tags.add(tag)
            tagged.append(
                {
                    "model": "taggit.taggeditem",
                    "pk": PK_TAGGED_RESOURCE + number * 10 + rank,
                    "fields": {
                        "content_type": ["partnerships", "resource"],
                        "object_id": PK_RESOURCE + number,
                        "tag": [tag],
                    },
                }
            )

    # Case studies, participations, key figures
    cases, participations, figures = [], [], []
    for index, spec in enumerate(CASE_STUDIES):
        number = index + 1
        created, updated, published = publication_dates(index, len(CASE_STUDIES), spec["status"])
        main = ref(spec["territory"])
        narrative = case_study_narrative(index, spec, partner_names)
        for slug in spec["resources"]:
            check(slug in resource_slugs, f"unknown related resource {slug}")
        summary = spec["summary"]
        if spec["status"] == PUBLISHED:
            summary = f"{summary} Exemple fictif."
        else:
            summary = f"{summary} Exemple fictif, non publié."
        cases.append(
            {
                "model": "partnerships.casestudy",
                "pk": PK_CASE_STUDY + number,
                "fields": {
                    "slug": spec["slug"],
                    "title": spec["title"],
                    "summary": summary,
                    "main_territory": main,
                    "coverage": [ref(c) for c in spec["coverage"]],
                    "themes": [[t] for t in spec["themes"]],
                    "partnership_types": [[t] for t in spec["ptypes"]],
                    "co_construction_forms": [[f] for f in spec["forms"]],
                    "stage": spec["stage"],
                    "start_year": spec["start"],
                    **{
                        field: narrative.get(field, "")
                        for field in (
                            "context",
                            "challenges",
                            "actors_and_roles",
                            "approach",
                            "human_resources",
                            "funding",
                            "alliances",
                            "results",
                            "success_factors",
                            "difficulties",
                            "contacts",
                            "sources",
                        )
                    },
                    "related_resources": [[slug] for slug in spec["resources"]],
                    "cover_image": "",
                    "featured": spec["featured"],
                    "status": spec["status"],
                    "published_at": published,
                    "created_at": created,
                    "updated_at": updated,
                },
            }
        )
        check(len(spec["participants"]) < 10 and 2 <= len(spec["figures"]) <= 4, "row counts")
        check(3 <= len(spec["tags"]) <= 5, f"{spec['slug']}: 3–5 tags")
        seen = set()
        for rank, (partner, role, contribution) in enumerate(spec["participants"]):
            check(partner in partner_specs, f"unknown participant {partner}")
            check(role in ROLES_ALL, f"unknown role {role}")
            check((partner, role) not in seen, f"{spec['slug']}: duplicate participation")
            seen.add((partner, role))
            participations.append(
                {
                    "model": "partnerships.participation",
                    "pk": PK_PARTICIPATION + number * 10 + rank,
                    "fields": {
                        "case_study": [spec["slug"]],
                        "partner": [partner],
                        "role": role,
                        "contribution": contribution,
                        "position": rank,
                    },
                }
            )
        for rank, (value, text) in enumerate(spec["figures"]):
            figures.append(
                {
                    "model": "partnerships.keyfigure",
                    "pk": PK_KEY_FIGURE + number * 10 + rank,
                    "fields": {
                        "case_study": [spec["slug"]],
                        "value": value,
                        "label": text,
                        "position": rank,
                    },
                }
            )
        for rank, tag in enumerate(spec["tags"]):
            tags.add(tag)
            tagged.append(
                {
                    "model": "taggit.taggeditem",
                    "pk": PK_TAGGED_CASE_STUDY + number * 10 + rank,
                    "fields": {
                        "content_type": ["partnerships", "casestudy"],
                        "object_id": PK_CASE_STUDY + number,
                        "tag": [tag],
                    },
                }
            )

    # Collections
    collections, items = [], []
    for index, (slug, title, kind, audiences, summary, intro, entries, featured) in enumerate(
        COLLECTIONS
    ):
        number = index + 1
        created, updated, published = publication_dates(index + 40, 45, PUBLISHED)
        collections.append(
            {
                "model": "partnerships.collection",
                "fields": {
                    "slug": slug,
                    "title": title,
                    "kind": kind,
                    "summary": summary,
                    "introduction": p(*intro),
                    "audiences": [[a] for a in audiences],
                    "featured": featured,
                    "status": PUBLISHED,
                    "published_at": published,
                    "created_at": created,
                    "updated_at": updated,
                },
            }
        )
        check(len(entries) < 20, "too many collection items")
        for rank, (target_kind, target, note) in enumerate(entries):
            known = resource_slugs if target_kind == "r" else case_slugs
            check(target in known, f"unknown collection item {target}")
            items.append(
                {
                    "model": "partnerships.collectionitem",
                    "pk": PK_COLLECTION_ITEM + number * 20 + rank,
                    "fields": {
                        "collection": [slug],
                        "position": rank + 1,
                        "resource": [target] if target_kind == "r" else None,
                        "case_study": [target] if target_kind == "c" else None,
                        "note": note,
                    },
                }
            )

    tag_slugs = {}
    for tag in sorted(tags):
        tag_slug = slugify(tag)
        check(tag_slug not in tag_slugs, f"tags {tag!r} and {tag_slugs.get(tag_slug)!r} clash")
        tag_slugs[tag_slug] = tag
    tag_objects = [
        {"model": "taggit.tag", "fields": {"name": tag, "slug": slugify(tag)}}
        for tag in sorted(tags)
    ]

    # Tagged items come before the objects they tag (object_id is a plain integer, not a
    # foreign key), so that the search document computed when a resource or case study is
    # saved already includes its tags, even with a plain ``loaddata``.
    write_json(out_dir, "01_tags.json", tag_objects)
    write_json(out_dir, "02_tagged_items.json", tagged)
    write_json(out_dir, "03_partners.json", partners)
    write_json(out_dir, "04_resources.json", resources)
    write_json(out_dir, "05_case_studies.json", cases + participations + figures)
    write_json(out_dir, "06_collections.json", collections + items)

    write_test_territories(test_territories, referenced, regions, departments, epcis, communes)
    return (
        f"{len(partners)} partners, {len(resources)} resources, {len(cases)} case studies, "
        f"{len(collections)} collections, {len(tag_objects)} tags, "
        f"{len(referenced)} territories referenced"
    )


def write_test_territories(directory, referenced, regions, departments, epcis, communes) -> None:
    """All régions and départements, the EPCI the fixtures name with all their communes, and
    the communes the fixtures name with their EPCI: a consistent slice of the geography."""
    wanted_communes = {code for level, code in referenced if level == "commune"}
    wanted_epcis = {code for level, code in referenced if level == "epci"}
    wanted_epcis |= {c["EPCI"] for c in communes if c["COM"] in wanted_communes and c["EPCI"]}
    commune_rows = [c for c in communes if c["COM"] in wanted_communes or c["EPCI"] in wanted_epcis]
    epci_rows = [e for e in epcis if e["EPCI"] in wanted_epcis]
    check(wanted_communes <= {c["COM"] for c in commune_rows}, "missing commune")
    check(len(epci_rows) == len(wanted_epcis), "missing EPCI")
    write_csv(directory / "regions.csv", list(regions[0]), regions)
    write_csv(directory / "departements.csv", list(departments[0]), departments)
    write_csv(directory / "epci.csv", list(epcis[0]), epci_rows)
    write_csv(directory / "communes.csv", list(communes[0]), commune_rows)


if __name__ == "__main__":
    print(build())
