from django.urls import path

from regie.accounts import views

app_name = "accounts"
urlpatterns = [
    path("gebruikers/", views.user_list, name="user_list"),
    path("gebruikers/nieuw/", views.user_new, name="user_new"),
    path("gebruikers/<int:pk>/actief/", views.user_toggle_active, name="user_toggle_active"),
    path("gebruikers/<int:pk>/inloggegevens/", views.user_credentials, name="user_credentials"),
]
