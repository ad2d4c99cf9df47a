"""The workflow in the admin: a badge for the state, buttons for what the user may do, a small
form where a transition asks something, the dashboard; and the same refusals by direct POST.

Editors write and submit; publishers approve, publish, correct, withdraw and restore, and review
what another published without review; the press office sees no release at all; a superuser may
do everything.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS
from releases.events import ReleaseEvent
from releases.models import Release
from releases.services import release_send_back, release_submit
from tests.admin_forms import release_change_form
from tests.factories import AgencyFactory, ReleaseContactFactory, ReleaseFactory, StaffFactory

pytestmark = pytest.mark.django_db

State = Release.Visibility
ROLES = ["editor", "publisher", "press office", "superuser"]
GROUPS = {"editor": EDITORS, "publisher": PUBLISHERS, "press office": PRESS_OFFICE}

# Each transition: the state it is tried from, what it posts, and the state it leads to.
TRANSITIONS = {
    "submit": ({"draft": True}, {}, State.REVIEW),
    "send_back": ({"in_review": True}, {"comment": "Shorten the title."}, State.DRAFT),
    "approve": ({"in_review": True}, {}, State.APPROVED),
    "publish": ({"approved": True}, {}, State.PUBLIC),
    "force_publish": ({"draft": True}, {"reason": "The launch is in an hour."}, State.PUBLIC),
    "correct": ({}, {"note": "corrected a phone number"}, State.PUBLIC),
    "withdraw": ({}, {"reason": "Issued in error."}, State.WITHDRAWN),
    "restore": ({"withdrawn": True}, {}, State.PUBLIC),
    "mark_reviewed": ({"forced": True}, {}, State.PUBLIC),  # by "forcing-publisher": not theirs
}
RECORDED = {
    "submit": ReleaseEvent.Action.SUBMITTED,
    "send_back": ReleaseEvent.Action.SENT_BACK,
    "approve": ReleaseEvent.Action.APPROVED,
    "publish": ReleaseEvent.Action.PUBLISHED,
    "force_publish": ReleaseEvent.Action.FORCE_PUBLISHED,
    "correct": ReleaseEvent.Action.CORRECTED,
    "withdraw": ReleaseEvent.Action.WITHDRAWN,
    "restore": ReleaseEvent.Action.RESTORED,
    "mark_reviewed": ReleaseEvent.Action.REVIEWED,
}
# Who may do what: editors only submit; the press office nothing.
MAY = {
    "editor": {"submit"},
    "publisher": set(TRANSITIONS),
    "press office": set(),
    "superuser": set(TRANSITIONS),
}


def logged_in(role: str) -> Client:
    if role == "superuser":
        user = StaffFactory(username="root", is_superuser=True)
    else:
        user = StaffFactory(username=role.replace(" ", ""), group=GROUPS[role])
    client = Client()
    client.force_login(user)
    return client


def release_in(fields: dict, **more) -> Release:
    """A complete release someone else wrote, in the state `fields` give."""
    author = StaffFactory(username="author")
    release = ReleaseFactory(**{"title": "Satellite launched", "created_by": author, **fields, **more})
    ReleaseContactFactory(release=release)
    return release


def transition_url(release, action: str) -> str:
    return reverse("admin:releases_release_transition", args=[release.pk, action])


def change_url(release) -> str:
    return reverse("admin:releases_release_change", args=[release.pk])


@pytest.mark.parametrize("action", TRANSITIONS)
@pytest.mark.parametrize("role", ROLES)
def test_the_roles_and_transitions_matrix_in_the_admin(role, action):
    """The change form offers the transition to those who may make it, and it works for them;
    a direct POST from anyone else is refused (403) and changes nothing."""
    fields, data, leads_to = TRANSITIONS[action]
    client = logged_in(role)
    release = release_in(fields)
    before = release.visibility()

    form = client.get(change_url(release))
    if role == "press office":
        assert form.status_code == 403
    else:
        assert form.status_code == 200
        assert (transition_url(release, action) in form.content.decode()) == (action in MAY[role])

    response = client.post(transition_url(release, action), data)
    release = Release.objects.get(pk=release.pk)
    if action in MAY[role]:
        assert response.status_code == 302 and response["Location"] == change_url(release)
        assert release.visibility() == leads_to
        assert release.events.get().action == RECORDED[action]
    else:
        assert response.status_code == 403
        assert release.visibility() == before and not release.events.exists()


def test_a_transition_asked_with_get_shows_its_form_and_changes_nothing():
    publisher = logged_in("publisher")
    release = release_in({})
    page = publisher.get(transition_url(release, "withdraw"))
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode() and "csrfmiddlewaretoken" in page.content.decode()
    assert release.visibility() == State.PUBLIC and not release.events.exists()


def test_a_transition_without_its_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffFactory(username="root", is_superuser=True))
    release = release_in({"draft": True})
    assert client.post(transition_url(release, "submit")).status_code == 403
    assert Release.objects.get().status == Release.Status.DRAFT


def test_what_a_transition_asks_is_checked_before_anything_changes():
    publisher = logged_in("publisher")
    release = release_in({})
    for data in [{}, {"reason": "   "}, {"reason": "x" * 501}]:
        response = publisher.post(transition_url(release, "withdraw"), data)
        assert response.status_code == 200 and response.context["form"].errors, data
    scheduled = release_in({"approved": True})
    for at in [("not a date", "10:00"), ((timezone.localdate() - timedelta(days=1)).isoformat(), "10:00")]:
        response = publisher.post(transition_url(scheduled, "publish"), {"at_0": at[0], "at_1": at[1]})
        assert response.status_code == 200 and response.context["form"].errors, at
    assert [r.visibility() for r in (release, scheduled)] == [State.PUBLIC, State.APPROVED]
    assert not ReleaseEvent.objects.exists()


def test_a_publisher_schedules_a_release_with_the_time_it_asks():
    publisher = logged_in("publisher")
    release = release_in({"approved": True})
    when = timezone.localtime() + timedelta(days=2)
    response = publisher.post(
        transition_url(release, "publish"),
        {"at_0": when.date().isoformat(), "at_1": when.strftime("%H:%M")},
        follow=True,
    )
    release.refresh_from_db()
    assert release.visibility() == State.SCHEDULED
    assert release.published_at == when.replace(second=0, microsecond=0)
    assert "is scheduled for" in response.content.decode()


def test_a_refusal_for_the_release_s_state_is_said_not_a_server_error():
    publisher = logged_in("publisher")
    release = release_in({"draft": True})
    response = publisher.post(transition_url(release, "approve"), follow=True)
    assert response.status_code == 200
    assert "“Approve” is not possible now: this release is “Draft”." in response.content.decode()


def test_unknown_transitions_and_releases_are_not_found_and_the_press_office_learns_nothing():
    publisher, press_office = logged_in("publisher"), logged_in("press office")
    release = release_in({})
    assert (
        publisher.post(reverse("admin:releases_release_transition", args=[release.pk, "delete"])).status_code
        == 404
    )
    assert (
        publisher.post(reverse("admin:releases_release_transition", args=[999999, "approve"])).status_code
        == 404
    )
    for pk in (release.pk, 999999):
        assert (
            press_office.post(reverse("admin:releases_release_transition", args=[pk, "approve"])).status_code
            == 403
        )
    assert press_office.get(reverse("admin:releases_release_dashboard")).status_code == 403


def test_a_publisher_is_not_offered_to_approve_what_they_submitted():
    client = Client()
    client.force_login(publisher := StaffFactory(username="paul", group=PUBLISHERS))
    release = release_in({"draft": True})
    release_submit(release=release, user=publisher)
    page = client.get(change_url(release)).content.decode()
    assert transition_url(release, "approve") not in page
    assert "another publisher approves it" in page
    assert client.post(transition_url(release, "approve")).status_code == 403


# The form


def test_the_state_is_a_badge_not_a_field_and_a_posted_status_is_ignored():
    editor = logged_in("editor")
    release = release_in({"draft": True})
    page = editor.get(change_url(release)).content.decode()
    assert 'name="status"' not in page and 'name="published_at_0"' not in page
    assert 'class="state-badge state-badge--draft"' in page
    response = editor.post(
        change_url(release), release_change_form(release, status="published", title="New title")
    )
    assert response.status_code == 302
    release.refresh_from_db()
    assert (release.title, release.status) == ("New title", Release.Status.DRAFT)


def test_an_editor_reads_but_no_longer_edits_a_release_once_submitted():
    editor = logged_in("editor")
    release = release_in({"in_review": True})
    page = editor.get(change_url(release)).content.decode()
    assert 'name="title"' not in page and "Satellite launched" in page
    assert editor.post(change_url(release), release_change_form(release, title="Changed")).status_code == 403
    assert Release.objects.get().title == "Satellite launched"


def test_saving_a_public_release_is_a_correction_with_its_public_note(client):
    publisher = logged_in("publisher")
    release = release_in({}, body="Call +33 1 00 00 00 00.")
    assert 'name="correction_note"' in publisher.get(change_url(release)).content.decode()
    form = release_change_form(release, body="Call +33 1 44 76 75 00.")
    response = publisher.post(change_url(release), form)
    assert response.status_code == 200 and "correction_note" in response.context["adminform"].form.errors
    response = publisher.post(change_url(release), {**form, "correction_note": "corrected a phone number"})
    assert response.status_code == 302
    assert release.events.get().comment == "corrected a phone number"
    page = client.get(release.get_absolute_url()).content.decode()
    assert "+33 1 44 76 75 00" in page and ": corrected a phone number" in page


def test_a_withdrawn_release_is_read_only_until_it_is_restored():
    superuser = logged_in("superuser")
    release = release_in({"withdrawn": True})
    assert (
        superuser.post(change_url(release), release_change_form(release, title="Changed")).status_code == 403
    )
    assert transition_url(release, "restore") in superuser.get(change_url(release)).content.decode()


def test_editors_delete_drafts_but_never_what_went_out():
    editor = logged_in("editor")
    draft, public = release_in({"draft": True}), release_in({})
    delete = reverse("admin:releases_release_delete", args=[public.pk])
    assert editor.post(delete, {"post": "yes"}).status_code == 403
    editor.post(
        reverse("admin:releases_release_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk, public.pk], "post": "yes"},
    )
    assert Release.objects.count() == 2  # the list's action refuses as a whole
    editor.post(reverse("admin:releases_release_delete", args=[draft.pk]), {"post": "yes"})
    assert list(Release.objects.all()) == [public]


# The list and the dashboard


def test_the_list_shows_every_state_as_a_badge_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    editor = logged_in("editor")
    for fields in [{"draft": True}, {"in_review": True}, {"approved": True}, {"scheduled": True}]:
        release_in(fields)
    for fields in [{"embargoed": True}, {}, {"withdrawn": True}]:
        ReleaseFactory.create_batch(5, **fields)
    with django_assert_max_num_queries(16):
        page = editor.get(reverse("admin:releases_release_changelist")).content.decode()
    for state in State:
        assert f'class="state-badge state-badge--{state.value}">{state.label}<' in page, state


@pytest.mark.parametrize("state", list(State))
def test_the_state_filter_finds_what_the_queryset_of_that_name_holds(state):
    editor = logged_in("editor")
    for fields in [{"draft": True}, {"in_review": True}, {"approved": True}, {"scheduled": True}]:
        release_in(fields)
    for fields in [{"embargoed": True}, {}, {"withdrawn": True}]:
        release_in(fields)
    response = editor.get(reverse("admin:releases_release_changelist"), {"visibility": state.value})
    listed = set(response.context["cl"].result_list)
    assert listed == set(Release.objects.in_state(state)) and len(listed) == 1


def test_releases_published_without_review_are_listed_for_a_later_look():
    publisher = logged_in("publisher")
    forced = release_in({"draft": True})
    publisher.post(transition_url(forced, "force_publish"), {"reason": "The launch is in an hour."})
    release_in({})
    response = publisher.get(reverse("admin:releases_release_changelist"), {"forced": "yes"})
    assert list(response.context["cl"].result_list) == [forced]


def forced_list(client) -> list[Release]:
    return list(
        client.get(reverse("admin:releases_release_changelist"), {"forced": "yes"}).context["cl"].result_list
    )


def dashboard_forced(client) -> str:
    """The dashboard's section of releases published without review."""
    page = client.get(reverse("admin:releases_release_dashboard")).content.decode()
    return page[page.index("forced-heading") :]


def test_another_publisher_marks_a_release_published_without_review_reviewed_and_it_leaves_the_lists():
    forcing, second = logged_in("publisher"), Client()
    second.force_login(StaffFactory(username="second-publisher", group=PUBLISHERS))
    release = release_in({"draft": True}, title="Launch moved")
    forcing.post(transition_url(release, "force_publish"), {"reason": "The launch is in an hour."})
    assert forced_list(second) == [release] and "Launch moved" in dashboard_forced(second)

    page = second.get(change_url(release)).content.decode()
    assert transition_url(release, "mark_reviewed") in page and "Mark as reviewed" in page
    response = second.post(transition_url(release, "mark_reviewed"), follow=True)

    assert "“Launch moved”: reviewed after publication." in response.content.decode()
    assert forced_list(second) == [] and "Launch moved" not in dashboard_forced(second)
    reviewed = second.get(reverse("admin:releases_release_changelist"), {"forced": "reviewed"})
    assert list(reviewed.context["cl"].result_list) == [release]
    assert Release.objects.get(pk=release.pk).is_public()  # still public: only the list changed


def test_neither_the_publisher_who_published_without_review_nor_an_editor_marks_it_reviewed():
    forcing, editor = logged_in("publisher"), logged_in("editor")
    release = release_in({"draft": True})
    forcing.post(transition_url(release, "force_publish"), {"reason": "The launch is in an hour."})

    page = forcing.get(change_url(release)).content.decode()
    assert transition_url(release, "mark_reviewed") not in page
    assert "You published this release without review: another publisher reviews it." in page
    assert forcing.post(transition_url(release, "mark_reviewed")).status_code == 403
    assert editor.post(transition_url(release, "mark_reviewed")).status_code == 403

    assert forced_list(forcing) == [release]
    assert not release.events.filter(action=ReleaseEvent.Action.REVIEWED).exists()


@pytest.mark.parametrize("role", ["publisher", "editor"])
def test_staff_who_work_on_releases_find_the_workflow_dashboard_on_the_admin_home_page(role):
    client = logged_in(role)
    release_in({"in_review": True}, title="Waiting for eyes")
    home = client.get(reverse("admin:index")).content.decode()
    dashboard = reverse("admin:releases_release_dashboard")
    assert f'href="{dashboard}"' in home

    page = client.get(dashboard)

    assert page.status_code == 200 and "Waiting for eyes" in page.content.decode()


def test_the_press_office_finds_no_workflow_on_the_admin_home_page():
    client = logged_in("press office")
    home = client.get(reverse("admin:index"))
    assert home.status_code == 200 and "Directory" in home.content.decode()  # its own apps are there
    assert reverse("admin:releases_release_dashboard") not in home.content.decode()
    assert "Workflow dashboard" not in home.content.decode()


def test_an_editor_finds_why_a_draft_came_back_at_the_top_of_their_list():
    client = Client()
    client.force_login(editor := StaffFactory(username="edith", group=EDITORS))
    release = release_in({"draft": True})
    release_submit(release=release, user=editor)
    release_send_back(
        release=release, user=StaffFactory(username="paul", group=PUBLISHERS), comment="Cut <b>it</b>."
    )
    page = client.get(reverse("admin:releases_release_changelist")).content.decode()
    top = page[: page.index('id="changelist"')]
    assert "Sent back to you" in top and "Cut &lt;b&gt;it&lt;/b&gt;." in top


def test_the_dashboard_shows_what_awaits_review_and_goes_out_in_the_next_seven_days():
    publisher = logged_in("publisher")
    now = timezone.now()
    release_in({"in_review": True}, title="Waiting for eyes")
    release_in({"approved": True}, title="Ready to go")
    release_in({}, title="Due in two days", published_at=now + timedelta(days=2))
    release_in({}, title="Embargo ends in three days", embargo_until=now + timedelta(days=3))
    release_in({}, title="Due in ten days", published_at=now + timedelta(days=10))
    release_in({}, title="Out already")
    page = publisher.get(reverse("admin:releases_release_dashboard")).content.decode()
    going_out = page[page.index("going-out-heading") :]
    assert "Waiting for eyes" in page and "Ready to go" in page
    assert going_out.index("Due in two days") < going_out.index("Embargo ends in three days")
    assert "embargo ends" in going_out
    assert "Due in ten days" not in page and "Out already" not in page
    listing = publisher.get(reverse("admin:releases_release_changelist")).content.decode()
    assert reverse("admin:releases_release_dashboard") in listing


def test_the_publish_action_goes_through_the_workflow_for_publishers_only():
    editor, publisher = logged_in("editor"), logged_in("publisher")
    release = release_in({"approved": True}, agency=AgencyFactory(press_email="press@example.org"))
    data = {"action": "publish_now", "_selected_action": [release.pk]}
    editor.post(reverse("admin:releases_release_changelist"), data)
    assert Release.objects.get().status == Release.Status.APPROVED
    publisher.post(reverse("admin:releases_release_changelist"), data)
    assert Release.objects.get().is_public() and release.events.get().action == "published"
