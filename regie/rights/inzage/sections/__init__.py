"""The sections the shipped apps contribute to the access export (see ``registry``)."""

from regie.rights.inzage.sections import cases, intake, rights

__all__ = ["cases", "intake", "rights"]
