#!/usr/bin/env python3
"""Word spaces of a PDF in a Latin-script language: on body pages no gap
between two words of a line wider than MAX em (0.45), except on a line
that holds one word and its label or nothing to break.  Prints the
largest gap and how many lines have one over MAX.

usage: check_spacing.py FILE.pdf SIZE [MAX]   (SIZE: the body size, pt)
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def main():
    pdf, size = sys.argv[1], float(sys.argv[2])
    most = float(sys.argv[3]) if len(sys.argv) > 3 else 0.45
    out = subprocess.run(["pdftotext", "-f", "3", "-bbox-layout", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace(
        'xmlns="http://www.w3.org/1999/xhtml"', ""))
    lines = wide = 0
    widest = 0.0
    for line in root.iter("line"):
        words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "")
                 for w in line.iter("word")]
        if len(words) < 3:
            continue
        # body lines only: the running head and headings are set larger
        # or smaller; their words' height tells
        h = float(line.get("yMax")) - float(line.get("yMin"))
        if abs(h / size - 1.36) > 0.2:
            continue
        lines += 1
        gaps = [(b[0] - a[1]) / size for a, b in zip(words, words[1:])]
        g = max(gaps)
        widest = max(widest, g)
        if g > most + 0.005:
            wide += 1
            if wide <= 5:
                print("  wide: %.2f em in: %s" %
                      (g, " ".join(w[2] for w in words)[:70]))
    print("%s: %d lines, widest word space %.3f em, %d over %.2f em" %
          (pdf, lines, widest, wide, most))
    return 1 if wide or lines == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
