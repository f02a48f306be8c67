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
    # the posting checker's rules
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/toggle/", views.rule_toggle, name="rule_toggle"),
]
