from django.urls import path

from regie.criteria import views

app_name = "criteria"
urlpatterns = [path("", views.criteria_list, name="list")]
