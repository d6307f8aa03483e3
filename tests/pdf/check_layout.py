#!/usr/bin/env python3
"""The title page and the contents laid out by measured height: on the
given pages no two lines of text overlap and every line stands inside
the page's margins.  Reads pdftotext's -bbox-layout.

usage: check_layout.py FILE.pdf FIRST LAST"""
import subprocess
import sys
import xml.etree.ElementTree as ET

pdf, first, last = sys.argv[1], sys.argv[2], sys.argv[3]
out = subprocess.run(["pdftotext", "-bbox-layout", "-f", first, "-l", last,
                      pdf, "-"], capture_output=True, check=True).stdout
ns = {"x": "http://www.w3.org/1999/xhtml"}
root = ET.fromstring(out)
problems = []
for n, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
    w, h = float(page.get("width")), float(page.get("height"))
    lines = []
    for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
        box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
        text = " ".join(wd.text or "" for wd in
                        line.iter("{http://www.w3.org/1999/xhtml}word"))
        lines.append((box, text))
        if box[0] < 10 or box[2] > w - 10 or box[1] < 10 or box[3] > h - 10:
            problems.append(f"page {int(first) + n}: line off the page: "
                            f"{text[:40]!r} {box}")
    for i, (a, ta) in enumerate(lines):
        for b, tb in lines[i + 1:]:
            # overlapping lines: pdftotext's boxes are the font's whole
            # height (Noto CJK: about 1.45 em), so neighbouring lines set
            # solid touch; set over each other they share more than half
            ov_x = min(a[2], b[2]) - max(a[0], b[0])
            ov_y = min(a[3], b[3]) - max(a[1], b[1])
            if ov_x > 1 and ov_y > 0.5 * min(a[3] - a[1], b[3] - b[1]):
                problems.append(f"page {int(first) + n}: {ta[:30]!r} overlaps "
                                f"{tb[:30]!r}")
for p in problems[:10]:
    print(f"{pdf}: {p}")
sys.exit(1 if problems else 0)
