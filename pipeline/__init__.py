"""release-pipeline: multilingual, accessible editions of press releases."""

__version__ = "0.1.0"
NAME = "release-pipeline"
