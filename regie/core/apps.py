from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "regie.core"
    verbose_name = "Kern"

    def ready(self) -> None:
        from regie.core.signals import create_cache_table

        post_migrate.connect(create_cache_table, sender=self)
