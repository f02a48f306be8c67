"""Pages of the jobs app: postings (public list, job pages, employers, review) and matching
(sign-up, the waiting list, candidates and dispatch, results, "jobs for me")."""

from jobs.views.aftercare import *  # noqa: F403,E402
from jobs.views.matching import *  # noqa: F403
from jobs.views.postings import *  # noqa: F403
