"""App config: Jobs (岗位): employers, job orders, review, matching and dispatch (派单)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _review_panel_context(request) -> dict:
    from jobs.models import Job

    pending = Job.objects.reviewable_by(request.user).pending_review()
    return {"count": pending.count(), "oldest": pending.first()}


def _jobs_panel_context(request) -> dict:
    from jobs.models import Job

    jobs = Job.objects.editable_by(request.user)
    return {
        "open_count": jobs.filter(status="open").count(),
        "draft_count": jobs.filter(status__in=["draft", "rejected"]).count(),
    }


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from gigmarket import facts, panels
        from jobs.models import Employer, Job, Placement, PostingRule

        # The seekers' priority-group ledger shows days since each person was last placed.
        facts.provide(facts.LAST_PLACED_ON, Placement.objects.last_placed_on)
        # A station's page lists the open jobs it collected.
        facts.provide(
            facts.STATION_OPEN_JOBS,
            lambda station, limit: list(
                Job.objects.listed()
                .at_station(station)
                .for_cards()
                .order_by("-opened_at", "-pk")[:limit]
            ),
        )
        # A seeker's withdrawal frees the places they held and takes their name off the ledger.
        from jobs.services import placements_seeker_withdrawn

        facts.listen(facts.SEEKER_WITHDRAWN, placements_seeker_withdrawn)

        # Every change of an employer, a job or a checker rule is in the auditor's change log,
        # with contact names, phones and (household) addresses masked.
        auditlog.register(
            Employer,
            mask_fields=["contact_name", "contact_mobile", "address"],
            mask_callable="gigmarket.masking.mask",
        )
        auditlog.register(
            Job,
            exclude_fields=["updated_at", "pay_per_day"],
            mask_fields=["address", "contact_person", "contact_phone"],
            mask_callable="gigmarket.masking.mask",
        )
        auditlog.register(PostingRule)
        auditlog.register(Placement, exclude_fields=["updated_at", "pay_per_day"])
        from gigmarket import notify

        # What the outbox tells a seeker about their placements (docs/notifications.md).
        notify.register_kind(
            "placement_signup",
            label=_("Sign-up received"),
            text=_(
                "You have signed up for {job} (starts {date}). The station will call you: {phone}."
            ),
        )
        notify.register_kind(
            "placement_recommended",
            label=_("Recommended for a job"),
            text=_("The station recommends you for {job} (starts {date}, {pay}). Call {phone}."),
        )
        notify.register_kind(
            "placement_confirmed",
            label=_("Placement confirmed"),
            text=_("You are confirmed for {job}: start {date} {hours} at {place}. Call {phone}."),
        )
        notify.register_kind(
            "placement_cancelled",
            label=_("Placement cancelled"),
            text=_("Your placement for {job} (starts {date}) is cancelled. Questions: {phone}."),
        )
        notify.register_kind(
            "job_alert",
            label=_("New jobs that match"),
            text=_("New job for you: {job} {pay}, and {count} in all. See them: {link}"),
        )
        notify.register_kind(
            "job_alert_now",
            label=_("A job starting today"),
            text=_("Job today: {job} {pay} at {place}. See it and sign up: {link}"),
            urgent=True,
            opt_out_kind="job_alert",
        )
        # After the work: employer notices, re-hire asks and answers, rating links.
        from jobs.services import notices

        notices.register_kinds()
        from jobs import panels as matching_panels

        panels.workbench.register(matching_panels.waiting_panel)
        panels.workbench.register(matching_panels.short_panel)
        panels.me.register(matching_panels.me_panel)
        from gigmarket.roles import Role
        from jobs import demo_steps  # noqa: F401  (registers the demo step)

        panels.workbench.register(
            panels.Panel(
                key="jobs-review",
                title=_("Postings to review"),
                template="jobs/includes/_panel_review.html",
                context=_review_panel_context,
                visible=lambda request: request.user.has_role(Role.REVIEWER, Role.COUNTY_ADMIN),
                order=20,
            )
        )
        panels.workbench.register(
            panels.Panel(
                key="jobs-orders",
                title=_("Job orders"),
                template="jobs/includes/_panel_jobs.html",
                context=_jobs_panel_context,
                visible=lambda request: request.user.has_role(
                    Role.STATION_STAFF, Role.COUNTY_ADMIN
                ),
                order=30,
            )
        )
