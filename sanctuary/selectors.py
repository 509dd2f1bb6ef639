from sanctuary.models import User
from sanctuary.roles import Role


def user_roles(*, user: User) -> list[Role]:
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.value in names]
