"""Discovery: regions, zones, organisations, programmes and people the registry does not list.

recogniser.py (the model, behind our interface) -> cache.py (each article recognised once)
-> rules.py (names from tokens by their form) -> article.py (resolution in the article's
context) -> discover.py (into the build: registry wins, unreviewed entities) -> review.py
(the curator's queue: candidates, accept, reject).
"""
