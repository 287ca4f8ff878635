"""The local preview: a Doc with the add-on's sidebar, driven by the real service.

``./dev run`` starts it with the rest of the local stack and prints its address. The page
(plain HTML, CSS and JavaScript in ``static/``, no build step, nothing loaded from
elsewhere) renders the Docs double's document on the left and the service's real cards in
a 300-px sidebar on the right. Every click goes through ``api.PreviewApi``, which
builds the event Docs would send, signs it with the local key and POSTs it to the
service. Never deployed.
"""

from devtools.preview.api import PreviewApi
from devtools.preview.server import PreviewServer

__all__ = ["PreviewApi", "PreviewServer"]
