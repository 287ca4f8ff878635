"""A local stand-in for Google's token signing: a key, its certs endpoint, and tokens.

Google signs add-on requests with keys whose X.509 certificates it publishes as JSON
(``{kid: PEM}``) at https://www.googleapis.com/oauth2/v1/certs. The local stack and the tests
sign with a key made here and serve its certificate in that same format, so the service
verifies exactly as in production, only against a different certs URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from google.auth import crypt, jwt

GOOGLE_ISSUER = "https://accounts.google.com"


class LocalSigner:
    """An RSA key with a self-signed certificate, signing Google-shaped ID tokens."""

    def __init__(
        self, private_key_pem: bytes | None = None, kid: str = "local-key-1"
    ) -> None:
        if private_key_pem is None:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            private_key_pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        self.private_key_pem = private_key_pem
        self.kid = kid
        self._signer = crypt.RSASigner.from_string(private_key_pem, key_id=kid)
        self.certificate_pem = _self_signed_certificate(private_key_pem)

    @classmethod
    def load_or_create(cls, path: Path) -> LocalSigner:
        """Reuse the key stored at ``path`` (so replay and the stack agree), or make one."""
        if path.exists():
            return cls(path.read_bytes())
        signer = cls()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(signer.private_key_pem)
        path.chmod(0o600)
        return signer

    def certs(self) -> dict[str, str]:
        """The certs document in Google's ``{kid: PEM certificate}`` shape."""
        return {self.kid: self.certificate_pem.decode("ascii")}

    def sign(self, claims: dict[str, Any]) -> str:
        """Sign ``claims`` as an RS256 JWT carrying our ``kid``."""
        return jwt.encode(self._signer, claims).decode("ascii")

    def system_token(
        self, audience: str, email: str, *, lifetime: int = 300, **overrides: Any
    ) -> str:
        """The token Google sends as ``Authorization: Bearer``: audience = URL called."""
        now = int(time.time())
        claims = {
            "iss": GOOGLE_ISSUER,
            "aud": audience,
            "azp": "local-addon-caller",
            "sub": "1000000000000000000001",
            "email": email,
            "email_verified": True,
            "iat": now,
            "exp": now + lifetime,
        }
        claims.update(overrides)
        return self.sign(claims)

    def user_token(
        self,
        client_id: str,
        email: str,
        *,
        hd: str | None = None,
        sub: str | None = None,
        lifetime: int = 300,
        **overrides: Any,
    ) -> str:
        """The teacher's ID token (``userIdToken``): audience = the OAuth client id."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": GOOGLE_ISSUER,
            "aud": client_id,
            "azp": client_id,
            "sub": sub
            or str(int(hashlib.sha256(email.encode()).hexdigest(), 16) % 10**21),
            "email": email,
            "email_verified": True,
            "iat": now,
            "exp": now + lifetime,
        }
        if hd is not None:
            claims["hd"] = hd
        claims.update(overrides)
        return self.sign(claims)


def _self_signed_certificate(private_key_pem: bytes) -> bytes:
    key = serialization.load_pem_private_key(private_key_pem, password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "laererværelset-local")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


class CertsServer:
    """Serves a signer's certs on loopback with Google-like cache headers; counts fetches."""

    def __init__(self, signer: LocalSigner, port: int = 0, max_age: int = 3600) -> None:
        self.signer = signer
        self.fetches = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.fetches += 1
                body = json.dumps(owner.signer.certs()).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header(
                    "Cache-Control", f"public, max-age={max_age}, must-revalidate"
                )
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/oauth2/v1/certs"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> CertsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> CertsServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
