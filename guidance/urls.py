"""URLs of the guidance app (opaque ids only; never a name, phone or ID number)."""

from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.index, name="index"),
    path("me/plan/", views.my_plan, name="my_plan"),
    path("people/<uuid:public_id>/new/", views.guidance_create, name="guidance_create"),
    path("<uuid:public_id>/", views.guidance_detail, name="guidance_detail"),
    path("<uuid:public_id>/edit/", views.guidance_edit, name="guidance_edit"),
    path("<uuid:public_id>/health/", views.health_reveal, name="health_reveal"),
    path("<uuid:public_id>/steps/", views.step_add, name="step_add"),
    path("<uuid:public_id>/refer/", views.step_refer, name="step_refer"),
    path("<uuid:public_id>/print/", views.plan_print, name="plan_print"),
    path("steps/<int:pk>/done/", views.step_mark, name="step_mark"),
    path("steps/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("registrations/", views.registration_list, name="registration_list"),
    path("registrations/export.csv", views.registration_export, name="registration_export"),
    path(
        "registrations/people/<uuid:public_id>/new/",
        views.registration_create,
        name="registration_create",
    ),
    path("registrations/<uuid:public_id>/", views.registration_detail, name="registration_detail"),
    path(
        "registrations/<uuid:public_id>/reference/",
        views.registration_reference,
        name="registration_reference",
    ),
    path("insurance/", views.advice_list, name="advice_list"),
    path("insurance/<uuid:public_id>/", views.advice_record, name="advice_record"),
]
