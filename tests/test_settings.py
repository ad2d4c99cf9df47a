"""Production refuses to start on demo values; the demo starts with none; the tests have their own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "DATABASE_REPLICA_URLS",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "HTTPS",
    "BEHIND_PROXY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' conftest
    "REDIS_URL",
    "CACHE_URL",
    "PRESSROOM_PAGE_CACHE_SECONDS",
}
# What the README's "Deploying" section exports.
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "pressroom.settings.production",
    "DATABASE_URL": "postgres://pressroom:secret@db.internal:5432/pressroom",
    "SECRET_KEY": "Vq3-pX8r_L2mZt9kQe4WbN7yHc1JdF6uSg0aRi5oTv8lMx2nBp7Kw3EyUj9CzDh4",
    "ALLOWED_HOSTS": "press.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://press.example.org",
    "BEHIND_PROXY": "true",
}


def run(args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def load_settings(module, *names, **env):
    """Import a settings module in a fresh interpreter and print the named settings."""
    code = f"import {module} as s; print(*[repr(getattr(s, n, None)) for n in {names!r}], sep='|')"
    return run(["-c", code], **env)


def production(*names, **env):
    return load_settings("pressroom.settings.production", *names, **{**PRODUCTION, **env})


def test_production_with_what_the_readme_documents_starts_over_https_with_hsts():
    result = production(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == [
        "False",
        "True",
        "True",
        "31536000",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
    ]


def test_production_without_https_sends_no_hsts_and_trusts_no_forwarded_header_unless_behind_a_proxy():
    result = production(
        "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER", HTTPS="false"
    )
    assert result.stdout.strip().split("|") == ["False", "None", "('HTTP_X_FORWARDED_PROTO', 'https')"]
    result = production("SECURE_PROXY_SSL_HEADER", BEHIND_PROXY="")
    assert result.stdout.strip() == "None", result.stderr


@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("SECRET_KEY", "", "SECRET_KEY is not set"),
        ("SECRET_KEY", "s3cr3t-" + "x" * 25, "SECRET_KEY is too weak"),  # 32 characters
        ("SECRET_KEY", "django-insecure-" + "x0y1z2" * 9, "SECRET_KEY is too weak"),
        ("SECRET_KEY", "ab" * 30, "SECRET_KEY is too weak"),  # long, but two characters
        ("DATABASE_URL", "", "DATABASE_URL must name the PostgreSQL database"),
        ("DATABASE_URL", "sqlite:///db.sqlite3", "DATABASE_URL must name the PostgreSQL database"),
        ("ALLOWED_HOSTS", "", "ALLOWED_HOSTS is not set"),
        ("DEBUG", "true", "DEBUG=true is for development"),
    ],
)
def test_production_refuses_to_start_on_a_missing_or_demo_value(variable, value, message):
    result = production("DEBUG", **{variable: value})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_gunicorn_serves_the_production_settings_unless_told_otherwise():
    result = run(["-c", "import pressroom.wsgi"], SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "DATABASE_URL must name the PostgreSQL database" in result.stderr


def test_the_demo_runs_on_sqlite_on_this_machine_without_any_setting():
    result = load_settings("pressroom.settings.demo", "DEBUG", "ALLOWED_HOSTS")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == ["True", "['localhost', '127.0.0.1', '[::1]']"]
    result = run(
        ["manage.py", "shell", "-v", "0", "-c", "from django.db import connection; print(connection.vendor)"]
    )
    assert result.stdout.strip() == "sqlite", result.stderr


def test_database_url_selects_postgresql():
    code = "import pressroom.settings.demo as s; print(s.DATABASES['default']['ENGINE'])"
    result = run(["-c", code], DATABASE_URL="postgres://postgres@127.0.0.1:5432/pressroom")
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def cache_settings(**env) -> list[str]:
    code = (
        "import pressroom.settings.demo as s; "
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION'), "
        "s.PRESSROOM_PAGE_CACHE_SECONDS, sep='|')"
    )
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().split("|")


def test_pages_are_cached_in_local_memory_unless_redis_is_named():
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    assert cache_settings() == [locmem, "None", "600"]
    redis = "django.core.cache.backends.redis.RedisCache"
    assert cache_settings(REDIS_URL="redis://127.0.0.1:6379/1") == [redis, "redis://127.0.0.1:6379/1", "600"]
    assert cache_settings(CACHE_URL="redis://cache.internal:6379/0")[0] == redis
    assert cache_settings(PRESSROOM_PAGE_CACHE_SECONDS="0")[2] == "0"  # page caching off


def test_a_cache_address_that_is_not_redis_is_refused():
    result = load_settings("pressroom.settings.demo", "CACHES", REDIS_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "REDIS_URL must be a redis:// address" in result.stderr


def test_a_misspelt_boolean_is_an_error_not_a_guess():
    result = load_settings("pressroom.settings.demo", "DEBUG", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_check_deploy_finds_nothing_to_warn_about_in_the_documented_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
