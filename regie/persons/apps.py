from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "regie.persons"
    verbose_name = "Personen"
