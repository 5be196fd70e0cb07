from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "regie.governance"
    verbose_name = "Governance en toezicht"

    def ready(self) -> None:
        from regie.governance import resources  # noqa: F401
