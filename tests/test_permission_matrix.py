"""Every URL pattern × every role → the expected outcome; and no URL pattern left out."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import LOGIN, collect_checks
from tests.roles import ROLES, build_role_user

CHECKS = collect_checks()

#: URL namespaces covered by one representative check (the Django admin's many pages).
COVERED_NAMESPACES = {"admin": "admin:index"}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_pattern_is_in_the_matrix():
    """A new URL without a row in some tests/<app>/permissions.py fails here."""
    checked = {check.name for check in CHECKS}
    missing = set()
    for name in _named_patterns(get_resolver()):
        namespace = name.split(":")[0] if ":" in name else ""
        if namespace in COVERED_NAMESPACES and COVERED_NAMESPACES[namespace] in checked:
            continue
        if name not in checked:
            missing.add(name)
    assert not missing, f"URL patterns with no permission-matrix row: {sorted(missing)}"


def test_every_check_names_every_role():
    for check in CHECKS:
        for role in ROLES:
            check.outcome(role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("check", CHECKS, ids=lambda c: f"{c.method}:{c.name}")
def test_permission_matrix(client, check, role):
    world = {r: build_role_user(r) for r in ROLES}
    kwargs = check.kwargs(world) if check.kwargs else {}
    url = reverse(check.name, kwargs=kwargs) + check.query
    user = world[role]
    if user is not None:
        client.force_login(user, backend="gigmarket.backends.UsernameOrMobileBackend")
    data = check.data(world) if check.data else {}
    response = getattr(client, check.method)(url, data)
    expected = check.outcome(role)
    if expected == LOGIN:
        assert response.status_code == 302, f"{role} on {check.name}: {response.status_code}"
        assert response["Location"].startswith(reverse("core:login"))
    else:
        assert response.status_code == expected, (
            f"{role} {check.method.upper()} {check.name}: got {response.status_code}, expected {expected}"
        )
        if expected == 302:
            assert not response["Location"].startswith(
                reverse("core:login")
            ) or check.name.startswith(("admin:", "core:logout")), (
                f"{role} on {check.name} was sent to log in, expected to be let through"
            )
