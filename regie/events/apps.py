from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "regie.events"
    verbose_name = "Gebeurtenissen"
