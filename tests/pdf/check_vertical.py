#!/usr/bin/python3
"""Reads a vertical PDF (--vertical) back and checks it as a reader of a
vertical book would.  poppler's pdftotext reads upright Han in a column
as one character a line, so the text comes from pdfminer (Debian's
python3-pdfminer, for Debian's own python3), whose layout analysis finds
vertical lines:

- pages are portrait and the catalog binds them on the right
  (/ViewerPreferences /Direction /R2L);
- on every body page the columns, read right to left, hold every
  paragraph of the tree in order (white space aside);
- kinsoku on every column: none begins with a closing mark or a
  character that may not start a line, none ends with an opening mark,
  and no —— or …… is split between columns;
- the running head and folio are set across the page, above and below
  the columns;
- the bookmarks lead to body pages, in order, and the contents page
  links to them;
- two-digit numbers stand upright side by side in one em
  (tate-chu-yoko): counted, as pairs of upright digits on one level.

usage: check_vertical.py BOOK.pdf BOOK.json FIRST_BODY_PAGE
"""
import json
import re
import sys

from pdfminer.high_level import extract_pages
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfminer.layout import (LAParams, LTTextBox, LTTextLineHorizontal,
                             LTTextLineVertical)

CLOSING = set("。，、；：？！）」』”’》〉】〕…—‥·・")
OPENING = set("（「『“‘《〈【〔")


def char_size(line):
    """The line's font size, from its characters' text matrices (which
    a glyph laid on its side turns, but does not scale)."""
    sizes = sorted(abs(c.matrix[0] * c.matrix[3] - c.matrix[1] *
                       c.matrix[2]) ** 0.5 for c in line
                   if hasattr(c, "matrix"))
    return sizes[len(sizes) // 2] if sizes else 0


def lines_of(page):
    """The page's text lines: (x-centre, top, text, vertical, line);
    ruby annotations (half size, beside their column) left out."""
    out = []
    boxes = [el for el in page if isinstance(el, LTTextBox)]
    sizes = sorted(char_size(l) for el in boxes for l in el)
    body = sizes[len(sizes) // 2] if sizes else 0
    for el in boxes:
        for line in el:
            if isinstance(line, (LTTextLineVertical, LTTextLineHorizontal)):
                text = line.get_text().strip()
                if text and char_size(line) >= body * 0.7:
                    out.append(((line.x0 + line.x1) / 2, line.y1, text,
                                isinstance(line, LTTextLineVertical),
                                line))
    return out


def norm(s):
    return re.sub(r"\s+", "", s)


def plain(inlines):
    out = []
    for i in inlines:
        if i["type"] in ("text", "code"):
            out.append(i["text"])
        elif i["type"] == "ruby":
            out.append(i["base"])
        elif i["type"] == "break":
            out.append(" ")
        else:
            out.append(plain(i.get("children", [])))
    return "".join(out)


def paragraphs(blocks):
    for b in blocks:
        if b["type"] == "paragraph":
            yield plain(b["inlines"])
        yield from paragraphs(b.get("blocks", []))


def upright_pairs(page, bottom, top):
    """Pairs of digits drawn upright (an unturned text matrix) side by
    side among the columns (between bottom and top: not the folio or the
    contents' page numbers): the same height, the second right of the
    first."""
    chars = []

    def walk(el):
        for c in getattr(el, "_objs", []):
            if hasattr(c, "matrix") and c.get_text().isdigit():
                a, b, cc, d = c.matrix[:4]
                if abs(b) < 1e-6 and abs(cc) < 1e-6 and a > 0 and d > 0 \
                        and bottom <= c.y0 <= top:
                    chars.append(c)
            else:
                walk(c)
    walk(page)
    chars.sort(key=lambda c: (round(c.y0), c.x0))
    pairs = 0
    for a, b in zip(chars, chars[1:]):
        if abs(a.y0 - b.y0) < 1 and 0 <= b.x0 - a.x1 < a.size:
            pairs += 1
    return pairs


def navigation(pdf, first, problems):
    """Bookmarks: each to a body page, in order; links on the contents."""
    with open(pdf, "rb") as f:
        doc = PDFDocument(PDFParser(f))
        pages = {p.pageid: n for n, p in
                 enumerate(PDFPage.create_pages(doc), 1)}
        targets = []
        for level, title, dest, _, _ in doc.get_outlines():
            d = resolve1(doc.get_dest(dest)) if isinstance(dest, bytes) \
                else resolve1(dest)
            if isinstance(d, dict):
                d = resolve1(d.get("D"))
            page = pages.get(getattr(d[0], "objid", None)) if d else None
            if not page or page < first:
                problems.append("bookmark %r leads to page %s" %
                                (title, page))
            targets.append(page or 0)
        if targets != sorted(targets):
            problems.append("bookmarks out of page order: %s" % targets)
        links = 0
        for n, p in enumerate(PDFPage.create_pages(doc), 1):
            if first > n > 1 and p.annots:
                links += len(resolve1(p.annots))
        if targets and links == 0:
            problems.append("the contents page links nowhere")
        return len(targets), links


def main():
    pdf, tree_path, first = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tree = json.load(open(tree_path, encoding="utf-8"))
    raw = open(pdf, "rb").read()
    problems = []
    if b"/Direction /R2L" not in raw:
        problems.append("the catalog does not bind pages on the right")
    params = LAParams(detect_vertical=True, line_margin=0.3,
                      char_margin=1.5)
    columns = kinsoku = pairs = 0
    text = []
    npages = 0
    for n, page in enumerate(extract_pages(pdf, laparams=params), 1):
        npages = n
        if page.width > page.height:
            problems.append("page %d is landscape" % n)
        if n < first:
            continue
        lines = lines_of(page)
        vert = [l for l in lines if l[3]]
        across = [l for l in lines if not l[3]]
        if vert and across:
            top = max(l[1] for l in vert)
            bottom = min(l[4].y0 for l in vert)
            for l in across:
                # the head above the columns, the folio below them;
                # pdfminer reads a few characters, or a column of
                # mostly Latin, as a line across: as narrow as a
                # column, it is one
                if bottom <= l[1] <= top and l[4].x1 - l[4].x0 < \
                        char_size(l[4]) * 1.6:
                    vert.append(l)
                elif bottom <= l[1] <= top:
                    problems.append("page %d: \"%s\" lies across the "
                                    "columns" % (n, l[2][:20]))
                    break
        if vert:
            pairs += upright_pairs(page, min(l[4].y0 for l in vert),
                                   max(l[1] for l in vert))
        # pieces of one column (pdfminer may cut one where Latin or a
        # lone character meets Han) joined top to bottom; columns
        # right to left
        vert.sort(key=lambda l: -l[0])
        cols = []
        for l in vert:
            if cols and cols[-1][0][0] - l[0] < char_size(l[4]) / 2:
                cols[-1].append(l)
            else:
                cols.append([l])
        merged = []
        for c in cols:
            c.sort(key=lambda l: -l[1])
            merged.append("".join(l[2] for l in c))
        prev = None
        for t in merged:
            columns += 1
            if t[0] in CLOSING and not t.startswith(("……", "——")):
                kinsoku += 1
                problems.append("page %d: a column begins with %s: %s" %
                                (n, t[0], t[:12]))
            if t[-1] in OPENING:
                kinsoku += 1
                problems.append("page %d: a column ends with %s: %s" %
                                (n, t[-1], t[-12:]))
            if prev and (prev.endswith("—") and t.startswith("—") or
                         prev.endswith("…") and t.startswith("…")):
                problems.append("page %d: —— or …… split: %s | %s" %
                                (n, prev[-6:], t[:6]))
            prev = t
            text.append(t)
    nmarks, nlinks = navigation(pdf, first, problems)
    body = norm("".join(text))
    missing = []
    at = 0
    for s in tree["sections"]:
        for p in paragraphs(s["blocks"]):
            p = norm(p)
            if not p:
                continue
            # in order: each paragraph after the one before (a short
            # one, "对。", may also stand further on: it moves nothing)
            i = body.find(p, at)
            if i < 0:
                missing.append(p)
            elif len(p) >= 12:
                at = i + len(p)
    for p in missing[:5]:
        problems.append("not read back in order: %s..." % p[:30])
    for p in problems[:20]:
        print("%s: %s" % (pdf, p))
    print("%s: %d pages, %d columns read right to left, %d paragraphs "
          "missing or out of order, %d kinsoku breaks, %d bookmarks, "
          "%d contents links, upright pairs: %d" %
          (pdf.split("/")[-1], npages, columns, len(missing), kinsoku,
           nmarks, nlinks, pairs))
    return 1 if problems or not columns else 0


if __name__ == "__main__":
    sys.exit(main())
