"""The upstream server: sync API, enrolment, reference data, dashboard, admin CLI."""

# One version for the whole project, written once in desk/__init__.py.
from desk import __version__

__all__ = ["__version__"]
