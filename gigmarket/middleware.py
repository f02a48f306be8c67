"""Middleware of the kernel."""

from django.conf import settings


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
