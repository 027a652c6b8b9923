"""Reading literal tokens into values, and writing values back as literals.

Both directions live together so that the formatter's output always reads back
to the same value: `read_*(write_*(v)) == v` is a tested property.
"""

from __future__ import annotations

import datetime as dt
import math
import re

REGEX_FLAGS = frozenset("imsx")

_SIMPLE_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9A-Fa-f]{1,6}\}|.)", re.DOTALL)


class LiteralError(ValueError):
    """A literal that lexed but has no value; `offset` is within the token text."""

    def __init__(self, message: str, offset: int = 0, length: int = 1, kind: str = "escape"):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.length = length
        self.kind = kind


def unescape(body: str, base: int = 0) -> str:
    """Resolve the escapes of a string body; `base` is the body's offset in its token."""
    if "\\" not in body:
        return body
    out: list[str] = []
    last = 0
    for match in _ESCAPE.finditer(body):
        out.append(body[last : match.start()])
        esc = match.group(1)
        if esc in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[esc])
        elif esc.startswith("u{"):
            point = int(esc[2:-1], 16)
            if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
                raise LiteralError(
                    f"'\\{esc}' is not a Unicode scalar value", base + match.start(), len(esc) + 1
                )
            out.append(chr(point))
        else:
            shown = "\\" + esc if esc != "\n" else "\\ at the end of a line"
            raise LiteralError(
                f"unknown escape '{shown}' in a string; write '\\\\' for a backslash",
                base + match.start(),
                2,
            )
        last = match.end()
    out.append(body[last:])
    return "".join(out)


def read_string(token: str) -> str:
    """The value of a "..." token."""
    return unescape(token[1:-1], 1)


def read_long_string(token: str) -> str:
    """The value of a triple-quoted token.

    On one line, `\"\"\"text\"\"\"` is the text. Across lines, the text starts on
    the line after the opening quotes, the closing quotes stand on their own line,
    and their indentation is removed from every line (as in Swift); a line of
    whitespace only may be shorter than that indentation and reads as empty.
    """
    body = token[3:-3]
    if "\n" not in body:
        return unescape(body, 3)
    first_nl = body.index("\n")
    if body[:first_nl].strip(" \t\r"):
        raise LiteralError(
            "in a multi-line string the text starts on the line after the opening quotes",
            3,
            first_nl,
            kind="layout",
        )
    last_nl = body.rindex("\n")
    indent = body[last_nl + 1 :]
    if indent.strip(" \t"):
        raise LiteralError(
            "in a multi-line string the closing quotes stand on a line of their own",
            3 + last_nl + 1,
            len(indent),
            kind="layout",
        )
    lines = body[first_nl + 1 : last_nl].split("\n") if last_nl > first_nl else []
    out: list[str] = []
    offset = 3 + first_nl + 1
    for raw_line in lines:
        line = raw_line[:-1] if raw_line.endswith("\r") else raw_line
        if line.startswith(indent):
            out.append(unescape(line[len(indent) :], offset + len(indent)))
        elif not line.strip(" \t"):
            out.append("")
        else:
            raise LiteralError(
                "this line is indented less than the closing quotes of its string",
                offset,
                max(1, len(line) - len(line.lstrip(" \t"))),
                kind="layout",
            )
        offset += len(raw_line) + 1
    return "\n".join(out)


def read_date(token: str) -> dt.date:
    try:
        return dt.date.fromisoformat(token)
    except ValueError:
        raise LiteralError(
            f"'{token}' is not a calendar date", 0, len(token), kind="date"
        ) from None


def read_float(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise LiteralError(f"'{token}' is too large for a float", 0, len(token), kind="number")
    return value


def read_regex(token: str) -> tuple[str, str]:
    """The pattern and the flags of a /pattern/flags token."""
    end = token.rindex("/")
    pattern, flags = token[1:end], token[end + 1 :]
    for index, flag in enumerate(flags):
        if flag not in REGEX_FLAGS or flag in flags[:index]:
            what = "repeated" if flag in REGEX_FLAGS else "unknown"
            raise LiteralError(
                f"{what} regex flag '{flag}'; flags are i, m, s and x",
                end + 1 + index,
                1,
                kind="flag",
            )
    return pattern, flags


# ---- writing ----------------------------------------------------------------------

_WRITE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _escape_char(char: str) -> str:
    if char in _WRITE_ESCAPES:
        return _WRITE_ESCAPES[char]
    code = ord(char)
    if code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029, 0x85):
        return f"\\u{{{code:x}}}"
    return char


def write_string(value: str) -> str:
    return '"' + "".join(_escape_char(c) for c in value) + '"'


def write_long_string(value: str, indent: str) -> str:
    """A triple-quoted literal for `value`, laid out at `indent`; reads back exactly."""
    if "\n" not in value:
        body = _escape_long_line(value)
        return '"""' + body + '"""'
    lines = value.split("\n")
    out = ['"""']
    for line in lines:
        out.append(indent + _escape_long_line(line) if line else "")
    out.append(indent + '"""')
    return "\n".join(out)


def _escape_long_line(line: str) -> str:
    out: list[str] = []
    for index, char in enumerate(line):
        if char == '"':
            following = (line[index + 1 : index + 3] + '"""')[:2]
            out.append('\\"' if following == '""' else '"')
        elif char == "\t":
            out.append("\t")
        else:
            out.append(_escape_char(char))
    return "".join(out)


def write_float(value: float) -> str:
    # repr is the shortest text that reads back to the same double; the grammar's
    # FLOAT accepts all its forms ("330.0", "1e+16", "-2.5e-07").
    return repr(value)


def write_regex(pattern: str, flags: str) -> str:
    return f"/{pattern}/{flags}"
