"""The desk's core services: no Qt here, so everything runs headless and from the CLI."""

# The project's one version number: pyproject reads it (tool.setuptools.dynamic), and so do
# both programs, the frozen build, the installer, the server's health answer and every sync.
__version__ = "0.1.0"
