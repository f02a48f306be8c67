"""URLs of the kernel's own pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from gigmarket import health, views
from gigmarket.forms import LoginForm

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("elder-mode/", views.elder_mode, name="elder_mode"),
    path(
        "accounts/login/",
        views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/start/", views.after_login, name="after_login"),
    path("workbench/", views.workbench, name="workbench"),
    path("me/", views.me, name="me"),
    path("audit/", views.audit_log, name="audit_log"),
    path("health/", health.health, name="health"),
    path("u/<str:token>/", views.message_opt_out, name="message_opt_out"),
    path("messages/failed/", views.message_failures, name="message_failures"),
]
