"""Performance measurements of the handbook (``make bench``); not part of the product."""
