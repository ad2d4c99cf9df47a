"""Who each quote is finally given to, reading the document in order.

A surname ("Weber said") is the person the release named in full before (or the one the
directory knows by it); a title given once is kept for that speaker's later quotes. A quote
that names nobody ("he added", or a second quote in the paragraph of a named one) is the
previous quote's speaker's when nobody else was named in between; otherwise it stays in the
body only, never given to a guess, and a surname nobody was given in full is noted for review.
"""

import re

from releases.importing.quotes.names import ABBREVIATION, CJK, Names, bare, name_runs, title_of
from releases.importing.quotes.reading import Found, speaks
from releases.importing.quotes.speakers import Speaker


def settle_speakers(found: list[Found], texts: list[str], names: Names, note) -> None:
    """Surnames become the full names written before; a quote naming nobody is its
    predecessor's speaker's when nothing else was said of anyone in between."""
    earlier: list[str] = []  # speakers so far, full names
    for index, item in enumerate(found):
        speaker = item.speaker
        if speaker.kind == "named":
            paragraph, offset = item.span.first
            full, title = full_name(speaker.name, earlier, texts, paragraph, offset, names)
            if full:
                title = speaker.title or title_for(full, found[:index]) or title
                item.speaker = Speaker("named", full, title)
                earlier.append(full)
            else:
                item.speaker = Speaker("surname", speaker.name)
                if note:
                    note(
                        "speaker_unknown",
                        f"“{shorten(item.text)}” is attributed to “{speaker.name}”, whom the text "
                        "does not name in full: add the quote with its speaker, or leave it in the body",
                    )
            continue
        previous = found[index - 1] if index else None
        if previous is None or previous.speaker.kind != "named":
            continue
        (last_paragraph, attribution_end), (paragraph, offset) = previous.attribution_end, item.span.first
        close = paragraph == last_paragraph if speaker.kind == "unnamed" else paragraph - last_paragraph <= 1
        if not close or (speaker.kind == "unnamed" and not speaks(item.text, 3)):
            continue
        between = between_text(texts, (last_paragraph, attribution_end), (paragraph, offset))
        if names_someone_else(between, previous.speaker.name, names):
            continue
        item.speaker = Speaker("named", previous.speaker.name, previous.speaker.title)


def full_name(
    name: str, earlier: list[str], texts: list[str], paragraph: int, offset: int, names: Names
) -> tuple[str, str]:
    """'Brandt' -> ('Walter Brandt', his title written there) when the release named him so
    before, or the directory knows exactly one Brandt; a full name as written; ('', '') for a
    surname nobody was given in full."""
    longer = [e for e in earlier if e.endswith(f" {name}")]
    if longer:
        return longer[-1], ""
    if len(name.split()) == 1 and not CJK.match(name):
        context = "\n".join([*texts[:paragraph], texts[paragraph][:offset]])
        for match in reversed(list(re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", context))):
            words = [*context[max(0, match.start() - 80) : match.start()].split(), name]
            runs = name_runs(words)
            if runs and runs[-1][1] == len(words) and runs[-1][1] - runs[-1][0] >= 2:
                start, _ = runs[-1]
                title = title_of(words[:start])
                if not title and (apposition := re.match(r",([^,.;:]{1,160})", context[match.end() :])):
                    title = title_of(apposition[1].split())  # "Klaus Weber, Director of …, opened"
                return " ".join(bare(w) for w in words[start:]), title
    known = names.ending_with(name)
    if len(set(known)) == 1:
        return known[0], ""
    return (name if len(name.split()) > 1 or CJK.match(name) else ""), ""


def title_for(name: str, found: list[Found]) -> str:
    """The title an earlier quote gave the same speaker."""
    return next((f.speaker.title for f in reversed(found) if f.speaker.name == name and f.speaker.title), "")


def between_text(texts: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    (p1, o1), (p2, o2) = start, end
    if p1 == p2:
        return texts[p1][o1 : max(o2 - 1, o1)]
    return "\n".join([texts[p1][o1:], *texts[p1 + 1 : p2], texts[p2][: max(o2 - 1, 0)]])


def names_someone_else(text: str, speaker: str, names: Names) -> bool:
    """Whether `text` names a person other than `speaker` ("Weber thanked Jan Novak.")."""
    if (known := names.known_in(text)) and known != speaker:
        return True
    own = set(speaker.split())
    words = ABBREVIATION.sub(r"\1", text).split()
    return any(
        end - start >= 2 and not {bare(w) for w in words[start:end]} <= own for start, end in name_runs(words)
    )


def shorten(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
