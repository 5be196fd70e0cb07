from django.urls import path

from regie.triage import views, views_letters

app_name = "triage"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("voordracht/<int:pk>/", views.nomination_file, name="file"),
    path("voordracht/<int:pk>/starten/", views.start, name="start"),
    path("voordracht/<int:pk>/beoordeling/", views.assessment, name="assessment"),
    path("voordracht/<int:pk>/besluit/", views.propose, name="propose"),
    path("voordracht/<int:pk>/bevestigen/", views.confirm, name="confirm"),
    path("voordracht/<int:pk>/terugsturen/", views.return_to_triage, name="return"),
    path("voordracht/<int:pk>/brief.pdf", views_letters.letter_pdf, name="letter_pdf"),
    path("voordracht/<int:pk>/brief/verstuurd/", views_letters.letter_sent, name="letter_sent"),
    path(
        "voordracht/<int:pk>/brief/uitstellen/",
        views_letters.letter_postponed,
        name="letter_postpone",
    ),
]
