# The same as English: press releases write dates alike in both; the time of day as French
# writes it, "10 h 00" (an embargo's "10 h 00 CET, 12 février 2015").
from pressroom.formats.en.formats import *  # noqa: F403

TIME_FORMAT = r"G \h i"
