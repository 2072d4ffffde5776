"""URLs of cases."""

app_name = "cases"
urlpatterns: list = []
