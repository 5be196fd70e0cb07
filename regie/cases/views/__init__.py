"""Thin views over the case services and selectors, split by section of the case page."""
