from django.apps import AppConfig


class FairnessConfig(AppConfig):
    name = "regie.fairness"
    verbose_name = "Eerlijkheidsmonitor"

    def ready(self) -> None:
        from regie.fairness import resources  # noqa: F401
