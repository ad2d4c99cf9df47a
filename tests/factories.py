"""Builders for test data: each makes a valid row, tests say only what matters to them."""

from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from contacts.groups import PUBLISHERS
from contacts.models import Agency, Person, PressContact, Role
from releases.models import Quote, Release, ReleaseContact, Topic


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Space Agency {n}")
    acronym = factory.Sequence(lambda n: f"SA{n}")
    country = "FR"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    agency = factory.SubFactory(AgencyFactory)
    title = "President"
    start_date = date(2010, 1, 1)


class PressContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressContact

    person = factory.SubFactory(PersonFactory)
    agency = factory.SubFactory(AgencyFactory)
    phone = "+33 1 44 76 75 00"
    email = factory.Sequence(lambda n: f"press{n}@example.org")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")


class ReleaseFactory(factory.django.DjangoModelFactory):
    """A release the public can see; pass status/published_at/embargo_until to hide it."""

    class Meta:
        model = Release
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Release number {n}")
    dateline_place = "Paris"
    dateline_date = factory.Sequence(lambda n: date(2024, 1, 1) + timedelta(days=n))
    lead = "A lead paragraph that tells the whole story in one go."
    body = "The body."
    status = Release.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        # Releases the public may not see: ReleaseFactory(draft=True), scheduled=, embargoed=.
        draft = factory.Trait(status=Release.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )
        embargoed = factory.Trait(
            embargo_until=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )
        # Along the workflow (tests set them directly; the app goes through releases/services).
        in_review = factory.Trait(status=Release.Status.REVIEW, published_at=None)
        approved = factory.Trait(status=Release.Status.APPROVED, published_at=None)
        withdrawn = factory.Trait(
            status=Release.Status.WITHDRAWN,
            withdrawn_at=factory.LazyFunction(timezone.now),
            withdrawn_reason="Issued in error.",
        )
        # Published without review by a publisher of its own ("forcing-publisher"), for a later look.
        forced = factory.Trait(
            forced_by=factory.SubFactory(
                "tests.factories.StaffFactory", username="forcing-publisher", group=PUBLISHERS
            ),
            forced_reason="The launch is in an hour.",
        )

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    release = factory.SubFactory(ReleaseFactory)
    person = factory.SubFactory(PersonFactory)
    text = "We are delighted."


class ReleaseContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReleaseContact

    release = factory.SubFactory(ReleaseFactory)
    contact = factory.SubFactory(PressContactFactory)


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff account, in a staff group when given one: StaffFactory(group="Publishers")."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    password = factory.django.Password("pw")
    is_staff = True

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
