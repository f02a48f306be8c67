"""URLs of the publicity app: public pages first, then the wall notice, the back office and the window."""

from django.urls import path

from publicity import views

app_name = "publicity"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("<int:pk>/", views.article_detail, name="article_detail"),
    path("<int:pk>/files/<int:file_pk>/", views.attachment_download, name="attachment_download"),
    # The station's public wall (上墙公示) and its rights QR card (维权码), printable.
    path("wall/<slug:code>/", views.wall_notice, name="wall_notice"),
    path("wall/<slug:code>/rights-card/", views.rights_card, name="rights_card"),
    # The window: policy consultation in two taps.
    path("consult/", views.consult, name="consult"),
    path("consult/log/", views.consult_log, name="consult_log"),
    # Back office.
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.article_create, name="article_create"),
    path("manage/consultations/", views.consultation_counts, name="consultation_counts"),
    path("manage/<int:pk>/", views.article_manage, name="article_manage"),
    path("manage/<int:pk>/edit/", views.article_edit, name="article_edit"),
    path("manage/<int:pk>/publish/", views.article_publish, name="article_publish"),
    path("manage/<int:pk>/archive/", views.article_archive, name="article_archive"),
    path("manage/<int:pk>/reopen/", views.article_reopen, name="article_reopen"),
    path("manage/<int:pk>/files/", views.attachment_add, name="attachment_add"),
    path(
        "manage/<int:pk>/files/<int:file_pk>/delete/",
        views.attachment_remove,
        name="attachment_remove",
    ),
]
