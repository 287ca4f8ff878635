"""Sign an event file like Google would and send it to the running local stack.

./dev replay tests/fixtures/events/docs-homepage.json            # to /addon/home
./dev replay tests/fixtures/events/docs-action-generate.json      # to /addon/actions/generate
./dev replay --path /addon/actions/open-template FILE
./dev replay --doc 1DemoDocDansk4bUge12xxxxxxxxxxxxxxxxxxxxxx     # print a demo Doc's text
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import requests

from devtools.signing import LocalSigner
from devtools.stack import STATE_FILE

DEFAULT_EMAIL = "laerer@demo-kommune.dk"


def guess_path(file_name: str) -> str:
    """The endpoint an event file is meant for, from its name."""
    name = Path(file_name).stem
    if "file-scope-granted" in name:
        return "/addon/file-scope-granted"
    if name.startswith("docs-action-") and "english" not in name:
        return "/addon/actions/" + name.removeprefix("docs-action-")
    if "english" in name:
        return "/addon/actions/open-template"
    return "/addon/home"


def signed_event(
    event: dict[str, Any], state: dict[str, Any], email: str
) -> dict[str, Any]:
    signer = LocalSigner(Path(state["key_file"]).read_bytes())
    auth = event.setdefault("authorizationEventObject", {})
    auth["userIdToken"] = signer.user_token(
        state["client_id"], email, hd=email.rsplit("@", 1)[1]
    )
    auth["userOAuthToken"] = "ya29.local-replay-token"
    auth.pop("systemIdToken", None)
    return event


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", nargs="?", help="event JSON file")
    parser.add_argument(
        "--path", help="endpoint path; guessed from the file name if omitted"
    )
    parser.add_argument("--email", default=DEFAULT_EMAIL, help="the signed-in teacher")
    parser.add_argument(
        "--doc", help="print the text of this document in the Docs double"
    )
    args = parser.parse_args(argv)
    if not STATE_FILE.exists():
        print(
            "The local stack is not running: start it with ./dev run", file=sys.stderr
        )
        return 1
    state = json.loads(STATE_FILE.read_text(encoding="utf-8"))
    if args.doc:
        url = f"{state['docs_double']}_double/documents/{args.doc}/text"
        print(requests.get(url, timeout=10).text)
        return 0
    if not args.file:
        parser.error("give an event file or --doc")
    path = args.path or guess_path(args.file)
    try:
        event = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"Cannot read the event file {args.file}: {exc}", file=sys.stderr)
        return 2
    body = signed_event(event, state, args.email)
    signer = LocalSigner(Path(state["key_file"]).read_bytes())
    token = signer.system_token(
        state["public_url"].rstrip("/") + path, state["service_account"]
    )
    response = requests.post(
        state["url"].rstrip("/") + path,
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    try:
        print(json.dumps(response.json(), ensure_ascii=False, indent=2))
    except ValueError:
        print(f"HTTP {response.status_code}: {response.text[:2000]}")
    return 0 if response.ok else 1


if __name__ == "__main__":
    sys.exit(main())
