from django.urls import path

from regie.governance import views, views_oversight

app_name = "governance"
urlpatterns = [
    path("criteria/", views.criteria, name="criteria"),
    path("criteria/<int:pk>/", views.criteria_set, name="criteria_set"),
    path("criteria/<int:pk>/stap/", views.criteria_set_step, name="criteria_set_step"),
    path("criteria/<int:pk>/geschiedenis/", views.history, name="history"),
    path("documenten/", views.documents, name="documents"),
    path("toezicht/", views_oversight.oversight, name="oversight"),
    path("toezicht/steekproef/", views_oversight.oversight_samples, name="samples"),
    path("afwijkingen/", views_oversight.anomalies, name="anomalies"),
    path("privacy-auditrapport/", views_oversight.privacy_report_view, name="privacy_report"),
]
