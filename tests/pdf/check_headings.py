#!/usr/bin/env python3
"""No heading is the last body line of a page: a section title or a
sub-heading keeps at least the first two lines after it on its page.

usage: check_headings.py FILE.pdf FILE.json
"""
import json
import subprocess
import sys


def titles(doc):
    out = set()
    for s in doc["sections"]:
        if s.get("title"):
            out.add(s["title"].strip())
        stack = list(s.get("blocks", []))
        while stack:
            b = stack.pop()
            if b.get("type") == "heading":
                out.add(b.get("text", "").strip())
            stack.extend(b.get("blocks", []))
    return {t for t in out if t}


def main():
    pdf, js = sys.argv[1], sys.argv[2]
    heads = titles(json.load(open(js, encoding="utf-8")))
    pages = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                           capture_output=True, text=True,
                           check=True).stdout.split("\f")
    bad = 0
    for n, page in enumerate(pages, 1):
        lines = [l.strip() for l in page.splitlines() if l.strip()]
        if n <= 2 or len(lines) < 3:
            continue  # the title page and the contents have no headings
        # the last line is the folio; the one before, the last of the body
        last = lines[-2]
        if last in heads:
            print("%s: page %d ends with the heading \"%s\"" % (pdf, n, last))
            bad += 1
    print("%s: %d pages, %d ending in a heading" % (pdf, len(pages), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
