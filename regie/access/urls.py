from django.urls import path

from regie.access import views

app_name = "access"
urlpatterns = [
    path(
        "doorbraak/<str:resource>/<int:object_id>/",
        views.break_glass_request,
        name="break_glass_request",
    ),
    path("doorbraken/", views.break_glass_queue, name="break_glass_queue"),
    path("doorbraken/<int:pk>/", views.break_glass_review_view, name="break_glass_review"),
]
