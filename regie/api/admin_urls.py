from django.urls import path

from regie.api import admin_views

app_name = "api_clients"
urlpatterns = [
    path("", admin_views.client_list, name="list"),
    path("nieuw/", admin_views.client_new, name="new"),
    path("<int:pk>/", admin_views.client_detail, name="detail"),
    path("<int:pk>/token/", admin_views.client_rotate, name="rotate"),
    path("<int:pk>/actief/", admin_views.client_toggle_active, name="toggle_active"),
    path("tokens/<int:pk>/intrekken/", admin_views.token_revoke, name="revoke"),
]
