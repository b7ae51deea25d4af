"""The desk's core services: no Qt here, so everything runs headless and from the CLI."""

__version__ = "0.1.0"
