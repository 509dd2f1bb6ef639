"""Who may use the portal: checked on the server by every portal view."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from partners.rules import organisation_of


def partner_worker_required(view):
    """Only a partner worker of an active organisation (partners.rules.organisation_of) gets
    in; the view finds their organisation as request.organisation, and looks up nothing that
    is not that organisation's."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = organisation_of(request.user)
        if organisation is None:
            raise PermissionDenied
        request.organisation = organisation
        return view(request, *args, **kwargs)

    return wrapped
