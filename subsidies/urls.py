"""URLs of the subsidies app: the desk's claims and the county admin's export."""

from django.urls import path

from subsidies import views

app_name = "subsidies"

urlpatterns = [
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/new/", views.claim_new, name="claim_new"),
    path("claims/export/", views.claim_export, name="claim_export"),
    path("claims/<uuid:public_id>/", views.claim_detail, name="claim_detail"),
    path("claims/<uuid:public_id>/documents/", views.claim_documents, name="claim_documents"),
    path(
        "claims/<uuid:public_id>/documents/<int:pk>/",
        views.document_download,
        name="document_download",
    ),
    path("claims/<uuid:public_id>/<slug:step>/", views.claim_step, name="claim_step"),
]
