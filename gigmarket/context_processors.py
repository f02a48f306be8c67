"""Context every page gets: the site's name, hotlines, elder mode."""

from urllib.parse import urlsplit

from django.conf import settings

from gigmarket.redirects import is_safe_path

ELDER_COOKIE = "elder"


def site(request):
    """Site name and hotlines from settings; whether this browser asked for elder mode."""
    return {
        "site_name": settings.SITE_NAME,
        "service_hotline": settings.SERVICE_HOTLINE,
        "complaint_hotline": settings.COMPLAINT_HOTLINE,
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "elder_next": elder_next(request),
    }


def elder_next(request) -> str:
    """Where the elder-mode toggle (a link) returns: this page when a link can fetch it again; on
    the answer to a form (a POST, which a link cannot repeat: it would be a 405) the page the form
    was on, if it is a page of this site, else the home page."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc == request.get_host():
        path = referer.path + (f"?{referer.query}" if referer.query else "")
        if is_safe_path(path, request):
            return path
    return "/"
