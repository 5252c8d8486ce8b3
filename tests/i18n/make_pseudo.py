#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a pseudo-translation of a Qt .ts file: every message "translated" into accented
letters in [brackets], about 40 % longer than the English, so that layout tests see clipped
labels and untranslated (plain ASCII) strings at a glance.
Placeholders (%1, %L2, %n), HTML tags, entities and the & of shortcuts are kept as they are.

Usage: make_pseudo.py <in.ts> <out.ts>"""
import math
import re
import sys
import xml.etree.ElementTree as ET

ACCENTS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšŧûṽŵẋýžÀßÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŦÛṼŴẊÝŽ"))
# What must survive unchanged: placeholders, tags, entities, doubled ampersands.
KEEP = re.compile(r"%L?\d+|%L?n|<[^>]*>|&[a-zA-Z#0-9]+;|&&")


def pseudo(text: str) -> str:
    out = []
    visible = 0
    pos = 0
    for m in KEEP.finditer(text):
        chunk = text[pos:m.start()]
        out.append("".join(ACCENTS.get(c, c) for c in chunk))
        visible += len(chunk)
        kept = m.group(0)
        out.append(kept)
        if not kept.startswith("<"):
            visible += len(kept) if kept.startswith("%") else 1
        pos = m.end()
    chunk = text[pos:]
    out.append("".join(ACCENTS.get(c, c) for c in chunk))
    visible += len(chunk)
    body = "".join(out)
    if visible == 0:
        return text
    # 40 % longer in all, brackets included.
    pad = "·" * max(0, math.ceil(visible * 0.4) - 3)
    if text.lstrip().startswith("<"):
        # Rich text must still start with its tag: pad inside the last element.
        cut = body.rfind("<")
        return body[:cut] + " " + pad + "]" + body[cut:] if cut > 0 else body + pad
    return "[" + body + " " + pad + "]"


def main() -> int:
    tree = ET.parse(sys.argv[1])
    root = tree.getroot()
    root.set("language", "en")
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        for old in message.findall("translation"):
            message.remove(old)
        translation = ET.SubElement(message, "translation")
        if message.get("numerus") == "yes":
            for _ in range(2):  # English plural rules: one, other
                ET.SubElement(translation, "numerusform").text = pseudo(source)
        else:
            translation.text = pseudo(source)
    with open(sys.argv[2], "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
