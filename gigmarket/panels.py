"""Registries of panels that pages gathering from many apps are built from.

Each app registers its panels in ``AppConfig.ready`` so that the kernel's workbench (工作台)
and the seeker's "Me" page never import an app above them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    """One panel: a template fed by a context function, shown to users who pass ``visible``."""

    key: str
    title: str
    template: str
    context: Callable[[HttpRequest], dict]
    visible: Callable[[HttpRequest], bool] = lambda request: True
    order: int = 100


@dataclass
class PanelRegistry:
    """An ordered set of panels, keyed so that registering twice replaces."""

    panels: dict[str, Panel] = field(default_factory=dict)

    def register(self, panel: Panel) -> None:
        self.panels[panel.key] = panel

    def for_request(self, request: HttpRequest) -> list[dict]:
        """The visible panels, each rendered to a dict of title, template and context."""
        shown = []
        for panel in sorted(self.panels.values(), key=lambda p: (p.order, p.key)):
            if panel.visible(request):
                shown.append(
                    {
                        "key": panel.key,
                        "title": panel.title,
                        "template": panel.template,
                        "context": panel.context(request),
                    }
                )
        return shown


#: The staff workbench (工作台).
workbench = PanelRegistry()
#: The seeker's own page ("我的").
me = PanelRegistry()
#: The public home page (e.g. the current policy articles), shown to everyone.
home = PanelRegistry()
