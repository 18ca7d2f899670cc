"""Sentence segmentation: rules by category, offsets, the seed article, golden rules."""

from __future__ import annotations

import importlib.util
import random
import re
import runpy
from pathlib import Path

import pytest

from newstone.text.segment import segment_paragraphs, sentence_spans, split_sentences

# (text, expected sentences), written for news text, grouped by the rule they pin.
ABBREVIATIONS = [
    (
        "The U.S. Senate passed the bill late Tuesday. It now goes to the House.",
        ["The U.S. Senate passed the bill late Tuesday.", "It now goes to the House."],
    ),
    (
        "Officials in the U.S. said talks had stalled.",
        ["Officials in the U.S. said talks had stalled."],
    ),
    (
        "The company moved its headquarters to the U.S. The decision surprised analysts.",
        ["The company moved its headquarters to the U.S.", "The decision surprised analysts."],
    ),
    (
        "Exports to the U.K. fell sharply. But imports from the U.K. rose.",
        ["Exports to the U.K. fell sharply.", "But imports from the U.K. rose."],
    ),
    (
        "Mr. Okafor and Mrs. Lindqvist met Dr. Ruiz at the clinic.",
        ["Mr. Okafor and Mrs. Lindqvist met Dr. Ruiz at the clinic."],
    ),
    (
        "Gen. Ana Souza briefed Sen. Tom Adler, Rep. Kim Baek and Gov. Lena Ortiz.",
        ["Gen. Ana Souza briefed Sen. Tom Adler, Rep. Kim Baek and Gov. Lena Ortiz."],
    ),
    (
        "Lt. Col. Ravi Menon testified for six hours. He declined to answer two questions.",
        ["Lt. Col. Ravi Menon testified for six hours.", "He declined to answer two questions."],
    ),
    (
        "The parade will pass St. Catherine Street at noon.",
        ["The parade will pass St. Catherine Street at noon."],
    ),
    (
        "The deadline moved from Jan. 15 to Feb. 3 after the strike.",
        ["The deadline moved from Jan. 15 to Feb. 3 after the strike."],
    ),
    (
        "She wore jersey No. 23 all season. No. 7 was retired.",
        ["She wore jersey No. 23 all season.", "No. 7 was retired."],
    ),
    (
        "It was Arsenal vs. Chelsea again, with the title at stake.",
        ["It was Arsenal vs. Chelsea again, with the title at stake."],
    ),
    (
        "The fund buys bonds, shares, property, etc. and charges a small fee.",
        ["The fund buys bonds, shares, property, etc. and charges a small fee."],
    ),
    (
        "The fund buys bonds, shares, property, etc. Fees are small.",
        ["The fund buys bonds, shares, property, etc.", "Fees are small."],
    ),
    (
        "Several states, e.g. Ohio and Utah, sued. Others, i.e. the rest, waited.",
        ["Several states, e.g. Ohio and Utah, sued.", "Others, i.e. the rest, waited."],
    ),
    (
        "Shares of Northwind Inc. rose 4 percent. The company beat forecasts.",
        ["Shares of Northwind Inc. rose 4 percent.", "The company beat forecasts."],
    ),
    (
        "The contract went to Harbor Freight Ltd. It starts in May.",
        ["The contract went to Harbor Freight Ltd.", "It starts in May."],
    ),
    (
        "Northwind Inc. Chief Executive Dana Reyes resigned.",
        ["Northwind Inc. Chief Executive Dana Reyes resigned."],
    ),
    (
        "The award was named for Martin Luther King Jr. He would have been 95.",
        ["The award was named for Martin Luther King Jr.", "He would have been 95."],
    ),
    (
        "Martin Luther King Jr. Day falls on a Monday.",
        ["Martin Luther King Jr. Day falls on a Monday."],
    ),
    (
        "The memo said that then-U.N. Ambassador Rita Cole had objected.",
        ["The memo said that then-U.N. Ambassador Rita Cole had objected."],
    ),
    (
        "Sen. Maria Lopez (D-Calif.) voted no. Sen. Joe Hart (R-Tenn.) voted yes.",
        ["Sen. Maria Lopez (D-Calif.) voted no.", "Sen. Joe Hart (R-Tenn.) voted yes."],
    ),
]

INITIALS = [
    (
        "The Hobbit, by J. R. R. Tolkien, sold out again.",
        ["The Hobbit, by J. R. R. Tolkien, sold out again."],
    ),
    (
        "Former President George W. Bush attended the funeral.",
        ["Former President George W. Bush attended the funeral."],
    ),
    (
        "The essay quotes W.E.B. Du Bois at length. Critics praised it.",
        ["The essay quotes W.E.B. Du Bois at length.", "Critics praised it."],
    ),
    (
        "Architect I. M. Pei designed the wing.",
        ["Architect I. M. Pei designed the wing."],
    ),
]

NUMBERS = [
    (
        "Inflation rose 3.5 percent in March. Economists had expected 3.2 percent.",
        ["Inflation rose 3.5 percent in March.", "Economists had expected 3.2 percent."],
    ),
    (
        "The carrier lost $1.2 billion last year and cut 4,500 jobs.",
        ["The carrier lost $1.2 billion last year and cut 4,500 jobs."],
    ),
    (
        "The index closed at 4,512.75. Trading was light.",
        ["The index closed at 4,512.75.", "Trading was light."],
    ),
    (
        "The vote was 52-48. Two senators were absent.",
        ["The vote was 52-48.", "Two senators were absent."],
    ),
    (
        "Turnout was 61 percent in 2020. 2024 was lower.",
        ["Turnout was 61 percent in 2020.", "2024 was lower."],
    ),
]

TIMES = [
    (
        "The council meets at 5 p.m. Monday in the old library.",
        ["The council meets at 5 p.m. Monday in the old library."],
    ),
    (
        "Polls close at 8 p.m. The first results are due by midnight.",
        ["Polls close at 8 p.m.", "The first results are due by midnight."],
    ),
    (
        "The shelling began at 4 a.m. local time and lasted an hour.",
        ["The shelling began at 4 a.m. local time and lasted an hour."],
    ),
    (
        "The launch is set for 9:30 a.m. EDT on Friday.",
        ["The launch is set for 9:30 a.m. EDT on Friday."],
    ),
    (
        "The ferry left at 6 a.m. Passengers who missed it waited all day.",
        ["The ferry left at 6 a.m.", "Passengers who missed it waited all day."],
    ),
    (
        "The hearing ran until 7 p.m. Mr. Vance then spoke to reporters.",
        ["The hearing ran until 7 p.m.", "Mr. Vance then spoke to reporters."],
    ),
]

URLS = [
    (
        "Details are at www.example.gov/budget. Applications close Friday.",
        ["Details are at www.example.gov/budget.", "Applications close Friday."],
    ),
    (
        "Send tips to desk.news@example.org. All messages are confidential.",
        ["Send tips to desk.news@example.org.", "All messages are confidential."],
    ),
    (
        "Read the report at https://example.com/2024/report.pdf before the vote.",
        ["Read the report at https://example.com/2024/report.pdf before the vote."],
    ),
]

ELLIPSES = [
    (
        "The talks dragged on ... and on, one delegate complained.",
        ["The talks dragged on ... and on, one delegate complained."],
    ),
    (
        "Prices kept rising… and then they collapsed.",
        ["Prices kept rising… and then they collapsed."],
    ),
    (
        "He never finished the sentence… The room fell silent.",
        ["He never finished the sentence…", "The room fell silent."],
    ),
    (
        "We waited and waited.... Nobody came.",
        ["We waited and waited....", "Nobody came."],
    ),
    (
        "Rome does not plan to join a peacekeeping force in eastern…",
        ["Rome does not plan to join a peacekeeping force in eastern…"],
    ),
    (
        "“We will rebuild . . . whatever it takes,” the mayor said.",
        ["“We will rebuild . . . whatever it takes,” the mayor said."],
    ),
    (
        "The statement read: “The ministry [...] regrets the delay.”",
        ["The statement read: “The ministry [...] regrets the delay.”"],
    ),
]

QUOTES = [
    (
        'He said, "Stop." Then he left.',
        ['He said, "Stop."', "Then he left."],
    ),
    (
        "“We welcomed the offer. They attacked anyway,” the commander said.",
        ["“We welcomed the offer.", "They attacked anyway,” the commander said."],
    ),
    (
        "“Why?” she asked.",
        ["“Why?” she asked."],
    ),
    (
        "“Is this the end?” Mayor Ortiz asked reporters.",
        ["“Is this the end?” Mayor Ortiz asked reporters."],
    ),
    (
        "“Get out!” the officer shouted. The crowd scattered.",
        ["“Get out!” the officer shouted.", "The crowd scattered."],
    ),
    (
        "“I will not resign,” he said. “The work is not finished.”",
        ["“I will not resign,” he said.", "“The work is not finished.”"],
    ),
    (
        "‘It is over,’ she said. ‘We lost.’ Then she hung up.",
        ["‘It is over,’ she said.", "‘We lost.’", "Then she hung up."],
    ),
    (
        "The minister called the report “deeply flawed.” Her office declined to comment.",
        ["The minister called the report “deeply flawed.”", "Her office declined to comment."],
    ),
    (
        "The sign read 'Closed.' so we left.",
        ["The sign read 'Closed.' so we left."],
    ),
]

PARENTHESES = [
    (
        "(He left the party in 2019.) Then he founded his own movement.",
        ["(He left the party in 2019.)", "Then he founded his own movement."],
    ),
    (
        "The mayor (She took office in January.) has pledged reforms.",
        ["The mayor (She took office in January.) has pledged reforms."],
    ),
    (
        "Sales rose sharply (see chart). Profits did not.",
        ["Sales rose sharply (see chart).", "Profits did not."],
    ),
    (
        "Did they vote? (Nobody knows.) The count resumes today.",
        ["Did they vote?", "(Nobody knows.)", "The count resumes today."],
    ),
]

LISTS = [
    (
        "1. Cut taxes 2. Raise wages 3. Build homes",
        ["1. Cut taxes", "2. Raise wages", "3. Build homes"],
    ),
    (
        "1) Cut taxes. 2) Raise wages.",
        ["1) Cut taxes.", "2) Raise wages."],
    ),
    (
        "a. Review the budget b. Hold hearings c. Vote",
        ["a. Review the budget", "b. Hold hearings", "c. Vote"],
    ),
    (
        "• Lower taxes • Higher wages • More homes",
        ["• Lower taxes", "• Higher wages", "• More homes"],
    ),
    (
        "The plan has three parts:\n- cut taxes\n- raise wages\n- build homes",
        ["The plan has three parts:", "- cut taxes", "- raise wages", "- build homes"],
    ),
    (
        "KEY POINTS\nThe central bank raised rates.\nInflation remains high",
        ["KEY POINTS", "The central bank raised rates.", "Inflation remains high"],
    ),
    (
        "Ingredients\nflour\nsugar\nthree eggs",
        ["Ingredients", "flour", "sugar", "three eggs"],
    ),
    (
        "The council approved the plan. 1. Fares rise in May 2. Routes change in June",
        ["The council approved the plan.", "1. Fares rise in May", "2. Routes change in June"],
    ),
]

PUNCTUATION = [
    (
        "What?! The vote failed again!!! Nobody expected it.",
        ["What?!", "The vote failed again!!!", "Nobody expected it."],
    ),
    (
        "Really?? He said that?",
        ["Really??", "He said that?"],
    ),
    (
        "We won! :) See you next week.",
        ["We won! :)", "See you next week."],
    ),
    (
        "Great game tonight :-) see you next week",
        ["Great game tonight :-) see you next week"],
    ),
    (
        "She now works at Yahoo! in the ads unit.",
        ["She now works at Yahoo! in the ads unit."],
    ),
    (
        "Sales of the iPhone fell. eBay shares rose.",
        ["Sales of the iPhone fell.", "eBay shares rose."],
    ),
]

LINES = [
    (
        "Breaking News\nThe president has resigned.",
        ["Breaking News", "The president has resigned."],
    ),
    (
        "The president said on\nMonday that he would resign.",
        ["The president said on\nMonday that he would resign."],
    ),
    (
        "The first paragraph ends here.\n\nThe second one starts here.",
        ["The first paragraph ends here.", "The second one starts here."],
    ),
    (
        "The ministry confirmed the figures on Tuesday and said more data would follow\n"
        "later in the week.",
        [
            "The ministry confirmed the figures on Tuesday and said more data would follow\n"
            "later in the week."
        ],
    ),
]

CASES = ABBREVIATIONS + INITIALS + NUMBERS + TIMES + URLS + ELLIPSES + QUOTES + PARENTHESES
CASES += LISTS + PUNCTUATION + LINES


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize("text, _", CASES, ids=[c[0][:40] for c in CASES])
def test_spans_cover_all_text_in_order(text: str, _: list[str]) -> None:
    spans = sentence_spans(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces == split_sentences(text)
    assert all(p == p.strip() and p for p in pieces)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert "".join(pieces).replace(" ", "").replace("\n", "") == "".join(text.split())


def test_random_text_keeps_every_character() -> None:
    """Whatever the input, spans are ordered, stripped and lose no characters."""
    rng = random.Random(20240611)
    pieces = list("ab XY.!?…'\"“”‘’()[]\n\t-•19:;,$") + [
        "Mr.", "U.S.", " . . . ", "...", "e.g.", "p.m.", "1. ", "(a) ", "😂", ":)", "\u00a0", "\r\n",
    ]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        spans = sentence_spans(text)
        assert all(s < e for s, e in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        pieces_out = [text[s:e] for s, e in spans]
        assert pieces_out == split_sentences(text)
        assert "".join("".join(pieces_out).split()) == "".join(text.split())


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_input(text: str) -> None:
    assert split_sentences(text) == []
    assert sentence_spans(text) == []


@pytest.mark.parametrize("text", [".", "...", "??", "a", "No.", "Mr.", "…"])
def test_degenerate_input_is_one_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


def test_segment_paragraphs_frame() -> None:
    paras = [
        "Talks resumed in Geneva. Both sides sent deputies.",
        "",
        "“We are close,” a U.S. official said.",
    ]
    df = segment_paragraphs(paras)
    assert list(df.columns) == ["paragraph", "sentence", "text", "start", "end"]
    assert df["paragraph"].tolist() == [0, 0, 2]
    assert df["sentence"].tolist() == [0, 1, 2]
    for row in df.itertuples():
        assert paras[row.paragraph][row.start : row.end] == row.text
    assert str(df["start"].dtype) == "int64"


def test_segment_paragraphs_empty() -> None:
    df = segment_paragraphs([])
    assert list(df.columns) == ["paragraph", "sentence", "text", "start", "end"]
    assert len(df) == 0


def test_seed_article(seed_path: Path) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    paragraphs = lines[:9]
    counts = [len(split_sentences(p)) for p in paragraphs]
    assert counts == [1, 1, 1, 1, 1, 2, 1, 1, 1]
    quote = split_sentences(paragraphs[5])
    assert quote[0].endswith("crimes now happening in Afghanistan.")
    assert quote[1].startswith("The Afghan people") and quote[1].endswith("Masoud added.")
    # Truncated teasers ending in an ellipsis stay whole.
    for line in lines[9:]:
        if line.strip():
            assert split_sentences(line) == [line.strip()]
    df = segment_paragraphs(paragraphs)
    assert len(df) == 10 and df["paragraph"].max() == 8


def _golden_rules() -> list[tuple[str, list[str]]]:
    """The pySBD English golden rules, read from the installed package (not vendored)."""
    spec = importlib.util.find_spec("pysbd")
    if spec is None or spec.origin is None:
        pytest.skip("pysbd is not installed; golden rules unavailable")
    path = Path(spec.origin).parents[1] / "benchmarks" / "english_golden_rules.py"
    if not path.is_file():
        pytest.skip("pysbd's benchmarks/english_golden_rules.py is not installed")
    return runpy.run_path(str(path))["GOLDEN_EN_RULES"]


def test_golden_rules_accuracy_floor() -> None:
    rules = _golden_rules()
    failed = [t for t, expected in rules if split_sentences(t) != expected]
    accuracy = 1 - len(failed) / len(rules)
    # pySBD itself scores 47/48 (97.9%); we score 48/48.  The floor leaves room
    # for deliberate trade-offs on news text, not for regressions on the basics.
    assert accuracy >= 0.95, failed


# --- the fast scan equals the plain one --------------------------------------------------------

SCAN_EXTRAS = [
    "Write to jane.doe@example.com. She answers within a day.",
    "See https://example.org/a.b?c=1!x. Then www.site.co.uk/page... Later.",
    "Prices rose 3.5% to $1,204.75. Analysts (e.g. at J.P. Morgan) had expected 2.9%.",
    "• First point. • Second point ◦ nested ▪ item\n► arrow item ➤ another. ‣ last",
    "“Why?” she asked. ‘Because!’ he said… Then: “No‽” . . . . The end . . . really.",
    "Line one\nline two\n\n\nLine three.\r\nLine four?\u00a0Next.\u2028Odd separator.",
    "1. Alpha. 2. Beta. 3. Gamma (a) one (b) two a) x b) y i. ii. iii.",
    "He left at 5 p.m. Monday. U.S. Rep. Tom Cotton spoke. Jr. and Sr. came. etc. The rest.",
    "Ellipsis at end...", "?", "!!!", "…", ". . .", "\n", "\n\n• ", "a.\n", "x!\n\n?",
]


def _events(m: re.Match[str], term: str | None) -> tuple:
    groups = ("close", "ws", "op", "nw")
    return m.span(), term, [m.group(g) for g in groups], [m.span(g) for g in groups]


def _scan_equal(text: str) -> None:
    """The pass's fast regex gives the events of the plain definition, `_SCAN`."""
    from newstone.text import segment

    fast = [_events(m, text[m.start():m.start("close")] if m.start("close") >= 0 else None)
            for m in segment._FAST_SCAN.finditer(text)]
    plain = [_events(m, m.group("term")) for m in segment._SCAN.finditer(text)]
    assert fast == plain, text


@pytest.mark.parametrize("text", [c[0] for c in CASES] + SCAN_EXTRAS)
def test_fast_scan_equals_finditer_on_fixtures(text: str) -> None:
    _scan_equal(text)


def test_fast_scan_equals_finditer_on_golden_rules() -> None:
    for text, _ in _golden_rules():
        _scan_equal(text)


def test_fast_scan_equals_finditer_on_random_text() -> None:
    """Random soups of every character class the scan looks at, and of plain text between them."""
    from newstone.text.segment_words import _BULLETS, _CLOSERS, _OPENERS

    rng = random.Random(20261202)
    pieces = list(".!?…‽\n\r\t \u00a0" + _BULLETS + _OPENERS + _CLOSERS + "-–—*:;,19aZ") + [
        "The", "said", "Mr.", "U.S.", " . . . ", ". . . .", "...", "e.g.", "p.m.", "1. ", "(a) ", "b) ",
        "😂", ":)", ";-)", "<3", "www.x.com", "a@b.org", "No. 5", "iPhone", "\n\n", " \n ",
    ]
    for _ in range(4000):
        _scan_equal("".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))))


# --- the pass's shortcuts change nothing -------------------------------------------------------

def test_scan_groups_are_numbered_as_the_pass_reads_them() -> None:
    """`_boundaries` reads the scan's groups by number (a name costs a lookup per call)."""
    from newstone.text import segment

    assert segment._FAST_SCAN.groupindex == {"close": 1, "ws": 2, "op": 3, "nw": 4}


LIST_HEADS = ["1. One 2. Two", " 1. x 2. y", "• 1. x • 2. y", "(a) x (b) y", "a) x b) y", "iv. x", "12) x 13) y",
              "A. Smith", "The 1. x", "Mr. X", "x.", "", " ", "\n1. x", "ab) c", "(ii) x", "2.) x 3.) y"]


@pytest.mark.parametrize("text", LIST_HEADS)
def test_list_cut_precheck_equals_the_regex(text: str) -> None:
    """The cheap look at a text's first characters rejects only texts `_LIST_START` cannot match."""
    from newstone.text import segment

    for pos in range(len(text) + 1):
        if segment._LIST_START.match(text, pos) is not None:
            head = text[pos : pos + 7]
            assert "." in head or ")" in head or head[:1].isspace() or head[:1] in segment._LINE_BULLETS
    assert segment._list_cuts(text) == (segment._list_cuts(text) if segment._LIST_START.match(text) else [])


def test_lowercase_and_marker_shortcuts_on_random_text() -> None:
    """Camel-case words, lowercase list markers after a period and end-of-text punctuation, in soups."""
    rng = random.Random(20261203)
    pieces = ["a. ", "b) ", "(c) ", "ii. ", "iPhone", "eBay", "x", "word", "Word", ". ", "! ", "? ", ".", "\"", "(",
              " ", "Mr.", "U.S.", "1. ", "2. ", "...", "…", "\n", "The", "said."]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        spans = sentence_spans(text)
        assert "".join("".join(text[s:e] for s, e in spans).split()) == "".join(text.split())


def test_sentences_alone_equal_the_sentences_with_spans() -> None:
    """`split_sentences` (no offsets, for bulk scoring) gives what `spans_and_sentences` gives."""
    from newstone.text.segment import spans_and_sentences

    rng = random.Random(20261204)
    pieces = list(" .!?\n\t\u00a0ab") + ["The", "Mr.", "U.S.", "  ", ". . .", "1. ", "\"", "said."]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        spans, sentences = spans_and_sentences(text)
        assert split_sentences(text) == sentences == [text[s:e] for s, e in spans]
