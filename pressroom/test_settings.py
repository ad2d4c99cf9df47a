"""The test settings' former name, kept for commands and scripts that still use it."""

from pressroom.settings.test import *  # noqa: F403
