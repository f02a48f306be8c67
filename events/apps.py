"""App config: Events (招聘活动): recruitment fairs, market-day recruiting, live streams, jobs sent
to villages; their employers, seekers, attendance and results."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Recruitment events")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from events import demo_steps, figures, selectors  # noqa: F401  (demo_steps registers)
        from events.models import Event, Participation
        from events.panels import register
        from gigmarket import facts

        register()
        facts.provide(facts.MAP_EVENTS, selectors.map_events)
        facts.provide(facts.MARKET_EVENT_GAPS, figures.market_event_gaps)
        facts.provide(facts.STATION_LIVE_EVENTS, selectors.live_events)
        # The event's own trail is its EventLog; edits of the record are audited too.
        auditlog.register(Event)
        auditlog.register(Participation)
