#!/usr/bin/env python3
"""Writes the pathological inputs into a folder, with what each must give:
NAME.md beside NAME.expect ("ok" or "fail", then a diagnostic that must
appear, if any)."""
import os
import sys

out = sys.argv[1]
cases = {}


def case(name, data, expect, diag=""):
    if isinstance(data, str):
        data = data.encode("utf-8")
    cases[name] = (data, expect, diag)


han = "深度学习"
case("nested-quotes", ">" * 50000 + " 深\n", "ok",
     "nesting deeper than 32 levels is flattened")
case("deep-list", "".join("  " * i + "- 项\n" for i in range(3000)), "ok",
     "nesting deeper than 32 levels is flattened")
case("long-line-latin", "# T\n\n" + "a" * 400000 + "\n", "ok")
case("long-line-han", "# T\n\n" + (han * 100000) + "\n", "ok")
case("long-url", "# T\n\n[链接](https://example.com/" + "x" * 20000 + ")\n",
     "ok")
case("invalid-utf8", "# 标题\n\n**张三：**你好".encode() + b"\xff\xfe" +
     "世界\n".encode(), "fail",
     "invalid-utf8.md:3:10: error: invalid UTF-8 (byte 0xFF)")
case("nul-bytes", b"# T\n\nab\x00cd\n", "fail",
     "nul-bytes.md:3:3: error: NUL byte in input")
case("empty", b"", "fail", "empty.md: error: input is empty")
case("blank", " \n\t\n\n", "fail", "blank.md: error: input holds only white space")
case("broken-outline", "```\n根\n│   │   ├── 甲\n└── 乙\n    │       └── 丙\n"
     "├──\n```\n", "ok", "outline line does not fit the tree")
case("html-everywhere", "# <script>x()</script>\n\n## <b onclick=\"x()\">章</b>\n\n"
     "**<script>名</script>:** <script>alert(1)</script>\n\n<iframe src=x>\n",
     "ok", "raw HTML is shown as text")
case("labels-without-text", "# T\n\n**甲：**\n\n**乙：**\n", "ok",
     "speaker label '甲' has no text after it")
case("deep-emphasis", "# T\n\n" + "*" * 20000 + "x" + "*" * 20000 + "\n", "ok")
case("deep-brackets", "# T\n\n" + "[" * 50000 + "x" + "](y)" * 50000 + "\n", "ok")
case("many-speakers", "# T\n\n" + "".join("**人%d：**话\n\n" % i
                                          for i in range(20000)), "ok")
case("control-chars", "# T\n\n\x01\x02\x1b[31m红\n", "ok",
     "U+0001 is not text; replaced by U+FFFD")
case("unterminated-fence", "# T\n\n````\ncode\n", "ok",
     "code fence is not closed")
para = "**Lex Fridman:** " + "这是一个相当长的句子，用来把文件撑大。" * 20 + "\n\n"
big = "# 大文件\n\n## 一\n\n" + para * (10_000_000 // len(para.encode()))
case("huge-10mb", big, "ok")
# over the 32 MiB input limit: refused before any parsing
case("too-large", para * (34_000_000 // len(para.encode())), "fail",
     "input larger than 33554432 bytes")

# captions, read by their content (the name says .md): a long talk, a
# header alone, markup that never closes, timings of absurd size
cues = "".join("%02d:%02d:%02d.000 --> %02d:%02d:%02d.500\n<v 人%d>第%d句话。\n\n" % (
    i // 3600, i // 60 % 60, i % 60, i // 3600, i // 60 % 60, i % 60,
    i % 3, i) for i in range(10000))
case("vtt-10000-cues", "WEBVTT\n\n" + cues, "ok")
case("vtt-20000-speakers", "WEBVTT\n\n" + "".join(
    "00:00:%02d.000 --> 00:00:%02d.500\n<v 说话人%d>话\n\n" % (i % 60, i % 60, i)
    for i in range(20000)), "ok")
case("vtt-header-only", "WEBVTT\n", "ok", "the captions name no speakers")
case("vtt-open-tags", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" +
     "<v " * 100000 + "\n", "ok", "has no closing >")
case("srt-huge-times", "1\n99999999:59:59,999 --> 99999999:59:59,999\n"
     "x\n\n2\n00:00:01,000 --> 00:00:02,000\n[A]: " + "&#x" * 50000 +
     "\n", "ok")
case("srt-angle-flood", "1\n00:00:01,000 --> 00:00:02,000\nA: " +
     "<" * 200000 + "\n", "ok")

# WhisperX JSON, read with json-c: nesting past its depth, a file that
# stops inside a string, an object with no segments
case("json-deep", '{"segments": ' + "[" * 100000 + "]" * 100000 + "}", "fail",
     "JSON input:")
case("json-cut", '{"segments": [{"start": 1, "text": "' + "a" * 100000, "fail",
     "the file ends inside a value")
case("json-no-segments", '{"results": [1, 2, 3]}', "fail",
     'no "segments" array')
case("json-many", '{"segments": [' + ", ".join(
    '{"start": %d, "end": %d.5, "text": "segment %d", "speaker": "S%d"}'
    % (i, i, i, i % 4) for i in range(20000)) + "]}", "ok")

for name, (data, expect, diag) in cases.items():
    with open(os.path.join(out, name + ".md"), "wb") as f:
        f.write(data)
    with open(os.path.join(out, name + ".expect"), "w") as f:
        f.write(expect + "\n" + diag + "\n")
