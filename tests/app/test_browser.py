"""End to end in a real headless Chromium (Debian's, driven by Playwright): sign in, open the
queue, open a child, reveal a name with a reason, record a decision, and find both in the
audit log. Screenshots are saved under test-artefacts/browser/."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.app.conftest import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts" / "browser"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (`make browser` installs it)")]


@pytest.fixture(scope="module")
def server(sqlite_deployment):
    """The app served by uvicorn on a free local port, in a thread of this process."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(sqlite_deployment.app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    yield f"http://localhost:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


def _shot(page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def _sign_in(page, base: str, username: str, start: str) -> None:
    page.goto(base + start)
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + start)


def test_review_reveal_decide_and_audit_in_a_real_browser(server, browser, sqlite_deployment) -> None:
    child = sqlite_deployment.county.child_of_police
    outside = []
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(server) and not request.url.startswith("data:") else None)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    _sign_in(page, server, "analyst", "/queue")
    assert page.locator("table#queue tbody tr").count() >= 2
    _shot(page, "01-queue")

    page.click(f"table#queue a[href='/children/{child}']")
    page.wait_for_url(f"{server}/children/{child}")
    assert page.locator("svg.timeline circle").count() > 0
    assert page.locator("#reveal-form").is_visible()
    _shot(page, "02-child")

    page.fill("#reveal-form input[name=reason]", "strategy meeting this afternoon needs the name")
    page.click("#reveal-form button")
    page.wait_for_selector("#names")
    assert "Names revealed" in page.inner_text("#names")
    _shot(page, "03-names-revealed")

    page.select_option("#decision-form select[name=decision]", "strategy_meeting")
    page.fill("#decision-form textarea[name=reason]", "police and school concerns together")
    page.fill("#decision-form input[name=due_on]", "2030-03-01")
    page.click("#decision-form button")
    page.wait_for_selector(".flash.ok")
    history = page.inner_text("#casework-history")
    assert "Convene a strategy meeting" in history and "police and school concerns together" in history
    _shot(page, "04-decision-recorded")
    page.click("header .who button")
    page.wait_for_url(f"{server}/login")
    context.close()

    auditor = browser.new_context(viewport={"width": 1360, "height": 900})
    page = auditor.new_page()
    _sign_in(page, server, "auditor", "/audit")
    rows = page.inner_text("#audit-table")
    assert "strategy meeting this afternoon needs the name" in rows   # the reveal and its reason
    assert "police and school concerns together" in rows              # the decision
    assert "reveal" in rows and "decision" in rows
    _shot(page, "05-audit-log")
    page.click("text=verify the chain")
    page.wait_for_selector("#chain-ok")
    _shot(page, "06-audit-verified")
    auditor.close()
    assert outside == [] and errors == []


def test_network_picture_and_dashboard_render(server, browser, sqlite_deployment) -> None:
    network = sqlite_deployment.county.network_id
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    _sign_in(page, server, "manager", "/accountability")
    _shot(page, "07-accountability")
    if network:
        page.goto(f"{server}/networks/{network}")
        assert page.locator(".network-figure svg circle").count() > 0
        _shot(page, "08-network")
    context.close()
