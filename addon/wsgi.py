"""The WSGI object gunicorn serves: ``gunicorn addon.wsgi:app``."""

from __future__ import annotations

import os

from addon import create_app
from services.config import Settings

app = create_app(Settings.from_environ(os.environ))
