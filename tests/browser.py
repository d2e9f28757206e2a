"""Headless Chromium for the tests (Selenium with Debian's chromium and chromium-driver,
which scripts/install-system-packages.sh installs).

``chromium_driver()`` starts one browser for a ``with`` block; the ``chromium`` fixture
is one browser for the whole session (per xdist worker), for tests that only load pages
and read them, such as the accessibility checks of tests/accessibility.py. Registered for
every test module by ``pytest_plugins`` in tests/conftest.py.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Wide enough for the reports' 820px column and the review page's two columns, tall
# enough that most of a page is rendered on first load.
WINDOW = (1280, 1400)


@contextmanager
def chromium_driver() -> Iterator:
    """A headless Chromium WebDriver with its own throwaway profile, quit on leaving."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="hornsten-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session: starting one costs about a second."""
    with chromium_driver() as driver:
        yield driver
