"""What the release admin's change form posts, for tests that drive it as an editor would."""

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
