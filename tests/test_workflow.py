"""A release's way from an editor's draft to the public, and what may happen to it there.

An editor submits a complete draft; another pair of eyes, a publisher, approves it, then
publishes it or schedules it; a publisher may send it back with a comment, publish without
review giving a reason, correct a public release with a public note, withdraw it (its page
stays with the notice) and restore it. Every step is one service (releases/services), checks
who may take it and from which state, and is recorded.
"""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS
from contacts.models import Agency
from releases.events import ReleaseEvent
from releases.models import Release
from releases.services import (
    release_approve,
    release_correct,
    release_force_publish,
    release_mark_reviewed,
    release_missing,
    release_publish,
    release_restore,
    release_send_back,
    release_submit,
    release_withdraw,
)
from tests.factories import AgencyFactory, ReleaseContactFactory, ReleaseFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2013, 10, 29, 9, 30, tzinfo=UTC)
State = Release.Visibility
Action = ReleaseEvent.Action


@pytest.fixture
def clock():
    """timezone.now(), held still and moved by the test: `clock.now = ...`."""

    class Clock:
        now = NOW

    held = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: held.now):
        yield held


@pytest.fixture
def editor():
    return StaffFactory(username="edith", group=EDITORS)


@pytest.fixture
def publisher():
    return StaffFactory(username="paul", group=PUBLISHERS)


@pytest.fixture
def other_publisher():
    return StaffFactory(username="petra", group=PUBLISHERS)


def complete_draft(**fields) -> Release:
    """A draft with all a release needs before approval: title, lead, issuer, dateline, a contact."""
    release = ReleaseFactory(draft=True, **{"title": "Satellite launched", **fields})
    ReleaseContactFactory(release=release)
    return release


def approved(editor, publisher, **fields) -> Release:
    release = complete_draft(**fields)
    release_submit(release=release, user=editor)
    return release_approve(release=release, user=publisher)


def public(editor, publisher, **fields) -> Release:
    return release_publish(release=approved(editor, publisher, **fields), user=publisher)


def actions(release) -> list[str]:
    return list(release.events.order_by("at", "pk").values_list("action", flat=True))


# The way through


def test_a_draft_goes_through_review_to_the_public_and_each_step_is_recorded(editor, publisher):
    release = complete_draft()
    assert release.visibility() == State.DRAFT and not Release.objects.public().exists()

    release_submit(release=release, user=editor)
    assert release.visibility() == State.REVIEW and Release.objects.in_review().get() == release
    release_approve(release=release, user=publisher)
    assert release.visibility() == State.APPROVED and Release.objects.approved().get() == release
    release_publish(release=release, user=publisher)

    assert release.is_public() and Release.objects.public().get() == release
    assert release.first_published_at == release.published_at
    events = list(release.events.order_by("at", "pk").select_related("user"))
    assert [(e.action, e.user) for e in events] == [
        (Action.SUBMITTED, editor),
        (Action.APPROVED, publisher),
        (Action.PUBLISHED, publisher),
    ]


@pytest.mark.parametrize(
    "change, missing",
    [
        ({"lead": ""}, "a lead"),
        ({"dateline_place": ""}, "the dateline's place"),
        ({"dateline_date": None}, "the dateline's date"),
    ],
)
def test_an_incomplete_draft_is_refused_with_what_it_lacks(editor, change, missing):
    release = complete_draft(**change)
    with pytest.raises(ValidationError, match=missing):
        release_submit(release=release, user=editor)
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT and not release.events.exists()


def test_a_release_under_the_unknown_issuer_is_refused(editor):
    release = complete_draft(agency=Agency.objects.unknown_issuer())
    assert "its issuing agency" in release_missing(release)
    with pytest.raises(ValidationError, match="its issuing agency"):
        release_submit(release=release, user=editor)


def test_the_agency_s_press_desk_stands_in_for_a_press_contact(editor):
    without = ReleaseFactory(draft=True)
    assert release_missing(without) == ["a press contact (or a press desk for its agency)"]
    with_desk = ReleaseFactory(draft=True, agency=AgencyFactory(press_phone="+33 1 44 76 75 00"))
    assert release_missing(with_desk) == []
    release_submit(release=with_desk, user=editor)
    assert with_desk.visibility() == State.REVIEW


# A second pair of eyes


def test_a_publisher_may_not_approve_a_release_they_wrote(publisher, other_publisher):
    release = complete_draft(created_by=publisher)
    release_submit(release=release, user=publisher)
    with pytest.raises(PermissionDenied, match="another publisher approves it"):
        release_approve(release=release, user=publisher)
    release_approve(release=release, user=other_publisher)
    assert release.visibility() == State.APPROVED


def test_nor_one_they_submitted(editor, publisher):
    release = complete_draft(created_by=editor)
    release_submit(release=release, user=publisher)
    with pytest.raises(PermissionDenied):
        release_approve(release=release, user=publisher)
    assert Release.objects.get().status == Release.Status.REVIEW


def test_a_press_office_of_one_may_approve_its_own_when_the_setting_says_so(publisher, settings):
    settings.PRESSROOM_PUBLISHERS_APPROVE_OWN = True
    release = complete_draft(created_by=publisher)
    release_submit(release=release, user=publisher)
    release_approve(release=release, user=publisher)
    assert release.visibility() == State.APPROVED


def test_a_publisher_sends_a_release_back_and_its_editor_reads_why_first(editor, publisher):
    release = complete_draft(created_by=editor)
    release_submit(release=release, user=editor)
    with pytest.raises(ValidationError, match="Say what to change"):
        release_send_back(release=release, user=publisher, comment="   ")
    release_send_back(release=release, user=publisher, comment="The phone number is wrong.")

    assert release.visibility() == State.DRAFT
    [sent_back] = Release.objects.sent_back_to(editor)
    assert (sent_back, sent_back.sent_back_comment) == (release, "The phone number is wrong.")
    assert not Release.objects.sent_back_to(publisher).exists()
    release_submit(release=release, user=editor)  # fixed and submitted again: no longer sent back
    assert not Release.objects.sent_back_to(editor).exists()


# Publishing and scheduling


def test_a_release_scheduled_for_later_goes_public_at_its_time_with_nobody_acting(clock, editor, publisher):
    release = approved(editor, publisher)
    at = NOW + timedelta(hours=2)
    release_publish(release=release, user=publisher, at=at)
    assert actions(release)[-1] == Action.SCHEDULED
    assert Release.objects.scheduled().get() == release and not Release.objects.public().exists()

    clock.now = at - timedelta(seconds=1)
    assert release.visibility() == State.SCHEDULED and not Release.objects.public().exists()
    clock.now = at
    assert release.is_public() and Release.objects.public().get() == release


def test_a_time_in_the_past_is_refused(clock, editor, publisher):
    release = approved(editor, publisher)
    with pytest.raises(ValidationError, match="This time has passed"):
        release_publish(release=release, user=publisher, at=NOW - timedelta(minutes=1))
    assert Release.objects.get().status == Release.Status.APPROVED


def test_a_scheduled_release_is_rescheduled_or_sent_back_before_its_time(clock, editor, publisher):
    release = approved(editor, publisher)
    release_publish(release=release, user=publisher, at=NOW + timedelta(days=2))
    release_publish(release=release, user=publisher, at=NOW + timedelta(days=1))
    assert release.published_at == NOW + timedelta(days=1)
    assert release.first_published_at == NOW + timedelta(days=2)  # first scheduled then

    release_send_back(release=release, user=publisher, comment="Hold it: the launch slipped.")
    assert release.visibility() == State.DRAFT and release.published_at is None
    clock.now = NOW + timedelta(days=3)
    assert not Release.objects.public().exists()


def test_an_embargoed_release_is_published_but_hidden_until_its_embargo_ends(clock, editor, publisher):
    release = approved(editor, publisher, embargo_until=NOW + timedelta(hours=1))
    release_publish(release=release, user=publisher)
    assert release.visibility() == State.EMBARGOED and Release.objects.embargoed().get() == release
    clock.now = NOW + timedelta(hours=1)
    assert Release.objects.public().get() == release


def test_publishing_without_review_needs_a_reason_and_is_listed_for_a_later_look(editor, publisher):
    release = complete_draft()
    with pytest.raises(ValidationError, match="Say why it cannot wait"):
        release_force_publish(release=release, user=publisher, reason="")
    release_force_publish(release=release, user=publisher, reason="The launch is in an hour.")

    assert release.is_public() and (release.forced_by_id, release.forced_reason) == (
        publisher.pk,
        "The launch is in an hour.",
    )
    assert actions(release) == [Action.FORCE_PUBLISHED]
    assert list(Release.objects.published_without_review()) == [release]


def test_another_publisher_reviews_it_later_and_it_leaves_the_list(editor, publisher, other_publisher):
    release = complete_draft()
    release_force_publish(release=release, user=publisher, reason="The launch is in an hour.")

    release_mark_reviewed(release=release, user=other_publisher)

    assert list(Release.objects.published_without_review()) == []
    assert release.forced_reviewed_by == other_publisher and release.forced_reviewed_at is not None
    assert actions(release) == [Action.FORCE_PUBLISHED, Action.REVIEWED]
    assert (
        release.is_public() and release.forced_reason == "The launch is in an hour."
    )  # kept, for the record
    with pytest.raises(ValidationError, match="awaits no review"):  # once is enough
        release_mark_reviewed(release=release, user=publisher)


def test_nobody_reviews_their_own_publication_without_review(editor, publisher, other_publisher):
    release = complete_draft()
    release_force_publish(release=release, user=publisher, reason="The launch is in an hour.")

    with pytest.raises(PermissionDenied, match="another publisher reviews it"):
        release_mark_reviewed(release=release, user=publisher)
    with pytest.raises(PermissionDenied):  # nor an editor: reviewing is a publisher's
        release_mark_reviewed(release=release, user=editor)

    assert list(Release.objects.published_without_review()) == [release]
    assert actions(release) == [Action.FORCE_PUBLISHED]


def test_a_press_office_of_one_reviews_its_own_when_the_setting_says_so(publisher, settings):
    settings.PRESSROOM_PUBLISHERS_APPROVE_OWN = True
    release = complete_draft()
    release_force_publish(release=release, user=publisher, reason="The launch is in an hour.")
    release_mark_reviewed(release=release, user=publisher)
    assert list(Release.objects.published_without_review()) == []


def test_a_release_that_went_through_review_awaits_no_later_review(editor, publisher, other_publisher):
    release = public(editor, publisher)
    with pytest.raises(ValidationError, match="awaits no review"):
        release_mark_reviewed(release=release, user=other_publisher)
    assert actions(release) == [Action.SUBMITTED, Action.APPROVED, Action.PUBLISHED]


# Corrections


def test_a_correction_needs_a_note_shown_on_the_page_and_in_the_feed(client, clock, editor, publisher):
    release = public(editor, publisher, body="Call +33 1 00 00 00 00.")
    release.body = "Call +33 1 44 76 75 00."
    with pytest.raises(ValidationError, match="Say what was corrected"):
        release_correct(release=release, user=publisher, note="")
    clock.now = NOW + timedelta(days=1)
    release_correct(release=release, user=publisher, note="corrected a phone number")

    page = client.get(release.get_absolute_url()).content.decode()
    assert "+33 1 44 76 75 00" in page
    assert "Updated 30 October 2013: corrected a phone number" in page
    assert "Published" in page and "Last updated" in page
    feed = client.get(reverse("releases:feed-rss")).content.decode()
    assert "Updated 30 October 2013: corrected a phone number" in feed


def test_only_a_public_release_is_corrected(editor, publisher):
    release = approved(editor, publisher)
    with pytest.raises(ValidationError, match="not possible now"):
        release_correct(release=release, user=publisher, note="a typo")


# Withdrawals


def test_a_withdrawn_release_leaves_every_list_but_its_page_stays_with_the_notice(client, editor, publisher):
    kept = public(editor, publisher, title="Kept release about Mars")
    gone = public(editor, publisher, title="Withdrawn release about Mars")
    with pytest.raises(ValidationError, match="Say why"):
        release_withdraw(release=gone, user=publisher, reason="")
    release_withdraw(release=gone, user=publisher, reason="Issued in error: the launch is next year.")

    assert Release.objects.withdrawn().get() == gone and list(Release.objects.public()) == [kept]
    for url in [
        reverse("home"),
        reverse("releases:list"),
        reverse("releases:list") + "?q=Mars",
        reverse("releases:feed-rss"),
        reverse("releases:feed-atom"),
        f"/sitemap-releases-{gone.dateline_date:%Y-%m}.xml",
        gone.agency.get_absolute_url(),
    ]:
        answer = client.get(url).content.decode()
        assert "Withdrawn release" not in answer and gone.get_absolute_url() not in answer, url
    assert "Kept release" in client.get(reverse("releases:list") + "?q=Mars").content.decode()

    page = client.get(gone.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Withdrawn on" in text and "Issued in error: the launch is next year." in text
    assert "Withdrawn release about Mars" in text


def test_a_release_withdrawn_and_restored_is_back_everywhere_at_its_first_time(client, editor, publisher):
    release = public(editor, publisher)
    published_at = release.published_at
    release_withdraw(release=release, user=publisher, reason="To check a figure.")
    release_restore(release=release, user=publisher)
    assert release.is_public() and release.published_at == published_at
    assert (release.withdrawn_at, release.withdrawn_reason) == (None, "")
    assert "Withdrawn on" not in client.get(release.get_absolute_url()).content.decode()
    assert actions(release)[-2:] == [Action.WITHDRAWN, Action.RESTORED]


def test_a_release_not_public_yet_is_sent_back_not_withdrawn(clock, editor, publisher):
    release = approved(editor, publisher)
    release_publish(release=release, user=publisher, at=NOW + timedelta(days=1))
    with pytest.raises(ValidationError, match="“Scheduled”"):
        release_withdraw(release=release, user=publisher, reason="Too early.")


def test_what_the_public_reads_of_the_workflow_is_shown_as_text(client, editor, publisher):
    script = "<script>alert(1)</script>"
    release = public(editor, publisher)
    release_correct(release=release, user=publisher, note=f"{script} note")
    page = client.get(release.get_absolute_url()).content.decode()
    assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt; note" in page
    release_withdraw(release=release, user=publisher, reason=f"{script} reason")
    page = client.get(release.get_absolute_url()).content.decode()
    assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt; reason" in page


def test_staff_only_comments_never_reach_the_public(client, editor, publisher):
    release = complete_draft()
    release_submit(release=release, user=editor)
    release_send_back(release=release, user=publisher, comment="Internal: the CEO hates this title")
    release_force_publish(release=release, user=publisher, reason="Internal: the minister asked")
    for url in [release.get_absolute_url(), reverse("releases:feed-rss"), reverse("releases:feed-atom")]:
        answer = client.get(url).content.decode()
        assert "Internal:" not in answer, url


# Who may do what, and from which state


def test_staff_without_the_permission_are_refused_and_nothing_changes(editor, publisher):
    press_office = StaffFactory(username="pressoffice", group=PRESS_OFFICE)
    release = complete_draft()
    with pytest.raises(PermissionDenied):
        release_submit(release=release, user=press_office)
    release_submit(release=release, user=editor)
    for service, extra in [
        (release_approve, {}),
        (release_send_back, {"comment": "No."}),
        (release_force_publish, {"reason": "Now."}),
    ]:
        with pytest.raises(PermissionDenied):
            service(release=release, user=editor, **extra)
    assert Release.objects.get().status == Release.Status.REVIEW and actions(release) == [Action.SUBMITTED]


# Each transition and the states it starts from (the admin's buttons ask the same rules).
STARTS_FROM = {
    "submit": {State.DRAFT},
    "send_back": {State.REVIEW, State.APPROVED, State.SCHEDULED, State.EMBARGOED},
    "approve": {State.REVIEW},
    "publish": {State.APPROVED, State.SCHEDULED},
    "force_publish": {State.DRAFT, State.REVIEW},
    "correct": {State.PUBLIC},
    "withdraw": {State.PUBLIC},
    "restore": {State.WITHDRAWN},
    "mark_reviewed": {State.PUBLIC, State.SCHEDULED, State.EMBARGOED, State.WITHDRAWN},
}
SERVICES = {
    "submit": (release_submit, {}),
    "send_back": (release_send_back, {"comment": "Please fix."}),
    "approve": (release_approve, {}),
    "publish": (release_publish, {}),
    "force_publish": (release_force_publish, {"reason": "Urgent."}),
    "correct": (release_correct, {"note": "a typo"}),
    "withdraw": (release_withdraw, {"reason": "In error."}),
    "restore": (release_restore, {}),
    "mark_reviewed": (release_mark_reviewed, {}),
}
# What a transition needs of the release besides its state: to have been published without review.
NEEDS = {"mark_reviewed": {"forced": True}}
IN_STATE = {
    State.DRAFT: {"draft": True},
    State.REVIEW: {"in_review": True},
    State.APPROVED: {"approved": True},
    State.SCHEDULED: {"scheduled": True},
    State.EMBARGOED: {"embargoed": True},
    State.PUBLIC: {},
    State.WITHDRAWN: {"withdrawn": True},
}


@pytest.mark.parametrize("transition", STARTS_FROM)
@pytest.mark.parametrize("state", list(IN_STATE))
def test_each_transition_starts_only_from_its_states(transition, state):
    superuser = StaffFactory(username="root", is_superuser=True)
    release = ReleaseFactory(title="Satellite launched", **IN_STATE[state], **NEEDS.get(transition, {}))
    ReleaseContactFactory(release=release)
    assert release.visibility() == state
    service, extra = SERVICES[transition]
    if state in STARTS_FROM[transition]:
        service(release=release, user=superuser, **extra)
        assert actions(release) != []
        return
    with pytest.raises(ValidationError, match="not possible now"):
        service(release=release, user=superuser, **extra)
    assert Release.objects.get().visibility() == state and actions(release) == []


# One definition of each state


@pytest.mark.parametrize("offset", [timedelta(seconds=-1), timedelta(0), timedelta(seconds=1)])
def test_the_querysets_the_list_s_column_and_visibility_agree_on_every_state(offset):
    now = NOW + offset
    ReleaseFactory(draft=True)
    ReleaseFactory(in_review=True)
    ReleaseFactory(approved=True)
    ReleaseFactory(published_at=NOW)  # scheduled a second before NOW, public from then
    ReleaseFactory(published_at=NOW - timedelta(days=1), embargo_until=NOW)  # embargoed until NOW
    ReleaseFactory(withdrawn=True, published_at=NOW - timedelta(days=1))
    named = {
        State.DRAFT: Release.objects.drafts(),
        State.REVIEW: Release.objects.in_review(),
        State.APPROVED: Release.objects.approved(),
        State.SCHEDULED: Release.objects.scheduled(now),
        State.EMBARGOED: Release.objects.embargoed(now),
        State.PUBLIC: Release.objects.public(now),
        State.WITHDRAWN: Release.objects.withdrawn(),
    }
    for release in Release.objects.with_state(now):
        in_querysets = [state for state, queryset in named.items() if release in queryset]
        assert in_querysets == [release.visibility(now)] == [release.state], release.title
    assert Release.objects.public(now).count() == (2 if offset >= timedelta(0) else 0)


def test_the_importer_publishes_through_the_workflow(seed_release):
    [event] = seed_release.events.all()
    assert (event.action, event.user, event.comment) == (Action.PUBLISHED, None, "Imported with --publish")
    assert seed_release.first_published_at == seed_release.published_at
