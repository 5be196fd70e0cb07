from django.urls import path

from regie.fairness import views

app_name = "fairness"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("download/", views.download, name="download"),
]
