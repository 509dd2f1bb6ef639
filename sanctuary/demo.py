"""Demo accounts for `make run`: one for each role, with a password printed on purpose."""

from sanctuary import services
from sanctuary.models import User
from sanctuary.roles import Role

DEMO_PASSWORD = "sanctuary-demo"  # noqa: S105 - printed on purpose; refused in production

DEMO_ACCOUNTS = [
    ("staff@example.org", "Sam", [Role.PROGRAMME_STAFF]),
    ("reviewer@example.org", "Rita", [Role.BURSARY_REVIEWERS]),
    ("volunteer@example.org", "Vik", [Role.VOLUNTEERS]),
]


def demo_load() -> None:
    for email, first_name, roles in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            services.user_create(
                email=email, first_name=first_name, roles=roles, actor=None, password=DEMO_PASSWORD
            )
            continue
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
