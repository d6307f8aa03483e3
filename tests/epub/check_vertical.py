#!/usr/bin/env python3
"""Renders the chapters of a vertical EPUB (--vertical) in headless
Chromium at a phone's size (390x844) and checks what a reader of a
Taiwan edition sees:

- the root is set vertical-rl and the page's columns run right to left
  (each paragraph lies left of the one before it);
- a Han character advances one em down its column (its box is one em
  tall), and Latin words lie on their side: taller than wide;
- numbers of one or two digits (span.tcy) stand upright in one em: no
  taller than a Han character, and as wide as one;
- the speaker's bar is above the name (border-top), not at its left;
- block quotes and lists are indented from the top (padding-top or
  margin-top), not from the left.

usage: check_vertical.py BOOK.epub
"""
import os
import re
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_justify import measure  # noqa: E402  (Chromium's DOM, measured)

MEASURE = r"""
<script><![CDATA[
(function () {
  function box(r) { return [r.left, r.top, r.width, r.height]; }
  var out = { mode: getComputedStyle(document.documentElement).writingMode,
              paras: [], han: [], latin: [], tcy: [], bars: [], indents: [] };
  var ps = document.querySelectorAll('p');
  for (var i = 0; i < ps.length && i < 40; i++)
    out.paras.push(box(ps[i].getBoundingClientRect()));
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var node, m, re = /[A-Za-z]{6,}|[\u4e00-\u9fff]/g;
  while ((node = walker.nextNode()) && out.han.length < 400) {
    if (node.parentNode.closest('.tcy, pre, code')) continue;
    while ((m = re.exec(node.data))) {
      var r = document.createRange();
      r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      var rects = r.getClientRects();
      if (rects.length !== 1) continue;
      (m[0].length === 1 ? out.han : out.latin).push(
          [m[0], rects[0].width, rects[0].height]);
    }
  }
  var t = document.querySelectorAll('span.tcy');
  for (var i = 0; i < t.length; i++) {
    var r = t[i].getBoundingClientRect();
    out.tcy.push([t[i].textContent, r.width, r.height]);
  }
  var s = document.querySelectorAll('b.speaker');
  for (var i = 0; i < s.length; i++) {
    var c = getComputedStyle(s[i]);
    out.bars.push([parseFloat(c.borderTopWidth), parseFloat(c.borderLeftWidth)]);
  }
  var q = document.querySelectorAll('blockquote, ul, ol');
  for (var i = 0; i < q.length; i++) {
    var c = getComputedStyle(q[i]);
    out.indents.push([q[i].tagName,
        parseFloat(c.paddingTop) + parseFloat(c.marginTop),
        parseFloat(c.paddingLeft) + parseFloat(c.borderLeftWidth)]);
  }
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
]]></script>
"""


def check(name, got, problems, counts):
    if got["mode"] != "vertical-rl":
        problems.append("%s: writing-mode is %s" % (name, got["mode"]))
        return
    paras = got["paras"]
    for a, b in zip(paras, paras[1:]):
        # the next paragraph's column is left of this one's
        if b[0] + b[2] > a[0] + 1:
            problems.append("%s: a paragraph right of the one before it "
                            "(%.0f > %.0f)" % (name, b[0] + b[2], a[0]))
            break
    # the body's em: the commonest height of a Han character
    heights = sorted(round(h) for _, _, h in got["han"])
    em = heights[len(heights) // 2] if heights else 16
    for ch, w, h in got["han"]:
        counts["han"] += 1
        if not w > h * 0.9:
            problems.append("%s: %s is %.1f wide and %.1f tall: a line "
                            "across the page" % (name, ch, w, h))
            break
    for word, w, h in got["latin"]:
        counts["latin"] += 1
        if not h > w:
            problems.append("%s: \"%s\" is %.1f wide, %.1f tall: not on "
                            "its side" % (name, word, w, h))
            break
    for digits, w, h in got["tcy"]:
        counts["tcy"] += 1
        if h > em * 1.1 or w > em * 1.6:
            problems.append("%s: the number %s is %.1f x %.1f: not "
                            "upright in one em (%.1f)" % (name, digits, w, h,
                                                           em))
            break
    for top, left in got["bars"]:
        counts["bars"] += 1
        if not (top > 0 and left == 0):
            problems.append("%s: the speaker's bar is not above the name "
                            "(top %.1f, left %.1f)" % (name, top, left))
            break
    for tag, top, left in got["indents"]:
        counts["indents"] += 1
        if not (top > 0 and left == 0):
            problems.append("%s: a %s is indented from the left (%.1f), "
                            "not the top (%.1f)" % (name, tag, left, top))
            break


def main():
    book = sys.argv[1]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("check_vertical: chromium is not installed")
    tmp = tempfile.mkdtemp()
    try:
        with zipfile.ZipFile(book) as z:
            z.extractall(tmp)
            opf = z.read("EPUB/package.opf").decode()
        problems = []
        if 'page-progression-direction="rtl"' not in opf:
            problems.append("the spine does not turn pages right to left")
        if 'name="primary-writing-mode" content="vertical-rl"' not in opf:
            problems.append("no primary-writing-mode for Kindle")
        text = os.path.join(tmp, "EPUB", "text")
        names = sorted(n for n in os.listdir(text)
                       if re.match(r"s\d+\.xhtml$", n))
        counts = dict(han=0, latin=0, tcy=0, bars=0, indents=0)
        for name in names:
            src = open(os.path.join(text, name), encoding="utf-8").read()
            path = os.path.join(text, name + ".m.xhtml")
            open(path, "w", encoding="utf-8").write(
                src.replace("</body>", MEASURE + "</body>", 1))
            check(name, measure(chromium, path), problems, counts)
        for p in problems:
            print("%s: %s" % (os.path.basename(book), p))
        print("%s: %d chapters; %d Han, %d Latin words, %d upright numbers, "
              "%d speaker bars, %d indented blocks measured; %d problems" %
              (os.path.basename(book), len(names), counts["han"],
               counts["latin"], counts["tcy"], counts["bars"],
               counts["indents"], len(problems)))
        return 1 if problems or not counts["han"] else 0
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
