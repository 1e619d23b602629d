"""Browser fixtures: a real uvicorn server on a free loopback port serving the app against the
test store, and Debian's Chromium driven by Playwright. Without either, the tests are skipped."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine

from service.api import deps
from service.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (`make test` installs it with apt-get)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
    # A loaded CI machine can take more than the default 5 s to render a page: wait up to 20 s for
    # what a test expects to see (a page that never shows it still fails).
    sync_api.expect.set_options(timeout=20_000)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def live_server(store_engine: Engine) -> Iterator[str]:
    """The app served by uvicorn in a thread, its sessions on the test store (as the `client` fixture)."""
    app = create_app()

    app.dependency_overrides[deps.session_engine] = lambda: store_engine
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # the OS picks a free port; the bound socket is handed to uvicorn
    port = sock.getsockname()[1]
    # lifespan off: the app's start-up opens the configured store, and these tests use the test store.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh browser profile per test (no cookies), addressing the live server."""
    context = browser.new_context(base_url=live_server, locale="zh-CN")
    context.set_default_timeout(20_000)
    pg = context.new_page()
    yield pg
    context.close()


def login(page: Any, token: str, path: str = "/web/") -> None:
    """Sign in through the login page as a person would, landing on `path`."""
    page.goto(path)
    page.locator("#token").fill(token)
    page.locator("form[action='/web/login'] button[type=submit]").click()
    page.wait_for_url(lambda url: "/web/login" not in url)


# The README's screenshots are refreshed on purpose (`make screenshots`); an ordinary test run
# keeps its pictures out of the working tree.
SHOTS = Path(os.environ.get("COLLECTONCE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "collectonce-screenshots")


def shot(page: Any, name: str, *, full_page: bool = True) -> None:
    """Keep what the page looks like (SHOTS/NAME.png; docs/screenshots for the README's tour)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def overflowing(page: Any) -> list[str]:
    """Elements wider than the viewport (what would make a phone scroll sideways)."""
    return list(page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll("main *")]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== "absolute")
        .map((e) => e.tagName + "." + e.className);
    }"""))


def unlabelled(page: Any) -> list[str]:
    """Inputs a person using a screen reader could not name: no <label for>, no wrapping label."""
    return list(page.evaluate("""() => [...document.querySelectorAll("input, select, textarea")]
      .filter((e) => e.type !== "hidden" && !e.hidden && !e.disabled)
      .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute("aria-label"))
      .map((e) => e.name || e.id)"""))
