"""URLs of the seekers app."""

app_name = "seekers"

urlpatterns: list = []
