"""`newstone score`: corpus tables, bad rows, chunked reading, resuming, local vs dask, load_scored."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from newstone.corpus import score as S
from newstone.corpus import assemble as assemble_module
from newstone.corpus import batch as score_batch
from newstone.corpus import engines as engines_module
from newstone.corpus import cli as score_cli
from newstone.corpus import parts as score_parts
from newstone.corpus import plan as score_plan
from newstone.corpus import state as score_state
from newstone.corpus import tables
from newstone.text.inputs import collect_inputs
from newstone.corpus.engines import LocalEngine
from newstone.corpus.summary import DOCUMENT_COLUMNS, SENTENCE_COLUMNS, analyze_corpus
from newstone.text.read import Columns, InputError, iter_documents
from newstone.tone.sentiment import VaderScorer
from conftest import kill_slow_score

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[1] / "seeds" / "000_4054172739a3b017.txt"
DOC_FIELDS = [name for name, _ in tables.DOCUMENT_FIELDS]
SENT_FIELDS = [name for name, _ in tables.SENTENCE_FIELDS]

SENTENCES = [
    "The council approved the new budget after a long debate.",
    "Residents were furious about the closures.",
    "The rescue was a wonderful success!",
    "Officials met on Tuesday.",
    "It was not a good day for the markets, but traders stayed calm.",
    "Critics called the plan a disaster.",
    "Volunteers said they were happy to help.",
    "The storm destroyed dozens of homes.",
]


def article(i: int, n: int = 5) -> str:
    """A small multi-paragraph article, different for each i."""
    picked = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(n)]
    return f"{picked[0]} {picked[1]}\n\n" + " ".join(picked[2:]) + f"\n\nReport number {i} ends here."


def read_tables(out: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    docs = pd.read_parquet(out / "documents.parquet")
    sents = pd.read_parquet(out / "sentences.parquet")
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return docs, sents, errors


def assert_same_tables(a: Path, b: Path) -> None:
    da, sa, ea = read_tables(a)
    db, sb, eb = read_tables(b)
    pd.testing.assert_frame_equal(da, db)
    pd.testing.assert_frame_equal(sa, sb)
    assert ea == eb


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A folder with an article file, the CSV and JSONL fixtures (with their bad rows)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(FIXTURES / "corpus.csv", folder / "corpus.csv")
    shutil.copy(FIXTURES / "corpus.jsonl", folder / "corpus.jsonl")
    return folder


@pytest.fixture
def bigger_jsonl(tmp_path: Path) -> Path:
    """40 articles with a blank line and a bad line in the middle."""
    path = tmp_path / "many.jsonl"
    lines = [json.dumps({"id": f"n{i}", "title": f"Story {i}", "source": "Gazette", "date": f"2024-01-{1 + i % 28:02d}",
                         "text": article(i)}) for i in range(40)]
    lines.insert(17, "")
    lines.insert(23, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- end to end ----------------------------------------------------------------------------------


def test_folder_csv_jsonl_end_to_end(corpus_dir, tmp_path, capsys):
    out = tmp_path / "out"
    status = score_cli.main([str(corpus_dir), "--out", str(out), "--jobs", "1", "--chunk-size", "2"])
    assert status == 1  # the fixtures hold bad rows
    docs, sents, errors = read_tables(out)
    assert list(docs.columns) == DOC_FIELDS
    assert list(sents.columns) == SENT_FIELDS == SENTENCE_COLUMNS
    assert set(DOC_FIELDS) <= set(DOCUMENT_COLUMNS)
    assert docs["id"].tolist() == [
        SEED.name, "corpus.csv#a1", "corpus.csv#a2", "corpus.csv#a4",
        "corpus.jsonl#a1", "corpus.jsonl#a2", "corpus.jsonl#a6",
    ]
    assert docs["id"].is_unique
    assert docs["n_sentences"].sum() == len(sents)
    assert sents.groupby("doc_id", sort=False).size().reindex(docs["id"]).tolist() == docs["n_sentences"].tolist()

    # every sentence scored exactly as the library's scorer scores it, on the shared (calibrated) scale
    from newstone.tone.sentiment import resolve_scorer

    reference = resolve_scorer(VaderScorer())
    for row in sents.itertuples(index=False):
        want = reference.polarity_scores(row.text)
        assert (row.neg, row.neu, row.pos, row.compound) == (want["neg"], want["neu"], want["pos"], want["compound"])

    # the same documents, sentences, titles and tone as the full per-article pipeline
    full = analyze_corpus(str(corpus_dir))
    cols = ["title", "date", "site", "n_paragraphs", "n_sentences", "compound", "share_negative",
            "share_neutral", "share_positive", "n_removed"]
    pd.testing.assert_frame_equal(docs[cols], full.documents[cols].reset_index(drop=True), check_dtype=False)
    pd.testing.assert_frame_equal(
        sents[SENTENCE_COLUMNS[1:]], full.sentences[SENTENCE_COLUMNS[1:]].reset_index(drop=True), check_dtype=False)

    # bad rows: one line each on stderr naming file and row, recorded in errors.jsonl, the rest scored
    assert [e["error"] for e in errors] == full.errors
    assert [(Path(e["source"]).name, e["row"]) for e in errors] == [
        ("corpus.csv", 3), ("corpus.jsonl", 3), ("corpus.jsonl", 4), ("corpus.jsonl", 6)]
    err = capsys.readouterr().err
    for e in errors:
        assert f"newstone: error: {e['error']}" in err
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["summary"] == {"documents": 7, "sentences": len(sents), "errors": 4, "failed_parts": 0}


def test_score_document_matches_analyze(seed_path):
    from newstone.analyze import analyze_document
    from newstone.text.read import read_document

    doc = read_document(seed_path)
    row, sentences = S.score_document(doc, "vader", doc_id="seed")
    full = analyze_document(doc)
    assert row["title"] == full.title
    assert row["n_sentences"] == full.tone["n_sentences"] == len(sentences)
    for key in ("compound", "share_negative", "share_neutral", "share_positive"):
        assert row[key] == full.tone[key]
    assert row["n_removed"] == len(full.removed)
    assert sentences["text"].tolist() == full.sentences["text"].tolist()
    assert sentences["compound"].tolist() == full.sentences["compound"].tolist()


def test_bad_inputs_are_reported_and_skipped(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(article(1), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "boiler.txt").write_text("Share this\nAdvertisement\n", encoding="utf-8")
    (folder / "rows.csv").write_text(
        'id,text\nr1,"Good news today."\nr2,"x","extra"\nr3,\nr4,"Bad news, sadly."\n', encoding="utf-8")
    (folder / "notext.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    status = score_cli.main([str(folder), str(tmp_path / "missing.jsonl"), str(tmp_path / "notes.docx"),
                     "--out", str(tmp_path / "out"), "--jobs", "1", "--no-progress"])
    assert status == 1
    docs, sents, errors = read_tables(tmp_path / "out")
    assert docs["id"].tolist() == ["good.txt", "rows.csv#r1", "rows.csv#r4"]
    messages = [e["error"] for e in errors]
    assert len(messages) == 8
    expected = [
        ("binary.txt", "binary file"), ("boiler.txt", "no article text left after cleaning"),
        ("empty.txt", "file is empty"), ("notext.csv", "no column 'text'"),
        ("rows.csv: row 2", "has 3 fields but the header has 2"), ("rows.csv: row 3", "column 'text' is empty"),
        ("missing.jsonl", "file not found"), ("notes.docx", "unsupported file type"),
    ]
    for where, what in expected:
        assert any(where in m and what in m for m in messages), (where, what, messages)
    # in input order in errors.jsonl; one line each on stderr as they happen
    assert [next(i for i, m in enumerate(messages) if where in m) for where, _ in expected] == [0, 1, 2, 3, 4, 5, 6, 7]
    err = capsys.readouterr().err.splitlines()
    assert sorted(err) == sorted(f"newstone: error: {m}" for m in messages)


def test_unsupported_file_and_no_inputs(tmp_path, capsys):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    assert score_cli.main([str(tmp_path / "notes.docx"), "--out", str(tmp_path / "o1"), "--jobs", "1"]) == 1
    assert "unsupported file type '.docx'" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert score_cli.main([str(tmp_path / "empty"), "--out", str(tmp_path / "o2"), "--jobs", "1"]) == 1
    assert "no input documents found" in capsys.readouterr().err


def test_unknown_scorer_is_a_usage_error(corpus_dir, tmp_path, capsys):
    assert score_cli.main([str(corpus_dir), "--out", str(tmp_path / "o"), "--scorer", "nope"]) == 2
    assert "unknown scorer 'nope'" in capsys.readouterr().err


def test_cli_wiring():
    parser = argparse.ArgumentParser(prog="newstone")
    sub = parser.add_subparsers(dest="command", required=True)
    score_cli.add_score_parser(sub)
    args = parser.parse_args(["score", "a.csv", "b/", "--out", "o", "--text-column", "body", "--jobs", "3",
                              "--engine", "dask", "--scheduler", "tcp://h:8786", "--chunk-size", "10"])
    assert args.func is score_cli.cmd_score
    assert (args.inputs, args.out, args.text_column, args.jobs, args.engine, args.scheduler, args.chunk_size) == (
        ["a.csv", "b/"], "o", "body", 3, "dask", "tcp://h:8786", 10)


# --- reading in chunks ---------------------------------------------------------------------------


def _as_comparable(items):
    return [str(i) if isinstance(i, InputError) else (i.source, i.text, i.title, i.date, i.site, i.id, i.warnings)
            for i in items]


def _chunked(path: Path, columns: Columns, chunk: int):
    files = collect_inputs([str(path)])[0]
    parts, _, _ = score_plan.plan_parts(files, columns, chunk, score_plan.run_parameters("vader", columns))
    out = []
    for part in parts:
        assert part["kind"] == "table"
        out += [item if isinstance(item, InputError) else item[0] for item in score_parts.iter_part_documents(part, columns)]
    return out, parts


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1000])
def test_chunked_reading_equals_iter_documents(tmp_path, bigger_jsonl, chunk):
    """Parts read with seeks give exactly the rows (and row errors) of newstone.text.read.iter_documents."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tricky_csv = tmp_path / "tricky.csv"
    tricky_csv.write_bytes(
        "\ufeffid,title,text\r\n"
        'c1,One,"Multi-line\r\nfield, with ""quotes"".\r\n\r\nSecond paragraph."\r\n'
        "\r\n"
        "c2,Two,Plain text row.\r\n"
        'c3,Three,"bad",extra\r\n'
        'c4,Four,"Ünïcödé “quotes” — fine."\r\n'
        "c5,Five,\r\n"
        'c6,Six,"Last one\nwith a bare newline."\r\n'.encode("utf-8"))
    cp1252_csv = tmp_path / "old.csv"
    cp1252_csv.write_bytes("id,text\n1,caf\xe9 good\n2,na\xefve bad\n3,fine\n".encode("cp1252"))
    parquet = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"id": [f"p{i}" for i in range(25)], "text": [article(i) if i != 4 else "" for i in range(25)],
                             "extra": list(range(25))}), parquet, row_group_size=4)
    columns = Columns()
    for path in (tricky_csv, cp1252_csv, bigger_jsonl, FIXTURES / "corpus.csv", FIXTURES / "corpus.jsonl", parquet):
        chunked, parts = _chunked(path, columns, chunk)
        assert _as_comparable(chunked) == _as_comparable(iter_documents(path, columns)), path
        if chunk == 1 and path.suffix != ".parquet":
            assert len(parts) >= 3


def test_parts_stream_in_batches(tmp_path, bigger_jsonl, monkeypatch):
    """A part is scored in batches of BATCH_DOCUMENTS: memory follows the batch, not the part."""
    import pyarrow as pa

    monkeypatch.setattr(score_parts, "BATCH_DOCUMENTS", 5)
    S.score_corpus([bigger_jsonl], tmp_path / "out", jobs=1, chunk_size=1000, progress=False)
    with pa.memory_map(str(tmp_path / "out" / "parts" / "documents-00000.arrow")) as source:
        assert pa.ipc.open_file(source).num_record_batches >= 7


# --- ids -----------------------------------------------------------------------------------------


def test_ids_are_unique_and_stable(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.csv").write_text(
            "id,text\n" + "".join(f"{i % 3},{SENTENCES[i % len(SENTENCES)]}\n" for i in range(8)), encoding="utf-8")
        (tmp_path / folder / "story.txt").write_text(article(3), encoding="utf-8")
    spec = f"{tmp_path}/a;{tmp_path}/b"
    S.score_corpus(spec, tmp_path / "o1", jobs=1, chunk_size=3, progress=False)
    docs, sents, _ = read_tables(tmp_path / "o1")
    assert docs["id"].is_unique
    # row 5 has an unquoted comma (a bad row); the repeats of ids 0, 1, 2 get ~2, ~3 in row order
    assert docs["id"].tolist()[:9] == [
        "a/story.txt", "a/x.csv#0", "a/x.csv#1", "a/x.csv#2", "a/x.csv#0~2", "a/x.csv#2~2", "a/x.csv#0~3",
        "a/x.csv#1~2", "b/story.txt"]
    assert sents.groupby("doc_id", sort=False).size().reindex(docs["id"]).tolist() == docs["n_sentences"].tolist()
    assert sents["doc_id"].tolist() == [d for d, n in zip(docs["id"], docs["n_sentences"]) for _ in range(n)]
    # the same ids from another working directory and another chunking
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        S.score_corpus("a;b", tmp_path / "o2", jobs=1, chunk_size=5, progress=False)
    finally:
        os.chdir(cwd)
    assert pd.read_parquet(tmp_path / "o2" / "documents.parquet")["id"].tolist() == docs["id"].tolist()


def test_glob_labels(tmp_path):
    (tmp_path / "d" / "2024").mkdir(parents=True)
    (tmp_path / "d" / "2024" / "one.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "d" / "two.txt").write_text(article(2), encoding="utf-8")
    files = collect_inputs(f"{tmp_path}/d/**/*.txt")[0]
    assert sorted(f.label for f in files) == ["2024/one.txt", "two.txt"]


# --- resuming ------------------------------------------------------------------------------------


def test_resume_after_lost_parts_and_temp_files(tmp_path, corpus_dir, bigger_jsonl):
    inputs = [str(corpus_dir), str(bigger_jsonl)]
    reference, out = tmp_path / "reference", tmp_path / "out"
    S.score_corpus(inputs, reference, jobs=1, chunk_size=4, progress=False)
    first = S.score_corpus(inputs, out, jobs=1, chunk_size=4, progress=False)
    assert first.reused == 0 and first.parts > 8
    parts = out / "parts"
    stamps = {p.name: p.stat().st_mtime_ns for p in parts.iterdir()}
    # An interrupted run leaves: a part never written, a part half written, a stale part, temp files.
    (parts / "documents-00003.arrow").unlink()
    (parts / "documents-00005.arrow").unlink()
    (parts / "sentences-00005.arrow").write_bytes(b"truncated")
    shutil.copy(parts / "documents-00001.arrow", parts / "documents-00006.arrow")  # wrong key
    (parts / "sentences-00007.arrow.tmp-123-abcd").write_bytes(b"half")
    (out / "documents.parquet").unlink()
    second = S.score_corpus(inputs, out, jobs=1, chunk_size=4, progress=False)
    assert second.reused == first.parts - 3  # parts 3, 5 and 6 were redone
    assert not list(parts.glob("*.tmp-*"))
    for name in ("documents-00000.arrow", "documents-00002.arrow", "sentences-00004.arrow"):
        assert (parts / name).stat().st_mtime_ns == stamps[name]  # finished parts were not redone
    assert_same_tables(reference, out)


def test_resume_after_killing_a_run(tmp_path, bigger_jsonl):
    """Kill a real run (SIGKILL) after some parts exist; the rerun finishes it with the same tables."""
    out = tmp_path / "out"
    args = [str(bigger_jsonl), "--out", str(out), "--jobs", "1", "--chunk-size", "3", "--no-progress"]
    kill_slow_score(tmp_path, args, out, parts=3, timeout=60)
    assert not (out / "documents.parquet").exists()
    resumed = S.score_corpus([bigger_jsonl], out, jobs=1, chunk_size=3, progress=False)
    assert 3 <= resumed.reused < resumed.parts
    S.score_corpus([bigger_jsonl], tmp_path / "reference", jobs=1, chunk_size=3, progress=False)
    assert_same_tables(tmp_path / "reference", out)


def test_changed_input_or_scorer_does_not_reuse_parts(tmp_path, bigger_jsonl):
    from newstone.tone import sentiment

    out = tmp_path / "out"
    S.score_corpus([bigger_jsonl], out, jobs=1, chunk_size=10, progress=False)
    again = S.score_corpus([bigger_jsonl], out, jobs=1, chunk_size=10, progress=False)
    assert again.reused == again.parts

    with open(bigger_jsonl, "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "late", "text": "A late and happy addition."}) + "\n")
    changed = S.score_corpus([bigger_jsonl], out, jobs=1, chunk_size=10, progress=False)
    assert changed.reused == 0
    assert pd.read_parquet(out / "documents.parquet")["id"].iloc[-1] == "many.jsonl#late"

    class Shouty:
        name = "shouty"

        def polarity_scores(self, text):
            return {"neg": 0.0, "neu": 0.0, "pos": 1.0, "compound": 1.0}

        def score_many(self, texts):
            return [self.polarity_scores(t) for t in texts]

    sentiment.register_scorer("test-shouty")(Shouty)
    try:
        other = S.score_corpus([bigger_jsonl], out, scorer="test-shouty", jobs=1, chunk_size=10, progress=False)
    finally:
        sentiment._REGISTRY.pop("test-shouty", None)
        sentiment.get_scorer.cache_clear()
        score_batch.resolve_scorer.cache_clear()
    assert other.reused == 0
    assert set(pd.read_parquet(out / "sentences.parquet")["compound"]) == {1.0}


# --- engines ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [2, 3])
def test_processes_equal_one_process(tmp_path, corpus_dir, bigger_jsonl, monkeypatch, jobs):
    """One process, or workers plus the client each taking parts: the same tables."""
    inputs = [str(corpus_dir), str(bigger_jsonl)]
    S.score_corpus(inputs, tmp_path / "one", jobs=1, chunk_size=5, progress=False)
    started = []
    monkeypatch.setattr(S, "SMALL_INPUT_ROWS", 0)  # a pool even for this small input
    monkeypatch.setattr(S, "LocalEngine", lambda n, scorer, actors=False: started.append(n) or LocalEngine(n, scorer, actors))
    many = S.score_corpus(inputs, tmp_path / "many", jobs=jobs, chunk_size=5, progress=False)
    assert started == [jobs] and many.failed_parts == 0
    assert_same_tables(tmp_path / "one", tmp_path / "many")


def test_tables_do_not_depend_on_the_order_parts_finish_in(tmp_path, corpus_dir, bigger_jsonl, monkeypatch):
    """The tables are written while parts finish, in plan order: any finishing order gives the same tables."""
    inputs = [str(corpus_dir), str(bigger_jsonl)]
    S.score_corpus(inputs, tmp_path / "in-order", jobs=1, chunk_size=5, progress=False)
    appended = []
    real_append = assemble_module.Assembly._append
    monkeypatch.setattr(assemble_module.Assembly, "_append",
                        lambda self, part: appended.append(part["index"]) or real_append(self, part))
    real_run = LocalEngine.run
    monkeypatch.setattr(LocalEngine, "run", lambda self, tasks, on_done: real_run(self, tasks[::-1], on_done))
    S.score_corpus(inputs, tmp_path / "reversed", jobs=1, chunk_size=5, progress=False)
    assert appended == sorted(appended) and len(appended) > 3
    assert_same_tables(tmp_path / "in-order", tmp_path / "reversed")


def test_an_interrupted_run_keeps_the_previous_tables(tmp_path, bigger_jsonl, monkeypatch):
    out = tmp_path / "out"
    S.score_corpus([str(bigger_jsonl)], out, jobs=1, chunk_size=5, progress=False)
    before = {name: (out / name).read_bytes() for name in ("documents.parquet", "sentences.parquet", "errors.jsonl")}
    for path in (out / "parts").glob("*"):
        path.unlink()
    calls = []

    def interrupted(task):
        calls.append(task)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return score_parts.run_part(task)

    monkeypatch.setattr(engines_module, "run_part", interrupted)
    with pytest.raises(KeyboardInterrupt):
        S.score_corpus([str(bigger_jsonl)], out, jobs=1, chunk_size=5, progress=False)
    assert {name: (out / name).read_bytes() for name in before} == before
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


def test_small_inputs_use_one_process(tmp_path, corpus_dir, monkeypatch):
    started = []
    monkeypatch.setattr(S, "LocalEngine", lambda n, scorer, actors=False: started.append(n) or LocalEngine(n, scorer, actors))
    S.score_corpus([str(corpus_dir)], tmp_path / "out", jobs=4, chunk_size=2, progress=False)
    assert started == [1]


def test_dask_equals_local(tmp_path, corpus_dir, bigger_jsonl):
    distributed = pytest.importorskip("distributed")
    inputs = [str(corpus_dir), str(bigger_jsonl)]
    S.score_corpus(inputs, tmp_path / "local", jobs=1, chunk_size=5, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = S.score_corpus(inputs, tmp_path / "dask", scheduler=cluster.scheduler_address, chunk_size=5,
                                progress=False)
    assert result.failed_parts == 0 and result.parts > 4
    assert_same_tables(tmp_path / "local", tmp_path / "dask")
    # the workers wrote the parts themselves
    assert len(list((tmp_path / "dask" / "parts").glob("documents-*.arrow"))) == result.parts


def test_second_run_on_the_same_folder_is_refused(tmp_path, corpus_dir):
    out = tmp_path / "out"
    out.mkdir()
    with score_state.FolderLock(out):
        with pytest.raises(S.ScoreError, match=rf"{re.escape(str(out))}: another newstone score run is writing here \(pid {os.getpid()} on "):
            S.score_corpus([str(corpus_dir)], out, jobs=1, progress=False)
    assert S.score_corpus([str(corpus_dir)], out, jobs=1, progress=False).documents > 0  # released


# --- reading the tables back -----------------------------------------------------------------------


def test_load_scored_gives_a_corpus_for_the_report(tmp_path, corpus_dir, bigger_jsonl):
    from newstone.reports import views

    out = tmp_path / "out"
    S.score_corpus([str(corpus_dir), str(bigger_jsonl)], out, jobs=1, chunk_size=7, progress=False)
    corpus = S.load_scored(out)
    docs, sents, errors = read_tables(out)
    assert list(corpus.documents.columns) == DOCUMENT_COLUMNS
    assert corpus.documents["n_quotes"].isna().all()
    pd.testing.assert_frame_equal(corpus.documents[DOC_FIELDS], docs)
    assert list(corpus.sentences.columns) == SENTENCE_COLUMNS
    assert corpus.sentences["doc_id"].astype(str).tolist() == sents["doc_id"].tolist()
    assert corpus.sentences["compound"].tolist() == sents["compound"].tolist()
    assert corpus.errors == [e["error"] for e in errors] and corpus.scorer == "vader"

    # Only the extremes' text: the report's lists come out the same, with far less text in memory.
    light = S.load_scored(out, sentence_text=3)
    assert light.sentences["text"].notna().sum() <= 6
    for which in ("negative", "positive"):
        assert str(views.corpus_extremes(light, 3, which)) == str(views.corpus_extremes(corpus, 3, which))
    assert str(views.corpus_summary(light)) == str(views.corpus_summary(corpus))
    assert str(views.documents_table(light)) == str(views.documents_table(corpus))

    slim = S.load_scored(out, documents_columns=["id", "compound"], sentence_columns=["doc_id", "compound"])
    assert list(slim.documents.columns) == ["id", "compound"]
    assert list(slim.sentences.columns) == ["doc_id", "compound"]


def test_output_inside_the_inputs_is_not_read_back(tmp_path, bigger_jsonl):
    data = bigger_jsonl.parent
    spec = f"{data}/**/*.*"
    first = S.score_corpus(spec, data / "scored", jobs=1, chunk_size=20, progress=False)
    again = S.score_corpus(spec, data / "scored", jobs=1, chunk_size=20, progress=False)
    assert first.documents == again.documents and again.reused == again.parts

