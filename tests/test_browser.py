"""Reports in a real browser: headless Chromium with networking off.

Skipped when Chromium or its driver is missing (a user's laptop); `.ci/run` installs both, so
on CI this always runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SEED, screenshot_dir

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed")

HOSTILE = (
    "Officials said <script>alert(1)</script> the talks had failed badly.\n"
    "A photo <img src=x onerror=\"alert(2)\"> was shared by the ministry, and the mood was terrible.\n"
    'Critics posted a <a href="javascript:alert(3)">link</a> and praised the "<b onmouseover=alert(4)>brave</b>" envoy.\n'
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1100,1400",
        # Networking off: every host resolves to nothing and no proxy can be reached.
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    from newstone.reports.render import render_reports

    src = tmp_path_factory.mktemp("inputs")
    shutil.copy(SEED, src / SEED.name)
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("reports")
    results = render_reports([src], out, jobs=1)
    assert all(r.status == "rendered" for r in results), [r.error for r in results]
    return out


def _requests(driver) -> list[str]:
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _load(driver, path: Path) -> list[str]:
    driver.get_log("performance")  # drop earlier entries
    driver.get(path.as_uri())
    driver.execute_script("return document.readyState")
    return _requests(driver)


def test_seed_report_renders_offline_with_all_plots(browser, reports, tmp_path):
    report = reports / "000_4054172739a3b017.html"
    urls = _load(browser, report)
    assert "Panjshir" in browser.title
    assert browser.find_element("tag name", "h1").text.startswith("The leader of Afghanistan")
    sizes = browser.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]);"
    )
    assert len(sizes) >= 2
    assert all(complete and w > 0 and h > 0 for complete, w, h in sizes), sizes
    leaving = [u for u in urls if not u.startswith(("file:", "data:"))]
    assert leaving == []
    browser.save_screenshot(str(screenshot_dir(tmp_path) / "seed-report.png"))


def test_hostile_text_is_inert(browser, reports):
    urls = _load(browser, reports / "hostile.html")
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - an alert would be an executed script
    dom = browser.execute_script(
        """return {
            scripts: document.scripts.length,
            handlers: Array.from(document.querySelectorAll('*')).filter(
                e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
            jsLinks: Array.from(document.querySelectorAll('a[href]')).filter(
                a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
            imgs: Array.from(document.images).filter(i => i.getAttribute('src') === 'x').length,
            bold: Array.from(document.querySelectorAll('b')).filter(b => b.textContent === 'brave').length,
            text: document.body.innerText,
        };"""
    )
    assert dom["scripts"] == 0 and dom["handlers"] == 0 and dom["jsLinks"] == 0 and dom["imgs"] == 0 and dom["bold"] == 0
    assert "<script>alert(1)</script>" in dom["text"]  # shown as text, for the reader to see
    assert [u for u in urls if not u.startswith(("file:", "data:"))] == []


def test_index_page_links_reports(browser, reports):
    _load(browser, reports / "index.html")
    links = browser.execute_script("return Array.from(document.links).map(a => a.getAttribute('href'));")
    assert "000_4054172739a3b017.html" in links and "hostile.html" in links
    assert browser.execute_script("return document.scripts.length") == 0
