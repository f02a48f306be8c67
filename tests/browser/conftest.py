"""Browser-test harness: pytest-playwright driving Debian's Chromium on a 360×740 phone screen.

Without /usr/bin/chromium the browser tests skip with a reason; in CI (CI=true) a missing
browser fails the run instead. The live server serves static files itself.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}


def _browser_missing() -> bool:
    return not (CHROMIUM and os.path.exists(CHROMIUM))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _require_browser(request):
    if request.node.get_closest_marker("browser") is None:
        return
    if _browser_missing():
        if os.environ.get("CI"):
            pytest.fail(
                f"Chromium not found at {CHROMIUM}: CI must install it (apt-get install chromium)"
            )
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run browser tests")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": PHONE,
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
        "is_mobile": True,
        "has_touch": True,
    }


#: Mark a browser test module with ``pytestmark = BROWSER``: the live server needs real
#: transactions; tests/conftest.py reloads the reference data each transactional test needs.
BROWSER = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server(live_server, settings):
    """The live server's base URL (DEBUG off, static files served by the test server)."""
    return live_server.url


def page_is_usable_on_phone(page) -> None:
    """No horizontal scrolling at phone width: the page fits in 360 px."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the phone screen"


def assert_no_serious_axe_violations(page) -> None:
    """Run axe-core (bundled with axe-playwright-python, served locally) on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [
        v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
    assert not serious, "axe: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in serious
    )


def log_in(page, server: str, username: str, password: str) -> None:
    """Log in through the real login form."""
    page.goto(f"{server}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.form button[type=submit]")
