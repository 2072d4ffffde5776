"""URLs of letters."""

app_name = "letters"
urlpatterns: list = []
