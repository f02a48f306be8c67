"""Context every page gets: the site's name, hotlines, elder mode."""

from django.conf import settings

ELDER_COOKIE = "elder"


def site(request):
    """Site name and hotlines from settings; whether this browser asked for elder mode."""
    return {
        "site_name": settings.SITE_NAME,
        "service_hotline": settings.SERVICE_HOTLINE,
        "complaint_hotline": settings.COMPLAINT_HOTLINE,
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
    }
