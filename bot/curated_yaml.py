"""Reading one curated YAML file strictly (`read_curated`), for `bot.knowledge`: PyYAML's safe loader
(libyaml's when PyYAML has it), refusing anchors, aliases, deep nesting, duplicate keys, keys that
are not text and control characters, with the line of each mapping and key kept for `FILE:LINE`
messages. Imported only when files are read: answering a question needs none of it.
"""

from __future__ import annotations

import re

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

MAX_NESTING = 20  # mappings and lists inside each other; the format needs 5
_BAD_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class _LineDict(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line = 0
    key_lines: dict


def _check_structure(text: str) -> None:
    """Refuse anchors, aliases and deep nesting before anything is composed (a few hundred bytes of
    aliases expand to gigabytes; thousands of brackets exhaust the stack). Raises ComposerError."""
    depth = 0
    for event in yaml.parse(text, Loader=_Parser):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ComposerError(None, None, "anchors and aliases (& and *) are not allowed in curated files",
                                event.start_mark)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_NESTING:
                raise ComposerError(None, None, f"nested more than {MAX_NESTING} levels deep", event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster


class _Loader(_Parser):
    """PyYAML's safe loader made strict for curated files (use after `_check_structure`).

    Refused, each with the line where it happens: duplicate keys, keys that are not text, control
    characters and lone surrogates in text, and any value whose construction fails. Dates stay
    text (an unquoted 2023-02-30 is a problem to report, not a crash).
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, TypeError) as exc:
            raise ConstructorError(None, None, f"unreadable value ({exc})", node.start_mark) from None

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        if isinstance(value, str):
            bad = _BAD_CHARACTERS.search(value)
            if bad:
                raise ConstructorError(None, None, f"text contains the character {bad.group()!r} (a control "
                                       "character or a lone surrogate), which is not allowed", node.start_mark)
        return value


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise ConstructorError(None, None, f"key {key!r} must be text", key_node.start_mark)
        if key in mapping:
            raise ConstructorError(None, None, f"duplicate key {key!r} (first given on line "
                                   f"{mapping.key_lines[key]})", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_curated(text: str):
    """The document in `text` (None when empty), mappings as `_LineDict`. Raises yaml.YAMLError:
    ComposerError or ConstructorError (with the mark of the offending node) for what a curated file
    must not hold, another YAMLError for text that is not YAML."""
    _check_structure(text)
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (safe loader subclass)
