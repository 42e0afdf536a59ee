"""Mail transports: SMTP (STARTTLS or TLS) from MAIL_URL, and .eml files for
development, behind one small protocol so the sending pass does not care which."""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)


class MailTransport(Protocol):
    def open(self) -> None: ...

    def send(self, message: EmailMessage) -> None:
        """Hand one message over; raises MailRefused (for good) or MailDeferred."""

    def close(self) -> None: ...


class MailRefused(Exception):
    """The server refused the message for good (a 5xx reply): do not retry."""


class MailDeferred(Exception):
    """The message could not go now (a 4xx reply, a network error): try again later."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None
    password: str | None
    implicit_tls: bool
    starttls: bool


def parse_mail_url(url: str) -> SmtpSettings:
    """smtp://user:pass@host:587 (STARTTLS), smtps://user:pass@host:465 (TLS from the
    start), smtp+plain://host:25 (no TLS: only for a relay on the same machine).
    Raises ValueError for anything else."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("smtp", "smtps", "smtp+plain") or not parts.hostname:
        raise ValueError(
            "MAIL_URL must look like smtp://user:password@host:587 or smtps://…:465"
        )
    default_port = {"smtp": 587, "smtps": 465, "smtp+plain": 25}[scheme]
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or default_port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=scheme == "smtps",
        starttls=scheme == "smtp",
    )


class SmtpTransport:
    """One connection per sending pass, reused for every message in it."""

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        timeout_seconds: float,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.settings = settings
        self.timeout_seconds = timeout_seconds
        self.ssl_context = ssl_context or ssl.create_default_context()
        self._smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        s = self.settings
        try:
            if s.implicit_tls:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host,
                    s.port,
                    timeout=self.timeout_seconds,
                    context=self.ssl_context,
                )
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout_seconds)
                if s.starttls:
                    smtp.starttls(context=self.ssl_context)
            if s.username:
                smtp.login(s.username, s.password or "")
        except (OSError, smtplib.SMTPException) as exc:
            raise MailDeferred(f"cannot reach the mail server: {exc}") from exc
        self._smtp = smtp

    def send(self, message: EmailMessage) -> None:
        if self._smtp is None:
            self.open()
        assert self._smtp is not None
        try:
            self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if all(code >= 500 for code in codes):
                raise MailRefused(f"recipient refused: {codes}") from exc
            raise MailDeferred(f"recipient deferred: {codes}") from exc
        except smtplib.SMTPResponseException as exc:
            text = f"{exc.smtp_code} {exc.smtp_error!r}"
            if exc.smtp_code >= 500:
                raise MailRefused(text) from exc
            raise MailDeferred(text) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self._smtp = None  # the connection is gone; the next message reconnects
            raise MailDeferred(str(exc)) from exc

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None


_LINK = re.compile(r"https?://\S+")


class FileTransport:
    """Development: each message becomes an .eml file in `directory`, and its links are
    logged, so nobody needs a mail server to follow a verification or reset link."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    def open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)

    def send(self, message: EmailMessage) -> None:
        self.open()
        name = f"{message['Message-ID'] or id(message)}".strip("<>").replace("@", "_")
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        path = self.directory / f"{safe}.eml"
        path.write_bytes(bytes(message))
        plain = message.get_body(preferencelist=("plain",))
        links = _LINK.findall(plain.get_content()) if plain is not None else []
        log.info(
            "mail to %s written to %s; links: %s",
            message["To"],
            path,
            " ".join(links) or "none",
        )

    def close(self) -> None:
        return None
