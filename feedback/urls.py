"""URLs of the feedback app."""

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("s/<str:token>/", views.survey, name="survey"),
    path("station/<slug:code>/", views.station_survey, name="station_survey"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
    path("follow-up/", views.followups, name="followups"),
    path("follow-up/<uuid:uuid>/complaint/", views.wage_complaint, name="wage_complaint"),
]
