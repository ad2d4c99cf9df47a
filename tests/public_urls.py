"""Every public URL of the site, found by walking the URLconf: a new page is covered by the
leak suite (test_leaks.py) and the fuzzer (test_fuzz.py) without anyone remembering to add it."""

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

from releases.filters import ReleaseFilter

# The only prefixes the walk leaves out, each reviewed: what they serve is not public.
NOT_PUBLIC = {
    "admin/": "staff only; test_leaks.py visits it as press-office staff, who may not view releases",
    "i18n/": "the language switcher (pressroom/languages.py): sets a cookie and redirects back; no content",
}

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class PublicPattern:
    route: str  # "releases/<uslug:slug>/"
    name: str  # "releases:detail"
    converters: dict  # {"slug": UnicodeSlugConverter()}

    @property
    def parameters(self) -> list[str]:
        return list(self.converters)

    def fill(self, **values) -> str:
        """The path with each parameter replaced by its value: fill(slug="launch")."""
        return "/" + PARAMETER.sub(lambda match: str(values[match["name"]]), self.route)

    def accepts(self, name: str, value: str) -> bool:
        return re.fullmatch(self.converters[name].regex, value) is not None

    def paths(self, *, ids: Iterable[str], slugs: Iterable[str]) -> list[str]:
        """The pattern filled with every combination of the values its converters accept:
        ids for an int converter, slugs for the others."""
        choices = [
            [
                t
                for t in (ids if isinstance(self.converters[name], IntConverter) else slugs)
                if self.accepts(name, t)
            ]
            for name in self.parameters
        ]
        return [
            self.fill(**dict(zip(self.parameters, combo, strict=True)))
            for combo in itertools.product(*choices)
        ]


def public_patterns() -> list[PublicPattern]:
    """Every URL pattern outside NOT_PUBLIC, with its converters; a regex route (which the
    walk could not fill) fails loudly instead of being skipped."""
    found = []

    def walk(patterns, prefix: str, converters: dict, namespace: str):
        for entry in patterns:
            if not isinstance(entry.pattern, RoutePattern):
                raise AssertionError(f"{prefix}{entry.pattern}: a regex route; give it path() converters")
            route = prefix + str(entry.pattern)
            if any(route.startswith(skipped) for skipped in NOT_PUBLIC):
                continue
            joined = {**converters, **entry.pattern.converters}
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, route, joined, inner)
            elif isinstance(entry, URLPattern):
                found.append(PublicPattern(route=route, name=f"{namespace}{entry.name}", converters=joined))

    walk(get_resolver().url_patterns, "", {}, "")
    return found


def filter_queries(values: dict[str, list[str]]) -> list[dict[str, str]]:
    """One query per value of every filter of the release list (and its feeds), from `values`
    (filter name -> values); a filter without values fails, so a new filter gets some."""
    missing = set(ReleaseFilter.base_filters) - set(values)
    assert not missing, f"give values for the new filters {sorted(missing)}"
    return [{name: value} for name in ReleaseFilter.base_filters for value in values[name]]
