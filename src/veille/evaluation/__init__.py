"""Scoring: topics and stance against baselines (models.py), quotes and speakers (quotes.py), agreement
between annotators (agreement.py)."""
