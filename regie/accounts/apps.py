from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "regie.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from regie.accounts import signals  # noqa: F401
