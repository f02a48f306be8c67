"""Middleware of the kernel."""

from django.conf import settings
from django.http import HttpRequest, QueryDict

from gigmarket.validators import CONTROL_CHARACTERS_RE, strip_control_characters


class StaffIdleTimeoutMiddleware:
    """A staff session ends after STAFF_IDLE_TIMEOUT_SECONDS without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff_account:
            # Setting the expiry on every request saves the session, so the clock restarts.
            request.session.set_expiry(settings.STAFF_IDLE_TIMEOUT_SECONDS)
        return self.get_response(request)


class ControlCharacterMiddleware:
    """Strip control characters (NUL, ESC, …; not tab or line breaks) from every query-string and
    form value before any view, form or filter sees it.

    Why here and not in a form or filter base class: text reaches the site through forms, through
    django-filter filter sets and through views that read ``request.GET["q"]`` directly (staff
    searches); a NUL byte in any of them made PostgreSQL refuse the query and the page a 500. One
    middleware covers all of them, including views written later, and costs one regex scan per
    parameter. Stripping (rather than refusing) is what a person pasting text expects: the
    characters are invisible and never meant. Uploaded files are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        cleaned = _without_control_characters(request.GET)
        if cleaned is not None:
            request.GET = cleaned
        if request.method == "POST":
            cleaned = _without_control_characters(request.POST)
            if cleaned is not None:
                request.POST = cleaned
        return None


def _without_control_characters(data: QueryDict) -> QueryDict | None:
    """A cleaned copy of ``data``, or None when it holds no control character (the usual case)."""
    if not any(
        CONTROL_CHARACTERS_RE.search(key) or any(CONTROL_CHARACTERS_RE.search(v) for v in values)
        for key, values in data.lists()
    ):
        return None
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(
            strip_control_characters(key), [strip_control_characters(v) for v in values]
        )
    cleaned._mutable = False
    return cleaned


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header (settings.PERMISSIONS_POLICY): the browser features
    pages may use. Only the station map's "near me" needs one (geolocation, this site only)."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.setdefault("Permissions-Policy", self.header)
        return response
