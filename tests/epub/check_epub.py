#!/usr/bin/env python3
"""Structure of one EPUB against its source: the container as the OCF
spec asks, every XHTML well-formed, nothing from the transcript turned
into markup, a toc entry for every section, a drawn cover that decodes
with ink on it, and (when pandoc is given)
every paragraph of the source read back by a real reader.

usage: check_epub.py BOOK.epub TRANSCRIPT.json [PANDOC_PLAIN.txt]"""
import json
import re
import struct
import sys
import xml.dom.minidom
import zipfile
import zlib

book, tree_path = sys.argv[1], sys.argv[2]
readback = sys.argv[3] if len(sys.argv) > 3 else None
problems = []
z = zipfile.ZipFile(book)
infos = z.infolist()

# mimetype first, stored, no extra field, exact content
first = infos[0]
if first.filename != "mimetype":
    problems.append("mimetype is not the first entry")
if first.compress_type != zipfile.ZIP_STORED:
    problems.append("mimetype is compressed")
with open(book, "rb") as f:
    head = f.read(30 + len("mimetype"))
if int.from_bytes(head[28:30], "little") != 0:
    problems.append("mimetype has an extra field")
if z.read("mimetype") != b"application/epub+zip":
    problems.append("mimetype content is wrong")

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
texts = {}
for info in infos:
    if not info.filename.endswith((".xhtml", ".opf", ".ncx", ".xml")):
        continue
    data = z.read(info.filename)
    try:
        dom = xml.dom.minidom.parseString(data)
    except Exception as e:  # not well-formed
        problems.append(f"{info.filename}: not well-formed: {e}")
        continue
    if not info.filename.endswith(".xhtml"):
        continue
    root = dom.documentElement
    lang = root.getAttribute("xml:lang")
    if not lang or root.getAttribute("lang") != lang:
        problems.append(f"{info.filename}: xml:lang and lang missing")
    for el in dom.getElementsByTagName("*"):
        name = el.localName
        if name in ("script", "iframe", "object", "embed", "style", "img") \
                and not (name == "img" and "cover" in info.filename):
            problems.append(f"{info.filename}: <{name}> element from text")
        for i in range(el.attributes.length):
            attr = el.attributes.item(i)
            if attr.name.lower().startswith("on"):
                problems.append(f"{info.filename}: event attribute {attr.name}")
            if attr.name == "href" and \
                    attr.value.strip().lower().startswith("javascript:"):
                problems.append(f"{info.filename}: javascript: link")
    texts[info.filename] = "".join(
        n.data for n in dom.getElementsByTagName("body")[0].childNodes
        if n.nodeType == n.TEXT_NODE) + dom.documentElement.toxml()



def png_problems(data):
    """Decodes an 8-bit indexed PNG as a reader would: every chunk's CRC,
    the zlib stream's checksum, the size of every row, every index in the
    palette; and asks for ink, not a blank page."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return ["not a PNG"]
    out, i, chunks = [], 8, {}
    while i < len(data):
        n, kind = struct.unpack(">I4s", data[i:i + 8])
        body = data[i + 8:i + 8 + n]
        (crc,) = struct.unpack(">I", data[i + 8 + n:i + 12 + n])
        if zlib.crc32(kind + body) != crc:
            out.append(f"CRC error in {kind.decode()}")
        chunks[kind] = chunks.get(kind, b"") + body
        i += 12 + n
    w, h, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    if (depth, colour) != (8, 3):
        return out + [f"not 8-bit indexed (depth {depth}, colour {colour})"]
    try:
        pixels = zlib.decompress(chunks[b"IDAT"])
    except zlib.error as e:
        return out + [f"IDAT does not inflate: {e}"]
    if len(pixels) != h * (w + 1):
        return out + [f"{len(pixels)} bytes of rows for {w}x{h}"]
    colours = len(chunks[b"PLTE"]) // 3
    used = set(pixels[r * (w + 1) + 1:(r + 1) * (w + 1)][x]
               for r in range(0, h, 7) for x in range(0, w, 3))
    if any(pixels[r * (w + 1)] > 4 for r in range(h)):
        out.append("a row with an unknown filter")
    if max(used) >= colours:
        out.append(f"index {max(used)} beyond a palette of {colours}")
    if len(used) < 3:
        out.append(f"only {len(used)} colours: a blank cover")
    if chunks.get(b"IEND", None) != b"":
        out.append("no IEND")
    return out


for name in z.namelist():
    if name.endswith("cover.png"):
        problems += [f"{name}: {p}" for p in png_problems(z.read(name))]

tree = json.load(open(tree_path, encoding="utf-8"))

# a toc entry for every section, in reading order, none twice
nav = xml.dom.minidom.parseString(z.read("EPUB/text/nav.xhtml"))
toc = [n for n in nav.getElementsByTagName("nav")
       if n.getAttributeNS(EPUB_NS, "type") == "toc"
       or n.getAttribute("epub:type") == "toc"][0]
top = toc.getElementsByTagName("ol")[0]
entries = [li for li in top.childNodes
           if li.nodeType == li.ELEMENT_NODE and li.tagName == "li"]
if len(entries) != len(tree["sections"]):
    problems.append(f"toc has {len(entries)} entries for "
                    f"{len(tree['sections'])} sections")
hrefs = [a.getAttribute("href") for a in toc.getElementsByTagName("a")]
if len(hrefs) != len(set(hrefs)):
    problems.append("toc lists an entry twice")


# every contents link, in nav.xhtml and in toc.ncx, lands on a heading
# that says what the link says (the tree's one list of headings)
docs = {}


def target(file, frag):
    if file not in docs:
        docs[file] = xml.dom.minidom.parseString(z.read(file))
    for el in docs[file].getElementsByTagName("*"):
        if el.getAttribute("id") == frag:
            return el
    return None


def text_of(el):
    return "".join(n.data if n.nodeType == n.TEXT_NODE else text_of(n)
                   for n in el.childNodes).strip()


links = [(a.getAttribute("href"), text_of(a))
         for a in toc.getElementsByTagName("a")]
ncx = xml.dom.minidom.parseString(z.read("EPUB/toc.ncx"))
for np in ncx.getElementsByTagName("navPoint"):
    label = np.getElementsByTagName("text")[0]
    src = [c for c in np.childNodes if c.nodeType == c.ELEMENT_NODE and
           c.tagName == "content"][0].getAttribute("src")
    links.append((src[len("text/"):], text_of(label)))
for href, label in links:
    file, _, frag = href.partition("#")
    if not frag:
        continue
    el = target("EPUB/text/" + file, frag)
    if el is None:
        problems.append(f"contents link {href} has no target")
    elif el.tagName not in ("h1", "h2", "h3", "h4", "h5", "h6"):
        problems.append(f"contents link {href} lands on <{el.tagName}>")
    elif text_of(el) != label:
        problems.append(f"contents link {href} says {label!r}, "
                        f"lands on {text_of(el)!r}")


def plain(inlines):
    out = []
    for i in inlines:
        if i["type"] in ("text", "code"):
            out.append(i["text"])
        elif i["type"] == "break":
            out.append(" ")
        elif i["type"] == "ruby":
            # pandoc reads the base and the annotation in its <rp> marks
            rp = i.get("rp", ["", ""])
            out.append(i["base"] + rp[0] + i["text"] + rp[1])
        else:
            out.append(plain(i.get("children", [])))
    return "".join(out)


def paragraphs(blocks):
    for b in blocks:
        if b["type"] in ("paragraph", "heading"):
            yield plain(b["inlines"])
        for key in ("blocks",):
            yield from paragraphs(b.get(key, []))


def norm(s):
    return re.sub(r"\s+", "", s)


if readback:
    got = norm(open(readback, encoding="utf-8").read())
    missing = [p for s in tree["sections"] for p in paragraphs(s["blocks"])
               if norm(p) and norm(p) not in got]
    if missing:
        problems.append(f"{len(missing)} paragraphs not read back by "
                        f"pandoc, first: {missing[0][:60]!r}")

for p in problems:
    print(f"{book}: {p}")
sys.exit(1 if problems else 0)
