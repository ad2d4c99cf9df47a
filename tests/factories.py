"""Builders for test data: each makes a valid row, tests say only what matters to them."""

from datetime import date, timedelta

import factory
from django.utils import timezone

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
