"""URLs of the training app: public pages first, then the back office under manage/ (opaque ids only)."""

from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    # public, and the seeker's one-tap sign-up
    path("", views.programme_list, name="programme_list"),
    path("<uuid:public_id>/", views.programme_detail, name="programme_detail"),
    path("<uuid:public_id>/sign-up/", views.programme_sign_up, name="programme_sign_up"),
    # demand orders (订单式培训)
    path("wishes/new/", views.demand_create, name="demand_create"),
    path("wishes/", views.demand_list, name="demand_list"),
    path("wishes/<uuid:public_id>/serve/", views.demand_serve, name="demand_serve"),
    # back office
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.programme_create, name="programme_create"),
    path("manage/institutions/", views.institution_list, name="institution_list"),
    path("manage/institutions/new/", views.institution_create, name="institution_create"),
    path("manage/<uuid:public_id>/", views.programme_manage, name="programme_manage"),
    path("manage/<uuid:public_id>/edit/", views.programme_edit, name="programme_edit"),
    path("manage/<uuid:public_id>/sessions/", views.session_add, name="session_add"),
    path("manage/<uuid:public_id>/publish/", views.programme_publish, name="programme_publish"),
    path("manage/<uuid:public_id>/start/", views.programme_start, name="programme_start"),
    path("manage/<uuid:public_id>/finish/", views.programme_finish, name="programme_finish"),
    path("manage/<uuid:public_id>/cancel/", views.programme_cancel, name="programme_cancel"),
    path("manage/<uuid:public_id>/refer/", views.referral_search, name="referral_search"),
    path("manage/<uuid:public_id>/refer/add/", views.referral_create, name="referral_create"),
    path("manage/<uuid:public_id>/roster/", views.roster, name="roster"),
    path("manage/<uuid:public_id>/roster/export/", views.roster_export, name="roster_export"),
    path("manage/sessions/<int:pk>/attendance/", views.attendance_record, name="attendance_record"),
    path("referrals/<uuid:public_id>/enrol/", views.referral_enrol, name="referral_enrol"),
    path("referrals/<uuid:public_id>/complete/", views.referral_complete, name="referral_complete"),
    path("referrals/<uuid:public_id>/certify/", views.referral_certify, name="referral_certify"),
    path("referrals/<uuid:public_id>/drop/", views.referral_drop, name="referral_drop"),
]
