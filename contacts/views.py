"""Public pages of the directory: agencies, people and press contacts."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from contacts.models import Agency, Person, PressContact, Role
from releases.models import Quote, Release


class AgencyDetailView(DetailView):
    model = Agency
    template_name = "contacts/agency_detail.html"
    context_object_name = "agency"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = self.object
        context["releases"] = Release.objects.public().filter(agency=agency).for_cards()[:10]
        context["release_count"] = Release.objects.public().filter(agency=agency).count()
        context["press_contacts"] = agency.press_contacts.active().select_related("person", "agency")
        context["roles"] = (
            Role.objects.current().filter(agency=agency).select_related("person").order_by("person__name")
        )
        return context


class PersonDetailView(DetailView):
    model = Person
    template_name = "contacts/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.prefetch_related(
            Prefetch("roles", queryset=Role.objects.select_related("agency"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = Release.objects.public()
        person = self.object
        context["releases"] = public.filter(mentioned_people=person).for_cards()
        context["quotes"] = (
            Quote.objects.filter(person=person, release__in=public)
            .select_related("release", "release__agency")
            .order_by("-release__dateline_date")
        )
        return context


class PressContactListView(ListView):
    template_name = "contacts/presscontact_list.html"
    context_object_name = "contacts"

    def get_queryset(self):
        return (
            PressContact.objects.active()
            .select_related("person", "agency")
            .order_by("agency__name", "order", "person__name")
        )
