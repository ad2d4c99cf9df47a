"""Settings for load benchmarks: the project's own, with baseline_urls (a bare Django view added)."""

from pressroom.settings import *  # noqa: F403

ROOT_URLCONF = "baseline_urls"
