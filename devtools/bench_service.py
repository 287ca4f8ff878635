"""The stack the benchmark measures: the service under gunicorn and what it talks to.

Like ``./dev run`` it starts the Firestore emulator (or reuses the one named by
``FIRESTORE_EMULATOR_HOST``), a local signing key with its certs endpoint, the model double
and the Docs double, and loads the demo municipality. Unlike ``./dev run`` the service runs
under gunicorn exactly as app.yaml's entrypoint says, and both doubles run in processes of
their own, so the benchmark's own threads do not compete with them for one interpreter.
"""

from __future__ import annotations

import copy
import json
import os
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from devtools.bench_load import Address, SignedRequest, call_json
from devtools.bench_parts import (
    LOOPBACK,
    Child,
    gunicorn_argv,
    option,
    python_module,
    wait_for_workers,
    wait_until_up,
)
from devtools.emulator import FirestoreEmulator, free_port
from devtools.signing import CertsServer, LocalSigner
from services.config import Settings
from services.demo import DEMO_DOMAIN, DEMO_TEACHER, seed_demo_tenant
from services.store import Store, build_firestore_client

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "tests" / "fixtures" / "events"
SERVICE_ACCOUNT = "bench-addon@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"
CLIENT_ID = "bench-client.apps.googleusercontent.com"
#: Tokens outlive any run; Google's own live an hour.
TOKEN_LIFETIME_SECONDS = 3600
#: The model's timeout and budget in the benchmark, short so that timeout faults end
#: quickly; every other setting keeps its production default.
MODEL_TIMEOUT_SECONDS = "2"
MODEL_BUDGET_SECONDS = "6"
#: Generations append to these Docs (in turn), so no Doc grows long.
DOC_POOL = tuple(f"1BenchDoc{n:02d}".ljust(44, "x") for n in range(16))


@dataclass
class BenchStack:
    """The running stack: where the service listens and how to reach its doubles."""

    address: Address
    environ: dict[str, str]
    settings: Settings
    signer: LocalSigner
    gunicorn: Child
    workers: list[int]
    model: Address
    docs: Address

    @property
    def public_url(self) -> str:
        return self.settings.public_url

    def sign(
        self, label: str, path: str, event: dict[str, Any], email: str = DEMO_TEACHER
    ) -> SignedRequest:
        """``event`` with the teacher's ID token, and Google's bearer token for ``path``."""
        signed = copy.deepcopy(event)
        auth = signed.setdefault("authorizationEventObject", {})
        auth["userIdToken"] = self.signer.user_token(
            CLIENT_ID, email, hd=DEMO_DOMAIN, lifetime=TOKEN_LIFETIME_SECONDS
        )
        auth["userOAuthToken"] = "ya29.local-benchmark-token"
        auth.pop("systemIdToken", None)
        token = self.signer.system_token(
            self.settings.url(path), SERVICE_ACCOUNT, lifetime=TOKEN_LIFETIME_SECONDS
        )
        body = json.dumps(signed, ensure_ascii=False).encode("utf-8")
        return SignedRequest(label, path, body, f"Bearer {token}")

    def reset_docs(self) -> None:
        """Give every Doc of the pool an empty body again."""
        for doc_id in DOC_POOL:
            payload = {"id": doc_id, "title": "Benchmark", "text": ""}
            call_json(self.docs, "POST", "/_double/documents", payload)

    def script_model(self, mode: str, times: int, delay: float = 0.0) -> None:
        """Queue a script entry in the model double (see its control API)."""
        entry = {"mode": mode, "times": times, "delay": delay}
        call_json(self.model, "POST", "/_double/script", entry)

    def reset_model(self) -> None:
        """Forget the model double's script and recorded requests."""
        call_json(self.model, "POST", "/_double/reset", {})

    def model_requests(self) -> list[dict[str, Any]]:
        """Every completion request the model double received since its last reset."""
        return list(call_json(self.model, "GET", "/_double/requests"))


def load_event(name: str) -> dict[str, Any]:
    """An event fixture from tests/fixtures/events."""
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def generation_event(doc_id: str, **values: str | list[str]) -> dict[str, Any]:
    """The generation fixture for ``doc_id``, with some form values replaced."""
    event = load_event("docs-action-generate.json")
    common = event["commonEventObject"]
    common["parameters"]["docId"] = doc_id
    for name, value in values.items():
        listed = value if isinstance(value, list) else [value]
        common["formInputs"][name] = {"stringInputs": {"value": listed}}
    return event


def start_stack(stack: ExitStack, workdir: Path) -> BenchStack:
    """Start every part on loopback; ``stack`` stops them all, in reverse order."""
    emulator_host = os.environ.get("FIRESTORE_EMULATOR_HOST")
    if not emulator_host:
        emulator_host = stack.enter_context(FirestoreEmulator()).host
        os.environ["FIRESTORE_EMULATOR_HOST"] = emulator_host
        stack.callback(os.environ.pop, "FIRESTORE_EMULATOR_HOST", None)
    signer = LocalSigner()
    certs = stack.enter_context(CertsServer(signer))
    model = _double(stack, workdir, "devtools.model_double", "/v1/models")
    docs = _double(stack, workdir, "devtools.docs_double", "/_double/requests")
    port = free_port()
    environ = {
        "LAERER_ENV": "local",
        "PUBLIC_URL": f"http://{LOOPBACK}:{port}",
        "ADDON_SERVICE_ACCOUNT": SERVICE_ACCOUNT,
        "ADDON_OAUTH_CLIENT_ID": CLIENT_ID,
        "GOOGLE_CERTS_URL": certs.url,
        "GOOGLE_CLOUD_PROJECT": f"laerer-bench-{uuid.uuid4().hex[:8]}",
        "FIRESTORE_EMULATOR_HOST": emulator_host,
        "MODEL_BASE_URL": f"http://{LOOPBACK}:{model[1]}/v1",
        "MODEL_API_KEY": "local-double",
        "MODEL_NAME": "udviklingsdouble",
        "MODEL_TIMEOUT_SECONDS": MODEL_TIMEOUT_SECONDS,
        "MODEL_BUDGET_SECONDS": MODEL_BUDGET_SECONDS,
        "DOCS_API_ENDPOINT": f"http://{LOOPBACK}:{docs[1]}/",
    }
    settings = Settings.from_environ(environ)
    seed_demo_tenant(Store(build_firestore_client(settings)))
    argv = gunicorn_argv((ROOT / "app.yaml").read_text(encoding="utf-8"), port)
    # Settings the developer's shell may hold (CACHE_SECONDS, LOG_LEVEL…) stay out:
    # everything not set above keeps its production default.
    ours = {f.metadata["env"] for f in fields(Settings)}
    inherited = {k: v for k, v in os.environ.items() if k not in ours}
    gunicorn = Child(
        argv, workdir / "gunicorn.log", env={**inherited, **environ}, cwd=ROOT
    )
    stack.enter_context(gunicorn)
    address = (LOOPBACK, port)
    wait_until_up(gunicorn, address, "/healthz", seconds=60)
    workers = wait_for_workers(gunicorn.pid, int(option(argv, "--workers") or 1))
    bench = BenchStack(
        address, environ, settings, signer, gunicorn, workers, model, docs
    )
    bench.reset_docs()
    return bench


def _double(stack: ExitStack, workdir: Path, module: str, ready_path: str) -> Address:
    """Start a double in a process of its own on a free port; wait until it answers."""
    port = free_port()
    name = module.rsplit(".", 1)[1]
    child = Child(
        python_module(module, "--port", str(port)),
        workdir / f"{name}.log",
        cwd=ROOT,
    )
    stack.enter_context(child)
    address = (LOOPBACK, port)
    wait_until_up(child, address, ready_path, seconds=30)
    return address
