from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "regie.api"
    label = "api"
    verbose_name = "Partner-API"

    def ready(self) -> None:
        # Registers the bearer-token security scheme with drf-spectacular.
        from regie.api import schema  # noqa: F401
