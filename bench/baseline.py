"""Settings for load benchmarks: the project's own, with baseline_urls (a bare Django view added)."""

try:  # the production settings; in a checkout from before they were split, the one module
    from pressroom.settings.production import *  # noqa: F403
except ModuleNotFoundError:
    from pressroom.settings import *  # noqa: F403

ROOT_URLCONF = "baseline_urls"
