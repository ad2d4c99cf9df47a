"""Public pages of the directory: agencies, people and press contacts."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.views.generic import DetailView, ListView

from contacts.models import Agency, Person, PressContact, Role
from releases.facets import count
from releases.models import Quote, Release


class AgencyDetailView(DetailView):
    template_name = "contacts/agency_detail.html"
    context_object_name = "agency"
    shown, shown_mentioning = 10, 5  # the latest of each; the page links to the full lists

    def get_queryset(self):
        return Agency.objects.public()  # at request time: public() depends on the clock

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = self.object
        public = Release.objects.public()
        issued, mentioning = public.issued_by(agency), public.mentioning_agency(agency)
        context.update(
            releases=issued.for_cards()[: self.shown],
            release_count=count(issued),
            mentioning=mentioning.for_cards()[: self.shown_mentioning],
            mentioning_count=count(mentioning),
        )
        context["press_contacts"] = agency.press_contacts.public().select_related("person", "agency")
        context["roles"] = (
            Role.objects.current()
            .filter(agency=agency, person__in=Person.objects.public())
            .select_related("person")
            .order_by("person__name")
        )
        return context


# What the person page shows of a quote (contacts/person_detail.html): its words, and the
# release it is from, linked, with its dateline.
QUOTE_FIELDS = (
    "text",
    "release__title",
    "release__slug",
    "release__language",
    "release__dateline_place",
    "release__dateline_date",
)


class PersonDetailView(DetailView):
    model = Person
    template_name = "contacts/person_detail.html"
    context_object_name = "person"
    shown = 10  # latest releases and quotes; the counts say how many more there are

    def get_queryset(self):
        return Person.objects.public().prefetch_related(
            Prefetch("roles", queryset=Role.objects.public_when_read())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = Release.objects.public()
        person = self.object
        releases = public.naming_person(person)
        quotes = Quote.objects.filter(person=person, release__in=public)
        context.update(
            releases=releases.for_cards()[: self.shown],
            release_count=count(releases),
            quotes=quotes.select_related("release")
            .only(*QUOTE_FIELDS)
            .order_by("-release__dateline_date", "-release__published_at", "-release_id")[: self.shown],
        )
        return context


class PressContactListView(ListView):
    """Agencies' press desks and active press contacts, grouped by agency."""

    template_name = "contacts/presscontact_list.html"
    context_object_name = "agencies"

    def get_queryset(self):
        contacts = (
            PressContact.objects.public().select_related("person", "agency").order_by("order", "person__name")
        )
        has_press_desk = ~Q(press_phone="") | ~Q(press_email="")
        return (
            Agency.objects.public()
            .filter(has_press_desk | Exists(contacts.filter(agency=OuterRef("pk"))))
            .order_by("name")
            .prefetch_related(Prefetch("press_contacts", queryset=contacts, to_attr="active_contacts"))
        )
