"""`newstone score --actors`: actors.parquet, the same on every engine, resumable, one bad document
costing its actors only, and the corpus report's actor section."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, SEED, kill_slow_score
from newstone.analyze import analyze_document
from newstone.corpus import score as S
from newstone.corpus import tables
from newstone.corpus.engines import LocalEngine
from newstone.corpus.summary import actors_across, actors_over_time, load_corpus
from newstone.reports import views
from newstone.text.read import read_document

ACTOR_FIELDS = [name for name, _ in tables.ACTOR_FIELDS]

STORIES = [
    "Angela Merkel said on Monday that Germany would support the plan. \"We will not abandon our partners,\" "
    "Merkel told reporters in Berlin.\n\nThe European Union welcomed the decision. Critics in the European Union "
    "called the deal a disaster for farmers.\n\nMerkel added that Germany had no choice.",
    "Siemens cut 2,000 jobs, the company said. Unions accused Siemens of betraying its workers.\n\n\"This is a dark "
    "day,\" said Joe Kaeser, the chief executive of Siemens. Kaeser said the cuts were painful but necessary.\n\n"
    "Germany's government said it regretted the decision by Siemens.",
    "Emmanuel Macron praised Angela Merkel for her leadership. France and Germany signed a new treaty in Aachen."
    "\n\n\"It is a great day for Europe,\" Macron said. Merkel said the treaty would strengthen the European Union."
    "\n\nProtesters in France denounced the treaty.",
]


def write_news(path: Path, n: int = 9, dated: bool = True, extra: list[dict] | None = None) -> Path:
    """n small stories over three months (a bad JSON line in the middle), plus `extra` rows."""
    rows = [json.dumps({"id": f"s{i}", "title": f"Story {i}", "text": STORIES[i % 3],
                        **({"date": f"2024-{1 + i % 3:02d}-{2 + i:02d}"} if dated else {})}) for i in range(n)]
    rows.insert(n // 2, "{not json")
    rows += [json.dumps(r) for r in extra or []]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def read_all(out: Path) -> dict[str, pd.DataFrame | list]:
    return {
        "documents": pd.read_parquet(out / "documents.parquet"),
        "sentences": pd.read_parquet(out / "sentences.parquet"),
        "actors": pd.read_parquet(out / "actors.parquet"),
        "errors": (out / "errors.jsonl").read_text(encoding="utf-8").splitlines(),
    }


def assert_same(a: Path, b: Path) -> None:
    ta, tb = read_all(a), read_all(b)
    for name in ("documents", "sentences", "actors"):
        pd.testing.assert_frame_equal(ta[name], tb[name])
    assert ta["errors"] == tb["errors"]


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    write_news(folder / "news.jsonl")
    return [str(folder)]


def test_actors_table_is_what_analyze_finds(tmp_path, inputs, capsys):
    from newstone.corpus.cli import main

    out = tmp_path / "out"
    assert main([*inputs, "--out", str(out), "--actors", "--jobs", "1", "--chunk-size", "4", "--no-progress"]) == 1
    printed = capsys.readouterr()
    assert "actor rows" in printed.out and "row 5: invalid JSON" in printed.err
    t = read_all(out)
    assert list(t["actors"].columns) == ACTOR_FIELDS
    assert set(t["actors"]["doc_id"]) <= set(t["documents"]["id"])
    seed = t["actors"][t["actors"]["doc_id"] == SEED.name].set_index("actor")
    assert {"Taliban", "Ahmad Masoud", "Panjshir"} <= set(seed.index)
    assert seed.loc["Ahmad Masoud", "kind"] == "person" and seed.loc["Ahmad Masoud", "n_statements"] >= 3
    # the seed's row is its `newstone analyze` actor table, column for column
    expected = analyze_document(read_document(SEED), scorer="vader").actors
    mine = t["actors"][t["actors"]["doc_id"] == SEED.name]
    assert mine["actor"].tolist() == expected["name"].tolist()
    assert mine["mentions"].tolist() == expected["mentions"].tolist()
    assert mine["compound"].tolist() == expected["compound"].tolist()
    assert mine["n_statements"].tolist() == expected["n_quotes"].astype(int).tolist()
    pd.testing.assert_series_equal(mine["statement_compound"].reset_index(drop=True),
                                   expected["quote_compound"].reset_index(drop=True), check_names=False)
    # the date rides along for "over time"; a table row's actors carry its id
    news = t["actors"][t["actors"]["doc_id"] == "news.jsonl#s0"].set_index("actor")
    assert news.loc["Angela Merkel", "date"] == "2024-01-02" and news.loc["Angela Merkel", "n_statements"] >= 2
    assert json.loads((out / "manifest.json").read_text())["summary"]["actors"] == len(t["actors"])


def test_local_pool_and_dask_give_the_same_actors(tmp_path, inputs, monkeypatch):
    S.score_corpus(inputs, tmp_path / "one", jobs=1, chunk_size=3, progress=False, actors=True)
    started = []
    monkeypatch.setattr(S, "SMALL_ACTOR_ROWS", 0)  # a pool even for this small input
    monkeypatch.setattr(S, "LocalEngine", lambda n, scorer, actors=False: started.append((n, actors)) or LocalEngine(n, scorer, actors))
    pool = S.score_corpus(inputs, tmp_path / "pool", jobs=2, chunk_size=3, progress=False, actors=True)
    assert started == [(2, True)] and pool.failed_parts == 0
    assert_same(tmp_path / "one", tmp_path / "pool")
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = S.score_corpus(inputs, tmp_path / "dask", scheduler=cluster.scheduler_address, chunk_size=3,
                                progress=False, actors=True)
    assert result.failed_parts == 0 and result.parts > 2
    assert_same(tmp_path / "one", tmp_path / "dask")
    assert len(list((tmp_path / "dask" / "parts").glob("actors-*.arrow"))) == result.parts


def test_the_actors_flag_is_part_of_the_key(tmp_path, inputs):
    out = tmp_path / "out"
    plain = S.score_corpus(inputs, out, jobs=1, chunk_size=4, progress=False)
    assert plain.actors is None and not (out / "actors.parquet").exists()
    first = S.score_corpus(inputs, out, jobs=1, chunk_size=4, progress=False, actors=True)
    assert first.reused == 0 and first.actors > 0  # parts made without actors are redone
    again = S.score_corpus(inputs, out, jobs=1, chunk_size=4, progress=False, actors=True)
    assert again.reused == again.parts and again.actors == first.actors
    S.score_corpus(inputs, tmp_path / "reference", jobs=1, chunk_size=4, progress=False, actors=True)
    assert_same(tmp_path / "reference", out)
    # a lost actors file is a part to redo, like a lost sentences file
    (out / "parts" / "actors-00001.arrow").unlink()
    redo = S.score_corpus(inputs, out, jobs=1, chunk_size=4, progress=False, actors=True)
    assert redo.reused == redo.parts - 1
    assert_same(tmp_path / "reference", out)
    # back to a plain run: no stale actors table beside tables it does not describe
    S.score_corpus(inputs, out, jobs=1, chunk_size=4, progress=False)
    assert not (out / "actors.parquet").exists()
    assert not load_corpus(str(out)).looked_for_actors


def test_resume_after_killing_an_actors_run(tmp_path):
    """SIGKILL a real --actors run after some parts exist; the rerun ends with the same tables."""
    data = write_news(tmp_path / "news.jsonl", n=14)
    out = tmp_path / "out"
    args = [str(data), "--out", str(out), "--jobs", "1", "--chunk-size", "2", "--actors", "--no-progress"]
    kill_slow_score(tmp_path, args, out, parts=2, timeout=120)
    assert not (out / "actors.parquet").exists()
    resumed = S.score_corpus([data], out, jobs=1, chunk_size=2, progress=False, actors=True)
    assert 2 <= resumed.reused < resumed.parts
    S.score_corpus([data], tmp_path / "reference", jobs=1, chunk_size=2, progress=False, actors=True)
    assert_same(tmp_path / "reference", out)


def test_a_bad_document_costs_its_actors_only(tmp_path, monkeypatch):
    odd = "Odd text \u202e reversed \x07 bell \ud83d\ude00 " + "x" * 30000 + ". Angela Merkel spoke. Merkel left."
    data = write_news(tmp_path / "news.jsonl", n=4, extra=[
        {"id": "boom", "text": "Siemens said BOOM. Siemens left."},
        {"id": "odd", "text": odd},
        {"id": "blank-paragraphs", "text": "\n\n\n   \n\nAngela Merkel said it rained.\n\n\n"},
    ])
    from newstone.people import attribution

    real = attribution.parse

    def fragile(nlp, paragraphs):  # fails on any stream holding the bad document
        if any("BOOM" in p for p in paragraphs):
            raise RuntimeError("the parser\nfell over")
        return real(nlp, paragraphs)

    monkeypatch.setattr(attribution, "parse", fragile)
    errors: list[str] = []
    result = S.score_corpus([data], tmp_path / "out", jobs=1, chunk_size=10, progress=False, actors=True,
                            on_error=errors.append)
    assert result.failed_parts == 0
    t = read_all(tmp_path / "out")
    boom = [e for e in errors if "#boom" in e]
    assert boom == [f"{data}#boom: cannot find actors (RuntimeError: the parser fell over)"]
    assert "news.jsonl#boom" in set(t["documents"]["id"])  # its tone is kept
    assert "news.jsonl#boom" not in set(t["actors"]["doc_id"])
    assert {"news.jsonl#s0", "news.jsonl#s1"} <= set(t["actors"]["doc_id"])  # the others have theirs
    assert "news.jsonl#odd" in set(t["documents"]["id"]) and "news.jsonl#blank-paragraphs" in set(t["documents"]["id"])
    assert len(errors) == 2  # the bad JSON line and the document the parser fell over on


def _hostile_corpus(dated: bool = True) -> tables.Corpus:
    docs = pd.DataFrame({"id": ["d1", "d2", "d3"], "compound": [0.1, -0.2, 0.0], "n_sentences": [3, 4, 5]})
    mixed = ["2023-01-05", "September 20, 2023", "2024-06-01T10:00:00+02:00"]  # as tables mix them
    dates = mixed if dated else [None] * 3
    actors = pd.DataFrame({
        "doc_id": ["d1", "d1", "d2", "d3", "d3"],
        "date": [dates[0], dates[0], dates[1], dates[2], dates[2]],
        "actor": ["<b>Evil</b> $x^$ Corp", "Ana Li", "<b>Evil</b> $x^$ Corp", "Ana Li", "Li"],
        "kind": ["group", "person", "group", "person", "person"],
        "mentions": [3, 2, 1, 4, 1],
        "compound": [-0.5, 0.2, None, 0.4, 0.1],
        "n_statements": [0, 1, 0, 2, 0],
        "statement_compound": [None, 0.3, None, -0.3, None],
    })
    return tables.Corpus(documents=docs, sentences=pd.DataFrame(columns=tables.SENTENCE_COLUMNS), actors=actors)


def test_actors_across_and_over_time():
    corpus = _hostile_corpus()
    across = actors_across(corpus).set_index("actor")
    li = across.loc["Ana Li"]  # "Li" merged into the full name
    assert (li["documents"], li["mentions"], li["n_statements"]) == (2, 7, 3)
    assert li["compound"] == pytest.approx((0.2 * 2 + 0.4 * 4 + 0.1 * 1) / 7)
    assert li["statement_compound"] == pytest.approx((0.3 * 1 - 0.3 * 2) / 3)
    evil = across.loc["<b>Evil</b> $x^$ Corp"]
    assert evil["compound"] == pytest.approx(-0.5) and pd.isna(evil["statement_compound"])  # unmeasured is not 0
    timeline = actors_over_time(corpus, ["Ana Li"])
    assert timeline["mentions"].tolist() == [2, 5] and timeline["period"].astype(str).tolist() == ["2023-01-01", "2024-06-01"]  # by month over a long span
    assert actors_over_time(corpus, ["<b>Evil</b> $x^$ Corp"])["period"].astype(str).tolist() == ["2023-01-01", "2023-09-01"]
    assert actors_over_time(_hostile_corpus(dated=False), ["Ana Li"]).empty


def test_actor_section_escapes_names_and_says_why_there_is_no_timeline():
    shown = views.actors_section(_hostile_corpus())
    html = "".join(str(v) for v in shown if isinstance(v, views.Html))
    assert "Actors across documents" in html and "Actors over time" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; $x^$ Corp" in html and "<b>Evil" not in html
    assert any(isinstance(v, views.Png) for v in shown)  # the plot drew "$x^$" as text, without mathtext errors
    partly = _hostile_corpus()
    partly.actors.loc[partly.actors["doc_id"] == "d2", "date"] = "sometime"
    assert "1 document without a date is left out of this view." in "".join(
        str(v) for v in views.actors_section(partly) if isinstance(v, views.Html))
    undated = "".join(str(v) for v in views.actors_section(_hostile_corpus(dated=False)) if isinstance(v, views.Html))
    assert "carry no dates, so actors cannot be followed over time" in undated
    plain = tables.Corpus(documents=_hostile_corpus().documents, sentences=pd.DataFrame(), looked_for_actors=False)
    assert views.actors_section(plain) == []


def test_corpus_report_shows_actors_from_the_tables(tmp_path, inputs):
    from newstone.reports.render import render_reports

    out = tmp_path / "scored"
    S.score_corpus(inputs, out, jobs=1, progress=False, actors=True)
    reports = tmp_path / "reports"
    results = render_reports([out], reports, notebook=ROOT / "notebooks" / "corpus.ipynb",
                             parameters={"scorer": "vader"}, jobs=1)
    assert [r.status for r in results] == ["rendered"], results[0].error
    html = (reports / "corpus-scored.html").read_text(encoding="utf-8")
    assert '<h2 class="ns-section" id="s-actors-across-documents">Actors across documents</h2>' in html
    assert 'href="#s-actors-over-time"' in html  # listed in the contents
    for name in ("Angela Merkel", "Siemens", "Joe Kaeser"):
        assert f"<td>{name}</td>" in html
    assert "<script" not in html.lower()



def test_a_worker_with_another_people_layer_refuses_actor_parts(monkeypatch):
    from newstone.corpus import plan
    from newstone.text.read import Columns

    with_actors, without = plan.run_parameters("vader", Columns(), actors=True), plan.run_parameters("vader", Columns())
    assert "people_code" in with_actors and "people_code" not in without and with_actors["pipeline"].startswith("spaCy 3.8")
    monkeypatch.setattr(plan, "people_digest", lambda: "other-people-code")
    plan.check_worker(without)  # the people layer does not decide plain parts
    with pytest.raises(RuntimeError, match=r"people code other-people-code\), the client .*install the same newstone"):
        plan.check_worker(with_actors)


def test_targets_given_by_the_user_win_and_are_part_of_the_key(tmp_path, inputs, capsys):
    from newstone.corpus.cli import main

    out = tmp_path / "out"
    spec = "Taliban;Angela Merkel|Merkel;Nobody Here"
    assert main([*inputs, "--out", str(out), "--targets", spec, "--jobs", "1", "--no-progress"]) == 1  # implies --actors
    actors = read_all(out)["actors"]
    assert set(actors["actor"]) == {"Taliban", "Angela Merkel"}  # only the targets, and only where named
    assert actors.groupby("actor")["doc_id"].nunique().to_dict() == {"Angela Merkel": 6, "Taliban": 1}
    found = S.score_corpus(inputs, out, jobs=1, progress=False, actors=True)
    assert found.reused == 0 and "Ahmad Masoud" in set(read_all(out)["actors"]["actor"])  # other targets, other parts
    again = S.score_corpus(inputs, out, jobs=1, progress=False, targets=spec)
    assert again.reused == 0 and set(read_all(out)["actors"]["actor"]) == {"Taliban", "Angela Merkel"}
    capsys.readouterr()
    assert main([*inputs, "--out", str(tmp_path / "bad"), "--targets", ";|;", "--no-progress"]) == 2
    assert "newstone: error: --targets: no target names in ';|;'" in capsys.readouterr().err
