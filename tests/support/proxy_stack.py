"""The shipped deployment on loopback ports: gunicorn with deploy/gunicorn.conf.py and,
optionally, nginx with deploy/nginx/parent_app.conf in front (for the proxy tests and
the slow-client probe in `make bench`).

with ProxyStack(nginx=True) as stack:
    stack.url("/api/v1/health")     # through nginx
    stack.direct_url("/api/v1/...") # gunicorn alone
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_available() -> bool:
    return os.path.exists(NGINX) and os.access(NGINX, os.X_OK)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on port {port} after {timeout}s")


def nginx_config(server_conf: str, *, listen_port: int, upstream_port: int) -> str:
    """The repository's server block on loopback ports, in a minimal nginx.conf that
    runs in the foreground as the current user, logging to its own directory."""
    conf = server_conf.replace("listen 80;", f"listen 127.0.0.1:{listen_port};")
    conf = conf.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
    if str(listen_port) not in conf or str(upstream_port) not in conf:
        raise ValueError(
            "deploy/nginx/parent_app.conf no longer has the lines to adapt"
        )
    return (
        "daemon off;\nworker_processes 1;\npid nginx.pid;\n"
        "error_log error.log warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n  access_log off;\n"
        "  client_body_temp_path tmp/body;\n  proxy_temp_path tmp/proxy;\n"
        "  fastcgi_temp_path tmp/fastcgi;\n  uwsgi_temp_path tmp/uwsgi;\n"
        "  scgi_temp_path tmp/scgi;\n"
        f"{conf}\n}}\n"
    )


class ProxyStack:
    def __init__(self, *, nginx: bool = True, workers: int = 2) -> None:
        self.use_nginx = nginx
        self.workers = workers
        self.gunicorn_port = free_port()
        self.nginx_port = free_port() if nginx else None
        self._dir = Path(tempfile.mkdtemp(prefix="parent-app-proxy-"))
        self._gunicorn: subprocess.Popen[bytes] | None = None
        self._nginx: subprocess.Popen[bytes] | None = None

    def url(self, path: str) -> str:
        port = self.nginx_port if self.use_nginx else self.gunicorn_port
        return f"http://127.0.0.1:{port}{path}"

    def direct_url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.gunicorn_port}{path}"

    @property
    def port(self) -> int:
        return int(self.nginx_port if self.use_nginx else self.gunicorn_port)

    def start(self) -> ProxyStack:
        self.start_gunicorn()
        if self.use_nginx:
            (self._dir / "tmp").mkdir()
            conf = nginx_config(
                (ROOT / "deploy" / "nginx" / "parent_app.conf").read_text(),
                listen_port=int(self.nginx_port or 0),
                upstream_port=self.gunicorn_port,
            )
            (self._dir / "nginx.conf").write_text(conf)
            self._nginx = subprocess.Popen(  # noqa: S603
                [NGINX, "-p", str(self._dir), "-c", str(self._dir / "nginx.conf")],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_for_port(int(self.nginx_port or 0))
        return self

    def start_gunicorn(self) -> None:
        from parent_app.secrets import generate_vapid_keys

        private, public = generate_vapid_keys()
        env = {
            **os.environ,
            "PARENT_APP_CONFIG": "production",
            "DATABASE_URL": f"sqlite:///{self._dir}/app.sqlite3",
            "SECRET_KEY": "proxy-stack-" + os.urandom(8).hex(),
            "VAPID_PRIVATE_KEY": private,
            "VAPID_PUBLIC_KEY": public,
            "VAPID_SUBJECT": "mailto:probe@example.org",
            "MAIL_URL": "smtp+plain://127.0.0.1:1",
            "PUBLIC_BASE_URL": "https://app.example.org",
            "GUNICORN_BIND": f"127.0.0.1:{self.gunicorn_port}",
            "GUNICORN_WORKERS": str(self.workers),
        }
        self._gunicorn = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                str(self._dir / "gunicorn.log"),
                "parent_app:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.gunicorn_port)
        # The app is loaded by each worker on its first request: warm them up.
        for _ in range(self.workers * 2):
            with urllib.request.urlopen(  # noqa: S310 - loopback
                self.direct_url("/api/v1/health"), timeout=30
            ) as response:
                response.read()

    def stop_gunicorn(self) -> None:
        if self._gunicorn is not None and self._gunicorn.poll() is None:
            self._gunicorn.send_signal(signal.SIGTERM)
            try:
                self._gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._gunicorn.kill()
                self._gunicorn.wait()
        self._gunicorn = None

    def gunicorn_log(self) -> str:
        path = self._dir / "gunicorn.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        self.stop_gunicorn()
        if self._nginx is not None and self._nginx.poll() is None:
            self._nginx.send_signal(signal.SIGQUIT)
            try:
                self._nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._nginx.kill()
                self._nginx.wait()
        self._nginx = None
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> ProxyStack:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
