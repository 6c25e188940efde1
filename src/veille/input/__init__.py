"""Bytes to articles: decoding, HTML pages, JSON objects (decode.py), and the items of folders, archives and
exports (items.py)."""
