from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "regie.core"
    verbose_name = "Kern"

    def ready(self) -> None:
        from tqdm import tqdm

        from regie.core import checks  # noqa: F401  (registers the system checks)
        from regie.core.signals import create_cache_table

        # No tqdm monitor thread: `regie audit verify` forks its workers while its progress bar
        # runs, and a fork with another thread alive can leave a child on a lock nobody frees.
        tqdm.monitor_interval = 0

        # Core has no models, so Django sends it no post_migrate; hang on to every app's signal
        # and let the handler act once, for the accounts app.
        post_migrate.connect(create_cache_table, dispatch_uid="regie_create_cache_table")
