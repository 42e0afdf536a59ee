"""Development secrets: generated once into instance/ so that a new user needs
nothing."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any


def generate_vapid_keys() -> tuple[str, str]:
    """A new P-256 VAPID key pair as (private PEM-less base64url, public base64url)."""
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    private_number = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    return b64(private_number), b64(public)


def ensure_development_secrets(config: Any, instance_path: str) -> None:
    """Fill SECRET_KEY and the VAPID keys from instance/secrets.json, creating it
    once."""
    path = Path(instance_path) / "secrets.json"
    stored: dict[str, str] = {}
    if path.exists():
        stored = json.loads(path.read_text())
    changed = False
    if not stored.get("SECRET_KEY"):
        stored["SECRET_KEY"] = secrets.token_urlsafe(48)
        changed = True
    if not stored.get("VAPID_PRIVATE_KEY") or not stored.get("VAPID_PUBLIC_KEY"):
        stored["VAPID_PRIVATE_KEY"], stored["VAPID_PUBLIC_KEY"] = generate_vapid_keys()
        changed = True
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(stored, handle, indent=2)
    for name, value in stored.items():
        if not config.get(name):
            config[name] = value
