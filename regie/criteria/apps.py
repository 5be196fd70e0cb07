from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "regie.criteria"
    verbose_name = "Criteria"
