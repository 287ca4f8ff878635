"""The local stack: everything the add-on talks to, on loopback, with demo data.

``./dev run`` starts the Firestore emulator, the local signing key and its certs endpoint,
the model double, the Docs double (with the fixtures' demo documents), the service itself
with the demo municipality loaded, and the preview page (a Doc with the add-on's sidebar,
``devtools/preview``). It writes ``.local/stack.json`` so that ``./dev replay`` can sign
events for it, and prints where everything listens.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

from addon import create_app
from devtools.classroom_double import ClassroomDouble
from devtools.docs_double import DocsDouble
from devtools.emulator import FirestoreEmulator
from devtools.model_double import ModelDouble
from devtools.preview import PreviewApi, PreviewServer
from devtools.signing import CertsServer, LocalSigner
from services.config import Settings
from services.demo import seed_demo_tenant

ROOT = Path(__file__).resolve().parents[1]
LOCAL = ROOT / ".local"
STATE_FILE = LOCAL / "stack.json"
SERVICE_ACCOUNT = "local-addon@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"
CLIENT_ID = "local-client.apps.googleusercontent.com"
DEMO_DOCUMENTS = {
    "1DemoDocDansk4bUge12xxxxxxxxxxxxxxxxxxxxxx": "Dansk 4.b – uge 12",
    "1DemoDocNatTekSol5axxxxxxxxxxxxxxxxxxxxxxx": "Natur/teknologi 5.a",
    "1DemoDocEnglish7cxxxxxxxxxxxxxxxxxxxxxxxxx": "English 7.c",
}


@dataclass
class Stack:
    """The running parts; ``settings`` is what the service was started with."""

    settings: Settings
    signer: LocalSigner
    model: ModelDouble
    docs: DocsDouble
    url: str
    preview_url: str

    def state(self) -> dict[str, Any]:
        """What ``./dev replay`` needs to sign and send events to this stack."""
        return {
            "url": self.url,
            "preview_url": self.preview_url,
            "public_url": self.settings.public_url,
            "service_account": self.settings.service_account_email,
            "client_id": self.settings.oauth_client_id,
            "key_file": str(LOCAL / "signing-key.pem"),
            "model_double": self.model.base_url,
            "docs_double": self.docs.endpoint,
        }


@contextmanager
def local_stack(
    port: int = 8080,
    *,
    preview_port: int = 8090,
    firestore_project: str = "laerer-local",
    state_file: Path | None = STATE_FILE,
) -> Iterator[Stack]:
    """Start every part on loopback; stop them all on exit.

    Args:
        port: The service's port; 0 picks a free one.
        preview_port: The preview page's port; 0 picks a free one.
        firestore_project: The Firestore project the demo data is written to.
        state_file: Where ``./dev replay`` finds the stack; None writes nothing (tests).

    An emulator named by ``FIRESTORE_EMULATOR_HOST`` (started by ``.ci/run`` or by the
    test session) is reused and left running; otherwise one is started and stopped here.
    """
    with ExitStack() as stack:
        emulator_host = _emulator_host(stack)
        signer = LocalSigner.load_or_create(LOCAL / "signing-key.pem")
        certs = stack.enter_context(CertsServer(signer))
        model = stack.enter_context(ModelDouble())
        docs = stack.enter_context(DocsDouble())
        classroom = stack.enter_context(ClassroomDouble())
        classroom.seed_demo()
        for doc_id, title in DEMO_DOCUMENTS.items():
            docs.create_document(doc_id, title)
        # Bind first, so a free port is known before the settings need the public URL.
        app = _LateApp()
        server = make_server("127.0.0.1", port, app, threaded=True)
        stack.callback(server.server_close)
        public_url = f"http://127.0.0.1:{server.server_port}"
        settings = Settings(
            environment="local",
            public_url=public_url,
            service_account_email=SERVICE_ACCOUNT,
            oauth_client_id=CLIENT_ID,
            google_certs_url=certs.url,
            firestore_project=firestore_project,
            firestore_emulator_host=emulator_host,
            model_base_url=model.base_url,
            model_api_key="local-double",
            model_name="udviklingsdouble",
            docs_api_endpoint=docs.endpoint,
            drive_api_endpoint=docs.drive_endpoint,
            classroom_api_endpoint=classroom.endpoint,
        )
        app.app = create_app(settings)
        seed_demo_tenant(app.app.extensions["laerer"].store)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        stack.callback(server.shutdown)
        api = PreviewApi(
            settings=settings,
            signer=signer,
            service_url=public_url,
            docs_endpoint=docs.endpoint,
            model_url=model.base_url,
            documents=DEMO_DOCUMENTS,
        )
        preview = stack.enter_context(PreviewServer(api, preview_port))
        running = Stack(settings, signer, model, docs, public_url, preview.url)
        if state_file is not None:
            state_file.parent.mkdir(exist_ok=True)
            state_file.write_text(
                json.dumps(running.state(), indent=2), encoding="utf-8"
            )
            stack.callback(state_file.unlink, missing_ok=True)
        yield running


def _emulator_host(stack: ExitStack) -> str:
    """The host of a running emulator: the one already named in the environment, or ours.

    ``FIRESTORE_EMULATOR_HOST`` is read by the Firestore library; when we start the
    emulator we set it, and put back what was there once the stack stops.
    """
    existing = os.environ.get("FIRESTORE_EMULATOR_HOST")
    if existing:
        return existing
    emulator = stack.enter_context(FirestoreEmulator())
    os.environ["FIRESTORE_EMULATOR_HOST"] = emulator.host
    stack.callback(os.environ.pop, "FIRESTORE_EMULATOR_HOST", None)
    return emulator.host


class _LateApp:
    """A WSGI app filled in after the server is bound (its port decides the settings)."""

    app: Any = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.app(environ, start_response)


def main() -> None:
    """Run the local stack until Ctrl-C or SIGTERM, printing where everything listens."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--port", type=int, default=8080, help="port of the service (0: any free port)"
    )
    parser.add_argument(
        "--preview-port",
        type=int,
        default=8090,
        help="port of the preview page (0: any free port)",
    )
    args = parser.parse_args()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    with local_stack(args.port, preview_port=args.preview_port) as stack:
        print(f"Open the preview: {stack.preview_url}", flush=True)
        print("  (a Doc with the add-on's sidebar, driven by the service below)")
        print(f"Lærerværelset runs on {stack.url}", flush=True)
        print(f"  model double: {stack.model.base_url}", flush=True)
        print(f"  Docs double:  {stack.docs.endpoint}", flush=True)
        print(
            f"  Classroom double: {stack.settings.classroom_api_endpoint}", flush=True
        )
        print(
            "  replay an event:  ./dev replay tests/fixtures/events/docs-homepage.json"
        )
        print("Stop with Ctrl-C.", flush=True)
        with suppress(KeyboardInterrupt):
            stopped.wait()


if __name__ == "__main__":
    main()
