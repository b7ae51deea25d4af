"""The upstream server: sync API, enrolment, reference data, dashboard, admin CLI."""

__version__ = "0.1.0"
