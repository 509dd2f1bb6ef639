"""Settings for a Celery worker that a test runs in a process of its own: the test settings
(the test database at DATABASE_URL, the broker at REDIS_URL), but tasks go through the broker
and mail goes by SMTP to the test's server at EMAIL_URL, as in production."""

from sanctuary.settings import env
from tests.settings import *  # noqa: F403

globals().update(env.email_url("EMAIL_URL"))
CELERY_TASK_ALWAYS_EAGER = False
# A worker that its test kills leaves no reply queue behind in Redis.
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
