import factory
from django.contrib.auth.models import Group

from sanctuary import services
from sanctuary.models import User
from sanctuary.roles import Role
from venues.models import Venue

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    slug = factory.Sequence(lambda n: f"venue-{n}")
    address = "Theatre Street, Norwich"
    postcode = "NR2 1RL"


def user_with_role(role_name: str, **kwargs) -> User:
    user = UserFactory(**kwargs)
    user.save()
    user.groups.add(Group.objects.get(name=Role(role_name).value))
    services.user_sync_staff_flag(user=user, actor=None)
    return user
