"""URLs of the stations app: the public directory first, then the back-office."""

from django.urls import path

from stations import views

app_name = "stations"

urlpatterns = [
    path("", views.station_list, name="station_list"),
    # Back-office lists (these words are reserved: no station may use them as its code).
    path("registry/", views.station_registry, name="station_registry"),
    path("registry/new/", views.station_create, name="station_create"),
    path("gaps/", views.station_gaps, name="station_gaps"),
    path("evaluations/", views.evaluation_list, name="evaluation_list"),
    path("evaluations/retire/", views.retire_followups, name="retire_followups"),
    # One station.
    path("<slug:code>/", views.station_detail, name="station_detail"),
    path("<slug:code>/qr.svg", views.station_qr, name="station_qr"),
    path("<slug:code>/edit/", views.station_edit, name="station_edit"),
    path("<slug:code>/hours/", views.station_hours, name="station_hours"),
    path("<slug:code>/hours/exceptions/", views.exception_add, name="exception_add"),
    path(
        "<slug:code>/hours/exceptions/<int:pk>/delete/",
        views.exception_delete,
        name="exception_delete",
    ),
    path("<slug:code>/staff/", views.station_staff, name="station_staff"),
    path("<slug:code>/staff/<int:pk>/end/", views.assignment_end, name="assignment_end"),
    path("<slug:code>/retire/", views.station_retire, name="station_retire"),
    path("<slug:code>/ledger/", views.ledger, name="ledger"),
    path("<slug:code>/ledger/export/", views.ledger_export, name="ledger_export"),
    path("<slug:code>/ledger/add/", views.ledger_entry_add, name="ledger_entry_add"),
    path("<slug:code>/evaluations/<int:year>/self/", views.self_assessment, name="self_assessment"),
    path(
        "<slug:code>/evaluations/<int:year>/centre/",
        views.evaluation_record,
        name="evaluation_record",
    ),
]
