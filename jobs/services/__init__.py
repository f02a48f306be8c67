"""Writes of the jobs app: postings (employers, jobs, review, checker rules, import) and
matching (sign-ups, the waiting list, dispatch, results, notifications, placement import).

``from jobs.services import X`` and ``from jobs import services; services.X`` work for all.
"""

from jobs.services.aftercare import *  # noqa: F403,E402
from jobs.services.alerts import *  # noqa: F403
from jobs.services.matching import *  # noqa: F403
from jobs.services.postings import *  # noqa: F403
from jobs.services.postings import _locked, _move  # noqa: F401
