"""Fixtures of the browser tests: one served tutor and one headless Chromium per module."""

from __future__ import annotations

import pytest

from support.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, Served, skip_reason



@pytest.fixture(scope="module")
def served(tmp_path_factory):
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    server = Served(tmp_path_factory.mktemp("class"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    yield page
    context.close()
