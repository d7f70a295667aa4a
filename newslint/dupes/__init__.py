"""Duplicate paragraphs across articles: fingerprints (MinHash over word shingles), LSH banding,
verification with rapidfuzz, and a persistent SQLite index. See docs/design-cross-file.md.

Nothing here is imported on the plain check path: numpy, rensa and rapidfuzz load only when a
run-level cross-file rule or an index command needs them.
"""
