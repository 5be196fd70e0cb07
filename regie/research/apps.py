from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "regie.research"
    verbose_name = "Onderzoeksexport (effectmeting)"
