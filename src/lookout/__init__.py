"""Lookout: see together what each agency that looks after children sees alone."""

__version__ = "0.1.0"
__all__ = ["__version__"]
