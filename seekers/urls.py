"""URLs of the seekers app: staff pages under staff/, the person's own under me/ (opaque ids only)."""

from django.urls import path

from seekers import views

app_name = "seekers"

urlpatterns = [
    path("staff/", views.seeker_list, name="seeker_list"),
    path("staff/register/", views.seeker_register_view, name="seeker_register"),
    path("staff/priority/", views.priority_ledger, name="priority_ledger"),
    path("staff/<uuid:public_id>/", views.seeker_detail, name="seeker_detail"),
    path("staff/<uuid:public_id>/reveal/", views.seeker_reveal, name="seeker_reveal"),
    path("staff/<uuid:public_id>/edit/", views.seeker_edit, name="seeker_edit"),
    path("staff/<uuid:public_id>/renew/", views.seeker_renew_view, name="seeker_renew"),
    path("staff/<uuid:public_id>/status/", views.seeker_status, name="seeker_status"),
    path("staff/<uuid:public_id>/withdraw/", views.seeker_withdraw_view, name="seeker_withdraw"),
    path("staff/<uuid:public_id>/slip/", views.seeker_slip, name="seeker_slip"),
    path("staff/<uuid:public_id>/claim-code/", views.seeker_claim_code, name="seeker_claim_code"),
    path("staff/<uuid:public_id>/contact/", views.seeker_contact, name="seeker_contact"),
    path("staff/<uuid:public_id>/alerts/", views.seeker_alerts, name="seeker_alerts"),
    path(
        "staff/<uuid:public_id>/messages/opt-out/",
        views.seeker_messages_opt_out,
        name="seeker_messages_opt_out",
    ),
    path("register/", views.seeker_self_register_view, name="seeker_self_register"),
    path("register/code/", views.self_register_confirm, name="self_register_confirm"),
    path("claim/", views.account_claim, name="account_claim"),
    path("me/", views.own_record, name="own_record"),
    path("me/edit/", views.own_edit, name="own_edit"),
    path("me/renew/", views.own_renew, name="own_renew"),
    path("me/alerts/", views.own_alerts, name="own_alerts"),
    path("me/download/", views.own_download, name="own_download"),
    path("me/withdraw/", views.own_withdraw, name="own_withdraw"),
]
