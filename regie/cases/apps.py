from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "regie.cases"
    verbose_name = "Casussen"

    def ready(self) -> None:
        from regie.cases import resources  # noqa: F401  (registers the "case" resource)
