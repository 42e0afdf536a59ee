"""gunicorn settings for the parent app behind nginx (deploy/nginx/parent_app.conf).

gunicorn --config deploy/gunicorn.conf.py 'parent_app:create_app()'

nginx buffers every request and response whole, so sync workers only ever talk to
nginx over loopback and never wait on a slow client. The timeouts bound what a worker
may spend on one request; none of them is reachable by a client on the internet.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer is a bug or a stuck database: the worker is replaced.
timeout = 30
graceful_timeout = 30
# nginx keeps upstream connections alive (keepalive 16): a short idle wait is enough.
keepalive = 5
# Replace workers now and then, staggered, so slow leaks never build up; rarely, because
# a new worker starts with empty read caches (signed-in readers' answers, the published
# content; each bounded) and reads from the database until they fill.
max_requests = 200_000
max_requests_jitter = 20_000
# The same limits nginx enforces, should gunicorn ever be reached directly.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# nginx on this host sets X-Forwarded-For/-Proto (the app trusts TRUSTED_PROXY_COUNT).
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
errorlog = "-"
