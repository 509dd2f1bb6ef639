"""Which partners the public sees (one rule, two forms), and the demo's partners."""

import itertools

from django.conf import settings
from django.utils import translation

from partners import rules
from partners.demo import PARTNERS, demo_load
from partners.models import PartnerOrganisation, Stream
from partners.selectors import partner_directory


def test_listed_q_and_is_listed_agree_on_every_kind_of_partner(make_partner):
    for listed, active in itertools.product([True, False], repeat=2):
        make_partner(name=f"{listed}-{active}", is_listed=listed, is_active=active)
    in_sql = set(PartnerOrganisation.objects.filter(rules.listed_q()).values_list("pk", flat=True))
    one_by_one = {p.pk for p in PartnerOrganisation.objects.all() if rules.is_listed(p)}
    assert in_sql == one_by_one == {PartnerOrganisation.objects.get(name="True-True").pk}


def test_the_directory_gives_each_partner_its_phone_link_and_description_language(make_partner):
    make_partner(name="A", public_phone="01603 496001", description_ar="نص")
    make_partner(name="B", public_phone="not a number", description_ar="")
    with translation.override("ar"):
        (group,) = partner_directory()
    first, second = group.partners
    assert group.stream == Stream.ADVICE
    assert (first.phone_link, first.description_language) == ("tel:+441603496001", "ar")
    assert (second.phone_link, second.description_language) == ("", "en")


def test_the_demo_lists_the_network_in_every_language_and_can_run_again(db):
    demo_load()
    demo_load()

    partners = PartnerOrganisation.objects.all()
    assert partners.count() == len(PARTNERS) == 8
    names = set(partners.values_list("name", flat=True))
    # The names other demos look their partners up by.
    assert {
        "The Bridge Plus+",
        "New Routes",
        "GYROS",
        "Dereham Ukraine Aid Centre",
        "Norwich City of Sanctuary",
        "NCAN",
        "Creative Arts East",
        "Norwich Arts Centre",
    } == names
    for partner in partners:
        assert rules.is_listed(partner)
        assert partner.streams and set(partner.streams) <= set(Stream.values)
        assert partner.public_email.endswith(".example.org")
        for code, _name in settings.LANGUAGES:
            assert getattr(partner, f"description_{code}"), (partner.name, code)
        partner.full_clean()
