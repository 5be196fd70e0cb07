from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "regie.access"
    verbose_name = "Toegang"

    def ready(self) -> None:
        from regie.access import resources  # noqa: F401  (registers the foundation resources)
