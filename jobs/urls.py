"""URLs of the jobs app."""

from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    # public
    path("", views.job_list, name="job_list"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/flyer/", views.job_flyer, name="job_flyer"),
    path("screen/<slug:code>/", views.station_screen, name="station_screen"),
    path("feed.rss", views.feed_rss, name="feed_rss"),
    path("feed.json", views.feed_json, name="feed_json"),
    path("employers/register/", views.employer_register, name="employer_register"),
    path(
        "employers/register/code/",
        views.employer_register_confirm,
        name="employer_register_confirm",
    ),
    # employers' own page
    path("mine/", views.employer_home, name="employer_home"),
    # job orders
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/export.<str:fmt>", views.job_export, name="job_export"),
    path("new/", views.job_create, name="job_create"),
    path("check/", views.job_check, name="job_check"),
    path("<int:pk>/manage/", views.job_manage, name="job_manage"),
    path("<int:pk>/edit/", views.job_edit, name="job_edit"),
    path("<int:pk>/submit/", views.job_submit, name="job_submit"),
    path("<int:pk>/close/", views.job_close, name="job_close"),
    path("<int:pk>/approve/", views.job_approve, name="job_approve"),
    path("<int:pk>/reject/", views.job_reject, name="job_reject"),
    path("review/", views.review_queue, name="review_queue"),
    # employers (staff)
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/new/", views.employer_create, name="employer_create"),
    path("employers/<uuid:uuid>/", views.employer_detail, name="employer_detail"),
    path("employers/<uuid:uuid>/edit/", views.employer_edit, name="employer_edit"),
    path("employers/<uuid:uuid>/verify/", views.employer_verify, name="employer_verify"),
    path("employers/<uuid:uuid>/suspend/", views.employer_suspend, name="employer_suspend"),
    path("employers/<uuid:uuid>/unsuspend/", views.employer_unsuspend, name="employer_unsuspend"),
    # instant hire (即时快招): sign-up, waiting list, candidates, dispatch, results
    path("<int:pk>/sign-up/", views.job_sign_up, name="job_sign_up"),
    path("for-me/", views.jobs_for_me, name="jobs_for_me"),
    path("alerts/<str:digest>/", views.alert_digest, name="alert_digest"),
    path("my/<int:pk>/confirm/", views.my_placement_confirm, name="my_placement_confirm"),
    path("my/<int:pk>/withdraw/", views.my_placement_withdraw, name="my_placement_withdraw"),
    path("waiting/", views.waiting_list, name="waiting_list"),
    path("waiting/sign-in/", views.waiting_sign_in, name="waiting_sign_in"),
    path("<int:pk>/candidates/", views.job_candidates, name="job_candidates"),
    path("<int:pk>/call/<uuid:public_id>/", views.candidate_call, name="candidate_call"),
    path(
        "<int:pk>/recommend/<uuid:public_id>/",
        views.placement_recommend,
        name="placement_recommend",
    ),
    path("placements/<int:pk>/confirm/", views.placement_confirm, name="placement_confirm"),
    path("placements/<int:pk>/start/", views.placement_start, name="placement_start"),
    path("placements/<int:pk>/decline/", views.placement_decline, name="placement_decline"),
    path("placements/<int:pk>/no-show/", views.placement_no_show, name="placement_no_show"),
    path("placements/<int:pk>/cancel/", views.placement_cancel, name="placement_cancel"),
    path("placements/<int:pk>/complete/", views.placement_complete, name="placement_complete"),
    # after the work: employers' placements, re-hire, re-post, weekly orders, ratings
    path("mine/placements/", views.employer_placements, name="employer_placements"),
    path(
        "mine/placements/<int:pk>/answer/",
        views.employer_placement_answer,
        name="employer_placement_answer",
    ),
    path(
        "mine/placements/<int:pk>/done/",
        views.employer_placement_done,
        name="employer_placement_done",
    ),
    path("mine/placements/<int:pk>/rehire/", views.rehire_create, name="rehire_create"),
    path("rehire/", views.rehire_list, name="rehire_list"),
    path("rehire/<str:token>/", views.rehire_answer, name="rehire_answer"),
    path("<int:pk>/repost/", views.job_repost, name="job_repost"),
    path("<int:pk>/weekly/", views.recurring_start, name="recurring_start"),
    path("weekly/<int:pk>/stop/", views.recurring_stop, name="recurring_stop"),
    path("rate/<str:token>/", views.rate, name="rate"),
    # the posting checker's rules
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/toggle/", views.rule_toggle, name="rule_toggle"),
]
