"""URLs of evaluation."""

app_name = "evaluation"
urlpatterns: list = []
