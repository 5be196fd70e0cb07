from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "regie.rights"
    verbose_name = "Rechten van betrokkenen"

    def ready(self) -> None:
        from regie.rights import resources  # noqa: F401
        from regie.rights.inzage import sections  # noqa: F401
        from regie.rights.retention import kinds  # noqa: F401
