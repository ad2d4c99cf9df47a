"""The domain's rules: what the public may see, and what the database refuses."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from contacts.models import PressContact
from releases.models import Release
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "public"),
    [
        ({}, True),
        ({"published_at": "now"}, True),
        ({"published_at": "a second ago"}, True),
        ({"published_at": "a second ahead"}, False),
        ({"status": Release.Status.DRAFT}, False),
        ({"status": Release.Status.REVIEW}, False),
        ({"embargo_until": "a second ago"}, True),
        ({"embargo_until": "now"}, True),
        ({"embargo_until": "a second ahead"}, False),
    ],
)
def test_public_is_published_due_and_out_of_embargo(changes, public):
    now = timezone.now()
    moments = {
        "now": now,
        "a second ago": now - timedelta(seconds=1),
        "a second ahead": now + timedelta(seconds=1),
    }
    release = ReleaseFactory(**{k: moments.get(v, v) for k, v in changes.items()})
    assert Release.objects.public(now=now).filter(pk=release.pk).exists() is public
    assert release.is_public(now=now) is public


def test_a_published_release_needs_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReleaseFactory(status=Release.Status.PUBLISHED, published_at=None)


def test_a_reference_is_unique_per_agency_but_not_across_agencies():
    first = ReleaseFactory(reference_prefix="PR", reference_number="083", reference_year=2013)
    ReleaseFactory(reference_prefix="PR", reference_number="083", reference_year=2013)  # another agency
    with pytest.raises(IntegrityError), transaction.atomic():
        ReleaseFactory(
            agency=first.agency, reference_prefix="PR", reference_number="083", reference_year=2013
        )


def test_the_admin_form_explains_a_duplicate_reference():
    first = ReleaseFactory(reference_prefix="PR", reference_number="083", reference_year=2013)
    duplicate = ReleaseFactory.build(
        agency=first.agency, reference_prefix="PR", reference_number="083", reference_year=2013
    )
    with pytest.raises(ValidationError, match="already has a release with this reference"):
        duplicate.full_clean()


def test_an_agency_or_person_that_releases_refer_to_cannot_be_deleted():
    quote = QuoteFactory()
    with pytest.raises(ProtectedError):
        quote.release.agency.delete()
    with pytest.raises(ProtectedError):
        quote.person.delete()


def test_the_reference_and_dateline_read_as_in_the_original():
    release = ReleaseFactory(
        reference_prefix="PR",
        reference_number="083",
        reference_year=2013,
        dateline_place="Paris",
        dateline_date=date(2013, 10, 28),
    )
    assert release.reference == "PR083 - 2013"
    assert release.dateline == "Paris, 28 October 2013"
    release.language, release.dateline_date = "fr", date(2014, 3, 5)
    assert release.dateline == "Paris, le 5 mars 2014"
    release.language, release.dateline_place = "ja", "東京"
    assert release.dateline == "東京, 2014年3月5日"


def test_the_body_is_rendered_and_sanitised_on_save():
    release = ReleaseFactory(
        body="**Bold** and [a link](https://cnes.fr)\n\n<script>alert(1)</script>\n\n"
        '[bad](javascript:alert(1)) <img src=x onerror="alert(1)">'
    )
    assert "<strong>Bold</strong>" in release.body_html
    assert 'href="https://cnes.fr"' in release.body_html
    assert "<script" not in release.body_html
    # Raw HTML and unsafe links are not rendered: they show as the text written, inert.
    assert 'href="javascript:' not in release.body_html
    assert "<img" not in release.body_html
    assert "&lt;img src=x onerror=" in release.body_html


def test_a_press_contact_keeps_the_written_phone_and_its_e164_form():
    contact = PressContactFactory(agency=AgencyFactory(country="FR"), phone="Tel. 01 44 76 74 04")
    assert contact.phone == "01 44 76 74 04"
    assert contact.phone_e164 == "+33144767404"
    contact.phone = "+81 50-3362-4374"
    contact.save()
    assert contact.phone_e164 == "+815033624374"


def test_an_invalid_phone_number_is_a_form_error():
    contact = PressContactFactory.build(
        person=PersonFactory(), agency=AgencyFactory(country="FR"), phone="12"
    )
    with pytest.raises(ValidationError) as caught:
        contact.full_clean()
    assert "phone" in caught.value.message_dict


def test_a_person_can_be_press_contact_for_an_agency_only_once():
    contact = PressContactFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PressContact.objects.create(person=contact.person, agency=contact.agency)


def test_roles_are_current_or_past():
    role = RoleFactory(title="President", start_date=date(2013, 4, 2), end_date=date(2021, 4, 1))
    assert str(role) == f"President of {role.agency.acronym}"
    assert role.held_on(date(2013, 10, 28))
    assert not role.is_current
    assert role.person.role_on(date(2013, 10, 28)) == role
    assert role.person.role_on(date(2022, 1, 1)) is None


def test_a_role_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleFactory(start_date=date(2020, 1, 1), end_date=date(2019, 1, 1))


def test_non_latin_names_get_readable_slugs():
    assert PersonFactory(name="奥村直樹").slug == "奥村直樹"
    assert PersonFactory(name="奥村直樹").slug == "奥村直樹-2"
    assert PersonFactory(name="奥村直樹", name_latin="Naoki Okumura").slug == "naoki-okumura"
