#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills the English plural forms of resources/translations/modkeeper_en.ts, the plural-only
translation that turns tr("%n version(s)", nullptr, n) into "1 version" / "2 versions".

Run after `cmake --build <dir> --target update_translations`: messages whose English is
mechanical ("(s)" after a noun, or words that do not change) are filled; the others are left
unfinished and listed, for a person to write (tests/tst_i18n_ts fails until they are done).

Usage: english_plurals.py resources/translations/modkeeper_en.ts"""
import re
import sys
import xml.etree.ElementTree as ET

# Singular forms that are not mechanical: English source -> the form for n == 1.
SINGULAR = {
    "%n days ago": "%n day ago",
    "%n versions": "%n version",
    "%n findings": "%n finding",
    "%n security findings: mirrors serve content go would reject.":
        "%n security finding: a mirror serves content go would reject.",
    "All %n mirrors agree on every version compared.":
        "The %n mirror agrees on every version compared.",
    "Asks each mirror for the %n selected versions — the version list, .info, go.mod and zip — "
    "and lists where they disagree. Nothing is written to the cache.":
        "Asks each mirror for the %n selected version — the version list, .info, go.mod and zip — "
        "and lists where they disagree. Nothing is written to the cache.",
    "%n CHANGED (security alert: the cached copies were kept)":
        "%n CHANGED (security alert: the cached copy was kept)",
    "Writes %n versions as a static GOPROXY folder: go reads it with GOPROXY=file://FOLDER, or "
    "from any web server that serves the folder.":
        "Writes %n version as a static GOPROXY folder: go reads it with GOPROXY=file://FOLDER, or "
        "from any web server that serves the folder.",
    "%n versions exported to %1": "%n version exported to %1",
    "%n versions failed:": "%n version failed:",
    "%n checksum-database files included": "%n checksum-database file included",
    "%n versions imported": "%n version imported",
    "%n versions already in the cache": "%n version already in the cache",
    "%n versions refused (nothing of them reached the cache):":
        "%n version refused (nothing of it reached the cache):",
    "%n versions have only .info/.mod in the folder and were skipped":
        "%n version has only .info/.mod in the folder and was skipped",
    "%n interrupted purge(s) could not be trusted and were rolled back; their versions were kept:":
        "%n interrupted purge could not be trusted and was rolled back; its versions were kept:",
    "Entries unused for %n days: %1 (%2)": "Entries unused for %n day: %1 (%2)",
    "Fetches %n version(s) again and compares them with the cache. Identical versions stay as "
    "they are; a version whose bytes differ is a security alert and the cached copy is kept.":
        "Fetches %n version again and compares it with the cache. An identical version stays as "
        "it is; if its bytes differ, that is a security alert and the cached copy is kept.",
}
# Words that read the same for one and for many.
INVARIANT = re.compile(r"^%n (min ago|h ago|identical|downloaded|already complete|failed)$")


def forms(source: str):
    """(one, other), or None when a person must write them."""
    if source in SINGULAR:
        return SINGULAR[source], source.replace("(s)", "s")
    if INVARIANT.match(source):
        return source, source
    # "(s)" after nouns only, and no verb that would have to agree with them.
    if "(s)" in source and not re.search(r"\b(were|are|have|them|their)\b", source):
        return source.replace("(s)", ""), source.replace("(s)", "s")
    return None


def main() -> int:
    path = sys.argv[1]
    tree = ET.parse(path)
    todo = []
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            if message.get("numerus") != "yes":
                continue
            translation = message.find("translation")
            # Only what lupdate left unfinished: a person's forms win.
            if translation is None or translation.get("type") != "unfinished":
                continue
            result = forms(message.findtext("source") or "")
            if result is None:
                todo.append(f'{context.findtext("name")}: {message.findtext("source")}')
                continue
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for text in result:
                ET.SubElement(translation, "numerusform").text = text
            del translation.attrib["type"]
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    for item in todo:
        print("needs English plural forms by hand:", item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
