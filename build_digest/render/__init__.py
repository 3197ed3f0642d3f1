"""Markdown pages, one module per page family."""
