"""URLs of deadlines."""

app_name = "deadlines"
urlpatterns: list = []
