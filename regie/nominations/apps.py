from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "regie.nominations"
    verbose_name = "Voordrachten"

    def ready(self) -> None:
        from regie.nominations import resources  # noqa: F401
