"""Measure what a phone downloads for each page: HTML and CSS, raw and compressed, and the
number of database queries the page needs.

    python manage.py measure_pages /en/ /ar/ /en/venues/theatre-royal/
"""

import gzip
import re

import brotli
from django.contrib.staticfiles import finders
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Print each page's transferred size (HTML + CSS, gzip and Brotli) and query count."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Paths such as /en/ or /ar/venues/")

    def handle(self, *args, paths, **options):
        client = Client(HTTP_HOST="127.0.0.1")
        self.stdout.write(
            f"{'page':<34}{'queries':>8}{'html':>8}{'css':>8}{'gzip':>8}{'brotli':>8}"
        )
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
            html = response.content
            css = b"".join(self._stylesheets(html.decode()))
            gzipped = len(gzip.compress(html, 9)) + len(gzip.compress(css, 9))
            brotlied = len(brotli.compress(html)) + len(brotli.compress(css))
            self.stdout.write(
                f"{path:<34}{len(queries):>8}{len(html):>8}{len(css):>8}{gzipped:>8}{brotlied:>8}"
            )

    def _stylesheets(self, html):
        for href in re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html):
            with open(finders.find(href), "rb") as stylesheet:
                yield stylesheet.read()
