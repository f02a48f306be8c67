"""Models of the jobs app: postings (employers, jobs, checker rules) and matching (placements,
the station waiting list, job alert matches). ``from jobs.models import X`` works for all."""

from jobs.models.matching import (
    CONFIRMED_OR_LATER,
    AlertMatch,
    Placement,
    PlacementTransition,
    WaitingEntry,
)
from jobs.models.postings import (
    DAYS_PER_MONTH,
    HOURS_PER_DAY,
    Employer,
    EmployerLog,
    Job,
    JobTransition,
    PostingRule,
)
from jobs.models.rehire import (
    PlacementRating,
    RecurringOpening,
    RecurringOrder,
    RehireRefusal,
    RehireRequest,
)

__all__ = [
    "AlertMatch",
    "CONFIRMED_OR_LATER",
    "DAYS_PER_MONTH",
    "HOURS_PER_DAY",
    "Employer",
    "EmployerLog",
    "Job",
    "JobTransition",
    "Placement",
    "PlacementRating",
    "PlacementTransition",
    "PostingRule",
    "RecurringOpening",
    "RecurringOrder",
    "RehireRefusal",
    "RehireRequest",
    "WaitingEntry",
]
