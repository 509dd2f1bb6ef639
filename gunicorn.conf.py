"""gunicorn's configuration for the web app: `gunicorn -c gunicorn.conf.py sanctuary.wsgi`.

Each setting comes from the environment (README, "Running in production"). The app is
CPU-bound (pages, forms) with short database waits, so processes, not threads, carry the load:
by default one worker per core plus one, each with one thread.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
# More than one thread per worker runs gunicorn's threaded worker; the database pool
# (DATABASE_POOL_SIZE) should then be at least this many.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# A request still running after this is stopped, and its worker restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Behind a load balancer that keeps connections open.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Workers are replaced now and then (at different times), so slow leaks never pile up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))
max_requests_jitter = max_requests // 10
# Load the app once, before the workers fork: they share its memory and start at once.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    """Before the workers fork (the app is preloaded): load the reports' drawing library and
    its fonts once, shared by every worker, so a worker's first report does not wait for it."""
    from reports.charts import warm_up

    warm_up()
