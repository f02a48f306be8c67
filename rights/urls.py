"""URLs of the rights app: public filing and tracking, then the staff's case pages."""

from django.urls import path

from rights import views

app_name = "rights"

urlpatterns = [
    # public: no account needed
    path("", views.complaint_create, name="complaint_create"),
    path("filed/", views.complaint_receipt, name="complaint_receipt"),
    path("track/", views.complaint_track, name="complaint_track"),
    path("track/<str:number>/", views.complaint_status, name="complaint_status"),
    path("track/<str:number>/rate/", views.complaint_rate, name="complaint_rate"),
    # staff
    path("cases/", views.complaint_list, name="complaint_list"),
    path("cases/overdue/", views.complaint_overdue, name="complaint_overdue"),
    path("cases/new/", views.complaint_intake, name="complaint_intake"),
    path("cases/<uuid:public_id>/", views.complaint_detail, name="complaint_detail"),
    path("cases/<uuid:public_id>/reveal/", views.complaint_reveal, name="complaint_reveal"),
    path("cases/<uuid:public_id>/notice/", views.complaint_notice, name="complaint_notice"),
    path("cases/<uuid:public_id>/accept/", views.complaint_accept, name="complaint_accept"),
    path("cases/<uuid:public_id>/decline/", views.complaint_decline, name="complaint_decline"),
    path("cases/<uuid:public_id>/mediate/", views.complaint_mediate, name="complaint_mediate"),
    path("cases/<uuid:public_id>/resolve/", views.complaint_resolve, name="complaint_resolve"),
    path("cases/<uuid:public_id>/transfer/", views.complaint_transfer, name="complaint_transfer"),
    path("cases/<uuid:public_id>/close/", views.complaint_close, name="complaint_close"),
    path(
        "cases/<uuid:public_id>/hand-over/", views.complaint_hand_over, name="complaint_hand_over"
    ),
    path(
        "cases/<uuid:public_id>/suspend-employer/",
        views.complaint_suspend_employer,
        name="complaint_suspend_employer",
    ),
    path("cases/<uuid:public_id>/reassign/", views.complaint_reassign, name="complaint_reassign"),
    path(
        "cases/<uuid:public_id>/close-job/", views.complaint_close_job, name="complaint_close_job"
    ),
    path("cases/<uuid:public_id>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "cases/<uuid:public_id>/evidence/<int:pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
    # county admin
    path("holidays/", views.holiday_list, name="holiday_list"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday_delete"),
]
