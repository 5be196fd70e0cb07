from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "regie.audit"
    verbose_name = "Audit"
