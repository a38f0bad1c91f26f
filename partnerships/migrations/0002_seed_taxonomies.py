"""Seed the facet taxonomies so that every install has the field's vocabulary.

The terms are copied here (not imported from ``partnerships.vocabulary``) so
that this migration keeps doing the same thing whatever the module becomes.
Existing rows (same slug) are left as curators edited them.
"""

from django.db import migrations

TERMS = {
    "Theme": [
        (
            "emploi-insertion",
            "Emploi & insertion",
            "Accès à l'emploi, insertion par l'activité économique, compétences.",
        ),
        (
            "education-jeunesse",
            "Éducation & jeunesse",
            "Réussite éducative, orientation, engagement des jeunes.",
        ),
        (
            "sante-bien-vieillir",
            "Santé & bien-vieillir",
            "Prévention, accès aux soins, autonomie, aidants.",
        ),
        (
            "lien-social-solidarites",
            "Lien social & solidarités",
            "Isolement, entraide, lutte contre la pauvreté.",
        ),
        (
            "habitat-cadre-de-vie",
            "Habitat & cadre de vie",
            "Logement, rénovation, espaces publics, quartiers.",
        ),
        ("mobilite", "Mobilité", "Mobilités du quotidien, solidaires et partagées."),
        (
            "transition-ecologique-energie",
            "Transition écologique & énergie",
            "Climat, biodiversité, énergie, économie circulaire.",
        ),
        (
            "alimentation-agriculture",
            "Alimentation & agriculture",
            "Alimentation durable, circuits courts, agriculture.",
        ),
        (
            "developpement-economique-ess",
            "Développement économique local & ESS",
            "Économie de proximité, économie sociale et solidaire, commerce.",
        ),
        (
            "culture-sport-patrimoine",
            "Culture, sport & patrimoine",
            "Pratiques culturelles et sportives, patrimoine vivant.",
        ),
        (
            "numerique-inclusion",
            "Numérique & inclusion numérique",
            "Accès aux droits en ligne, médiation et usages numériques.",
        ),
        (
            "citoyennete-participation",
            "Citoyenneté & participation",
            "Participation des habitants, engagement, démocratie locale.",
        ),
    ],
    "ActorType": [
        ("association", "Association", "Associations loi 1901 et leurs fédérations."),
        (
            "fondation",
            "Fondation / fonds de dotation",
            "Fondations, fonds de dotation et philanthropes.",
        ),
        ("entreprise", "Entreprise", "TPE-PME, ETI et grandes entreprises."),
        (
            "collectivite",
            "Collectivité territoriale",
            "Communes, intercommunalités, départements, régions.",
        ),
        (
            "etat",
            "État et institutions publiques",
            "Services de l'État, opérateurs et institutions publiques.",
        ),
        ("academique", "Acteur académique", "Universités, écoles, laboratoires de recherche."),
        (
            "accompagnement",
            "Acteur de l'accompagnement",
            "Réseaux, têtes de réseau, structures d'appui et catalyseurs.",
        ),
        (
            "citoyens",
            "Citoyens / collectif d'habitants",
            "Habitants, collectifs informels, bénévoles.",
        ),
    ],
    "PartnershipType": [
        ("mecenat", "Mécénat", "Mécénat financier, en nature ou de compétences."),
        (
            "pratiques-responsables",
            "Pratiques responsables",
            "Pratiques de l'entreprise au service du territoire.",
        ),
        (
            "cooperation-economique",
            "Coopération économique",
            "Achats, sous-traitance, co-traitance, mutualisation.",
        ),
        (
            "innovation-societale",
            "Innovation sociétale",
            "Co-création de solutions nouvelles à des besoins sociaux.",
        ),
    ],
    "CoConstructionForm": [
        (
            "dialogue-territorial",
            "Dialogue territorial",
            "Espaces d'échange entre acteurs d'un territoire.",
        ),
        (
            "partenariats-organisations",
            "Partenariats entre organisations",
            "Alliances bilatérales ou multi-acteurs.",
        ),
        (
            "experimentations-collectives",
            "Expérimentations collectives",
            "Projets expérimentés ensemble à l'échelle d'un territoire.",
        ),
    ],
    "ResourceFormat": [
        ("referentiel", "Référentiel", "Cadre de référence partagé."),
        ("guide-kit", "Guide / kit pratique", "Mode d'emploi pas à pas."),
        (
            "fiche-repere",
            "Fiche repère / fiche pratique",
            "Une notion ou une méthode en quelques pages.",
        ),
        ("etude-rapport", "Étude / rapport", "Enquête, évaluation, rapport de recherche."),
        ("note-prospective", "Note prospective", "Analyse des tendances et des futurs possibles."),
        ("monographie", "Monographie", "Portrait approfondi d'un territoire ou d'une démarche."),
        (
            "outil-autodiagnostic",
            "Outil / autodiagnostic",
            "Outil à utiliser, grille d'autodiagnostic.",
        ),
        (
            "video-webinaire",
            "Vidéo / replay de webinaire",
            "Vidéo, enregistrement de conférence ou de webinaire.",
        ),
        ("parcours-mooc", "Parcours / MOOC", "Formation en ligne ou parcours d'apprentissage."),
    ],
}


def seed(apps, schema_editor):
    for model_name, terms in TERMS.items():
        model = apps.get_model("partnerships", model_name)
        for position, (slug, name, description) in enumerate(terms, start=1):
            model.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "position": position, "description": description},
            )


def unseed(apps, schema_editor):
    for model_name, terms in TERMS.items():
        model = apps.get_model("partnerships", model_name)
        model.objects.filter(slug__in=[slug for slug, _name, _description in terms]).delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
