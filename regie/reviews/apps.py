from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "regie.reviews"
    verbose_name = "Toetsen, uitstroom en overdracht"

    def ready(self) -> None:
        # Registers the "outflow" and "handover" resources and the drift-detection receiver.
        from regie.reviews import resources, signals  # noqa: F401
