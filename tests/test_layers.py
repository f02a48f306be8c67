"""Apps depend downward only (README, DESIGN): no module imports an app above its own."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Lowest first.
LAYERS = (
    "gigmarket",
    "stations",
    "seekers",
    "publicity",
    "jobs",
    "training",
    "rights",
    "events",
    "guidance",
    "feedback",
    "subsidies",
    "partners",
    "reports",
)


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names & set(LAYERS)


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_no_app_above_it(app):
    above = set(LAYERS[LAYERS.index(app) + 1 :])
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) & above)
        for path in (ROOT / app).rglob("*.py")
        if _imported_apps(path) & above
    }
    assert not wrong, f"{app} imports apps above it: {wrong}"
