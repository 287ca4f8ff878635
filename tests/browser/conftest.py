"""Fixtures for the browser tests: the whole local stack, and headless Debian Chromium.

The browser is Debian's ``chromium`` package driven by Playwright's Python client; no
browser is ever downloaded. It runs headless with Google's background services switched
off, a fresh profile, and a proxy that leads nowhere for every host but loopback, so the
page can reach 127.0.0.1 only. ``.ci/run`` installs Chromium and sets
``LAERER_REQUIRE_BROWSER=1``, so there a missing browser fails instead of skipping.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from devtools.emulator import FirestoreEmulator
from devtools.stack import Stack, local_stack

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=http://127.0.0.1:9",  # nothing listens; loopback bypasses proxies
]


def _missing_browser() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} is missing: install Debian's browser with "
            "`apt-get install -y --no-install-recommends chromium` (.ci/run does)"
        )
    if importlib.util.find_spec("playwright") is None:
        return "playwright is missing: `.venv/bin/pip install -r requirements-dev.txt`"
    return ""


@pytest.fixture(scope="session")
def chromium_ready() -> None:
    reason = _missing_browser()
    if reason and os.environ.get("LAERER_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="module")
def stack(chromium_ready: None, emulator: FirestoreEmulator) -> Iterator[Stack]:
    """The local stack on free ports, reusing the session's emulator, its own project."""
    with local_stack(
        0,
        preview_port=0,
        firestore_project=f"preview-{uuid.uuid4().hex[:12]}",
        state_file=None,
    ) as running:
        yield running


@pytest.fixture(scope="module")
def browser_context(
    chromium_ready: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
            locale="da-DK",
        )
        context.set_default_timeout(10_000)
        yield context
        context.close()


@pytest.fixture
def page(browser_context: Any, stack: Stack) -> Iterator[Any]:
    """The preview page, opened and showing the homepage; fails on any script error."""
    errors: list[str] = []
    outside: list[str] = []

    def only_loopback(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page = browser_context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/*", only_loopback)
    page.goto(stack.preview_url)
    page.wait_for_selector("body[data-ready=true]")
    yield page
    page.close()
    assert not errors, f"the page threw: {errors}"
    assert not outside, f"the page tried to leave 127.0.0.1: {outside}"


@pytest.fixture
def screenshot(page: Any) -> Any:
    """Save the page as ``artifacts/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take
