app_name = "surveys_results"
urlpatterns: list = []
