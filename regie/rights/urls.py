from django.urls import path

from regie.rights import views, views_actions, views_other

app_name = "rights"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("nieuw/", views.receive, name="receive"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/in-behandeling/", views.start, name="start"),
    path("<int:pk>/verlengen/", views.extend, name="extend"),
    path("<int:pk>/sluiten/", views.close, name="close"),
    path("<int:pk>/inzage/", views_actions.inzage, name="inzage"),
    path(
        "<int:pk>/inzage/<int:export_pk>.<str:format>",
        views_actions.inzage_download,
        name="inzage_download",
    ),
    path("<int:pk>/rectificeren/", views_actions.rectify, name="rectify"),
    path("<int:pk>/beperken/", views_actions.restrict, name="restrict"),
    path("<int:pk>/beperking-opheffen/", views_actions.lift, name="lift"),
    path("<int:pk>/wissen/", views_actions.erase, name="erase"),
    path("meldingen/", views_other.notifications, name="notifications"),
    path("meldingen/<int:pk>/gelezen/", views_other.notification_read, name="notification_read"),
    path("bewaartermijnen/", views_other.retention, name="retention"),
    path("bewaartermijnen/proefdraai/", views_other.retention_dry_run, name="retention_dry_run"),
    path(
        "bewaartermijnen/proefdraai/<uuid:task_id>/",
        views_other.retention_dry_run_result,
        name="retention_dry_run_result",
    ),
    path(
        "bewaartermijnen/proefdraai/<uuid:task_id>/lijst.csv",
        views_other.retention_dry_run_csv,
        name="retention_dry_run_csv",
    ),
    path("bewaartermijnen/verlengen/", views_other.retention_extension, name="retention_extension"),
]
