#!/usr/bin/env python3
"""Compile the project's gettext catalogues (``locale/*/LC_MESSAGES/*.po``) to ``.mo`` files.

Standard library only, so that it runs on a fresh machine with Python and pip but
without GNU gettext (Django's ``compilemessages`` needs ``msgfmt``). It follows
the logic of CPython's ``Tools/i18n/msgfmt.py``: contexts, plural forms, escapes;
fuzzy entries are left out, like ``msgfmt`` does. The output is deterministic
(entries sorted), so compiling an unchanged catalogue rewrites identical bytes.

    python scripts/compile_messages.py           # compile every catalogue
    python scripts/compile_messages.py --check   # exit 1 if a .mo is missing or stale
"""

import argparse
import ast
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def unquote(text: str, path: Path, number: int) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise SyntaxError(f"{path}:{number}: expected a quoted string, got {text!r}")
    return ast.literal_eval(text)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header is the entry whose msgid is empty)."""
    entries: list[Entry] = []
    entry = Entry()
    section = None  # which field continuation lines extend
    index = 0

    def flush():
        nonlocal entry
        if section is not None:
            entries.append(entry)
        entry = Entry()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            continue
        if line.startswith("#,") and not obsolete:
            if section in ("msgstr",):
                flush()
                section = None
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = unquote(line, path, number)
            if section == "msgctxt":
                entry.msgctxt += value
            elif section == "msgid":
                entry.msgid += value
            elif section == "msgid_plural":
                entry.msgid_plural += value
            elif section == "msgstr":
                entry.msgstr[index] += value
            else:
                raise SyntaxError(f"{path}:{number}: string outside of an entry")
            continue
        if keyword == "msgctxt":
            if section == "msgstr":
                flush()
            entry.msgctxt = unquote(rest, path, number)
            section = "msgctxt"
        elif keyword == "msgid":
            if section == "msgstr":
                flush()
            entry.msgid = unquote(rest, path, number)
            entry.obsolete = obsolete
            section = "msgid"
        elif keyword == "msgid_plural":
            entry.msgid_plural = unquote(rest, path, number)
            section = "msgid_plural"
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry.msgstr[index] = unquote(rest, path, number)
            section = "msgstr"
        else:
            raise SyntaxError(f"{path}:{number}: unexpected line {raw!r}")
    if section is not None:
        entries.append(entry)
    return [entry for entry in entries if not entry.obsolete]


def compile_entries(entries: list[Entry]) -> bytes:
    """The GNU .mo bytes of ``entries`` (fuzzy and untranslated ones left out)."""
    messages: dict[bytes, bytes] = {}
    for entry in entries:
        if entry.fuzzy and entry.msgid:
            continue
        if entry.msgid and not entry.translated:
            continue
        key = entry.msgid
        if entry.msgid_plural is not None:
            key += "\0" + entry.msgid_plural
            value = "\0".join(entry.msgstr[i] for i in sorted(entry.msgstr))
        else:
            value = entry.msgstr.get(0, "")
        if entry.msgctxt is not None:
            key = entry.msgctxt + "\x04" + key
        messages[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(messages[key])))
        ids += key + b"\0"
        strs += messages[key] + b"\0"
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    key_table, value_table = [], []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_table += [id_length, id_offset + key_start]
        value_table += [str_length, str_offset + value_start]
    header = struct.pack(
        "Iiiiiii",
        0x950412DE,  # magic
        0,  # version
        count,
        7 * 4,  # start of the key index
        7 * 4 + count * 8,  # start of the value index
        0,  # size of the hash table (none)
        0,  # offset of the hash table
    )
    return (
        header
        + struct.pack(f"{len(key_table)}i", *key_table)
        + struct.pack(f"{len(value_table)}i", *value_table)
        + ids
        + strs
    )


def catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that .mo files are fresh")
    args = parser.parse_args(argv)
    stale = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        compiled = compile_entries(parse_po(po_path))
        if mo_path.exists() and mo_path.read_bytes() == compiled:
            continue
        if args.check:
            stale.append(mo_path)
        else:
            mo_path.write_bytes(compiled)
            print(f"compiled {mo_path.relative_to(ROOT)}")
    if stale:
        for path in stale:
            print(f"stale or missing: {path.relative_to(ROOT)}", file=sys.stderr)
        print("Run `make messages` (or python scripts/compile_messages.py).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
