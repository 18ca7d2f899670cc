"""Interactive exploration: the explore notebook headless, and JupyterLab with the newstone kernel."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, SEED, screenshot_dir
from newstone.reports.render import render_reports


def test_explore_runs_headless_and_renders_like_any_report(tmp_path):
    results = render_reports([SEED], tmp_path, notebook=ROOT / "notebooks" / "explore.ipynb", corpus=False, jobs=1)
    assert [r.status for r in results] == ["rendered"], results[0].error
    html = (tmp_path / f"explore-{SEED.stem}.html").read_text(encoding="utf-8")  # one report for the whole input
    assert "<script" not in html.lower()
    for view in ("Tone through the article", "Who is talked about", "Who speaks", "ns-s-negative", "<mark"):
        assert view in html, view
    assert html.count("data:image/png;base64,") >= 2


def test_explore_follows_an_actor(tmp_path, monkeypatch):
    from newstone.reports.explore import Explorer

    ui = Explorer(str(SEED.parent), article=SEED.name, actor="Taliban", threshold=0.3)
    view = str(ui.view())
    assert "What the text says about Taliban" in view and "ns-about" in view
    monkeypatch.delenv("NEWSTONE_STATIC", raising=False)
    bundle = ui._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and view in bundle["text/html"]
    monkeypatch.setenv("NEWSTONE_STATIC", "1")  # as in a kernel that `newstone render` started
    assert set(ui._repr_mimebundle_()) == {"text/html", "text/plain"}
    with pytest.raises(ValueError, match="not among"):
        Explorer(str(SEED.parent), article="nope.txt")


def test_a_redraw_after_a_control_changes_equals_a_fresh_explorers_view():
    from newstone.reports.explore import Explorer

    ui = Explorer(str(SEED.parent), article=SEED.name)
    ui.view()  # the plots are drawn once here and reused below
    ui.threshold, ui.actor = 0.3, "Taliban"
    fresh = Explorer(str(SEED.parent), article=SEED.name, actor="Taliban", threshold=0.3)
    assert str(ui.view()) == str(fresh.view())


def test_explorer_offers_only_installed_scorers_and_says_what_to_install(monkeypatch):
    from newstone.reports import explore
    from newstone.tone import sentiment

    monkeypatch.setattr(sentiment, "scorer_installed", lambda name: name != "minilm")
    ui = explore.Explorer(str(SEED.parent), article=SEED.name)
    assert "minilm" not in ui.scorers and "vader" in ui.scorers
    view = str(ui.view())
    assert "Not installed: <code>minilm</code>" in view and "pip install -e &#x27;.[ml]&#x27;" in view
    with pytest.raises(ValueError, match="cannot run here"):
        explore.Explorer(str(SEED.parent), scorer="minilm")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return json.loads(response.read())


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """`make lab` (as the README says), on loopback with a token; stopped at the end.

    It serves a copy of the notebooks (with `seeds` beside them, as in the checkout), so the
    outputs JupyterLab saves never touch the committed notebooks, and logs to a temporary folder.
    """
    work = tmp_path_factory.mktemp("lab")
    notebooks = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    (work / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    port, token = _free_port(), secrets.token_hex(16)
    args = (f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token} --ServerApp.port_retries=0 "
            "--LabApp.expose_app_in_browser=True --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate")
    venv = ROOT / ".venv" / "bin" / "jupyter"
    if shutil.which("make") and venv.exists():
        cmd = ["make", "-s", "-C", str(ROOT), "lab", f"NOTEBOOKS={notebooks}", f"LAB_ARGS={args}"]
    else:
        cmd = [sys.executable, "-m", "jupyter", "lab", f"--notebook-dir={notebooks}", "--allow-root", *args.split()]
    log_path = work / "lab.log"
    log = open(log_path, "w", encoding="utf-8")
    # Rendering in this process (the headless tests) sets NEWSTONE_STATIC for its kernels; a Lab
    # user's kernels draw live widgets.
    env = {k: v for k, v in os.environ.items() if k != "NEWSTONE_STATIC"}
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start (exit {proc.poll()}); see {log_path}")
                time.sleep(0.5)
        yield base, token
    finally:
        _stop(proc)
        log.close()


def _stop(proc: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def test_lab_lists_the_newstone_kernel_and_it_imports_newstone(lab_server):
    base, token = lab_server
    specs = _get(f"{base}/api/kernelspecs?token={token}")
    assert "newstone" in specs["kernelspecs"]
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="newstone")
    try:
        reply = kc.execute_interactive("import newstone, sys; print(newstone.__file__); print(sys.prefix)", timeout=60)
        assert reply["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


needs_chromium = pytest.mark.skipif(not (CHROMIUM and shutil.which("chromedriver")), reason="chromium and chromedriver are not installed")


@needs_chromium
def test_lab_page_loads_in_chromium(lab_server, tmp_path):
    from selenium.webdriver.support.ui import WebDriverWait

    base, token = lab_server
    driver = _chromium(tmp_path / "profile")
    try:
        driver.get(f"{base}/lab/tree/article.ipynb?token={token}")
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!document.querySelector('.jp-LabShell')"))
        WebDriverWait(driver, 60).until(lambda d: "newstone" in d.execute_script("return document.body.innerText"))
        driver.save_screenshot(str(screenshot_dir(tmp_path) / "jupyterlab.png"))
    finally:
        driver.quit()


STYLE_OF = """
const el = document.querySelector(arguments[0]);
if (!el) return null;
const s = getComputedStyle(el);
return {background: s.backgroundColor, align: s.textAlign, outline: s.outlineStyle + ' ' + s.outlineColor, color: s.color};
"""


@needs_chromium
def test_explorer_in_jupyterlab_keeps_its_look_and_follows_the_controls(lab_server, tmp_path):
    """Open explore.ipynb in a real JupyterLab, run all cells, check the colours, change a control."""
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, token = lab_server
    driver = _chromium(tmp_path / "profile")
    shots = screenshot_dir(tmp_path)
    try:
        # A workspace of its own, reset: no notebook restored from an earlier session is in front.
        driver.get(f"{base}/lab/workspaces/explorer-test/tree/explore.ipynb?reset&token={token}")
        wait = WebDriverWait(driver, 240, poll_frequency=1)
        wait.until(lambda d: d.execute_script(
            "const a = window.jupyterapp; const w = a && a.shell.currentWidget;"
            "return !!(w && w.context && w.context.path === 'explore.ipynb' && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
            " && w.sessionContext.session.kernel.connectionStatus === 'connected')"))
        driver.execute_script("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        # The live controls (not a static fallback), then the view they drew.
        wait.until(lambda d: d.execute_script(
            "return Array.from(document.querySelectorAll('.widget-dropdown select'))"
            ".some(s => Array.from(s.options).some(o => o.text === 'Taliban'))"))
        wait.until(lambda d: d.execute_script("return document.querySelectorAll('.ns-view .ns-s-negative').length > 1"))

        tint = driver.execute_script(STYLE_OF, ".ns-view .ns-article .ns-s-negative")
        assert tint["background"] == "rgb(251, 227, 224)", tint
        mark = driver.execute_script(STYLE_OF, ".ns-view mark.ns-neg")
        assert mark["background"] == "rgb(249, 214, 210)", mark
        badge = driver.execute_script(STYLE_OF, ".ns-view .ns-badge.ns-negative")
        assert badge["background"] == "rgb(192, 57, 43)" and badge["color"] == "rgb(255, 255, 255)", badge
        cell = driver.execute_script(STYLE_OF, ".ns-view table.ns-table td")
        assert cell["align"] in ("left", "start"), cell
        assert driver.execute_script("return document.querySelectorAll('.ns-view .ns-about').length") == 0
        assert "object at 0x" not in driver.execute_script("return document.body.innerText")
        driver.save_screenshot(str(shots / "explorer-lab.png"))

        # The scorer control offers only scorers that can run here.
        from newstone.reports.explore import scorer_choices

        selects = driver.find_elements("css selector", ".widget-dropdown select")
        options = [[o.text for o in Select(s).options] for s in selects]
        scorer = next(o for o in options if "vader" in o)
        assert scorer == scorer_choices()[0]

        actor = next(Select(s) for s in selects if any(o.text == "Taliban" for o in Select(s).options))
        actor.select_by_visible_text("Taliban")
        wait.until(lambda d: d.execute_script("return document.querySelectorAll('.ns-view .ns-about').length > 0"))
        outlined = driver.execute_script(STYLE_OF, ".ns-view .ns-about")
        assert outlined["outline"] == "solid rgb(52, 73, 94)", outlined
        assert "What the text says about Taliban" in driver.execute_script("return document.body.innerText")
        driver.execute_script("document.querySelector('.ns-view .ns-about').scrollIntoView({block: 'center'})")
        driver.save_screenshot(str(shots / "explorer-lab-actor.png"))
    except Exception:
        driver.save_screenshot(str(shots / "explorer-lab-failed.png"))  # what the page showed
        raise
    finally:
        driver.quit()
