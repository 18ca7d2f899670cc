"""newstone: measure the tone of news articles, reproducibly."""

__version__ = "0.1.0"
