"""The public events pages, one module per part."""
