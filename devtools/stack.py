"""The local stack: everything the add-on talks to, on loopback, with demo data.

``./dev run`` starts the Firestore emulator, the local signing key and its certs endpoint,
the model double, the Docs double (with the fixtures' demo documents), and the service
itself with the demo municipality loaded. It writes ``.local/stack.json`` so that
``./dev replay`` can sign events for it, and prints where everything listens.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

from addon import create_app
from devtools.docs_double import DocsDouble
from devtools.emulator import FirestoreEmulator, free_port
from devtools.model_double import ModelDouble
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

    def state(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "public_url": self.settings.public_url,
            "service_account": self.settings.service_account_email,
            "client_id": self.settings.oauth_client_id,
            "key_file": str(LOCAL / "signing-key.pem"),
            "model_double": self.model.base_url,
            "docs_double": self.docs.endpoint,
        }


@contextmanager
def local_stack(port: int = 8080) -> Iterator[Stack]:
    """Start every part on loopback; stop them all on exit."""
    with ExitStack() as stack:
        emulator = stack.enter_context(FirestoreEmulator())
        os.environ["FIRESTORE_EMULATOR_HOST"] = emulator.host  # read by the Firestore library
        signer = LocalSigner.load_or_create(LOCAL / "signing-key.pem")
        certs = stack.enter_context(CertsServer(signer))
        model = stack.enter_context(ModelDouble())
        docs = stack.enter_context(DocsDouble())
        for doc_id, title in DEMO_DOCUMENTS.items():
            docs.create_document(doc_id, title)
        public_url = f"http://127.0.0.1:{port}"
        settings = Settings(
            environment="local",
            public_url=public_url,
            service_account_email=SERVICE_ACCOUNT,
            oauth_client_id=CLIENT_ID,
            google_certs_url=certs.url,
            firestore_project="laerer-local",
            firestore_emulator_host=emulator.host,
            model_base_url=model.base_url,
            model_api_key="local-double",
            model_name="udviklingsdouble",
            docs_api_endpoint=docs.endpoint,
        )
        app = create_app(settings)
        seed_demo_tenant(app.extensions["laerer"].store)
        server = make_server("127.0.0.1", port, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        stack.callback(server.shutdown)
        running = Stack(settings, signer, model, docs, public_url)
        LOCAL.mkdir(exist_ok=True)
        STATE_FILE.write_text(json.dumps(running.state(), indent=2), encoding="utf-8")
        stack.callback(STATE_FILE.unlink, missing_ok=True)
        yield running


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port of the service")
    args = parser.parse_args()
    port = args.port if args.port else free_port()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    with local_stack(port) as stack:
        print(f"Lærerværelset runs on {stack.url}", flush=True)
        print(f"  model double: {stack.model.base_url}", flush=True)
        print(f"  Docs double:  {stack.docs.endpoint}", flush=True)
        print("  replay an event:  ./dev replay tests/fixtures/events/docs-homepage.json")
        print("Stop with Ctrl-C.", flush=True)
        try:
            stopped.wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
