"""The sections the shipped apps contribute to the access export (see ``registry``)."""

from regie.rights.inzage.sections import intake, rights

__all__ = ["intake", "rights"]
