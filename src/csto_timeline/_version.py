"""The library's version: read by the build backend from here, so no metadata lookup happens at import."""

__version__ = "0.1.0"
