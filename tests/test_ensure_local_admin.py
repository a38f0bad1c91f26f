"""`manage.py ensure_local_admin`: the quick start's admin account, for local use only."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("LOCAL_ADMIN_PASSWORD", raising=False)
    return settings


def run() -> str:
    out = StringIO()
    call_command("ensure_local_admin", stdout=out)
    return out.getvalue()


def printed_password(output: str) -> str:
    return re.search(r"Mot de passe : (\S+)", output).group(1)


def test_first_run_creates_a_superuser_and_prints_how_to_log_in(debug, client):
    output = run()

    assert "http://127.0.0.1:8000/admin/" in output
    assert "Identifiant : admin" in output
    password = printed_password(output)
    assert len(password) >= 12
    user = User.objects.get(username="admin")
    assert user.is_superuser and user.is_staff and user.is_active
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200


def test_each_install_gets_its_own_random_password(debug):
    first = printed_password(run())
    User.objects.all().delete()
    assert printed_password(run()) != first


def test_a_later_run_keeps_the_password_and_says_how_to_reset_it(debug, client):
    password = printed_password(run())

    output = run()

    assert "existant, mot de passe inchangé" in output
    assert "manage.py changepassword admin" in output
    assert "Mot de passe :" not in output
    assert User.objects.filter(username="admin").count() == 1
    assert client.login(username="admin", password=password)


def test_the_password_can_come_from_the_environment_and_is_not_echoed(debug, monkeypatch, client):
    monkeypatch.setenv("LOCAL_ADMIN_PASSWORD", "une-phrase-de-passe-locale")

    output = run()

    assert "une-phrase-de-passe-locale" not in output
    assert "LOCAL_ADMIN_PASSWORD" in output
    assert client.login(username="admin", password="une-phrase-de-passe-locale")


def test_the_environment_password_resets_an_existing_account(debug, monkeypatch, client):
    User.objects.create_user("admin", password="ancien", is_active=False)
    monkeypatch.setenv("LOCAL_ADMIN_PASSWORD", "nouveau-mot-de-passe")

    output = run()

    assert "réinitialisé" in output
    user = User.objects.get(username="admin")
    assert user.is_active and user.is_staff and user.is_superuser
    assert client.login(username="admin", password="nouveau-mot-de-passe")
    assert not client.login(username="admin", password="ancien")


def test_it_refuses_to_run_when_debug_is_off(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("LOCAL_ADMIN_PASSWORD", "nimporte")

    with pytest.raises(CommandError, match="DEBUG"):
        run()

    assert not User.objects.exists()
