"""Values shown in text reports for people: text as text, not as JSON escapes.

`json.dumps` writes "København" as "K\\u00f8benhavn" and a tripwire regex's
backslashes twice; a report is read, not parsed (`--format json` is for tools), so
strings are quoted as they are. Only control characters are escaped, so that one
change or hit stays on one line.
"""

from __future__ import annotations

import json
from typing import Any

_CONTROLS = {code: json.dumps(chr(code))[1:-1] for code in range(0x20)} | {0x7F: "\\u007f"}


def quoted(text: str) -> str:
    """`text` in double quotes, as written."""
    return '"' + text.translate(_CONTROLS) + '"'


def shown(value: Any) -> str:
    """A JSON-like value written for reading: strings quoted as they are, lists
    and objects in JSON's brackets, null, true and false as in JSON."""
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{quoted(str(k))}: {shown(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)
