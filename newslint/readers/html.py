"""HTML: the article's prose, one block per block element, every character mapped to the source.

One pass of a small tokenizer (tags, comments, raw-text elements) builds a light tree whose text
nodes are source ranges; entities are decoded and whitespace collapsed only when a block is built,
so each character of block text keeps the source offset it came from (an entity maps to its '&').
Text dumped into an element one paragraph a line (a schema.org articleBody) is split where plain
text would be: at blank lines, and around source lines of text longer than LONG_LINE.

The article is found by where the paragraph text is (text in <p>, and longer runs of text in divs;
never link text): a marked-up article body (itemprop=articleBody, class="article-body"...) or an
<article>/<main> that holds enough of it, else the page; then narrowed to the smallest container that
still holds most of it. Page furniture is dropped: script, style, nav, footer, aside, forms and the
like always; <header>, hidden elements and elements whose class or id names sharing, related links,
newsletters, comments, ads... unless they hold much of the article (whole pages sit inside
<body class="has-ads"> or <form>). On the 181 pages of the article-extraction-benchmark this covers
the human-extracted article text with median word recall 1.00 and precision 0.98 (bench/eval_html.py).
"""

from __future__ import annotations

import re
from html import unescape

from newslint.document import Block, Document, OffsetMap, add_run
from newslint.readers.plain import LONG_LINE
from newslint.source import Source

VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes noscript plaintext".split())
BLOCK = frozenset(
    """address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary
    table tbody td tfoot th thead tr ul caption legend""".split()
)
DROP = frozenset(  # never the article
    """head script style noscript template button select textarea input iframe svg canvas object embed
    video audio map dialog nav footer aside menu title""".split()
)
FURNITURE = frozenset("header form".split())  # dropped unless they hold much of the article
# containers the article root may narrow down into
CONTAINERS = frozenset("html body main article section div span center font td tbody table tr".split())
CREDITED = frozenset("p div td pre blockquote section article main body center".split())
PARAGRAPHS = frozenset("p pre blockquote".split())
MIN_LOOSE_TEXT = 25  # text directly in a div counts as paragraph text from this many characters
FURNITURE_SHARE = 0.4  # furniture holding this share of the article's text is kept
NARROW_SHARE = 0.85
DOMINANCE = 3  # an <article> holding this many times the text of any other one is the article
KIND = {f"h{i}": "heading" for i in range(1, 7)} | {"li": "list_item", "dt": "list_item", "dd": "list_item"}
KIND["blockquote"] = "quote"
# an open <p> is closed by these start tags
CLOSES_P = BLOCK - {"body", "html", "td", "th", "tr", "tbody", "thead", "tfoot", "caption"}
IMPLIED = {  # start tag -> open elements it closes, and the elements that bound the search
    "li": ({"li"}, {"ul", "ol", "menu", "table"}),
    "dt": ({"dt", "dd"}, {"dl", "table"}),
    "dd": ({"dt", "dd"}, {"dl", "table"}),
    "tr": ({"tr", "td", "th"}, {"table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "option": ({"option"}, {"select"}),
}

_MARKUP = re.compile(
    r"<(?:(/?)([A-Za-z][^\t\n\f\r />]*)((?:[^>\"'=]+|=[ \t\n\f\r]*\"[^\"]*\"|=[ \t\n\f\r]*'[^']*'|[=\"'])*)>"
    r"|!--.*?(?:(?P<shut>--!?>)|\Z)|![^>]*>|\?[^>]*>)",
    re.S,
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_PIECE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]|&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_BODY_CLASS = re.compile(
    r"(?:article|story|post|entry|news)[-_]?(?:body|content|text)(?![a-z])|(?<![a-z])(?:body[-_]?text)(?![a-z])"
)
_CAMEL = re.compile(r"([a-z])([A-Z])")
_FURNITURE = re.compile(  # in class or id, lower case, camelCase split: "shareBar" -> "share-bar"
    r"(?<![a-z])(?:share|sharing|sharebar|social|related|newsletter|comments?|disqus|subscribe|subscription"
    r"|signup|paywall|advert\w*|ads?|adslot|ad-?container|dfp|gpt|sponsor\w*|promo|outbrain|taboola"
    r"|recirc\w*|recommend\w*|most-?(?:read|popular)|trending|breadcrumbs?|footer|header|masthead|nav"
    r"|navbar|menu|sidebar|cookie\w*|popup|modal|sr-only|visually-?hidden|screen-?reader\w*)(?![a-z])"
)
_RAW_END: dict[str, re.Pattern] = {}


class _El:
    __slots__ = ("tag", "attrs", "at", "parent", "kids", "drop", "soft", "blk", "link", "ptext")

    def __init__(self, tag: str, attrs: str, at: int, parent: _El | None, drop: bool) -> None:
        self.tag = tag
        self.at = at  # source offset of the start tag
        self.attrs = attrs
        self.parent = parent
        self.kids: list = []  # _El or (start, end) source range of text
        self.drop = drop
        self.soft = False  # page furniture: dropped unless it holds much of the page's text
        self.blk = self if tag in BLOCK or parent is None else parent.blk  # nearest block element
        self.link = tag == "a" or (parent is not None and parent.link and tag not in BLOCK)  # inside <a>
        self.ptext = 0  # paragraph text (characters) in this subtree

    def attr(self, name: str) -> str | None:
        if name not in self.attrs.lower():
            return None
        for m in _ATTR.finditer(self.attrs):
            if m.group(1).lower() == name:
                return unescape(m.group(2) or m.group(3) or m.group(4) or "")
        return None


def _furniture(el: _El) -> bool:
    """Hidden elements, and those whose class or id names page furniture."""
    low = el.attrs.lower()
    if "hidden" in low and (
        el.attr("hidden") is not None or (el.attr("aria-hidden") or "").lower() == "true"
    ):
        return True
    if "display" in low and re.search(r"display\s*:\s*none", el.attr("style") or ""):
        return True
    if "class" not in low and "id" not in low:
        return False
    names = " ".join(v for v in (el.attr("class"), el.attr("id")) if v)
    return bool(names and _FURNITURE.search(_CAMEL.sub(r"\1-\2", names).lower()))


def _parse(text: str) -> tuple[_El, list[_El]]:
    """The element tree of a page (lenient: unmatched end tags are ignored, implied ones closed)."""
    root = _El("#root", "", 0, None, False)
    stack = [root]
    elements = []
    pos, n = 0, len(text)
    # Markup ends at a '>' (but for an unclosed comment), so _MARKUP never looks past the last one:
    # there each match succeeds at once, while after it a '<tag' whose attributes find no '>'
    # would make re try every way to split them (exponential in their length).
    last = text.rfind(">") + 1
    search = _MARKUP.search
    while pos < n:
        m = search(text, pos, last)
        start = m.start() if m else _unclosed_comment(text, pos)
        if start > pos:
            stack[-1].kids.append((pos, start))
        if m is None:
            break
        pos = m.end()
        closing, name, attrs = m.group(1, 2, 3)
        if name is None:
            if m.group(0).startswith("<!--") and not m.group("shut"):
                pos = n  # an unclosed comment runs to the end of the page
            continue  # comment, doctype, processing instruction
        tag = name.lower()
        if closing:
            if tag == "br":
                stack[-1].kids.append(_El("br", "", start, stack[-1], stack[-1].drop))
            else:
                _close(stack, {tag}, ())
            continue
        if tag in CLOSES_P:
            # an open <p> has only inline elements above it: look no further than the first block
            for i in range(len(stack) - 1, 0, -1):
                if stack[i].blk is stack[i]:
                    if stack[i].tag == "p":
                        del stack[i:]
                    break
        if tag in IMPLIED:
            _close(stack, *IMPLIED[tag])
        if (
            tag in KIND
            and KIND[tag] == "heading"
            and stack[-1].tag in KIND
            and KIND[stack[-1].tag] == "heading"
        ):
            stack.pop()
        parent = stack[-1]
        el = _El(tag, attrs, start, parent, parent.drop or tag in DROP)
        if not el.drop and tag in BLOCK:
            el.soft = tag in FURNITURE or (attrs != "" and _furniture(el))
        parent.kids.append(el)
        elements.append(el)
        if tag in RAW_TEXT:
            end_re = _RAW_END.get(tag) or _RAW_END.setdefault(tag, re.compile(rf"</{tag}[\s/>]", re.I))
            e = end_re.search(text, pos)
            end = e.start() if e else n
            if tag in ("title", "textarea"):
                el.kids.append((pos, end))
            if e:
                gt = text.find(">", e.start())
                pos = n if gt < 0 else gt + 1
            else:
                pos = n
        elif tag not in VOID and not attrs.endswith("/"):
            stack.append(el)
    return root, elements


def _unclosed_comment(text: str, pos: int) -> int:
    """Where the comment that runs to the end of the page starts, past the last '>' (else the end)."""
    start = text.find("<!--", pos)
    return len(text) if start < 0 else start


def _close(stack: list[_El], names: set[str], scope) -> None:
    for i in range(len(stack) - 1, 0, -1):
        tag = stack[i].tag
        if tag in names:
            del stack[i:]
            return
        if tag in scope:
            return


def _article(text: str, root: _El, elements: list[_El]) -> _El:
    """The element holding the article, with the page furniture around and inside it dropped."""
    own = _own_text(text, elements)
    _accumulate(root, elements, own)
    best = _candidate(root, elements)
    keep = set()
    node = best
    while node is not None:
        keep.add(node)
        node = node.parent
    limit = FURNITURE_SHARE * (best or root).ptext
    for el in elements:
        el.drop = el.drop or el.parent.drop or (el.soft and el not in keep and el.ptext < limit)
    _accumulate(root, elements, own)
    # narrow down to the smallest container that still holds most of the text
    node = best or root
    while node.ptext:
        top = max(
            (k for k in node.kids if type(k) is _El and not k.drop and k.tag in CONTAINERS),
            key=lambda k: k.ptext,
            default=None,
        )
        if top is None or top.ptext < NARROW_SHARE * node.ptext:
            break
        node = top
    return node


def _candidate(root: _El, elements: list[_El]) -> _El | None:
    """A marked-up article body holding a fair share of the page's text, else the <article> or
    <main> that holds much of it or clearly more than any other one (pages list teasers as articles)."""
    marked, tagged = [], []
    for el in elements:
        if el.drop or not el.ptext:
            continue
        low = el.attrs.lower()
        if el.tag in CONTAINERS and ("articlebody" in low or ("class" in low and _BODY_CLASS.search(low))):
            marked.append(el)
        elif el.tag in ("article", "main") or 'role="main"' in low:
            tagged.append(el)
    best = max(marked, key=lambda el: el.ptext, default=None)
    if best is not None and best.ptext >= 0.2 * root.ptext:
        return best
    best = max(tagged, key=lambda el: el.ptext, default=None)
    if best is None or best.ptext >= 0.4 * root.ptext:
        return best
    others = [el.ptext for el in tagged if not _contains(best, el) and not _contains(el, best)]
    return best if best.ptext >= DOMINANCE * max(others, default=0) else None


def _contains(outer: _El, inner: _El) -> bool:
    while inner is not None:
        if inner is outer:
            return True
        inner = inner.parent
    return False


def _own_text(text: str, elements: list[_El]) -> list[int]:
    """Paragraph text of each element itself (not its children): the text of <p>, <pre> and
    <blockquote> paragraphs, and lines of MIN_LOOSE_TEXT characters or more directly in other block
    elements; never link text."""
    own = []
    for el in elements:
        n = 0
        if not el.drop and not el.link and el.blk.tag in CREDITED:
            short = 0 if el.blk.tag in PARAGRAPHS else MIN_LOOSE_TEXT
            for kid in el.kids:
                if type(kid) is tuple:
                    k = len(text[kid[0] : kid[1]].strip())
                    if k >= short:
                        n += k
        own.append(n)
    return own


def _accumulate(root: _El, elements: list[_El], own: list[int]) -> None:
    root.ptext = 0
    for el, n in zip(elements, own, strict=True):
        el.ptext = n
    for el in reversed(elements):
        if not el.drop:
            el.parent.ptext += el.ptext


class _Builder:
    """Collects the prose of one block: collapses whitespace, decodes entities, records pieces."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.blocks: list[Block] = []
        self._reset()

    def _reset(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[list[int]] = []
        self.n = 0
        self.space = -1  # source offset of whitespace waiting to become one space
        self.last = "\n"
        self.blank = True  # the current line has nothing but spaces so far
        self.kind = ""

    def _put(self, s: str, at: int) -> None:
        if self.space >= 0:
            self.space, space = -1, self.space
            self._put(" ", space)
        add_run(self.pieces, self.n, at, len(s))
        self.parts.append(s)
        self.n += len(s)
        self.last = s[-1]
        if self.blank and not s.isspace():
            self.blank = False

    def text(self, start: int, end: int, kind: str) -> None:
        src, pos = self.src, start
        for m in _PIECE.finditer(src, start, end):
            a = m.start()
            if a > pos:
                self._run(pos, a)
            if src[a] == "&":
                self._put(unescape(m.group()), a)  # an unknown name stays as it is
            elif "\n" in m.group() and self._breaks(m, start, end):
                if not self.kind and self.n:
                    self.kind = kind
                self.flush()
            else:
                self._space(a)
            pos = m.end()
        if pos < end:
            self._run(pos, end)
        if not self.kind and self.n:
            self.kind = kind

    def _breaks(self, m: re.Match, start: int, end: int) -> bool:
        """Whether a newline in the text node from start to end ends a paragraph, as in plain text
        (readers/plain.py): text dumped into an element one paragraph a line (a schema.org
        articleBody, a CMS export) has source lines of text longer than any hard-wrapped line,
        or blank lines between paragraphs."""
        if self.blank:
            return False  # nothing to end
        if m.group().count("\n") > 1:
            return True
        src, a, b = self.src, m.start(), m.end()
        before = a - (src.rfind("\n", start, a) + 1 or start)  # this text's part of the line
        nl = src.find("\n", b, end)
        return before > LONG_LINE or (end if nl < 0 else nl) - b > LONG_LINE

    def _run(self, a: int, b: int) -> None:
        """Literal text, whose single spaces are kept as they are except at either end."""
        src = self.src
        if src[a] == " ":
            self._space(a)
            a += 1
        trail = b > a and src[b - 1] == " "
        if b - trail > a:
            self._put(src[a : b - trail], a)
        if trail:
            self._space(b - 1)

    def _space(self, at: int) -> None:
        if self.space < 0 and self.last != "\n":
            self.space = at

    def newline(self, at: int) -> None:
        """A <br> breaks the line; one on a blank line ends the paragraph."""
        if self.blank:
            self.flush()
        else:
            self.space = -1
            self._put("\n", at)
            self.blank = True

    def flush(self) -> None:
        text = "".join(self.parts)
        body = text.strip()
        if body:
            lead = len(text) - len(text.lstrip())
            pieces = []
            for t, s, n in self.pieces:
                if t + n > lead and t < lead + len(body):
                    cut = max(0, lead - t)
                    pieces.append((t + cut - lead, s + cut, n - cut))
            self.blocks.append(Block(body, OffsetMap(pieces), self.kind or "paragraph"))
        self._reset()


def _title(text: str, elements: list[_El]) -> str | None:
    title = h1 = None
    for el in elements:
        if el.tag == "meta" and "og:title" in el.attrs and el.attr("property") == "og:title":
            value = " ".join((el.attr("content") or "").split())
            if value:
                return value
        elif el.tag == "title" and title is None and el.kids:
            title = " ".join(unescape(text[slice(*el.kids[0])]).split()) or None
        elif el.tag == "h1" and h1 is None:
            b = _Builder(text)
            _walk(el, b)
            b.flush()
            h1 = b.blocks[0].text if b.blocks else None
    return title or h1


def _walk(node: _El, out: _Builder) -> None:
    """Emit the blocks of node's subtree (iteratively: real pages nest deeply)."""
    kinds = [KIND.get(node.tag, "paragraph")]
    stack = [(node, iter(node.kids))]
    while stack:
        el, kids = stack[-1]
        for kid in kids:
            if type(kid) is tuple:
                out.text(kid[0], kid[1], kinds[-1])
            elif kid.drop:
                continue
            elif kid.tag == "br":
                out.newline(kid.at)
            elif kid.kids:
                if kid.tag in BLOCK:
                    out.flush()
                    inherited = kinds[-1] if kinds[-1] in ("quote", "list_item") else "paragraph"
                    kinds.append(KIND.get(kid.tag, inherited))
                stack.append((kid, iter(kid.kids)))
                break
            elif kid.tag in BLOCK:
                out.flush()
        else:
            stack.pop()
            if el.tag in BLOCK and el is not node:
                out.flush()
                kinds.pop()
    out.flush()


def read(source: Source) -> Document:
    text = source.text
    root, elements = _parse(text)
    out = _Builder(text)
    _walk(_article(text, root, elements), out)
    doc = Document(source, out.blocks, _title(text, elements))
    _untie(root)
    return doc


def _untie(root: _El) -> None:
    """Break the element tree's reference cycles (parent and block pointers) once the page is read:
    then it is freed as soon as it is dropped, with no cycle collector (a check run keeps the
    collector off where it can: see api.no_cycle_collection)."""
    stack = [root]
    while stack:
        el = stack.pop()
        el.parent = el.blk = None
        stack.extend(k for k in el.kids if type(k) is _El)
