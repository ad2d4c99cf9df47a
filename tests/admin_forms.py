"""What the release admin's change form posts, for tests that drive it as an editor would."""

from html.parser import HTMLParser

from contacts.timezones import in_agency_zone

INLINES = ["quotes", "release_contacts", "agencymention_set", "personmention_set"]


def release_change_form(release, **changes):
    """The change form of `release` as it stands (no inline rows), with `changes`."""
    data = {
        "agency": release.agency_id,
        "kind": release.kind,
        "language": release.language,
        "title": release.title,
        "slug": release.slug,
        "dateline_place": release.dateline_place,
        "dateline_date": release.dateline_date.isoformat() if release.dateline_date else "",
        "lead": release.lead,
        "body": release.body,
        "status": release.status,
        "loaded_version": release.edit_version,  # the edit lock: the version the form shows
    }
    if release.published_at:
        published = in_agency_zone(release.published_at, release.agency)  # as the form shows it
        data |= {
            "published_at_0": published.strftime("%Y-%m-%d"),
            "published_at_1": published.strftime("%H:%M:%S"),
        }
    for prefix in INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


class FormReader(HTMLParser):
    """The values a browser would submit from the admin's change form (inlines included)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data


def admin_form_data(response) -> dict[str, list[str]]:
    reader = FormReader()
    reader.feed(response.content.decode())
    # A textarea's first newline belongs to the markup, as browsers read it.
    return {name: [v.removeprefix("\n") for v in values] for name, values in reader.data.items()}
