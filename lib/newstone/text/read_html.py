"""Saved HTML pages: the main article text and its metadata (title, published date, site, author).

trafilatura (no network) finds the main text. Around it, three things it does not do for news:
pages nested deeper than libxml2's default limit (about 255 levels) are parsed with the limit
lifted (up to its hard limit, 2,048 levels) and their wrapper elements flattened, so their text is still found; the published date
is preferred over the modified one when the page marks both; and a site suffix
("Headline | DW | 19.01.2020") is stripped from the title.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import json
import os
import re
from typing import Any

from newstone.text.decode import Document, InputError, decode_bytes, looks_binary, printable, read_bytes, sha256_hex

# How trafilatura is asked: precision over recall because a tone score is an average, and a
# teaser headline, "Read more" link or navigation list that slips in carries tone that is not
# the article's, while a missed short paragraph barely moves it (the cleaner downstream is a
# second net, not a reason to let more through). On a page with no article (a JavaScript shell)
# recall mode returns the menu as text; precision returns nothing, which is the honest answer.
_EXTRACT_OPTIONS: dict[str, Any] = dict(
    output_format="python",
    with_metadata=True,
    include_comments=False,
    include_tables=False,
    include_images=False,
    include_links=False,
    include_formatting=False,
    favor_precision=True,
    # Dates from markup only (meta tags, <time>, JSON-LD, URL): the extensive search also
    # guesses from free text such as "© 2024", inventing a 2024-01-01 that would misplace the
    # article on a timeline. No date is better than a wrong one.
    date_extraction_params={"extensive_search": False, "original_date": True},
)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
# Labels browsers read as another encoding (WHATWG Encoding Standard): pages that say latin-1
# or ASCII are written with Windows' curly quotes and euro sign.
_CHARSET_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gbk"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_MAX_DEPTH = 200  # elements deeper than this are flattened before extraction
_PARSER_DEPTH = 2048  # libxml2's hard limit, even with huge_tree
_WRAPPERS = frozenset("div span section font center main article aside header footer nav b i u em strong small big".split())
# Markup that names the first publication (not the last update), most specific first.
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "published_time",
                   "publishdate", "publish-date", "pubdate", "dc.date.issued", "dcterms.issued", "parsely-pub-date")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|»)\s+")
_DATE_LIKE = re.compile(r"^\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4})\s*$")


def declared_charset(data: bytes) -> str | None:
    """The charset label of a <meta charset> or http-equiv Content-Type near the top of a page."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _html_codec(label: str) -> str | None:
    """Python codec for a declared label; None when it adds nothing to decode_bytes' UTF-8 first."""
    name = codecs.lookup(label).name  # LookupError for unknown labels
    name = _CHARSET_ALIASES.get(name, name)
    return None if name.startswith(("utf-8", "utf-16", "utf-32")) else name


def decode_html(data: bytes, source: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode a page by its BOM, else as UTF-8 when it is valid UTF-8, else by its declared charset.

    Valid UTF-8 wins over a declaration because scrapers often save pages re-encoded as UTF-8
    with the original <meta charset> left in; legacy text is almost never valid UTF-8 by chance.
    """
    label = declared_charset(data)
    if label is None or data.startswith(_BOMS):
        return decode_bytes(data, source)
    try:
        codec = _html_codec(label)
    except LookupError:
        text, encoding, warnings = decode_bytes(data, source)
        return text, encoding, (f"{source}: unknown charset {label!r} declared; decoded as {encoding}",) + warnings
    if codec is None:
        return decode_bytes(data, source)
    if looks_binary(data) or b"\x00" in data:
        raise InputError(source, "binary file, not text (found NUL or control bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        note = () if text.isascii() else (f"{source}: declares charset {label!r} but is UTF-8; decoded as UTF-8",)
        return text, "utf-8", note
    try:
        return data.decode(codec), codec, ()
    except UnicodeDecodeError as exc:
        text, encoding, warnings = decode_bytes(data, source)
        note = f"{source}: not valid {label} as declared (byte {exc.start}); decoded as {encoding}"
        return text, encoding, (note,) + warnings


def _trafilatura(source: str) -> Any:
    """Imported on first use: it pulls in lxml, htmldate and more, and only HTML needs it."""
    try:
        import trafilatura
        import trafilatura.xml
    except ImportError:
        raise InputError(source, "reading HTML needs the trafilatura package (pip install trafilatura)") from None
    return trafilatura


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _parse_deep(html: str) -> Any:
    """The page as an lxml tree without libxml2's depth limit, or None when it cannot be parsed."""
    import lxml.html

    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # an unparsable page: trafilatura's own parse reports it
        return None


def flatten_deep(tree: Any, limit: int = _MAX_DEPTH) -> int:
    """Unwrap container elements deeper than `limit` (their text and children stay); the max depth seen."""
    from lxml import etree

    depth = deepest = 0
    deep: list[Any] = []
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
            if depth > limit and isinstance(element.tag, str) and element.tag.lower() in _WRAPPERS:
                deep.append(element)
        else:
            depth -= 1
    for element in reversed(deep):
        if element.getparent() is not None:
            element.drop_tag()
    return deepest


def published_date(tree: Any) -> str | None:
    """The first-publication date the page marks (meta tags, JSON-LD, <time>), as YYYY-MM-DD."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBLISHED_META and meta.get("content"):
            found.setdefault(key, meta.get("content"))
    for key in _PUBLISHED_META:
        if key in found and _iso_date(found[key]):
            return _iso_date(found[key])
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        date = _json_ld_published(data)
        if date:
            return date
    for time in tree.iter("time"):
        if (time.get("itemprop") or "").lower() == "datepublished" or "published" in (time.get("class") or "").lower():
            date = _iso_date(time.get("datetime") or time.text_content())
            if date:
                return date
    return None


def _json_ld_published(data: Any, depth: int = 0) -> str | None:
    if depth > 6:
        return None
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        if isinstance(data.get("datePublished"), str) and _iso_date(data["datePublished"]):
            return _iso_date(data["datePublished"])
        items = [data[k] for k in ("@graph", "mainEntity", "mainEntityOfPage") if k in data]
    else:
        return None
    for item in items:
        date = _json_ld_published(item, depth + 1)
        if date:
            return date
    return None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    return None


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def strip_site_suffix(title: str, site: str | None = None) -> str:
    """A page title without the site's name and dates appended ("Headline | DW | 19.01.2020" -> "Headline").

    After a '|' every trailing segment goes (sites use it for that); after a dash or similar
    only segments that name the site or are dates, so "Biden - Trump debate" stays whole.
    """
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    seps = _TITLE_SEPARATORS.findall(title)
    site_key = _squash(site or "")
    keep = len(parts)
    while keep > 1:
        segment, sep = parts[keep - 1], seps[keep - 2].strip()
        key = _squash(segment)
        is_site = bool(site_key) and (key == site_key or (len(key) >= 2 and (key in site_key or site_key in key)))
        if is_site or _DATE_LIKE.match(segment) or (sep == "|" and len(" ".join(parts[:keep - 1]).split()) >= 3):
            keep -= 1
        else:
            break
    head = parts[0]
    for sep, part in zip(seps[:keep - 1], parts[1:keep]):
        head += sep + part
    return head.strip() or title


_FEED = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
# Pages a scraper saves instead of the article: an HTTP error, a bot check, a cookie or consent wall.
# Their title (or first heading) says so; scored, "Access denied" would read as a negative article.
_NOT_ARTICLE_TITLE = re.compile(
    r"^\s*(?:(?:error|http)\s*:?\s*)?(?:[45]\d\d\b|(?:access denied|forbidden|not found|page not found|service unavailable|"
    r"bad gateway|too many requests|attention required|just a moment|are you a (?:robot|human)\??|captcha|"
    r"verify you are (?:a )?human|before you continue|we value your privacy|cookie (?:consent|settings|preferences)|"
    r"your privacy choices|(?:please )?enable javascript|(?:your )?browser (?:is )?not supported)\s*(?:$|[|–—!.(]))", re.I)
_NOT_ARTICLE_TEXT = re.compile(
    r"\b(?:you do not have access|you don't have permission|access (?:to this page )?(?:has been )?denied|"
    r"enable (?:javascript|cookies)|(?:accept|reject) (?:all )?cookies|we and our partners|manage (?:your )?preferences|"
    r"checking your browser|ray id)\b", re.I)
# An error or consent page is short: a title alone decides under 80 words, two notice phrases
# under 150; a news brief headlined "Access denied: ..." or an article about cookies is longer.
_TITLED_PAGE_WORDS, _NOTICE_PAGE_WORDS = 80, 150


def not_article_problem(title: str | None, heading: str | None, text: str) -> str | None:
    """Why a short page is an error, bot-check or consent page rather than an article, or None."""
    words = len(text.split())
    if words > _NOTICE_PAGE_WORDS:
        return None
    named = None
    if words <= _TITLED_PAGE_WORDS:
        named = next((t.strip() for t in (title, heading) if t and _NOT_ARTICLE_TITLE.match(t)), None)
    if named is None and len(_NOT_ARTICLE_TEXT.findall(text)) < 2:
        return None
    what = f"{named[:60]!r}" if named else "an access or cookie-consent notice"
    return f"not an article: the page is {what} (an error, bot-check or consent page saved instead of the article)"


def _embedded_json_text(trafilatura: Any, html: str, tree: Any) -> str:
    """The article body a page carries only in its JSON-LD (`articleBody`, a JavaScript-rendered
    site): trafilatura's baseline, shown the page's JSON-LD scripts alone so that it cannot fall
    back to the page's menus."""
    import lxml.html

    tree = tree if tree is not None else _parse_deep(html)
    scripts = tree.xpath('//script[@type="application/ld+json"]') if tree is not None else []
    if not scripts:
        return ""
    mini = lxml.html.fromstring("<html><head></head><body></body></html>")
    for script in scripts:
        mini.find("head").append(copy.deepcopy(script))
    _, text, _ = trafilatura.baseline(mini)
    return text


def extract_article(html: str, source: str = "<html>") -> dict[str, Any]:
    """The main article of a page: {"text", "title", "date", "site", "author"}.

    Paragraphs of `text` are separated by blank lines: each block trafilatura keeps (paragraph,
    heading, list, quote) becomes one, and a line break inside a block stays a single newline.
    A leading heading that repeats the title is dropped: the title is kept in `title`, and a
    headline is not scored.
    """
    trafilatura = _trafilatura(source)
    feed = _FEED.match(html[:4096])
    if feed:
        items = len(re.findall(r"<(?:item|entry)\b", html, re.I))
        raise InputError(source, f"an RSS/Atom feed ({items} item{'s' if items != 1 else ''}), not an article page; "
                                 "save the articles it links to")
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str input that declares bytes
    tree = _parse_deep(html) if html.count("<") > _MAX_DEPTH else None
    if tree is None and "ublish" in html:
        tree = _parse_deep(html)
    published = published_date(tree) if tree is not None and "ublish" in html else None  # before trafilatura edits it
    page: Any = html
    deepest = flatten_deep(tree) if tree is not None else 0
    if deepest > _MAX_DEPTH:
        page = tree  # trafilatura's own parse would stop at libxml2's depth limit
    try:
        result = trafilatura.bare_extraction(page, **_EXTRACT_OPTIONS)
    except RecursionError:
        raise InputError(source, "the HTML page is nested too deeply to read") from None
    except Exception as exc:  # a parser failure on one page must not stop a batch
        raise InputError(source, f"cannot parse the HTML page ({type(exc).__name__}: {exc})") from None
    if result is None or result.body is None:
        if deepest >= _PARSER_DEPTH:
            raise InputError(source, f"no article text found: the page nests elements {_PARSER_DEPTH} levels deep or "
                                     "more, beyond what the HTML parser reads")
        embedded = _embedded_json_text(trafilatura, html, tree) if "ld+json" in html else ""
        if not embedded:
            raise InputError(source, "no article text found in the HTML page")
        result = trafilatura.extract_metadata(html)  # title, date, site around the embedded body
        blocks = [embedded]
    else:
        blocks = [trafilatura.xml.xmltotxt(child, False).strip() for child in result.body]
    blocks = [block for block in blocks if block]
    problem = not_article_problem(result.title, blocks[0] if blocks else None, "\n".join(blocks))
    if problem:
        raise InputError(source, problem)
    site = (result.sitename or "").strip() or None
    title = (result.title or "").strip() or None
    if blocks and title and _same_words(blocks[0], title):
        blocks = blocks[1:]
    if title:
        title = strip_site_suffix(title, site)
        if blocks and _same_words(blocks[0], title):
            blocks = blocks[1:]
    if not blocks:
        raise InputError(source, "no article text found in the HTML page")
    author = (result.author or "").strip() or None
    return {"text": "\n\n".join(blocks), "title": title, "date": published or result.date or None,
            "site": site, "author": author}


_MARKUP = re.compile(r"<(?:p|div|br|span|a|b|i|em|strong|article|section|li|ul|ol|h[1-6]|script|style|table|t[dr]|img|"
                     r"figure|figcaption|blockquote|html|body|noscript|iframe)\b[^<>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """A table cell that holds a page's markup rather than its text (a scraper saved innerHTML):
    it starts with a tag, or tags recur. A sentence that mentions one "<b>" tag stays text."""
    return "<" in text and bool(_MARKUP.search(text[:2000])) and (text.lstrip().startswith("<") or len(_MARKUP.findall(text)) >= 3)


def html_fragment_text(html: str, source: str = "<html>") -> str:
    """The text of markup kept in a table cell: the article trafilatura finds, else (a fragment too
    short for its precision mode) trafilatura's baseline of the fragment's paragraphs; "" if none."""
    try:
        return extract_article(html, source)["text"]
    except InputError as exc:
        if "no article text found" not in exc.problem:
            raise
    return _trafilatura(source).baseline(html)[1].strip()


def read_html(path: str | os.PathLike) -> Document:
    """Read one HTML page: its main text, title, published date, site name and author."""
    data = read_bytes(path)
    source = printable(path)  # a file name that is not UTF-8 still prints and stores
    html, encoding, warnings = decode_html(data, source)
    page = extract_article(html, source)
    return Document(
        source=source, text=page["text"], sha256=sha256_hex(data), encoding=encoding,
        title=page["title"], date=page["date"], site=page["site"], warnings=warnings, author=page["author"],
    )
