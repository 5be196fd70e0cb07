from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "regie.triage"
    verbose_name = "Triage"
