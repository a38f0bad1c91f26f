"""Deterministic benchmark data at the size of a large national resource centre.

``generate_bench_data`` creates (seeded, so every run makes the same rows)
100,000 resources, 10,000 case studies and 20,000 partners with French titles
and summaries and a realistic skew: a few popular themes and formats, a third
of the resources national, the rest spread over régions, départements, EPCI
and communes weighted by population. It needs the territories
(``import_territories``) and writes in bulk, then indexes the search documents
in batches. Rows it made carry the slug prefix ``bench-`` and are replaced on
a re-run (``--clear`` only removes them).
"""

import random
import time
from datetime import UTC, date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from taggit.models import Tag, TaggedItem

from partnerships.models import (
    ActorType,
    CaseStudy,
    CaseStudyStage,
    CoConstructionForm,
    Participation,
    Partner,
    PartnershipType,
    PublicationStatus,
    Resource,
    ResourceFormat,
    Territory,
    TerritoryLevel,
    Theme,
)
from partnerships.search import document

PREFIX = "bench-"
BATCH = 5000

SUBJECTS = {
    "emploi-insertion": [
        "l'insertion professionnelle",
        "le retour à l'emploi",
        "les chantiers d'insertion",
        "l'emploi des jeunes",
        "les compétences locales",
    ],
    "education-jeunesse": [
        "la réussite éducative",
        "l'orientation des jeunes",
        "le décrochage scolaire",
        "l'engagement des jeunes",
        "les cités éducatives",
    ],
    "sante-bien-vieillir": [
        "le bien-vieillir",
        "l'accès aux soins",
        "les aidants",
        "la prévention santé",
        "l'autonomie des aînés",
    ],
    "lien-social-solidarites": [
        "l'isolement des personnes âgées",
        "l'entraide de voisinage",
        "la précarité alimentaire",
        "les solidarités locales",
        "le lien intergénérationnel",
    ],
    "habitat-cadre-de-vie": [
        "la rénovation énergétique",
        "l'habitat inclusif",
        "les écoquartiers",
        "la revitalisation des centres-bourgs",
        "les espaces publics",
    ],
    "mobilite": [
        "la mobilité solidaire",
        "le covoiturage rural",
        "les mobilités douces",
        "le transport à la demande",
        "l'accès au permis de conduire",
    ],
    "transition-ecologique-energie": [
        "la transition énergétique",
        "l'économie circulaire",
        "la biodiversité",
        "les communautés énergétiques",
        "la sobriété",
    ],
    "alimentation-agriculture": [
        "les circuits courts",
        "les projets alimentaires territoriaux",
        "l'installation agricole",
        "la restauration collective",
        "les jardins partagés",
    ],
    "developpement-economique-ess": [
        "l'économie sociale et solidaire",
        "le commerce de proximité",
        "les achats responsables",
        "les tiers-lieux",
        "la coopération entre entreprises",
    ],
    "culture-sport-patrimoine": [
        "le patrimoine vivant",
        "les pratiques sportives",
        "l'éducation artistique",
        "les festivals de territoire",
        "les lieux culturels",
    ],
    "numerique-inclusion": [
        "l'inclusion numérique",
        "la médiation numérique",
        "l'accès aux droits en ligne",
        "les compétences numériques",
        "les données ouvertes",
    ],
    "citoyennete-participation": [
        "la participation des habitants",
        "la démocratie locale",
        "les budgets participatifs",
        "l'engagement bénévole",
        "les conseils citoyens",
    ],
}
THEME_WEIGHTS = [18, 10, 8, 14, 7, 6, 15, 8, 12, 4, 5, 6]
FORMAT_TITLES = {
    "referentiel": "Référentiel",
    "guide-kit": "Guide pratique",
    "fiche-repere": "Fiche repère",
    "etude-rapport": "Étude",
    "note-prospective": "Note prospective",
    "monographie": "Monographie",
    "outil-autodiagnostic": "Outil d'autodiagnostic",
    "video-webinaire": "Webinaire",
    "parcours-mooc": "Parcours de formation",
}
FORMAT_WEIGHTS = [2, 30, 20, 18, 4, 8, 8, 7, 3]
ACTIONS = [
    "Agir pour",
    "Co-construire",
    "Réussir",
    "Financer",
    "Évaluer",
    "Piloter",
    "Lancer",
    "Pérenniser",
    "Mesurer l'impact de",
    "Mobiliser les entreprises pour",
]
AUDIENCES = [
    "en milieu rural",
    "dans les quartiers prioritaires",
    "avec les entreprises du territoire",
    "entre collectivités et associations",
    "à l'échelle intercommunale",
    "avec les habitants",
    "en territoire de montagne",
    "dans les outre-mer",
    "par le mécénat de compétences",
    "grâce au dialogue territorial",
]
SENTENCES = [
    "Ce document présente les étapes clés pour {subject} {audience}.",
    "Il s'appuie sur des retours d'expérience de collectivités, d'associations et d'entreprises.",
    "Les trois leviers du modèle socio-économique — richesses humaines, financements, alliances — y sont détaillés.",
    "Une grille d'autodiagnostic aide à repérer les fragilités du territoire et les partenaires à mobiliser.",
    "Le rôle du catalyseur territorial est décrit, du dialogue territorial à l'expérimentation collective.",
    "Des exemples chiffrés illustrent les résultats obtenus et les difficultés rencontrées.",
]
TAGS = [
    "tiers-lieu",
    "mécénat de compétences",
    "RSE",
    "ESS",
    "QPV",
    "ruralité",
    "jeunesse",
    "seniors",
    "numérique",
    "énergie",
    "alimentation",
    "gouvernance",
    "évaluation",
    "financement",
    "bénévolat",
    "coopération",
    "insertion",
    "mobilité",
    "logement",
    "santé",
    "culture",
    "sport",
    "climat",
    "biodiversité",
    "emploi",
    "formation",
    "participation",
    "commerce",
    "agriculture",
    "innovation sociale",
]
ORG_KINDS = {
    "association": ["Association", "Collectif", "Fédération"],
    "fondation": ["Fondation", "Fonds de dotation"],
    "entreprise": ["Entreprise", "Société", "Coopérative"],
    "collectivite": ["Communauté de communes", "Syndicat mixte", "Pays"],
    "etat": ["Service déconcentré", "Agence publique"],
    "academique": ["Laboratoire", "Chaire", "Institut"],
    "accompagnement": ["Réseau", "Agence d'appui", "Pôle territorial"],
    "citoyens": ["Collectif d'habitants", "Conseil citoyen"],
}
ACTOR_WEIGHTS = [40, 8, 25, 10, 4, 4, 6, 3]
NAME_WORDS = [
    "Horizons",
    "Terres",
    "Liens",
    "Solidaires",
    "Avenir",
    "Ensemble",
    "Bocage",
    "Vallée",
    "Plateau",
    "Rivage",
    "Racines",
    "Passerelles",
    "Initiatives",
    "Partage",
    "Élan",
    "Ressources",
    "Trajectoires",
    "Ateliers",
    "Communs",
    "Territoires",
]
CASE_TITLES = [
    "Une alliance pour {subject}",
    "{place} : ensemble pour {subject}",
    "Quand entreprises et associations s'unissent pour {subject}",
    "Un tiers-lieu au service de {subject}",
    "{place} expérimente {subject}",
]


class Command(BaseCommand):
    help = "Crée des données de référence (100 000 ressources…) pour les mesures de performance."

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, default=100_000)
        parser.add_argument("--case-studies", type=int, default=10_000)
        parser.add_argument("--partners", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--clear", action="store_true", help="Supprime seulement.")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Ne fait rien si les données de mesure sont déjà là (make bench).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        if options["if_missing"] and self.already_generated(options):
            self.stdout.write("Benchmark data already generated: nothing to do.")
            return
        self.random = random.Random(options["seed"])
        with transaction.atomic():
            self.clear()
            if options["clear"]:
                return
            self.load_references()
            partners = self.make_partners(options["partners"])
            resources = self.make_resources(options["resources"], partners)
            self.make_case_studies(options["case_studies"], partners, resources)
            self.stdout.write(f"Rows written in {time.monotonic() - started:.0f} s; indexing…")
            for model in (Partner, Resource, CaseStudy):
                pks = model.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)
                document.refresh(model, list(pks))
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner misjudges the new tables. (VACUUM, which also
            # clears the dead rows the indexing UPDATEs leave, cannot run in a transaction:
            # make bench runs it.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s."))

    def already_generated(self, options) -> bool:
        wanted = {Resource: "resources", CaseStudy: "case_studies", Partner: "partners"}
        return all(
            model.objects.filter(slug__startswith=PREFIX).count() >= options[name]
            for model, name in wanted.items()
        )

    def clear(self):
        for model in (CaseStudy, Resource, Partner):
            deleted, _ = model.objects.filter(slug__startswith=PREFIX).delete()
            if deleted:
                self.stdout.write(f"Removed {deleted} earlier benchmark rows ({model.__name__}).")

    def load_references(self):
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.theme_slugs = [slug for slug in SUBJECTS if slug in self.themes]
        if len(self.theme_slugs) != len(SUBJECTS):
            raise CommandError("The seeded themes are missing: run migrate first.")
        self.formats = list(ResourceFormat.objects.filter(slug__in=FORMAT_TITLES).order_by("pk"))
        self.format_weights = [
            FORMAT_WEIGHTS[list(FORMAT_TITLES).index(f.slug)] for f in self.formats
        ]
        self.actor_types = list(ActorType.objects.filter(slug__in=ORG_KINDS))
        self.actor_weights = [
            ACTOR_WEIGHTS[list(ORG_KINDS).index(a.slug)] for a in self.actor_types
        ]
        self.partnership_types = list(PartnershipType.objects.all())
        self.forms = list(CoConstructionForm.objects.all())
        territories = Territory.objects.filter(is_active=True)
        self.france = Territory.objects.get(level=TerritoryLevel.COUNTRY, code="FR")
        self.regions = list(territories.filter(level=TerritoryLevel.REGION))
        self.departments = list(territories.filter(level=TerritoryLevel.DEPARTMENT))
        self.epcis = list(
            territories.filter(level=TerritoryLevel.EPCI).order_by("-population")[:600]
        )
        communes = list(
            territories.filter(level=TerritoryLevel.COMMUNE, population__isnull=False).order_by(
                "-population"
            )[:3000]
        )
        if not communes or not self.departments:
            raise CommandError("No territories: run import_territories (or load_demo) first.")
        self.communes = communes
        self.commune_weights = [max(c.population or 1, 1) ** 0.8 for c in communes]

    def pick_theme_slugs(self, count):
        chosen = set()
        while len(chosen) < count:
            chosen.add(self.random.choices(self.theme_slugs, THEME_WEIGHTS)[0])
        return sorted(chosen)

    def pick_territory(self):
        roll = self.random.random()
        if roll < 0.35:
            return self.france
        if roll < 0.50:
            return self.random.choice(self.regions)
        if roll < 0.70:
            return self.random.choice(self.departments)
        if roll < 0.80:
            return self.random.choice(self.epcis)
        return self.random.choices(self.communes, self.commune_weights)[0]

    def published_at(self):
        start = datetime(2019, 1, 1, tzinfo=UTC)
        return start + timedelta(minutes=self.random.randrange(0, 60 * 24 * 2500))

    def make_partners(self, count):
        rows, theme_links = [], []
        for index in range(count):
            actor_type = self.random.choices(self.actor_types, self.actor_weights)[0]
            kind = self.random.choice(ORG_KINDS[actor_type.slug])
            words = self.random.sample(NAME_WORDS, 2)
            home = self.pick_territory()
            name = f"{kind} {words[0]} {words[1]} {home.name} (exemple fictif)"
            rows.append(
                Partner(
                    name=name,
                    slug=f"{PREFIX}partenaire-{index}",
                    actor_type=actor_type,
                    description=f"{kind} engagée pour {self.random.choice(SUBJECTS[self.random.choice(self.theme_slugs)])} sur le territoire {home.name}. Exemple fictif.",
                    home_territory=home,
                    status=PublicationStatus.PUBLISHED,
                    published_at=self.published_at(),
                )
            )
        partners = Partner.objects.bulk_create(rows, batch_size=BATCH)
        for partner in partners:
            for slug in self.pick_theme_slugs(self.random.randint(1, 2)):
                theme_links.append(
                    Partner.themes.through(partner_id=partner.pk, theme_id=self.themes[slug].pk)
                )
        Partner.themes.through.objects.bulk_create(theme_links, batch_size=BATCH)
        self.stdout.write(f"{len(partners)} partners")
        return partners

    def make_resources(self, count, partners):
        rows, meta = [], []
        partner_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(partners))]
        for index in range(count):
            theme_slugs = self.pick_theme_slugs(self.random.choices([1, 2, 3], [50, 35, 15])[0])
            resource_format = self.random.choices(self.formats, self.format_weights)[0]
            subject = self.random.choice(SUBJECTS[theme_slugs[0]])
            audience = self.random.choice(AUDIENCES)
            title = f"{FORMAT_TITLES[resource_format.slug]} : {self.random.choice(ACTIONS).lower()} {subject} {audience}"
            sentences = [SENTENCES[0].format(subject=subject, audience=audience)]
            sentences += self.random.sample(SENTENCES[1:], 2)
            status = (
                PublicationStatus.PUBLISHED
                if self.random.random() > 0.03
                else PublicationStatus.DRAFT
            )
            rows.append(
                Resource(
                    title=title[:250],
                    slug=f"{PREFIX}ressource-{index}",
                    summary=" ".join(sentences),
                    body="<p>" + "</p><p>".join(self.random.sample(SENTENCES[1:], 3)) + "</p>",
                    format=resource_format,
                    publication_date=date(2015, 1, 1)
                    + timedelta(days=self.random.randrange(0, 4300)),
                    language="fr" if self.random.random() > 0.04 else "en",
                    featured=self.random.random() < 0.01,
                    status=status,
                    published_at=self.published_at()
                    if status == PublicationStatus.PUBLISHED
                    else None,
                )
            )
            meta.append(theme_slugs)
        resources = Resource.objects.bulk_create(rows, batch_size=BATCH)
        through = {
            name: getattr(Resource, name).through
            for name in ("themes", "audiences", "partnership_types", "coverage", "authors")
        }
        links = {name: [] for name in through}
        tagged = []
        content_type = ContentType.objects.get_for_model(Resource)
        tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
        for resource, theme_slugs in zip(resources, meta, strict=True):
            for slug in theme_slugs:
                links["themes"].append(
                    through["themes"](resource_id=resource.pk, theme_id=self.themes[slug].pk)
                )
            for actor_type in self.random.sample(self.actor_types, self.random.randint(1, 3)):
                links["audiences"].append(
                    through["audiences"](resource_id=resource.pk, actortype_id=actor_type.pk)
                )
            for partnership in self.random.sample(
                self.partnership_types, self.random.randint(0, 2)
            ):
                links["partnership_types"].append(
                    through["partnership_types"](
                        resource_id=resource.pk, partnershiptype_id=partnership.pk
                    )
                )
            territories = {
                self.pick_territory().pk for _ in range(self.random.choices([1, 2], [85, 15])[0])
            }
            for territory_id in territories:
                links["coverage"].append(
                    through["coverage"](resource_id=resource.pk, territory_id=territory_id)
                )
            authors = {
                self.random.choices(partners, partner_weights)[0].pk
                for _ in range(self.random.randint(1, 2))
            }
            for partner_id in authors:
                links["authors"].append(
                    through["authors"](resource_id=resource.pk, partner_id=partner_id)
                )
            for tag in self.random.sample(tags, self.random.randint(1, 4)):
                tagged.append(TaggedItem(tag=tag, content_type=content_type, object_id=resource.pk))
        for name, objects in links.items():
            through[name].objects.bulk_create(objects, batch_size=BATCH)
        TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)
        self.stdout.write(f"{len(resources)} resources")
        return resources

    def make_case_studies(self, count, partners, resources):
        rows, meta = [], []
        stages = list(CaseStudyStage.values)
        for index in range(count):
            theme_slugs = self.pick_theme_slugs(self.random.choices([1, 2], [60, 40])[0])
            territory = self.pick_territory()
            if territory.level == TerritoryLevel.COUNTRY:
                territory = self.random.choices(self.communes, self.commune_weights)[0]
            subject = self.random.choice(SUBJECTS[theme_slugs[0]])
            title = self.random.choice(CASE_TITLES).format(subject=subject, place=territory.name)
            rows.append(
                CaseStudy(
                    title=title[:250],
                    slug=f"{PREFIX}retour-{index}",
                    summary=f"À {territory.name}, des acteurs publics, privés et associatifs se sont alliés pour {subject}. Exemple fictif.",
                    main_territory=territory,
                    stage=self.random.choice(stages),
                    start_year=self.random.randint(2008, 2026),
                    context=f"<p>Le territoire faisait face à des fragilités : {subject}.</p>",
                    approach="<p>Un dialogue territorial a réuni les acteurs, puis une expérimentation collective a été lancée.</p>",
                    results="<p>Les premiers résultats montrent une meilleure coopération entre acteurs.</p>",
                    status=PublicationStatus.PUBLISHED,
                    published_at=self.published_at(),
                )
            )
            meta.append(theme_slugs)
        case_studies = CaseStudy.objects.bulk_create(rows, batch_size=BATCH)
        themes_through = CaseStudy.themes.through
        partnership_through = CaseStudy.partnership_types.through
        forms_through = CaseStudy.co_construction_forms.through
        links, partnership_links, form_links, participations = [], [], [], []
        roles = ["porteur", "financeur", "operationnel", "catalyseur", "accompagnateur"]
        for case_study, theme_slugs in zip(case_studies, meta, strict=True):
            for slug in theme_slugs:
                links.append(
                    themes_through(casestudy_id=case_study.pk, theme_id=self.themes[slug].pk)
                )
            for partnership in self.random.sample(
                self.partnership_types, self.random.randint(1, 2)
            ):
                partnership_links.append(
                    partnership_through(
                        casestudy_id=case_study.pk, partnershiptype_id=partnership.pk
                    )
                )
            for form in self.random.sample(self.forms, self.random.randint(1, 2)):
                form_links.append(
                    forms_through(casestudy_id=case_study.pk, coconstructionform_id=form.pk)
                )
            for position, partner in enumerate(
                self.random.sample(partners, self.random.randint(2, 4))
            ):
                participations.append(
                    Participation(
                        case_study=case_study,
                        partner=partner,
                        role=roles[position % len(roles)],
                        position=position,
                    )
                )
        themes_through.objects.bulk_create(links, batch_size=BATCH)
        partnership_through.objects.bulk_create(partnership_links, batch_size=BATCH)
        forms_through.objects.bulk_create(form_links, batch_size=BATCH)
        Participation.objects.bulk_create(participations, batch_size=BATCH)
        related = CaseStudy.related_resources.through
        related.objects.bulk_create(
            [
                related(casestudy_id=case_study.pk, resource_id=self.random.choice(resources).pk)
                for case_study in case_studies
            ],
            batch_size=BATCH,
        )
        self.stdout.write(f"{len(case_studies)} case studies")
