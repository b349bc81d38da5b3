"""The XML dialect of the Altcraft API: a writer for request bodies, a safe reader.

The dialect (``api-facts.md``): the root element is ``<xml>``; object fields are child
elements; an array of several values repeats its element; an array of one value carries
``array='true'``; an empty array is an empty element; an array of objects repeats the
element with the object's fields as children; booleans are ``true``/``false``.

Decided here where the docs are silent: an empty array is written
``<name array='true'></name>`` (the page's own example does so, and it lets a reader tell an
empty array from an empty string); ``None`` is written as an empty element; XML carries no
types, so :func:`loads` returns every leaf as a string.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ._errors import InvalidRequestError, ProtocolError

__all__ = ["ROOT", "dumps", "loads"]

ROOT = "xml"
_ARRAY_ATTR = " array='true'"
_OBJECT_ATTR = " object='true'"
# Characters XML 1.0 cannot carry at all (not even as character references).
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


# -- writer ----------------------------------------------------------------------------


def dumps(data: Mapping[str, Any], *, root: str = ROOT) -> str:
    """``data`` (a JSON-like mapping) as a document of the dialect, one element per line.

    Raises :class:`InvalidRequestError` naming the path of a value the dialect cannot
    carry: a key that is not an XML name, an array inside an array, an empty object inside
    an array, a non-finite number, a character XML forbids, or a non-JSON value.
    """
    lines = [f"<{root}>"]
    _write_fields(lines, data, "")
    lines.append(f"</{root}>")
    return "\n".join(lines)


def _write_fields(lines: list[str], data: Mapping[str, Any], path: str) -> None:
    for key, value in data.items():
        child_path = f"{path}.{key}" if path else str(key)
        _check_name(key, child_path)
        _write_value(lines, key, value, child_path)


def _write_value(lines: list[str], name: str, value: Any, path: str) -> None:
    if isinstance(value, (list, tuple)):
        if not value:
            lines.append(f"<{name}{_ARRAY_ATTR}></{name}>")
        elif len(value) == 1:
            if value[0] is None or value[0] == "":
                # <name array='true'></name> already means "empty array".
                raise InvalidRequestError(
                    f"{path}: {value!r}, a one-item array of an empty value, has no form in "
                    "the XML dialect (it would read as an empty array); allowed: a non-empty "
                    "item, or more than one item"
                )
            _write_item(lines, name, value[0], f"{path}[0]", array=True)
        else:
            for index, item in enumerate(value):
                _write_item(lines, name, item, f"{path}[{index}]", array=False)
    else:
        _write_item(lines, name, value, path, array=False)


def _write_item(lines: list[str], name: str, value: Any, path: str, *, array: bool) -> None:
    attr = _ARRAY_ATTR if array else ""
    if isinstance(value, Mapping):
        if array and not value:
            # <name array='true'></name> already means "empty array".
            raise InvalidRequestError(
                f"{path}: an empty object inside an array has no form in the XML dialect; "
                "allowed: objects with at least one field"
            )
        if not value:  # one line, marked: an empty element alone would read as ""
            lines.append(f"<{name}{_OBJECT_ATTR}></{name}>")
            return
        lines.append(f"<{name}{attr}>")
        _write_fields(lines, value, path)
        lines.append(f"</{name}>")
    elif isinstance(value, (list, tuple)):
        raise InvalidRequestError(
            f"{path}: {value!r} is an array inside an array, which the XML dialect cannot "
            "express; allowed: scalars or objects as array items"
        )
    else:
        lines.append(f"<{name}{attr}>{_text(value, path)}</{name}>")


def _text(value: Any, path: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        if not (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)):
            raise InvalidRequestError(f"{path}: {value!r} is not finite; allowed: finite numbers")
        return str(value)
    if isinstance(value, str):
        bad = _NOT_XML_CHAR.search(value)
        if bad:
            raise InvalidRequestError(
                f"{path}: {value!r} holds {bad.group()!r}, a character XML 1.0 cannot carry; "
                "allowed: text without control characters other than tab and newlines"
            )
        return value.translate(_ESCAPES)
    raise InvalidRequestError(
        f"{path}: {value!r} ({type(value).__name__}) has no XML form; allowed: strings, "
        "numbers, booleans, null, arrays and objects"
    )


def _is_element_name(key: str) -> bool:
    """XML's Name production as the expat parser applies it, without colons (namespaces)."""
    if not key or ":" in key or _NOT_XML_CHAR.search(key) or not key.isprintable():
        return False
    try:
        expat.ParserCreate().Parse(f"<{key}/>", True)
    except expat.ExpatError:
        return False
    return True


def _check_name(key: Any, path: str) -> None:
    if isinstance(key, str) and _is_element_name(key):
        return
    raise InvalidRequestError(
        f"{path}: the key {key!r} is not an XML element name; allowed: a letter or '_' "
        "followed by letters, digits, '-', '.' or '_'"
    )


# -- reader ----------------------------------------------------------------------------


def loads(body: bytes | str) -> dict[str, Any]:
    """Read a document of the dialect into dicts, lists and strings.

    Parsed with ``defusedxml`` (no DTD, no entity expansion, no external resources).
    Child elements become keys; a repeated element or one marked ``array='true'`` becomes
    a list; an element with children becomes a dict; any other element becomes its text
    (``""`` when empty).  Raises :class:`ProtocolError` when the text is not well-formed,
    uses a DTD or entities, is nested too deeply, or the root is not ``<xml>``.
    """
    root = _parse(body)
    if root is None:
        raise ProtocolError(
            "the XML body is not well-formed, or uses a DTD or entities (refused for safety)"
        )
    if root.tag != ROOT:
        raise ProtocolError(f"the XML root element is <{root.tag}>; expected <{ROOT}>")
    try:
        return _object(root)
    except RecursionError:
        pass
    # Raised outside the handler so no traceback drags the document along.
    raise ProtocolError("the XML body is nested too deeply")


def _parse(body: bytes | str) -> Element | None:
    try:
        element: Element = fromstring(body, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError):
        return None
    return element


def _object(element: Element) -> dict[str, Any]:
    result: dict[str, Any] = {}
    arrays: set[str] = set()
    for child in element:
        tag = child.tag
        if len(child) or child.get("object") == "true":
            value: Any = _object(child)
        else:
            value = child.text or ""
        if tag in arrays:
            result[tag].append(value)
        elif tag in result:
            result[tag] = [result[tag], value]
            arrays.add(tag)
        elif child.get("array") == "true":
            empty = not len(child) and not child.text
            result[tag] = [] if empty else [value]
            arrays.add(tag)
        else:
            result[tag] = value
    return result
