"""Two editors editing the same release: the second save is refused, and neither edit is lost."""

import threading
from contextlib import nullcontext

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from contacts.groups import EDITORS, PUBLISHERS
from releases.admin_history import EditLockForm
from releases.events import ReleaseEvent
from releases.models import Release
from tests.admin_forms import admin_form_data, release_change_form
from tests.factories import PersonFactory, ReleaseFactory
from tests.workflow import publish


def logged_in(django_user_model, username, group):
    """A member of `group`, logged in with a browser of their own."""
    user = django_user_model.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editors(django_user_model):
    """Alice and Bob, editors."""
    return logged_in(django_user_model, "alice", EDITORS), logged_in(django_user_model, "bob", EDITORS)


@pytest.fixture
def publishers(django_user_model):
    """Carol and Dan, publishers."""
    return logged_in(django_user_model, "carol", PUBLISHERS), logged_in(django_user_model, "dan", PUBLISHERS)


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def corrections_of(release) -> list[str]:
    """The public notes of the release's corrections."""
    return [event.comment for event in release.events.filter(action=ReleaseEvent.Action.CORRECTED)]


def errors_of(response) -> str:
    return " ".join(response.context["adminform"].form.non_field_errors())


@pytest.mark.django_db
def test_the_second_editor_to_save_is_refused_and_neither_edit_is_lost(editors):
    alice, bob = editors
    release = ReleaseFactory(draft=True, title="Ariane 6 ready", lead="The launcher is ready.")
    alices_form = admin_form_data(alice.get(change_url(release)))
    bobs_form = admin_form_data(bob.get(change_url(release)))  # both open the release

    alices_form["title"] = ["Ariane 6 ready for its first flight"]
    assert alice.post(change_url(release), alices_form).status_code == 302

    bobs_form["lead"] = ["The launcher is ready for its first flight on 9 July."]
    refused = bob.post(change_url(release), bobs_form)
    assert refused.status_code == 200
    message = errors_of(refused)
    assert "Someone else saved this release while you were editing it" in message
    assert "Saved by alice" in message
    assert "Title:" in message and "Ariane 6 ready for its first flight" in message
    missed = release.history.first()  # alice's change, one click away
    assert reverse("admin:releases_release_simple_history", args=[release.pk, missed.history_id]) in message
    assert reverse("admin:releases_release_history", args=[release.pk]) in message
    release.refresh_from_db()
    assert release.title == "Ariane 6 ready for its first flight"  # alice's change is kept
    assert release.lead == "The launcher is ready."  # bob's not saved...
    comes_back = admin_form_data(refused)
    assert comes_back["lead"] == ["The launcher is ready for its first flight on 9 July."]  # ...nor lost

    # Bob has seen alice's change and saves again: his lead on top of her title.
    assert bob.post(change_url(release), comes_back).status_code == 302
    release.refresh_from_db()
    assert release.title == "Ariane 6 ready for its first flight"
    assert release.lead == "The launcher is ready for its first flight on 9 July."
    assert [record.history_user.username for record in release.history.all()[:2]] == ["bob", "alice"]


@pytest.mark.django_db
def test_a_correction_saved_while_another_publisher_had_the_form_open_is_refused_for_them(publishers):
    carol, dan = publishers
    release = publish(ReleaseFactory(draft=True, title="Ariane 6 flies", lead="Lift-off at 16:00."))
    carols_form = admin_form_data(carol.get(change_url(release)))
    dans_form = admin_form_data(dan.get(change_url(release)))  # both open the public release

    carols_form |= {"lead": ["Lift-off at 16:00 UTC."], "correction_note": ["The time's zone added."]}
    assert carol.post(change_url(release), carols_form).status_code == 302

    dans_form |= {"title": ["Ariane 6 has flown"], "correction_note": ["Past tense."]}
    refused = dan.post(change_url(release), dans_form)
    assert refused.status_code == 200
    assert "Saved by carol" in errors_of(refused)
    release.refresh_from_db()
    assert (release.title, release.lead) == ("Ariane 6 flies", "Lift-off at 16:00 UTC.")
    assert corrections_of(release) == ["The time's zone added."]  # not dan's
    assert release.history.first().history_user.username == "carol"

    # Dan has seen carol's correction and saves his again: his title on top of her lead.
    assert dan.post(change_url(release), admin_form_data(refused)).status_code == 302
    release.refresh_from_db()
    assert (release.title, release.lead) == ("Ariane 6 has flown", "Lift-off at 16:00 UTC.")
    assert sorted(corrections_of(release)) == ["Past tense.", "The time's zone added."]


@pytest.mark.django_db
def test_a_change_to_the_quotes_alone_refuses_the_other_editors_form(editors):
    alice, bob = editors
    release = ReleaseFactory(draft=True)
    speaker = PersonFactory(name="Jean-Yves Le Gall")
    bobs_form = admin_form_data(bob.get(change_url(release)))
    with_quote = release_change_form(
        release,
        **{
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-person": speaker.pk,
            "quotes-0-text": "A great day for Europe.",
            "quotes-0-order": "0",
        },
    )
    assert alice.post(change_url(release), with_quote).status_code == 302

    bobs_form["title"] = ["Bob's title"]
    refused = bob.post(change_url(release), bobs_form)
    assert refused.status_code == 200 and "Someone else saved" in errors_of(refused)
    release.refresh_from_db()
    assert release.title != "Bob's title" and release.quotes.get().text == "A great day for Europe."


@pytest.mark.django_db
def test_a_form_that_does_not_say_its_version_is_refused(editors):
    alice, _bob = editors
    release = ReleaseFactory(draft=True, title="Kept")
    release.title = "Changed meanwhile"
    release.save()
    form = release_change_form(release, title="Overwritten")
    del form["loaded_version"]
    response = alice.post(change_url(release), form)
    assert response.status_code == 200 and "reload the page" in errors_of(response)
    assert Release.objects.get(pk=release.pk).title == "Changed meanwhile"


@pytest.mark.django_db
def test_restoring_a_version_after_someone_else_saved_is_refused_first(editors):
    alice, bob = editors
    release = ReleaseFactory(draft=True, title="First title")
    first = release.history.get()
    url = reverse("admin:releases_release_simple_history", args=[release.pk, first.history_id])
    assert alice.post(change_url(release), release_change_form(release, title="Second")).status_code == 302
    restore = admin_form_data(bob.get(url))  # bob opens the first version to restore it
    release.refresh_from_db()
    assert alice.post(change_url(release), release_change_form(release, title="Third")).status_code == 302

    refused = bob.post(url, restore)
    assert refused.status_code == 200 and "Someone else saved" in errors_of(refused)
    assert Release.objects.get(pk=release.pk).title == "Third"
    assert bob.post(url, admin_form_data(refused)).status_code == 302  # restored, knowingly
    assert Release.objects.get(pk=release.pk).title == "First title"


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_take_turns(editors, monkeypatch):
    """Both forms reach the version check at once: the row lock makes the second wait for the
    first to commit, then read its version; one is saved, the other refused. SQLite lets one
    writer in at a time: there the two saves run one after the other, and must end the same way."""
    alice, bob = editors
    release = ReleaseFactory(draft=True, title="Start")
    forms = [
        (client, admin_form_data(client.get(change_url(release))) | {"title": [f"By {name}"]})
        for client, name in ((alice, "alice"), (bob, "bob"))
    ]
    sqlite = connection.vendor == "sqlite"
    barrier = threading.Barrier(1 if sqlite else 2)
    one_writer = threading.Lock() if sqlite else nullcontext()
    read_version = EditLockForm.saved_version

    def at_the_same_moment(form, *, lock=False):
        if lock:
            barrier.wait(timeout=10)  # both forms valid, each about to read the version
        return read_version(form, lock=lock)

    monkeypatch.setattr(EditLockForm, "saved_version", at_the_same_moment)
    statuses = []

    def save(client, form):
        try:
            with one_writer:
                statuses.append(client.post(change_url(release), form).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=pair) for pair in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200, 302]
    saved = Release.objects.get(pk=release.pk)
    assert saved.title in ("By alice", "By bob") and saved.edit_version == 1
