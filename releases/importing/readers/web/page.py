"""The page around the article: its main part without the site's menus, header and footer; what
it says of itself (title, site, author, address, date, language); the release's title."""

import re
from copy import deepcopy
from datetime import date, datetime

from releases.importing.readers.web.markdown import SKIPPED_TAGS

BOILERPLATE = re.compile(
    r"(?i)\b(?:nav|menu|breadcrumbs?|cookies?|share|social|newsletter|skip|site-footer)\b"
)


def main_part(page):
    """The page's main part: <main> (or role=main), else its <body>, without the site's menus."""
    found = page.xpath("//main | //*[@role='main']")
    region = deepcopy(found[0] if found else page.find("body") if page.find("body") is not None else page)
    for element in list(region.iter()):
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in SKIPPED_TAGS or element.get("role") in {"navigation", "banner", "contentinfo", "search"}:
            drop(element)
        elif tag in {"header", "footer"} and not element.xpath(
            "ancestor::article|ancestor::main|ancestor::section"
        ):
            drop(element)  # the site's header and footer, not an article's
        elif BOILERPLATE.search(f"{element.get('class', '')} {element.get('id', '')}"):
            drop(element)
    return region


def drop(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def page_meta(page, extracted) -> dict:
    meta = {}
    if extracted is not None:
        for name, key in (("title", "title"), ("sitename", "site_name"), ("author", "author"),
                          ("url", "url"), ("description", "description")):  # fmt: skip
            value = " ".join(str(getattr(extracted, name, None) or "").split())
            if value:
                meta[key] = value
        when = str(getattr(extracted, "date", None) or "")
        try:
            meta["date"] = (
                datetime.fromisoformat(when).date() if "T" in when else date.fromisoformat(when[:10])
            )
        except ValueError:
            pass  # no date, or one trafilatura could not read
    if "title" not in meta and (title := " ".join((page.findtext(".//title") or "").split())):
        meta["title"] = title
    if meta.get("url") and not re.match(r"(?i)^https?://", meta["url"]):
        del meta["url"]
    declared = (
        page.xpath("/html/@lang | /html/@xml:lang")
        + page.xpath(
            "//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
        )
        + page.xpath("//meta[@property='og:locale']/@content")
    )
    for value in declared:
        code = re.split(r"[-_]", str(value).strip(), maxsplit=1)[0].lower()
        if re.fullmatch(r"[a-z]{2}", code):
            meta["language"] = code
            break
    return meta


def page_title(title: str, site_name: str, page) -> str:
    """The release's title: the article's own <h1> when the page's title is it with the site's
    name added ("… - NASA", "… | Flussamt"), else the page's title without that name."""
    headings = page.xpath("//main//h1 | //article//h1") or page.xpath("//h1")
    texts = {" ".join("".join(heading.itertext()).split()) for heading in headings}
    texts.discard("")
    if len(texts) == 1:
        (heading,) = texts
        if heading.lower() in title.lower():
            return heading
    for separator in (" - ", " | ", " – ", " — ", " :: ", " · "):
        if site_name and title.lower().endswith((separator + site_name).lower()):
            return title[: -len(separator + site_name)].strip()
    return title
