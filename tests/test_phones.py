"""A journalist abroad dials every phone the site shows: international form, tel: link."""

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from contacts.groups import PRESS_OFFICE
from contacts.phones import shown_phone
from tests.factories import AgencyFactory, PressContactFactory, ReleaseContactFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def phone_html(international, dial, written=None) -> str:
    """The markup of one phone: the link, and the written form under it when it differs."""
    link = f'<a class="phone" href="tel:{dial}">{international}</a>'
    if not written:
        return link
    number = f'<span class="phone-written__number">{written}</span>'
    return f'{link} <span class="phone-written">as written: {number}</span>'


def contact_dd(response, label: str) -> str:
    """The <dd> that follows the first <dt> with `label` on the page."""
    content = response.content.decode()
    after = content.split(f"<dt>{label}</dt>", 1)[1]
    return after[after.index("<dd>") : after.index("</dd>") + len("</dd>")]


def section(response, marker: str) -> str:
    """The inside of the <section> whose opening tag holds `marker` ('id="press-contacts"')."""
    after = response.content.decode().split(marker, 1)[1]
    return after.split(">", 1)[1].split("</section>", 1)[0]


def test_a_number_written_with_a_trunk_prefix_shows_without_it_and_keeps_the_written_form():
    shown = shown_phone("+33 (0)1 44 76 74 04", "+33144767404")
    assert shown.international == "+33 1 44 76 74 04"
    assert shown.dial == "+33144767404"
    assert shown.written == "+33 (0)1 44 76 74 04" and shown.written_differs


def test_a_national_number_of_a_french_agency_gets_its_country_code(client):
    contact = PressContactFactory(agency=AgencyFactory(country="FR"), phone="01 44 76 75 40")
    assert contact.phone_e164 == "+33144767540"
    response = client.get(reverse("contacts:directory"))
    assertInHTML(
        f"<dd>{phone_html('+33 1 44 76 75 40', '+33144767540', '01 44 76 75 40')}</dd>",
        contact_dd(response, "Phone"),
    )


def test_a_japanese_national_number_shows_with_the_japanese_country_code(client):
    jaxa = AgencyFactory(country="JP")
    contact = PressContactFactory(agency=jaxa, phone="050-3362-4374")
    release = ReleaseFactory(agency=jaxa)
    ReleaseContactFactory(release=release, contact=contact)
    response = client.get(release.get_absolute_url())
    assertInHTML(
        phone_html("+81 50-3362-4374", "+815033624374", "050-3362-4374"), contact_dd(response, "Phone")
    )


def test_an_extension_is_shown_and_dialled(client):
    contact = PressContactFactory(agency=AgencyFactory(country="US"), phone="+1 (202) 358-1600 x123")
    response = client.get(reverse("contacts:directory"))
    # Brackets and "x" are only another way of writing what the international form shows.
    assertInHTML(
        f"<dd>{phone_html('+1 202-358-1600 ext. 123', '+12023581600;ext=123')}</dd>",
        contact_dd(response, "Phone"),
    )
    assert "as written" not in contact_dd(response, "Phone")
    assert contact.phone == "+1 (202) 358-1600 x123"  # kept as written, for the admin


def test_a_number_written_in_international_form_with_other_spacing_shows_once(client):
    PressContactFactory(phone="+33 1 44767540", mobile="+33 6 12 34 56 78")
    response = client.get(reverse("contacts:directory"))
    assertInHTML(f"<dd>{phone_html('+33 1 44 76 75 40', '+33144767540')}</dd>", contact_dd(response, "Phone"))
    assertInHTML(
        f"<dd>{phone_html('+33 6 12 34 56 78', '+33612345678')}</dd>", contact_dd(response, "Mobile")
    )
    assert "as written" not in response.content.decode()


def test_a_number_that_cannot_be_read_shows_as_written_without_a_link(client):
    contact = PressContactFactory(phone="ask the switchboard")  # saved outside a form: kept, not dialled
    assert contact.phone_e164 == ""
    response = client.get(reverse("contacts:directory"))
    assertInHTML("<dd>ask the switchboard</dd>", contact_dd(response, "Phone"))
    assert "tel:" not in contact_dd(response, "Phone")


def test_the_contact_card_of_a_release_shows_the_international_form(client):
    release = ReleaseFactory()
    ReleaseContactFactory(release=release, contact=PressContactFactory(phone="+33 (0)1 44 76 74 04"))
    response = client.get(release.get_absolute_url())
    assertInHTML(
        phone_html("+33 1 44 76 74 04", "+33144767404", "+33 (0)1 44 76 74 04"),
        section(response, 'id="press-contacts"'),
    )


def test_the_press_desk_card_shows_the_international_form(client):
    agency = AgencyFactory(country="FR", press_phone="01 44 76 75 00", press_email="presse@example.org")
    release = ReleaseFactory(agency=agency)  # no named contact: the press desk's card
    response = client.get(release.get_absolute_url())
    assertInHTML(
        phone_html("+33 1 44 76 75 00", "+33144767500", "01 44 76 75 00"),
        section(response, 'id="press-contacts"'),
    )


def test_the_agency_page_shows_its_press_desk_and_contacts_in_international_form(client):
    agency = AgencyFactory(country="JP", press_phone="042-327-7111")
    PressContactFactory(agency=agency, phone="050-3362-4374")
    response = client.get(agency.get_absolute_url())
    assertInHTML(
        f"<dd>{phone_html('+81 42-327-7111', '+81423277111', '042-327-7111')}</dd>",
        contact_dd(response, "Press desk phone"),
    )
    contacts = section(response, 'id="press-contacts"')
    assertInHTML(phone_html("+81 50-3362-4374", "+815033624374", "050-3362-4374"), contacts)


def test_the_directory_shows_press_desks_in_international_form(client):
    AgencyFactory(country="FR", press_phone="01 44 76 75 00")
    response = client.get(reverse("contacts:directory"))
    assertInHTML(
        f"<dd>{phone_html('+33 1 44 76 75 00', '+33144767500', '01 44 76 75 00')}</dd>",
        contact_dd(response, "Phone"),
    )


def test_the_written_form_is_escaped():
    shown = shown_phone("<b>01 44 76 75 40</b>", "")
    assert shown.international == "" and shown.dial == ""
    html = Template("{% load directory %}{% phone written e164 %}").render(
        Context({"written": "<b>01 44 76 75 40</b>", "e164": ""})
    )
    assert html == "&lt;b&gt;01 44 76 75 40&lt;/b&gt;"


def test_press_office_staff_see_the_written_and_the_international_form_in_the_admin(
    client, django_user_model
):
    staff = django_user_model.objects.create_user(username="pressoffice", is_staff=True)
    staff.groups.add(Group.objects.get(name=PRESS_OFFICE))
    client.force_login(staff)
    agency = AgencyFactory(country="FR", press_phone="01 44 76 75 00")
    contact = PressContactFactory(agency=agency, phone="01 44 76 75 40", mobile="06 12 34 56 78")

    contacts = client.get(reverse("admin:contacts_presscontact_changelist")).content.decode()
    assert "01 44 76 75 40" in contacts and "+33 1 44 76 75 40" in contacts
    form = client.get(reverse("admin:contacts_presscontact_change", args=[contact.pk])).content.decode()
    assert 'value="01 44 76 75 40"' in form and "+33 1 44 76 75 40" in form
    assert 'value="06 12 34 56 78"' in form and "+33 6 12 34 56 78" in form

    agencies = client.get(reverse("admin:contacts_agency_changelist")).content.decode()
    assert "01 44 76 75 00" in agencies and "+33 1 44 76 75 00" in agencies
    form = client.get(reverse("admin:contacts_agency_change", args=[agency.pk])).content.decode()
    assert 'value="01 44 76 75 00"' in form and "+33 1 44 76 75 00" in form
