"""A real headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, for the tests
marked ``browser``, and the checks they share: wait for a map to settle, read the page's console and
the resources it loaded, tell a drawn picture from a blank one.

Import the fixture into a test module: ``from browser import chromium_fixture``; tests ask for
``chromium``.
"""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = ("chromium", "/usr/bin/chromium")
CHROMEDRIVER = ("chromedriver", "/usr/bin/chromedriver")
INSTALL = "`bash scripts/test` installs them (Debian packages chromium, chromium-driver, fonts-noto-cjk)"


def _find(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module", name="chromium")
def chromium_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium with a fresh profile; every host name fails to resolve, so a page that
    tried to load anything from the network would show it as a console error."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _find(CHROMIUM), _find(CHROMEDRIVER)
    if binary is None or driver_path is None:
        pytest.fail(f"Chromium and chromedriver are needed for the browser tests: {INSTALL}", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1600,1000",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    driver.get_log("browser")  # start each page with an empty console


def wait_for_map(driver: Any, timeout: float = 120.0) -> float:
    """Wait until the map's layout has settled (the page sets fsgraphMap.ready); the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if driver.execute_script("return Boolean(window.fsgraphMap && window.fsgraphMap.ready)"):
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"the map did not settle within {timeout:.0f} s")


def console_errors(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def loaded_resources(driver: Any) -> list[str]:
    """Every URL the page fetched: the document and any script, stylesheet, font or image."""
    return list(
        driver.execute_script(
            "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))"
        )
    )


def colours(png: bytes) -> tuple[int, float]:
    """Distinct colours of a screenshot, and the share of its pixels that are not near-white."""
    from PIL import Image  # pdfplumber, a dependency of fsgraph, brings Pillow

    image = Image.open(io.BytesIO(png)).convert("RGB")
    distinct = image.getcolors(maxcolors=image.width * image.height) or []
    inked = sum(count for count, rgb in distinct if isinstance(rgb, tuple) and min(rgb) < 235)
    return len(distinct), inked / (image.width * image.height)
