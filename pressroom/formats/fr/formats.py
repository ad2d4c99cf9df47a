# The same as English: press releases write dates alike in both.
from pressroom.formats.en.formats import *  # noqa: F403
