"""Whole public pages served from the cache, and never a page the public should no longer see.

A public answer (a page, a feed, a sitemap, robots.txt, the API) is kept under its address
(scheme, host, path and query), the interface language, the code that rendered it, and the
state of what the public sees (one query per request):

- the *content generation*, one row in the database, moved on after every commit that may change
  a public page: a save or delete of any model in PUBLIC_MODELS, a change of their many-to-many
  links, a write to the search index (releases/search);
- the next time the clock changes a public page with nobody acting: the first publication time or
  embargo end ahead (releases/states.py, next_due_times), or the next midnight (roles are
  current by the day), read once a generation and kept with it in the cache until it passes.

A page kept under an earlier state is never served again: a withdrawn or corrected release
leaves every page at the commit, a scheduled one appears at its time. The generation is read
from the database the page reads, so every process (and every cache, local memory or Redis)
agrees on it. Code that writes public rows without a signal (update(), bulk_create(), SQL)
calls public_content_changed() itself.

Neither served from the cache nor kept: requests other than GET and HEAD; those of a signed-in
user or with messages waiting (a session or messages cookie); answers other than 200, and any
that set a cookie, read the session or used a CSRF token.

Every public answer carries an ETag (the view's own, or its content's digest) and answers a
matching If-None-Match with 304. With the cache on, a proxy may keep it `public` for
PRESSROOM_PAGE_MAX_AGE seconds, never past the next due time; with PRESSROOM_PAGE_CACHE_SECONDS=0
nothing is kept, here or there (`no-cache`: proxies ask again, and get 304s).
"""

import functools
import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.handlers.exception import response_for_exception
from django.db import connections, models, router, transaction
from django.db.models import F, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from releases import states

logger = logging.getLogger(__name__)

# What the public pages show: a save or delete of any of these moves the generation on.
PUBLIC_MODELS = [
    "releases.Release",
    "releases.ReleaseEvent",  # the public change notes ("Updated …: corrected a phone number")
    "releases.EarlierVersion",
    "releases.Quote",
    "releases.ReleaseContact",
    "releases.AgencyMention",
    "releases.PersonMention",
    "releases.Topic",
    "contacts.Agency",
    "contacts.Person",
    "contacts.Role",
    "contacts.PressContact",
]
# The other models of these apps, and why no public page shows them (tests/test_caching.py
# checks that every model is in one list or the other). History records are written along
# with the row they record.
NOT_PUBLIC = {
    "releases.ContentGeneration": "the generation itself",
    "releases.PreviewLink": "journalists' preview links: never cached",
    "releases.PreviewAccess": "who opened a preview link, for editors",
    "releases.ReferenceCounter": "the next reference number; a release shows its own",
    "releases.SourceDocument": "imported documents, for editors",
}


class ContentGeneration(models.Model):
    """One row: a number moved on after every commit that may change what the public sees."""

    number = models.BigIntegerField()

    class Meta:
        default_permissions = ()

    def __str__(self):
        return str(self.number)


def fresh_number() -> int:
    """A starting number no earlier row reached: microseconds since the epoch."""
    return time.time_ns() // 1000


def ensure_generation(using: str) -> None:
    ContentGeneration.objects.using(using).bulk_create(
        [ContentGeneration(pk=1, number=fresh_number())], ignore_conflicts=True
    )


# --- Moving the generation on ---


def bump(using: str) -> None:
    if not ContentGeneration.objects.using(using).filter(pk=1).update(number=F("number") + 1):
        ensure_generation(using)


def public_content_changed(*, using: str | None = None) -> None:
    """What the public sees may have changed: move the generation on once this transaction
    commits (at once outside one), once per transaction however many rows it writes."""
    using = using or router.db_for_write(ContentGeneration)
    pending = connections[using].run_on_commit
    if not any(entry[1] is BUMPS.get(using) for entry in pending):
        BUMPS.setdefault(using, functools.partial(bump, using))
        transaction.on_commit(BUMPS[using], using=using)


BUMPS: dict[str, functools.partial] = {}


def row_changed(sender, using=None, **kwargs):
    public_content_changed(using=using)


def links_changed(sender, action, using=None, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        public_content_changed(using=using)


def connect_signals() -> None:
    """Every save, delete and many-to-many change of the public models (apps.ready())."""
    for label in PUBLIC_MODELS:
        model = apps.get_model(label)
        post_save.connect(row_changed, sender=model, dispatch_uid=f"public-saved-{label}")
        post_delete.connect(row_changed, sender=model, dispatch_uid=f"public-deleted-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"public-links-{through}")


# --- The state pages are kept under ---


@dataclass(frozen=True)
class PublicState:
    generation: int
    changes_at: datetime  # the next time the clock changes a public page

    @property
    def key(self) -> str:
        return f"{self.generation}.{int(self.changes_at.timestamp() * 1_000_000)}"

    def seconds_left(self, now: datetime) -> int:
        return max(0, int((self.changes_at - now).total_seconds()))


def next_midnight(now: datetime) -> datetime:
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def public_state(now: datetime) -> PublicState | None:
    """The generation (one query) and the next time the clock changes a page, kept in the cache
    with the generation; None while the database has no generation yet (its first is written,
    for the next request)."""
    number = generation_number()
    if number is None:
        ensure_generation(router.db_for_write(ContentGeneration))
        return None
    key = f"state:{number}"
    kept = cache.get(key)
    if kept is not None and kept[0] <= now < kept[1]:  # read at or before now, and not passed
        return PublicState(number, kept[1])
    changes_at = next_change(now)
    cache.set(key, (now, changes_at), timeout=settings.PRESSROOM_PAGE_CACHE_SECONDS)
    return PublicState(number, changes_at)


def generation_number() -> int | None:
    """The generation, read where the pages read; a plain statement, as every request asks it
    (a third of what the ORM's would cost)."""
    connection = connections[router.db_for_read(ContentGeneration)]
    table = connection.ops.quote_name(ContentGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [1])
        row = cursor.fetchone()
    return row[0] if row else None


def next_change(now: datetime) -> datetime:
    """The next due time (releases/states.py), or the next midnight, in one query."""
    release = apps.get_model("releases", "Release")
    due = {f"due_{n}": Subquery(query) for n, query in enumerate(states.next_due_times(release.objects, now))}
    times = ContentGeneration.objects.annotate(**due).values_list(*due).first() or ()
    return min(moment for moment in [*times, next_midnight(now)] if moment)


@functools.cache
def code_version() -> str:
    """A digest of what renders the pages (templates, translations, the apps' code, the static
    files' manifest): pages of the code before a deploy are not served after it."""
    roots = [Path(apps.get_app_config(name).path) for name in ("releases", "contacts")]
    roots += [Path(settings.BASE_DIR) / "pressroom", *map(Path, settings.LOCALE_PATHS)]
    roots += [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    files = sorted(path for root in roots for path in root.rglob("*") if path.suffix in CODE_SUFFIXES)
    manifest = Path(settings.STATIC_ROOT or ".") / "staticfiles.json"
    digest = hashlib.sha256()
    for path in [*files, *([manifest] if manifest.is_file() else [])]:
        digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


CODE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo"}


def page_key(request, state: PublicState) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{state.key}:{translation.get_language()}:{code_version()}:{address}"


# --- Serving ---


@dataclass(frozen=True)
class KeptPage:
    """A 200 answer as kept: its body and headers (not those each serving sets)."""

    content: bytes
    headers: tuple[tuple[str, str], ...]

    SERVED_ANEW = {"cache-control", "vary", "set-cookie"}

    @classmethod
    def of(cls, response: HttpResponse) -> "KeptPage":
        kept = tuple((k, v) for k, v in response.headers.items() if k.lower() not in cls.SERVED_ANEW)
        return cls(content=response.content, headers=kept)

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response.headers[name] = value
        return response


def is_personal(request) -> bool:
    """Signed in, or with messages waiting: what they see may be theirs alone."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES


def may_keep(request, response) -> bool:
    """The same for every visitor: a 200 that sets no cookie, read no session or CSRF token, and
    that its view lets be kept."""
    session = getattr(request, "session", None)
    directives = {part.split("=")[0].strip() for part in response.get("Cache-Control", "").split(",")}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(session, "accessed", False)
        and not {"private", "no-store", "no-cache"} & directives
    )


def respond(view, request, *args, **kwargs):
    """The view's answer, rendered; its 404 too, so that this module gives it its headers."""
    try:
        response = view(request, *args, **kwargs)
    except Http404 as error:
        return response_for_exception(request, error)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def private(response):
    add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, …, private
    return response


def public_answer(request, response, *, max_age: int | None):
    """A 200 (or the view's own 304) with its ETag, 304 when the visitor's copy matches, and who
    may keep it: anyone for max_age seconds, or nobody without asking again (`no-cache`). Any
    other answer is kept by nobody: a 404 may be a release about to come out."""
    if response.status_code != 304 and not may_keep(request, response):
        if response.status_code == 200:
            logger.warning("Not cached: not the same for every visitor (%s)", request.path)
            return private(response)
        if "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response
    if "ETag" not in response:
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["Cache-Control"] = "no-cache" if max_age is None else f"public, max-age={max_age}"
    patch_vary_headers(response, ["Accept-Language", "Cookie"])  # the language comes from either
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(request, response["ETag"], last_modified, response)


def cache_public(view):
    """Serve `view`'s answers from the cache while they are true (see above), with ETag, 304 and
    Cache-Control: for a view whose answer is the same for every visitor."""

    @functools.wraps(view)
    def serve(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if is_personal(request):
            return private(respond(view, request, *args, **kwargs))
        now = timezone.now()
        # Read before the view reads anything: a change committed after it moves the key on.
        state = public_state(now) if settings.PRESSROOM_PAGE_CACHE_SECONDS > 0 else None
        if state is None:
            return public_answer(request, respond(view, request, *args, **kwargs), max_age=None)
        key = page_key(request, state)
        if (kept := cache.get(key)) is not None:
            response = kept.response()
        else:
            response = respond(view, request, *args, **kwargs)
            seconds = min(settings.PRESSROOM_PAGE_CACHE_SECONDS, state.seconds_left(now))
            if seconds > 0 and may_keep(request, response):
                cache.set(key, KeptPage.of(response), timeout=seconds)
        max_age = min(settings.PRESSROOM_PAGE_MAX_AGE, state.seconds_left(now))
        return public_answer(request, response, max_age=max_age)

    serve.caches_public_answers = True
    return serve
