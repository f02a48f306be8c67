"""Pluggable notification senders; settings.NOTIFICATION_SENDER names the one in use.

The outbox (what, to whom, sent when) comes with the matching issue; senders only deliver.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("gigmarket.notify")


class Sender(Protocol):
    def send(self, *, channel: str, to: str, text: str) -> None: ...


class LogSender:
    """Writes notifications to the log (the personal-data filter masks the number)."""

    def send(self, *, channel: str, to: str, text: str) -> None:
        logger.info("notify via %s to %s: %s", channel, to, text)


def get_sender() -> Sender:
    return import_string(settings.NOTIFICATION_SENDER)()


#: What ``MemorySender`` delivered in this process (tests read it).
outbox: list[dict] = []


class MemorySender:
    """Keeps notifications in ``outbox`` (for tests and demos; nothing leaves the process)."""

    def send(self, *, channel: str, to: str, text: str) -> None:
        outbox.append({"channel": channel, "to": to, "text": text})
