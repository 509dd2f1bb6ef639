import factory

from sanctuary import services
from sanctuary.models import OutgoingMessage, User
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
    return services.user_create(
        email=kwargs.pop("email", None) or f"{role_name.split()[0].lower()}-{_next()}@example.org",
        roles=[Role(role_name)],
        actor=None,
        password=PASSWORD,
        first_name=kwargs.pop("first_name", "Alex"),
        **kwargs,
    )


_counter = iter(range(1, 1_000_000))


def _next() -> int:
    return next(_counter)


def a_new_kind_of_message(subject, *, recipient: str) -> OutgoingMessage:
    """A message kind no anonymising code knows about (templates/messages/test_note/)."""
    return services.message_queue(
        channel=OutgoingMessage.Channel.EMAIL,
        recipient=recipient,
        template="test_note",
        dedupe_key=f"brand-new-kind:{subject._meta.label_lower}:{subject.pk}",
        context={"name": "Amina"},
        subject=subject,
    )
