"""URLs of the events app: public pages and feeds first, then the staff's pages under manage/."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    # public
    path("", views.event_list, name="event_list"),
    path("calendar.ics", views.county_calendar, name="county_calendar"),
    path("stations/<slug:code>/calendar.ics", views.station_calendar, name="station_calendar"),
    path("feed.json", views.feed_json, name="feed_json"),
    path("<uuid:public_id>/", views.event_detail, name="event_detail"),
    # seekers and employers
    path("<uuid:public_id>/register/", views.event_register, name="event_register"),
    path(
        "<uuid:public_id>/jobs/<int:pk>/sign-up/",
        views.event_job_sign_up,
        name="event_job_sign_up",
    ),
    path("<uuid:public_id>/join/", views.event_join, name="event_join"),
    path("slip/<str:token>/", views.registration_slip, name="registration_slip"),
    # staff
    path("check-in/<str:token>/", views.check_in, name="check_in"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.event_create, name="event_create"),
    path("manage/<uuid:public_id>/", views.event_manage, name="event_manage"),
    path("manage/<uuid:public_id>/edit/", views.event_edit, name="event_edit"),
    path("manage/<uuid:public_id>/move/", views.event_move, name="event_move"),
    path("manage/<uuid:public_id>/employers/", views.participants_add, name="participants_add"),
    path(
        "manage/<uuid:public_id>/employers/<int:pk>/decide/",
        views.participation_decide,
        name="participation_decide",
    ),
    path(
        "manage/<uuid:public_id>/employers/<int:pk>/present/",
        views.participation_present,
        name="participation_present",
    ),
    path("manage/<uuid:public_id>/door/", views.door_check_in, name="door_check_in"),
    path("manage/<uuid:public_id>/dispatch/", views.event_dispatch, name="event_dispatch"),
]
