"""The syntax layer: a file's text as sections, blocks, tables and code, with 1-based spans."""
