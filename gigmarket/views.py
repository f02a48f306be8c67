"""Pages of the kernel: home, elder mode, the workbench, "Me", the audit log."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gigmarket import notify, panels, services
from gigmarket.context_processors import ELDER_COOKIE
from gigmarket.models import Message, MessageOptOut, PersonalDataAccess, User
from gigmarket.redirects import redirect_to_next, safe_next_url
from gigmarket.roles import OPERATING_ROLES, Role, role_required


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What the service is, and the way to each part of it."""
    return render(request, "gigmarket/home.html", {"panels": panels.home.for_request(request)})


@login_not_required
@require_GET
def elder_mode(request: HttpRequest) -> HttpResponse:
    """Switch elder mode (larger type, higher contrast) on or off for this browser: a link that
    sets a preference cookie, so that pages carry no form (and no CSRF cookie) for it. It changes
    no record, so a GET is right; the worst a forged link can do is change the type size."""
    response = redirect_to_next(request, reverse("core:home"))
    response["Cache-Control"] = "no-store"
    if request.GET.get("on") == "1":
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response


@require_GET
def after_login(request: HttpRequest) -> HttpResponse:
    """Send each kind of account to its own start page."""
    user: User = request.user
    if user.kind == User.Kind.SEEKER:
        return redirect("core:me")
    if user.has_role(*OPERATING_ROLES):
        return redirect("core:workbench")
    if user.has_role(Role.AUDITOR):
        return redirect("core:audit_log")
    if user.kind == User.Kind.EMPLOYER:
        return redirect("jobs:employer_home")
    if user.has_role(Role.PARTNER):
        return redirect("partners:home")
    return redirect("core:home")


@require_GET
@role_required(*OPERATING_ROLES)
def workbench(request: HttpRequest) -> HttpResponse:
    """The staff workbench (工作台): a panel per capability, each registered by its app."""
    return render(
        request, "gigmarket/workbench.html", {"panels": panels.workbench.for_request(request)}
    )


@require_GET
def me(request: HttpRequest) -> HttpResponse:
    """A seeker's own page (我的): panels registered by the apps that hold the seeker's records."""
    if request.user.kind != User.Kind.SEEKER:
        raise PermissionDenied
    return render(request, "gigmarket/me.html", {"panels": panels.me.for_request(request)})


@require_GET
@role_required(Role.AUDITOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit trail for auditors: who opened personal data, and every recorded change."""
    accesses = Paginator(
        PersonalDataAccess.objects.select_related("user", "content_type"), 50
    ).get_page(request.GET.get("access_page"))
    changes = Paginator(
        LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp"), 50
    ).get_page(request.GET.get("change_page"))
    return render(request, "gigmarket/audit_log.html", {"accesses": accesses, "changes": changes})


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A Chinese page when a form's security token has expired (often after a long pause)."""
    return render(request, "403_csrf.html", status=403)


class LoginView(auth_views.LoginView):
    """Log in; ``next`` follows the site's one safe-redirect rule (a path on this site). The page
    shows the site's own name: Django's view puts the host name (from ``get_current_site``) into
    ``site_name``, which would override the site-wide one."""

    def get_redirect_url(self) -> str:
        return safe_next_url(self.request, "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["site_name"] = settings.SITE_NAME
        return context


@login_not_required
def message_opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """The link at the end of a text: stop this kind of message (or all that may be stopped) to
    the number it went to. The token is unguessable; the page never shows the number."""
    message = get_object_or_404(Message, token=token)
    spec = notify.KINDS.get(message.kind)
    if spec is None or not spec.opt_out_kind:
        raise Http404
    done = False
    if request.method == "POST":
        kind = "*" if request.POST.get("all") == "1" else spec.opt_out_kind
        services.message_opt_out(to=message.to, kind=kind, how=MessageOptOut.How.LINK, by=None)
        done = True
    return render(
        request,
        "gigmarket/opt_out.html",
        {"label": notify.KINDS.get(spec.opt_out_kind, spec).label, "done": done},
    )


@require_GET
@role_required(Role.COUNTY_ADMIN)
def message_failures(request: HttpRequest) -> HttpResponse:
    """County admins: every text that failed for good, newest first, with the reason."""
    page = Paginator(Message.objects.failures(), 50).get_page(request.GET.get("page"))
    return render(request, "gigmarket/message_failures.html", {"page": page})
