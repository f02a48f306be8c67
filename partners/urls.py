"""URLs of the partners app: the partner's pages, then the station's."""

from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("", views.home, name="home"),
    path("refer/", views.refer, name="refer"),
    path("consent-slip/", views.consent_slip, name="consent_slip"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<uuid:public_id>/", views.referral_detail, name="referral_detail"),
    path("referrals/<uuid:public_id>/consent/", views.consent_download, name="consent_download"),
    path("referrals/<uuid:public_id>/<slug:step>/", views.referral_step, name="referral_step"),
]
