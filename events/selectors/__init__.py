"""Reads about performances, network events and the mailing list for the public pages and
the admin, one module per sub-domain, each in a fixed number of queries."""
