from django.urls import path

from regie.nominations import views

app_name = "nominations"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("nieuw/", views.start, name="start"),
    path("nieuw/persoon/", views.person_new, name="person_new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/intrekken/", views.withdraw, name="withdraw"),
]
