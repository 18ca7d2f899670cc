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

from conftest import ROOT, SEED
from newstone.render import render_reports


def test_explore_runs_headless_and_renders_like_any_report(tmp_path):
    results = render_reports([SEED], tmp_path, notebook=ROOT / "notebooks" / "explore.ipynb", corpus=False, jobs=1)
    assert [r.status for r in results] == ["rendered"], results[0].error
    html = (tmp_path / "explore.html").read_text(encoding="utf-8")  # one report for the whole input
    assert "<script" not in html.lower()
    for view in ("Tone through the article", "Who is talked about", "Who speaks", "ns-s-negative", "<mark"):
        assert view in html, view
    assert html.count("data:image/png;base64,") >= 2


def test_explore_follows_an_actor(tmp_path, monkeypatch):
    from newstone.explore import Explorer

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return json.loads(response.read())


@pytest.fixture(scope="module")
def lab_server():
    """`make lab` (as the README says), on loopback with a token; stopped at the end."""
    port, token = _free_port(), secrets.token_hex(16)
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token} --ServerApp.port_retries=0"
    venv = ROOT / ".venv" / "bin" / "jupyter"
    if shutil.which("make") and venv.exists():
        cmd = ["make", "-s", "-C", str(ROOT), "lab", f"LAB_ARGS={args}"]
    else:
        cmd = [sys.executable, "-m", "jupyter", "lab", f"--notebook-dir={ROOT / 'notebooks'}", "--allow-root", *args.split()]
    log = open(ROOT / "reports" / "_lab-test.log", "w", encoding="utf-8") if (ROOT / "reports").is_dir() else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start (exit {proc.poll()}); see reports/_lab-test.log")
                time.sleep(0.5)
        yield base, token
    finally:
        _stop(proc)


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


@pytest.mark.skipif(not (CHROMIUM and shutil.which("chromedriver")), reason="chromium and chromedriver are not installed")
def test_lab_page_loads_in_chromium(lab_server, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    base, token = lab_server
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,800", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(f"{base}/lab/tree/explore.ipynb?token={token}")
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!document.querySelector('.jp-LabShell')"))
        WebDriverWait(driver, 60).until(lambda d: "newstone" in d.execute_script("return document.body.innerText"))
        shots = ROOT / "reports" / "_screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(shots / "jupyterlab.png"))
    finally:
        driver.quit()
