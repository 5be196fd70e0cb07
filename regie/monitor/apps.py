from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "regie.monitor"
    verbose_name = "Monitor"

    def ready(self) -> None:
        from regie.monitor import resources  # noqa: F401
