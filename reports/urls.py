"""URLs of the reports app: the public bulletin and the county admin's report pages."""

from django.urls import path, re_path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.bulletin, name="bulletin"),
    re_path(
        r"^(?P<region>all|[0-9]{6,12})/(?P<month>[0-9]{4}-[0-9]{2})/$",
        views.bulletin_detail,
        name="bulletin_detail",
    ),
    path("manage/", views.report_manage, name="report_manage"),
    path("manage/chart.svg", views.report_chart, name="report_chart"),
    re_path(
        r"^manage/download/(?P<fmt>csv|xlsx|json)/$", views.report_download, name="report_download"
    ),
    path("manage/publish/", views.report_publish, name="report_publish"),
]
