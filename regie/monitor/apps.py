from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "regie.monitor"
    verbose_name = "Monitor"
