from django.urls import path

from regie.monitor import views

app_name = "monitor"
urlpatterns = [
    path("", views.yearly, name="yearly"),
    path("ervaringen/", views.experience_list, name="experiences"),
    path("ervaringen/nieuw/", views.experience_edit, name="experience_new"),
    path("ervaringen/<int:pk>/", views.experience_edit, name="experience_edit"),
]
