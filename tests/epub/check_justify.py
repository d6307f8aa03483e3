#!/usr/bin/env python3
"""Renders chapters of an EPUB in headless Chromium at a phone's size
(390x844) and checks that justification never letter-spaces a Latin
word: each word's width as set must equal its width in the same page
with justification turned off.

usage: check_justify.py BOOK.epub [CHAPTER ...]   (default: every chapter)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

MEASURE = r"""
<script><![CDATA[
(function () {
  var out = [];
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var re = /[A-Za-z][A-Za-z'’]{3,}/g, node, m;
  while ((node = walker.nextNode())) {
    while ((m = re.exec(node.data))) {
      var r = document.createRange();
      r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      var rects = r.getClientRects();
      if (rects.length === 1)
        out.push([m[0], rects[0].width]);
    }
  }
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
]]></script>
"""
FLAT = "<style>* { text-align: left !important; text-justify: none !important; }</style>"


def measure(chromium, path):
    r = subprocess.run([chromium, "--headless", "--no-sandbox",
                        "--disable-gpu", "--window-size=390,844",
                        "--dump-dom", "file://" + path],
                       capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="measured">(.*?)</pre>', r.stdout, re.S)
    if not m:
        sys.exit("check_justify: no measures from %s: %s" %
                 (path, r.stderr[-500:]))
    import html
    return json.loads(html.unescape(m.group(1)))


def main():
    book = sys.argv[1]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("check_justify: chromium is not installed")
    tmp = tempfile.mkdtemp()
    try:
        with zipfile.ZipFile(book) as z:
            z.extractall(tmp)
        text = os.path.join(tmp, "EPUB", "text")
        names = sys.argv[2:] or sorted(n for n in os.listdir(text)
                                      if re.match(r"s\d+\.xhtml$", n))
        bad = words = 0
        for name in names:
            src = open(os.path.join(text, name), encoding="utf-8").read()
            pages = {}
            for kind, extra in (("set", ""), ("flat", FLAT)):
                doc = src.replace("</head>", extra + "</head>", 1)
                doc = doc.replace("</body>", MEASURE + "</body>", 1)
                path = os.path.join(text, "%s.%s.xhtml" % (name, kind))
                open(path, "w", encoding="utf-8").write(doc)
                pages[kind] = measure(chromium, path)
            if len(pages["set"]) != len(pages["flat"]):
                print("%s: %s: %d words set, %d unjustified" %
                      (book, name, len(pages["set"]), len(pages["flat"])))
                bad += 1
                continue
            for (w, a), (_, b) in zip(pages["set"], pages["flat"]):
                words += 1
                if abs(a - b) > 0.5:
                    bad += 1
                    if bad <= 10:
                        print("%s: %s: \"%s\" letter-spaced: %.1f px, "
                              "%.1f px unjustified" % (book, name, w, a, b))
        print("%s: %d Latin words in %d chapters, %d letter-spaced" %
              (os.path.basename(book), words, len(names), bad))
        return 1 if bad or words == 0 else 0
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
