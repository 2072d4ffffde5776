"""URLs of dossiers."""

app_name = "dossiers"
urlpatterns: list = []
