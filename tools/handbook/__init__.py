"""Turn messy plain-text dumps of articles into a Sphinx course handbook.

The pipeline, one module per stage (see ``pipeline.py``):

1. ``reader``     bytes -> decoded text with line numbers
2. ``segment``    text -> article occurrences and dropped lines
3. ``dedupe``     occurrences -> unique articles with provenance
4. ``structure``  article lines -> typed blocks (headings, lists, quotes…)
5. ``classify``   article -> course theme with reasons
6. ``render``     article -> MyST Markdown page (the escaping boundary)
7. ``writer``     pages -> files, atomically and incrementally
"""

__version__ = "0.1.0"
