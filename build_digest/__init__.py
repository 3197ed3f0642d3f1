"""Build a cross-linked digest of Chinese science-and-technology news into a MkDocs site."""

__version__ = "0.1.0"
