"""Regie: the case system for persoonsgerichte regie."""
