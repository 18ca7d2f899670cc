"""Adversarial sweep: bad and odd input to every command, one line per case, PASS or FAIL.

Not a test (it takes minutes: every render starts a kernel). Run it from the project root:

    PYTHONPATH=$PWD/lib .venv/bin/python benchmarks/robustness_sweep.py [--only analyze,score,render,eval,lib]

Each case runs the command on inputs generated in a temporary folder and checks the project's
rule: a bad input is a clear one-line error naming the file (and row), a non-zero exit, no
traceback, and nothing lost (the other inputs still processed, no good report overwritten);
article text never becomes live markup in reports, nor mathtext in plots. Output columns:
command, case, exit code, first stderr line, PASS/FAIL (and why).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "lib"), "PYTHONIOENCODING": "utf-8", "NEWSTONE_STATIC": "1"}
PY = sys.executable
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# Payloads that must stay inert wherever article text lands (titles, quotes, actor names).
INJECT = ('<script>alert("NSXSS")</script> <img src=x onerror=alert(1)> <b>NSBOLD</b> '
          '<iframe src="http://e.invalid/"></iframe> {{ "NSJ" ~ "INJA" }} {% raw %}x{% endraw %} '
          r'$\alpha$ $$ $x^$ \frac{a}{b} 100% & &amp; &lt;tag&gt; ${HOME} `rm -rf`')
PROSE = ("Officials said the talks had collapsed after a week of bitter disputes. "
         "\u201cWe are deeply disappointed,\u201d the minister said on Tuesday. "
         "Critics welcomed the decision and praised the courage of the negotiators.")


@dataclass
class Result:
    command: str
    case: str
    rc: int | str
    first: str
    ok: bool
    why: str = ""


@dataclass
class Sweep:
    tmp: Path
    results: list[Result] = field(default_factory=list)

    def record(self, r: Result) -> None:
        self.results.append(r)
        verdict = "PASS" if r.ok else f"FAIL ({r.why})"
        first = r.first if len(r.first) < 150 else r.first[:147] + "..."
        print(f"{r.command:8} | {r.case:28} | {str(r.rc):3} | {first} | {verdict}", flush=True)


def run(argv: list[str], cwd: Path, timeout: int = 900) -> tuple[int | str, str, str]:
    try:
        p = subprocess.run([PY, "-m", "newstone.cli", *argv], cwd=cwd, env=ENV, capture_output=True,
                           timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "T/O", "", f"timed out after {timeout} s"
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def stderr_problems(err: str) -> str:
    """A traceback, or a line that is not one of ours (a library's warning leaks)."""
    if "Traceback (most recent call last)" in err:
        return "traceback"
    stray = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("newstone")]
    return f"stray stderr line: {stray[0][:80]!r}" if stray else ""


def first_error(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("newstone: error")]
    return (errors or lines or [""])[0]


def judge(expect: str, rc: int | str, err: str, names: str | None) -> str:
    """'' when the outcome is what the rule asks; else why not. expect: ok, error, either."""
    if rc == "T/O":
        return "timed out"
    problem = stderr_problems(err)
    if problem:
        return problem
    if expect == "ok" and rc != 0:
        return f"expected exit 0, got {rc}"
    if expect == "error" and rc == 0:
        return "expected a non-zero exit"
    if rc != 0:
        line = first_error(err)
        if not line.startswith("newstone: error"):
            return "no 'newstone: error' line"
        if names and names not in line:
            return f"error does not name {names!r}"
    return ""


# ---------------------------------------------------------------- generated inputs

def text_inputs() -> dict[str, tuple[bytes, str]]:
    """file name -> (bytes, expectation: ok / error / either)."""
    rnd = random.Random(7)
    unicode_mix = ("\u0627\u0644\u062d\u0643\u0648\u0645\u0629 \u0642\u0627\u0644\u062a \u0625\u0646 "
                   "\u05e9\u05dc\u05d5\u05dd. \u653f\u5e9c\u8868\u793a\u8c08\u5224\u5931\u8d25\u3002 "
                   "\U0001F468\u200D\U0001F469\u200D\U0001F467 family \U0001F44D\U0001F3FD. "
                   "Cafe\u0301 na\u0131\u0308ve Z\u0351\u0352a\u0353\u0354l\u0355g\u0356o. "
                   "zero\u200bwidth\u200c\u200d\ufeff text \u202eDESREVER\u202c \u2066iso\u2069 "
                   "\ue000\uf8ff private. ")
    quotes_odd = ("\u201cUnclosed quote starts here and never ends. He said \u2018nested \u201cdouble "
                  "\u00abguillemets \u2039single\u203a\u00bb\u201d\u2019 and \"straight ' mixed\u201d. "
                  "\u201e\u201aGerman\u2018\u201c \u300cCJK\u300d \u300e\u300f '' `` '' \u201d\u201d\u201d\n\n") * 5
    dense = ("\u201cWe will fight on,\u201d she said. \u201cNo,\u201d he replied, \u201cwe won't.\u201d ") * 9000
    return {
        "empty.txt": (b"", "error"),
        "whitespace.txt": (b"  \n\t\n \r\n  \xc2\xa0", "error"),
        "boilerplate.txt": (b"Share on Facebook\nShare on Twitter\nRead more\nAdvertisement\n"
                            b"Subscribe to our newsletter\n\xc2\xa9 2024 Example News. All rights reserved.\n", "either"),
        "binary.txt": (bytes(rnd.randrange(256) for _ in range(4096)), "error"),
        "nul.txt": ((PROSE * 200).encode() + b"\x00" + PROSE.encode(), "error"),
        "utf16-bom.txt": (b"\xff\xfe" + PROSE.encode("utf-16-le"), "ok"),
        "utf16-nobom.txt": (PROSE.encode("utf-16-le"), "either"),
        "utf16be-nobom.txt": (PROSE.encode("utf-16-be"), "either"),
        "latin1.txt": (("Le ministre a d\u00e9clar\u00e9 que l'\u00e9t\u00e9 serait difficile. " * 3).encode("latin-1"), "ok"),
        "cp1252.txt": (("\u201cIt\u2019s over,\u201d the mayor said \u2013 \u20ac5m lost. " * 3).encode("cp1252"), "ok"),
        "mojibake.txt": (("\u00e2\u20ac\u0153It\u00e2\u20ac\u2122s over,\u00e2\u20ac\u009d the mayor said. "
                         "Caf\u00c3\u00a9 closed. " * 3).encode(), "ok"),
        "newlines.txt": (("First paragraph ends here.\r\nSecond line.\rThird line.\n\r\n\rFourth paragraph. "
                          + PROSE + "\r\r\n\n").encode(), "ok"),
        "longline.txt": (" ".join("word%d" % (i % 97) for i in range(14000)).encode()[:100_000], "ok"),
        "dense-quotes.txt": (dense.encode()[:1_000_000].decode("utf-8", "ignore").encode(), "ok"),
        "one-word-paragraphs.txt": ("\n\n".join(["Word"] * 5000).encode(), "ok"),
        "odd-quotes.txt": (quotes_odd.encode(), "ok"),
        "unicode-mix.txt": ((unicode_mix * 3 + PROSE).encode(), "ok"),
        "surrogate-escape.txt": ((PROSE + " \udcff\udcfe end.").encode("utf-8", "surrogateescape"), "ok"),
        "inject.txt": (f"{INJECT}\n\n\u201c{INJECT},\u201d said Dr. $Evil {{{{Boss}}}} on Monday. "
                       f"{PROSE}\n\nThe <b>NSBOLD</b> Corp & {{% Company %}} denied it.".encode(), "ok"),
        "inject.md": (f"# {INJECT}\n\n<div onclick=\"x()\">raw html</div>\n\n<script>alert('NSXSS')</script>\n\n"
                      f"**Bold** text and [a link](javascript:alert(1)). {PROSE}\n".encode(), "ok"),
        "control-chars.txt": ((PROSE + "\x01\x02\x03\x1b[31mred\x1b[0m\x7f" + PROSE).encode(), "either"),
        "terminal-escape.txt": ((PROSE * 20 + " \x1b]0;NSPWNED\x07 \x1b[2J. " + PROSE).encode(), "ok"),
        "bom-only.txt": (b"\xef\xbb\xbf", "error"),
        "bom-utf8.txt": (b"\xef\xbb\xbf" + PROSE.encode(), "ok"),
    }


def html_inputs() -> dict[str, tuple[bytes, str]]:
    body = f"<p>{PROSE}</p><p>{PROSE}</p>"
    return {
        "script.html": (f"<html><head><title>{INJECT}</title><script>alert('NSXSS')</script>"
                        f"<style>body{{color:red}}</style></head><body><!-- comment NSCOMMENT --><article>"
                        f"<h1>Hello &amp; &lt;b&gt;NSBOLD&lt;/b&gt; &#x24;&#92;alpha&#x24;</h1>{body}"
                        f"<iframe src='http://e.invalid'></iframe><p>More &nbsp;&eacute;&#233; text.</p></article>"
                        f"</body></html>".encode(), "ok"),
        "malformed.html": (f"<html><body><div><p>Unclosed <b>bold <i>italic {PROSE}<p>{PROSE}</div></span></html"
                           f"<<<>>> <p attr='x>".encode(), "either"),
        "nobody.html": (b"<html><head><title>Only a title</title></head></html>", "error"),
        "empty-body.html": (b"<!DOCTYPE html><html><head></head><body></body></html>", "error"),
        "scripts-only.html": (b"<html><body><script>var a = 'Officials said the talks collapsed.';</script>"
                              b"<style>p{}</style></body></html>", "error"),
        "fragment.html": (f"<p>{PROSE}</p>".encode(), "either"),
        "binary.html": (bytes(range(256)) * 16, "error"),
        "latin1.html": (f"<html><head><meta charset='iso-8859-1'></head><body><p>Le ministre a d\u00e9clar\u00e9 "
                        f"que l'\u00e9t\u00e9 serait long.</p><p>Le pr\u00e9sident a r\u00e9pondu.</p></body></html>".encode("latin-1"), "ok"),
    }


def table_inputs(tmp: Path) -> dict[str, tuple[bytes, str]]:
    good = json.dumps({"id": "g1", "text": PROSE, "title": INJECT})
    return {
        "bad-rows.jsonl": ("\n".join([
            good, "{not json", json.dumps({"id": "x", "title": "no text"}), json.dumps({"id": "n", "text": 42}),
            json.dumps({"id": "l", "text": ["a", "b"]}), json.dumps({"id": "z", "text": None}),
            json.dumps({"id": "g1", "text": PROSE}), json.dumps({"id": "s", "text": "lone \udcff surrogate"}),
            json.dumps({"id": "nul", "text": "a\x00b"}), "[1, 2, 3]", '"just a string"', "",
            json.dumps({"id": "g2", "text": PROSE})[:-9],
        ]).encode(), "error"),
        "bom.jsonl": (b"\xef\xbb\xbf" + good.encode() + b"\n", "ok"),
        "no-text-column.jsonl": (json.dumps({"id": 1, "body": PROSE}).encode() + b"\n", "error"),
        "empty.jsonl": (b"", "error"),
        "nonjson.jsonl": (b"hello world\nthis is not json\n", "error"),
        "deep.jsonl": (b"[" * 100000 + b"]" * 100000 + b"\n" + good.encode() + b"\n", "error"),
        "bad-quoting.csv": (f'id,text\n1,"{PROSE}"\n2,"unbalanced quote, {PROSE}\n3,"fine row {PROSE}"\n'.encode(), "error"),
        "semicolon.csv": (f"id;text\n1;{PROSE}\n".encode(), "either"),
        "no-header.csv": (f"1,{PROSE}\n2,{PROSE}\n".encode(), "error"),
        "no-text.csv": (f"id,body\n1,{PROSE}\n".encode(), "error"),
        "empty.csv": (b"", "error"),
        "header-only.csv": (b"id,text\n", "error"),
        "binary.csv": (bytes(range(256)) * 8, "error"),
        "latin1.csv": (f"id,text\n1,Le ministre a d\u00e9clar\u00e9 qu'il partirait.\n".encode("latin-1"), "either"),
        "numbers.csv": (b"id,text\n1,42\n2,3.5\n", "either"),
        "truncated.parquet": (b"PAR1\x15\x04\x15\x00garbage", "error"),
    }


def write_inputs(folder: Path, inputs: dict[str, tuple[bytes, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in inputs.items():
        (folder / name).write_bytes(data)


# ---------------------------------------------------------------- command cases

def sweep_analyze(s: Sweep) -> None:
    folder = s.tmp / "analyze"
    inputs = {**text_inputs(), **html_inputs()}
    write_inputs(folder, inputs)
    for name, (_, expect) in inputs.items():
        rc, out, err = run(["analyze", "--json", name], folder)
        why = judge(expect, rc, err, name)
        if not why and rc == 0:
            try:
                json.loads(out)
            except ValueError:
                why = "stdout is not one JSON object"
        s.record(Result("analyze", name, rc, first_error(err), not why, why))
    rc, out, err = run(["analyze", "terminal-escape.txt"], folder)  # the summary goes to a terminal
    why = judge("ok", rc, err, None) or ("a raw escape sequence reached the terminal" if "\x1b" in out + err else "")
    s.record(Result("analyze", "escape codes, summary", rc, first_error(err), not why, why))
    odd = s.tmp / "odd-names"
    odd.mkdir()
    names = ["new\nline.txt", "esc\x1b[31m.txt", "with space.txt", "\u00fcnic\u00f8de-\u65b0\u95fb.txt", "-leading-dash.txt", "semi;colon.txt",
             "$(touch PWNED)`x`&|<>.txt", "quote'\"name.txt", "star*?[x].txt"]
    for n in names:
        (odd / n).write_text(PROSE)
    for n in names:
        argv = ["analyze", "--", n] if n.startswith("-") else ["analyze", n]
        rc, out, err = run(argv, odd)
        why = judge("ok", rc, err, n if n.isprintable() else None)
        if "\x1b" in out + err or (rc and len(err.splitlines()) > 1):
            why = why or "a control character in the name reached the terminal"
        if (odd / "PWNED").exists():
            why = "shell metacharacters ran"
        s.record(Result("analyze", f"name {n!r}", rc, first_error(err), not why, why))
    bad_name = os.fsencode(odd) + b"/bad-\xff-name.txt"
    with open(bad_name, "wb") as f:
        f.write(PROSE.encode())
    rc, out, err = run(["analyze", os.fsdecode(bad_name)], odd)
    why = judge("either", rc, err, "bad-")
    s.record(Result("analyze", "name not UTF-8", rc, first_error(err), not why, why))
    os.remove(bad_name)
    specials = special_files(s.tmp / "special")
    for name, (path, expect) in specials.items():
        rc, out, err = run(["analyze", str(path)], s.tmp)
        why = judge(expect, rc, err, Path(path).name)
        s.record(Result("analyze", name, rc, first_error(err), not why, why))
    # several inputs at once: the good ones still come out
    write_inputs(folder, {"bad-rows.jsonl": table_inputs(s.tmp)["bad-rows.jsonl"]})
    rc, out, err = run(["analyze", "--json", "empty.txt", "latin1.txt", "binary.txt", "bad-rows.jsonl"], folder)
    n_docs = len([ln for ln in out.splitlines() if ln.startswith("{")])
    # latin1.txt and three rows of bad-rows.jsonl: g1, g1 again, and ["a", "b"] (a list of paragraphs)
    why = judge("error", rc, err, "empty.txt") or ("" if n_docs == 4 else f"expected 4 documents out, got {n_docs}")
    s.record(Result("analyze", "mixed good and bad", rc, first_error(err), not why, why))
    for targets in ["$\\alpha$;{{x}}|<b>", ";;;|||", "|", "a" * 5000, "\u202e\u200b;\U0001F44D", "M\u00fcller;\u0627\u0644\u062d"]:
        rc, out, err = run(["analyze", "--targets", targets, "inject.txt"], folder)
        why = judge("either", rc, err, None)
        s.record(Result("analyze", f"--targets {targets[:20]!r}", rc, first_error(err), not why, why))
    rc, out, err = run(["analyze", "--scorer", "nope", "inject.txt"], folder)
    why = judge("error", rc, err, "nope")
    s.record(Result("analyze", "--scorer nope", rc, first_error(err), not why, why))


def special_files(folder: Path) -> dict[str, tuple[Path, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "adir.txt").mkdir(exist_ok=True)
    loop = folder / "loop.txt"
    if not loop.is_symlink():
        os.symlink(folder / "loop2.txt", loop)
        os.symlink(loop, folder / "loop2.txt")
    broken = folder / "broken.txt"
    if not broken.is_symlink():
        os.symlink(folder / "nowhere.txt", broken)
    fifo = folder / "fifo.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    unreadable = folder / "unreadable.txt"
    unreadable.write_text(PROSE)
    unreadable.chmod(0)
    cases = {
        "directory named x.txt": (folder / "adir.txt", "error"),
        "missing file": (folder / "missing.txt", "error"),
        "symlink loop": (loop, "error"),
        "broken symlink": (broken, "error"),
        "FIFO": (fifo, "error"),
        "unsupported suffix": (folder / "x.pdf", "error"),
    }
    (folder / "x.pdf").write_bytes(b"%PDF-1.4")
    if not IS_ROOT:
        cases["unreadable (chmod 000)"] = (unreadable, "error")
    return cases


def sweep_score(s: Sweep) -> None:
    folder = s.tmp / "score"
    inputs = table_inputs(s.tmp)
    write_inputs(folder, inputs)
    big = folder / "big-row.jsonl"
    with open(big, "w") as f:
        f.write(json.dumps({"id": "big", "text": "Word " * 10_500_000}) + "\n")
        f.write(json.dumps({"id": "ok", "text": PROSE}) + "\n")
    inputs["big-row.jsonl"] = (b"", "error")
    for name, (_, expect) in inputs.items():
        out_dir = s.tmp / f"scored-{name}"
        rc, out, err = run(["score", name, "--out", str(out_dir), "--no-progress", "--jobs", "1"], folder)
        why = judge(expect, rc, err, name)
        s.record(Result("score", name, rc, first_error(err), not why, why))
    rc, out, err = run(["score", "bad-rows.jsonl", "--out", str(s.tmp / "scored-rows"), "--no-progress", "--jobs", "1"], folder)
    rows_named = sorted(set(re.findall(r"row (\d+)", err)))
    why = judge("error", rc, err, "bad-rows.jsonl")
    if not why:
        import pandas as pd

        docs = pd.read_parquet(s.tmp / "scored-rows" / "documents.parquet")
        if len(docs) < 2:
            why = f"only {len(docs)} good rows scored"
    s.record(Result("score", "bad rows: rows named", rc, f"rows {','.join(rows_named)}", not why, why))
    # a folder of everything: good files scored, bad ones named
    mixed = s.tmp / "score-mixed"
    write_inputs(mixed, {**text_inputs(), **html_inputs()})
    special_files(mixed)
    rc, out, err = run(["score", str(mixed), "--out", str(s.tmp / "scored-mixed"), "--no-progress", "--jobs", "1"], s.tmp)
    why = judge("error", rc, err, None)
    s.record(Result("score", "folder of odd files", rc, first_error(err), not why, why))
    outfile = s.tmp / "an-out-file"
    outfile.write_text("x")
    for label, out_dir in [("--out is a file", outfile), ("--out under a file", outfile / "sub"),
                           ("--out in /proc", Path("/proc/newstone-sweep"))]:
        rc, out, err = run(["score", "bom.jsonl", "--out", str(out_dir), "--no-progress"], folder)
        why = judge("error", rc, err, str(out_dir))
        s.record(Result("score", label, rc, first_error(err), not why, why))
    for label, extra in [("--scorer nope", ["--scorer", "nope"]), ("--text-column missing", ["--text-column", "nope"]),
                         ("--chunk-size 0", ["--chunk-size", "0"]), ("--jobs 0", ["--jobs", "0"]),
                         ("--max-document-mb -1", ["--max-document-mb", "-1"]), ("--targets odd", ["--targets", "$x$;|"])]:
        rc, out, err = run(["score", "bom.jsonl", "--out", str(s.tmp / "scored-args"), "--no-progress", *extra], folder)
        why = judge("error" if label != "--targets odd" else "either", rc, err, None)
        s.record(Result("score", label, rc, first_error(err), not why, why))


def sweep_eval(s: Sweep) -> None:
    folder = s.tmp / "eval"
    files = {
        "empty_GroundTruth.txt": b"",
        "garbage_GroundTruth.txt": b"this is\tnot\nvader data at all\n",
        "short_GroundTruth.txt": b"1\t0.5\n",
        "badnum_GroundTruth.txt": b"1\tabc\tSome text here\n2\t1.0\tGood text\n",
        "binary_GroundTruth.txt": bytes(range(256)) * 4,
        "bad.jsonl": b"{not json\n",
        "wrongshape.jsonl": b'{"a": 1}\n[1,2]\n',
        "empty.jsonl": b"",
        "polnear.jsonl": b'{"x": 1}\n',
        "polnear-quotes.jsonl": b'{"text": "He said so.", "quotes": [1, "x"]}\n',
        "polnear-spans.jsonl": b'{"text": "He said so.", "quotes": [{"content_spans": [["a", 3]]}]}\n',
        "targets.jsonl": b'{"sentence": "x", "targets": [1]}\n{"sentence": "x", "targets": [{"polarity": 2.0}]}\n',
    }
    write_inputs(folder, {k: (v, "error") for k, v in files.items()})
    (folder / "adir").mkdir(exist_ok=True)
    cases = [[n] for n in files if not n.startswith("polnear")] + [[n, "--format", "polnear"] for n in files if n.startswith("polnear")] + [["missing.txt"],
                                                             ["adir"], ["empty.jsonl", "--format", "polnear"],
                                                             ["bad.jsonl", "--scorer", "nope"]]
    for argv in cases:
        rc, out, err = run(["eval", *argv], folder)
        why = judge("error", rc, err, argv[0] if "nope" not in argv else "nope")
        s.record(Result("eval", " ".join(argv)[:28], rc, first_error(err), not why, why))


# ---------------------------------------------------------------- render

LIVE = [(r"<script", "a live <script>"), (r"<[a-z][^<>]*\son\w+\s*=", "a live event-handler attribute"),
        (r"<b>NSBOLD", "an injected <b> tag"), (r"<iframe[^<>]*e\.invalid", "an injected iframe"),
        (r"NSJINJA", "Jinja evaluated"), (r"data-mime-type=\"application/vnd\.jupyter\.stderr", "a warning printed in the report"), (r"<a[^<>]*href=[\"']?javascript:", "a javascript: link")]


def html_problem(html: str) -> str:
    for pattern, what in LIVE:
        if re.search(pattern, html, re.I):
            return what
    return ""


def sweep_render(s: Sweep) -> None:
    folder = s.tmp / "render"
    picked = ["inject.txt", "inject.md", "unicode-mix.txt", "odd-quotes.txt", "utf16-bom.txt", "cp1252.txt",
              "mojibake.txt", "newlines.txt", "surrogate-escape.txt", "control-chars.txt", "boilerplate.txt",
              "empty.txt", "binary.txt", "nul.txt", "whitespace.txt"]
    texts = {**text_inputs(), **html_inputs()}
    write_inputs(folder, {k: texts[k] for k in picked})
    write_inputs(folder, {k: v for k, v in html_inputs().items() if k in ("script.html", "nobody.html", "malformed.html")})
    tables = table_inputs(s.tmp)
    write_inputs(folder, {k: tables[k] for k in ("bad-rows.jsonl", "bad-quoting.csv", "no-text.csv")})
    (folder / "with space $x$ {{y}}.txt").write_text(f"{INJECT}\n\n{PROSE}")
    out = s.tmp / "reports"
    rc, stdout, err = run(["render", str(folder), "--out", str(out), "--jobs", "1"], s.tmp, timeout=3000)
    why = judge("error", rc, err, None)
    failed = re.findall(r"newstone: error: (.*)", err)
    expected_bad = ["empty.txt", "binary.txt", "nul.txt", "whitespace.txt", "nobody.html", "no-text.csv"]
    for bad in expected_bad:
        if not any(bad in ln for ln in failed):
            why = why or f"{bad} not reported"
    htmls = sorted(out.glob("*.html"))
    for good in ["inject", "unicode-mix", "cp1252", "script"]:
        if not any(p.name.startswith(good) for p in htmls):
            why = why or f"no report for {good}"
    s.record(Result("render", f"folder of {len(list(folder.iterdir()))} inputs", rc, first_error(err), not why, why))
    for line in failed:
        s.record(Result("render", "  error line", rc, line[:140], len(line) < 400 and "\n" not in line, "long"))
    for p in htmls:
        why = html_problem(p.read_text(encoding="utf-8", errors="replace"))
        s.record(Result("render", f"html {p.name[:23]}", "-", "", not why, why))
    for p in sorted(out.glob("*.svg")):
        why = html_problem(p.read_text(errors="replace"))
        s.record(Result("render", f"svg {p.name[:24]}", "-", "", not why, why))
    # one 100k-character line without punctuation, on the reports' default scorer
    long_dir = s.tmp / "long"
    write_inputs(long_dir, {"longline.txt": texts["longline.txt"]})
    rc, stdout, err = run(["render", str(long_dir / "longline.txt"), "--out", str(s.tmp / "reports-long"), "--jobs", "1"],
                          s.tmp, timeout=120)
    why = judge("ok", rc, err, None)
    s.record(Result("render", "longline.txt (minilm)", rc, first_error(err), not why, why))
    # an existing good report that a failing re-render must not overwrite
    keep = s.tmp / "keep"
    keep.mkdir()
    article = keep / "article.txt"
    article.write_text(PROSE * 3)
    out2 = s.tmp / "reports2"
    rc, stdout, err = run(["render", str(article), "--out", str(out2), "--jobs", "1", "-p", "scorer=vader"], s.tmp)
    good = sorted(out2.glob("article*.html"))
    before = {p: p.read_bytes() for p in good}
    article.write_bytes(b"\x00\x01binary now")
    rc, stdout, err = run(["render", str(article), "--out", str(out2), "--jobs", "1", "-p", "scorer=vader", "--force"], s.tmp)
    why = judge("error", rc, err, "article") or ("" if good else "first render made no report")
    if not why and any(p.read_bytes() != data for p, data in before.items()):
        why = "the good report was overwritten"
    s.record(Result("render", "failing re-render keeps good", rc, first_error(err), not why, why))
    # bad parameters, output folders
    article.write_text(PROSE)
    for label, extra, expect in [
        ("-p scorer=nope", ["-p", "scorer=nope"], "error"), ("-p threshold=abc", ["-p", "threshold=abc"], "error"),
        ("-p top_n=abc", ["-p", "top_n=abc"], "error"), ("-p top_n=-3", ["-p", "top_n=-3"], "error"),
        ("-p unknown=1", ["-p", "unknown=1"], "error"), ("-p noequals", ["-p", "noequals"], "error"),
        ("-p title=$\\alpha$<b>", ["-p", "title=$\\alpha$ <b>NSBOLD</b> {{ 'NSJ' ~ 'INJA' }}", "-p", "scorer=vader"], "ok"),
        ("-p targets=odd", ["-p", "targets=$x$;<b>NSBOLD</b>|{{y}};;|", "-p", "scorer=vader"], "either"),
        ("--jobs 0", ["--jobs", "0"], "error"), ("--notebook missing", ["--notebook", "nope.ipynb"], "error"),
    ]:
        out3 = s.tmp / f"reports-{len(s.results)}"
        rc, stdout, err = run(["render", str(article), "--out", str(out3), "--jobs", "1", *extra], s.tmp)
        why = judge(expect, rc, err, None)
        for p in out3.glob("*.html") if out3.exists() else []:
            why = why or html_problem(p.read_text(errors="replace"))
        s.record(Result("render", label, rc, first_error(err), not why, why))
    outfile = s.tmp / "render-out-file"
    outfile.write_text("x")
    for label, out_dir in [("--out is a file", outfile), ("--out under a file", outfile / "sub"),
                           ("--out in /proc", Path("/proc/newstone-sweep")), ("--out is the input", keep)]:
        rc, stdout, err = run(["render", str(article), "--out", str(out_dir), "--jobs", "1"], s.tmp)
        why = judge("error", rc, err, None)
        s.record(Result("render", label, rc, first_error(err), not why, why))
    for label, argv in [("missing input", ["render", str(s.tmp / "missing.txt")]),
                        ("empty folder", ["render", str(s.tmp / "emptydir")]),
                        ("a FIFO", ["render", str(s.tmp / "special" / "fifo.txt")])]:
        (s.tmp / "emptydir").mkdir(exist_ok=True)
        special_files(s.tmp / "special")
        rc, stdout, err = run([*argv, "--out", str(s.tmp / "reports-x"), "--jobs", "1"], s.tmp)
        why = judge("error", rc, err, None)
        s.record(Result("render", label, rc, first_error(err), not why, why))


# ---------------------------------------------------------------- library

DEEP = (IndexError, KeyError, ZeroDivisionError, AttributeError, TypeError, AssertionError, RecursionError)


def sweep_library(s: Sweep) -> None:
    """The functions the notebooks call, on the same texts: a clear error or a sensible result."""
    sys.path.insert(0, str(ROOT / "lib"))
    import matplotlib.mathtext

    from newstone.analyze import analyze_document, analyze_path
    from newstone.reports import views
    from newstone.text.decode import Document, InputError
    from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline

    def no_math(*args, **kwargs):
        raise AssertionError("mathtext parsed article text")

    matplotlib.mathtext.MathTextParser.parse = no_math  # any mathtext parse is a failure
    nlp = load_pipeline(PEOPLE_EXCLUDE)
    folder = s.tmp / "lib"
    inputs = {**text_inputs(), **html_inputs()}
    write_inputs(folder, inputs)
    texts: dict[str, str] = {
        "empty string": "", "only spaces": "   \n\n ", "one char": "x", "one quote mark": "\u201c",
        "only punctuation": "!?.,;:\u2026\u2014\u201c\u201d", "numbers": "1 2 3 4 5 6.", "inject": f"{INJECT}\n\n{PROSE}",
        "NUL in text": f"{PROSE}\x00{PROSE}", "lone surrogate": f"{PROSE}\ud800", "private use": "\ue000" * 50,
        "dollars": "$ " * 500 + "$$ $\\alpha$ \\\\ {} % &", "one huge word": "x" * 200_000,
    }
    checks: list[tuple[str, Callable[[], object]]] = []
    for name, text in texts.items():
        checks.append((f"analyze_document {name}", lambda t=text: analyze_document(
            Document(source="mem.txt", text=t, sha256="0"), scorer="vader", nlp=nlp)))
    for name in inputs:
        checks.append((f"analyze_path {name}", lambda n=name: analyze_path(folder / n, scorer="vader", nlp=nlp)))
    for label, fn in checks:
        try:
            result = fn()
        except InputError as exc:
            msg = str(exc)
            ok = "\n" not in msg and len(msg) < 400
            s.record(Result("lib", label[:28], "InputError", msg[:140], ok, "multi-line message"))
            continue
        except DEEP as exc:
            s.record(Result("lib", label[:28], type(exc).__name__, str(exc)[:140], False, "crash from deep inside"))
            continue
        except Exception as exc:  # noqa: BLE001 - report what escaped
            msg = f"{type(exc).__name__}: {exc}"
            s.record(Result("lib", label[:28], type(exc).__name__, msg[:140], "\n" not in str(exc), "multi-line"))
            continue
        why = ""
        try:
            for view in ("summary", "tone_plot", "speakers_table", "quotes_table", "actors_plot", "actors_table",
                         "removed_table", "sentence_table"):
                shown = getattr(views, view)(result)
                markup = getattr(shown, "data", None) or getattr(shown, "_repr_html_", lambda: "")() or ""
                why = why or (html_problem(markup) if isinstance(markup, str) else "")
            views.extremes(result, 5, "negative")
        except Exception as exc:  # noqa: BLE001
            why = f"view crashed: {type(exc).__name__}: {str(exc)[:80]}"
        s.record(Result("lib", label[:28], "ok", f"{len(result.sentences)} sentences", not why, why))


# ---------------------------------------------------------------- round 2: what scrapers save

PROSE2 = ("The government announced a new plan to rebuild the damaged bridge before winter. "
          "Engineers warned that the repairs could take longer than expected. "
          "Residents said they were relieved that work would finally begin.")
MARK = "talks had collapsed"  # in PROSE: the article was found


def _page(head: str, body: str, html_attrs: str = 'lang="en"') -> str:
    return f"<!DOCTYPE html><html {html_attrs}><head>{head}</head><body>{body}</body></html>"


NAV = (  # page furniture around the article
       "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
       "<li><a href='/business'>Business</a></li><li><a href='/sport'>Sport</a></li></ul></nav></header>")
FOOT = "<footer><p>\u00a9 2024 Example News. All rights reserved.</p><a href='/privacy'>Privacy</a></footer>"


def scraped_inputs() -> dict[str, tuple[bytes, str, str | None, str | tuple[str, ...] | None]]:
    """file name -> (bytes, expectation, a phrase the analysis must keep, what it must not keep; None: no check)."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Talks collapse",
          "datePublished": "2024-03-05T10:00:00Z", "articleBody": PROSE + "\n\n" + PROSE2}
    rss = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example News</title>'
           f'<link>https://example.com/</link><description>Latest</description>'
           + "".join(f"<item><title>Story {i}</title><link>https://example.com/{i}</link>"
                     f"<description>{PROSE}</description><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>" for i in range(5))
           + "</channel></rss>")
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>'
            + "".join(f"<entry><title>Story {i}</title><id>urn:{i}</id><summary>{PROSE}</summary></entry>" for i in range(5))
            + "</feed>")
    ru = ("\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e \u0437\u0430\u044f\u0432\u0438\u043b\u043e, "
          "\u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0432\u0430\u043b\u0438\u043b\u0438\u0441\u044c. ")
    ja = "\u653f\u5e9c\u306f\u4ea4\u6e09\u304c\u6c7a\u88c2\u3057\u305f\u3068\u767a\u8868\u3057\u305f\u3002"
    innertext = "\n".join([
        "Skip to main content", "Home", "World", "Business", "Sport", "Subscribe", "Sign in", "",
        "Talks collapse after week of disputes", "", "By Jane Doe", "March 5, 2024", "",
        "Share", "Tweet", "Email", "", PROSE, "", "Advertisement", "",
        "Read more: Markets fall as talks stall", "",
        "A negotiator leaves the building on Monday. (Photo: Reuters)", "", PROSE2, "",
        "Advertisement", "", "Read more", "", "More from World", "Markets fall as talks stall",
        "Storm hits coast", "", "\u00a9 2024 Example News. All rights reserved.", "Privacy Policy", "Terms of Use",
    ])
    zw = PROSE.replace("collapsed", "col\u200blapsed").replace("disappointed", "dis\u00adappointed") \
        .replace("welcomed", "wel\u200ccomed").replace("praised", "prai\u2060sed").replace("courage", "cour\ufeffage")
    rtl = ("\u05d4\u05de\u05de\u05e9\u05dc\u05d4 \u05d4\u05d5\u05d3\u05d9\u05e2\u05d4 (the government announced) "
           "\u0627\u0644\u062d\u0643\u0648\u0645\u0629 \u0642\u0627\u0644\u062a \u200fthat the talks had collapsed\u200e. "
           "\u202bArabic embedding \u0645\u0631\u062d\u0628\u0627\u202c and English. ") * 3 + PROSE
    html_text = f"<p>{PROSE}</p><p>{PROSE2}</p><script>alert('NSXSS')</script><p><b>NSBOLD</b> &amp; more</p>"
    out = {
        "amp.html": (_page('<meta charset="utf-8"><title>Talks collapse</title><script async src="https://cdn.ampproject.org/v0.js"></script>'
                          '<style amp-boilerplate>body{visibility:hidden}</style><link rel="canonical" href="https://example.com/a">',
                          NAV + f'<article><h1>Talks collapse</h1><amp-img src="a.jpg" width="600" height="400" layout="responsive"></amp-img>'
                          f'<p>{PROSE}</p><amp-ad width="300" height="250" type="doubleclick"></amp-ad><p>{PROSE2}</p></article>' + FOOT,
                          'amp lang="en"').encode(), "ok", MARK, "Home"),
        "jsonld-only.html": (_page(f'<meta charset="utf-8"><title>Talks collapse | Example News</title>'
                                  f'<script type="application/ld+json">{json.dumps(ld)}</script>',
                                  '<div id="root"></div><script src="/app.js"></script>').encode(), "ok", MARK, None),
        "noscript-template.html": (_page('<title>Talks collapse</title>',
                                        NAV + '<noscript><p>Please enable JavaScript to view this site NSNOSCRIPT.</p></noscript>'
                                        f'<template><p>Template text NSTEMPLATE should never show.</p></template>'
                                        f'<article><p>{PROSE}</p><p>{PROSE2}</p></article>' + FOOT).encode(), "ok", MARK, "NSTEMPLATE"),
        "divs-only.html": (_page('<title>Talks collapse</title>',
                                NAV + '<div class="article-body">' + "".join(f'<div class="para">{s}.</div>' for s in (PROSE + " " + PROSE2).split(". "))
                                + '</div>' + FOOT).encode(), "ok", MARK, None),
        "feed-rss.html": (rss.encode(), "either", None, None),
        "feed-atom.xml": (atom.encode(), "error", None, None),
        "feed-rss.xml": (rss.encode(), "error", None, None),
        "error-403.html": (b"<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center>"
                           b"<hr><center>nginx/1.18.0</center></body></html>", "error", None, None),
        "access-denied.html": (_page("<title>Access denied | example.com used Cloudflare to restrict access</title>",
                                    "<div><h1>Access denied</h1><p>You do not have access to example.com.</p>"
                                    "<p>The site owner may have set restrictions that prevent you from accessing the site.</p>"
                                    "<p>Error code 1020</p><p>Ray ID: 7a1b2c3d4e5f6789</p></div>").encode(), "error", None, None),
        "cookie-wall.html": (_page("<title>Before you continue</title>",
                                  "<div class='consent'><h2>We value your privacy</h2><p>We and our partners store and/or access "
                                  "information on a device, such as cookies, and process personal data, such as unique identifiers "
                                  "and standard information sent by a device, for personalised ads and content, ad and content "
                                  "measurement, and audience insights.</p><p>You can accept or reject cookies, or manage your "
                                  "preferences at any time.</p><button>Accept all</button><button>Reject all</button>"
                                  "<button>Manage preferences</button></div>").encode(), "error", None, None),
        "cp1251.html": (_page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>\u041d\u043e\u0432\u043e\u0441\u0442\u0438</title>',
                             f"<article><p>{ru * 4}</p><p>{ru * 3}</p></article>").encode("cp1251"), "ok",
                        "\u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b", None),
        "shiftjis.html": (_page('<meta charset="Shift_JIS"><title>\u30cb\u30e5\u30fc\u30b9</title>',
                               f"<article><p>{ja * 5}</p><p>{ja * 4}</p></article>").encode("shift_jis"), "ok", "\u4ea4\u6e09", None),
        "wrong-charset.html": (_page('<meta charset="utf-8"><title>Talks</title>',
                                    f"<article><p>{PROSE}</p><p>{PROSE2} Caf\u00e9 \u20ac5m.</p></article>").encode("cp1252"), "ok", MARK, None),
        "wrong-charset-sjis.html": (_page('<meta charset="shift_jis"><title>Talks</title>',
                                         f"<article><p>{PROSE}</p><p>{PROSE2} Caf\u00e9 na\u00efve.</p></article>").encode("utf-8"), "ok", MARK, None),
        "innertext.txt": (innertext.encode(), "ok", MARK, ("Advertisement", "Terms of Use", "Sign in")),
        "html-text.csv": (("id,text\n1,\"" + html_text.replace('"', '""') + "\"\n2,\"" + PROSE + "\"\n").encode(), "ok", MARK, "<p>"),
        "html-text.jsonl": ((json.dumps({"id": "h", "text": html_text}) + "\n" + json.dumps({"id": "p", "text": PROSE}) + "\n").encode(),
                            "ok", MARK, "<p>"),
        "text-list.jsonl": ((json.dumps({"id": "l", "text": [PROSE, PROSE2]}) + "\n" + json.dumps({"id": "n", "text": 3.5}) + "\n"
                             + json.dumps({"id": "p", "text": PROSE}) + "\n").encode(), "error", MARK, None),
        "rtl-mixed.txt": (rtl.encode(), "ok", MARK, None),
        "zero-width.txt": (zw.encode(), "ok", "collapsed", "\u200b"),
        "emoji-only.txt": ("\U0001F600\U0001F602\U0001F525\U0001F44D\U0001F3FD \U0001F468\u200D\U0001F469\u200D\U0001F467\n\n\U0001F62D\U0001F621".encode(), "either", None, None),
        "one-word-50k.txt": ("\n\n".join(["Word"] * 50_000).encode(), "ok", None, None),
        "paragraph-1mb.txt": (((PROSE + " ") * (1_000_000 // (len(PROSE) + 1) + 1))[:1_000_000].encode(), "ok", MARK, None),
    }
    return out


def _texts(out: str) -> str:
    """The sentences of every JSON document printed by `analyze --json`, joined."""
    docs = []
    try:
        docs = [json.loads(out)]
    except ValueError:
        docs = [json.loads(ln) for ln in out.splitlines() if ln.startswith("{")]
    return " ".join(s["text"] for d in docs for s in d["sentences"])


def sweep_scraped(s: Sweep) -> None:
    """analyze and score each scraped input; render a folder of them (vader)."""
    folder = s.tmp / "scraped"
    inputs = scraped_inputs()
    write_inputs(folder, {k: (v[0], v[1]) for k, v in inputs.items()})
    for name, (_, expect, want, unwanted) in inputs.items():
        rc, out, err = run(["analyze", "--json", name], folder)
        why = judge(expect, rc, err, name)
        if not why and (want or unwanted) and out.strip():
            try:
                text = _texts(out)
            except ValueError:
                text, why = "", "stdout is not JSON"
            if want and want not in text:
                why = why or f"lost the article ({want!r} not in its sentences)"
            for junk in [unwanted] if isinstance(unwanted, str) else unwanted or []:
                if junk in text:
                    why = why or f"{junk!r} scored as article text"
        s.record(Result("analyze", f"scraped {name}", rc, first_error(err), not why, why))
    for name in ("html-text.csv", "html-text.jsonl", "text-list.jsonl"):
        rc, out, err = run(["score", name, "--out", str(s.tmp / f"scored-{name}"), "--no-progress", "--jobs", "1"], folder)
        why = judge(inputs[name][1], rc, err, name)
        s.record(Result("score", f"scraped {name}", rc, first_error(err), not why, why))
    rc, out, err = run(["score", str(folder), "--out", str(s.tmp / "scored-scraped"), "--no-progress", "--jobs", "1"], s.tmp)
    why = judge("error", rc, err, None)
    s.record(Result("score", "folder of scraped files", rc, first_error(err), not why, why))
    out_dir = s.tmp / "reports-scraped"
    rc, stdout, err = run(["render", str(folder), "--out", str(out_dir), "--jobs", "1", "-p", "scorer=vader"], s.tmp, timeout=3000)
    why = judge("error", rc, err, None)
    said = re.findall(r"newstone: error: (.*)", err)
    for bad in [n for n, v in inputs.items() if v[1] == "error" and n.endswith((".html", ".txt", ".jsonl", ".csv"))]:
        if not any(bad in ln for ln in said):
            why = why or f"{bad} not reported"
    if len(said) != len(set(said)):
        why = why or "an error line said twice"
    htmls = sorted(out_dir.glob("*.html"))
    for name, (_, expect, _, _) in inputs.items():
        if expect == "ok" and not name.endswith(".xml") and not any(p.name.startswith(Path(name).stem) for p in htmls):
            why = why or f"no report for {name}"
    s.record(Result("render", f"folder of {len(inputs)} scraped", rc, first_error(err), not why, why))
    for p in htmls:
        why = html_problem(p.read_text(encoding="utf-8", errors="replace"))
        s.record(Result("render", f"html {p.name[:23]}", "-", "", not why, why))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="analyze,score,eval,lib,render,scraped", help="comma-separated parts to run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newstone-sweep-"))
    sweep = Sweep(tmp)
    parts = {"analyze": sweep_analyze, "score": sweep_score, "eval": sweep_eval, "lib": sweep_library,
             "render": sweep_render, "scraped": sweep_scraped}
    try:
        for name in args.only.split(","):
            parts[name.strip()](sweep)
    finally:
        for p in tmp.rglob("*"):
            if not p.is_symlink() and p.exists():
                p.chmod(p.stat().st_mode | stat.S_IRUSR | stat.S_IWUSR | (stat.S_IXUSR if p.is_dir() else 0))
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    failed = [r for r in sweep.results if not r.ok]
    print(f"\n{len(sweep.results)} cases, {len(sweep.results) - len(failed)} PASS, {len(failed)} FAIL")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
