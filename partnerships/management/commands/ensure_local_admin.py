"""Create the local superuser of the quick start (`make run`): username « admin ».

Local use only: the command refuses to run when ``settings.DEBUG`` is off, so it
can never create a known account on a production site.

What it does, and why (nothing is stored outside the user table):

- no « admin » user yet: it is created as a superuser with the password taken from
  ``LOCAL_ADMIN_PASSWORD`` or, failing that, a random one (``secrets.token_urlsafe``)
  printed once, with the admin URL;
- the user exists and ``LOCAL_ADMIN_PASSWORD`` is set: the account is reset to that
  password (and made an active superuser again), so a known password is one variable away;
- the user exists and no variable is set: nothing changes (« compte existant, mot de passe
  inchangé ») and the command prints how to reset it (``manage.py changepassword admin``).
  Re-generating a password at every `make run` would log out whoever is working in
  the admin and make the password printed last time wrong; keeping a generated
  password in a file would leave a credential lying in the checkout.

A password from the environment is never echoed: whoever set it knows it.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD_ENV = "LOCAL_ADMIN_PASSWORD"
ADMIN_URL = "http://127.0.0.1:8000/admin/"


class Command(BaseCommand):
    help = (
        "Crée (ou réinitialise avec LOCAL_ADMIN_PASSWORD) le superutilisateur local « admin » "
        "du démarrage rapide. Refuse de s'exécuter quand DEBUG est désactivé."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_local_admin est réservé au développement local : DEBUG est désactivé, "
                "aucun compte n'a été créé. (Local use only: refusing to run with DEBUG off; "
                "use `manage.py createsuperuser` on a real site.)"
            )
        User = get_user_model()
        env_password = os.environ.get(PASSWORD_ENV) or None
        user = User._default_manager.filter(**{User.USERNAME_FIELD: USERNAME}).first()

        if user is None:
            password = env_password or secrets.token_urlsafe(12)
            User._default_manager.create_superuser(
                **{User.USERNAME_FIELD: USERNAME}, email="", password=password
            )
            shown = f"celui de la variable {PASSWORD_ENV}" if env_password else password
            self.stdout.write(self.style.SUCCESS("Compte d'administration local créé."))
            self._print_credentials(shown)
            if not env_password:
                self.stdout.write(
                    "Notez ce mot de passe : il n'est affiché qu'une fois "
                    f"(pour le changer : python manage.py changepassword {USERNAME})."
                )
            return

        if env_password:
            user.set_password(env_password)
            user.is_active = user.is_staff = user.is_superuser = True
            user.save()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Compte d'administration local réinitialisé avec {PASSWORD_ENV}."
                )
            )
            self._print_credentials(f"celui de la variable {PASSWORD_ENV}")
            return

        self.stdout.write(
            f"Compte d'administration local « {USERNAME} » existant, mot de passe inchangé."
        )
        self.stdout.write(f"  Adresse : {ADMIN_URL}")
        if not (user.is_active and user.is_staff):
            self.stdout.write(
                self.style.WARNING(
                    "  Ce compte ne peut pas se connecter à l'administration (inactif ou sans "
                    f"accès) : relancez avec {PASSWORD_ENV}=… pour le réinitialiser."
                )
            )
        self.stdout.write(
            f"  Mot de passe oublié ? python manage.py changepassword {USERNAME}"
            f"  (ou {PASSWORD_ENV}=… make run)"
        )

    def _print_credentials(self, password_text: str) -> None:
        self.stdout.write(f"  Adresse : {ADMIN_URL}")
        self.stdout.write(f"  Identifiant : {USERNAME}")
        self.stdout.write(f"  Mot de passe : {password_text}")
