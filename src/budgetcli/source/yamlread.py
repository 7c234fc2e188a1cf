"""Parse a data file's bytes with PyYAML's safe loader; nothing here builds Python objects.

Floats become ``Decimal`` straight from their digits (``0.090`` stays ``0.090``), so no
amount ever passes through binary floating point.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Hashable
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from budgetcli.controls import IN_DATA, code
from budgetcli.i18n import ENGLISH, Msg, Text, text
from budgetcli.source import limits
from budgetcli.source.plain import Path_, Unreadable

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader, in C where libyaml is there."""

_SPECIAL_FLOATS = {
    ".inf": "Infinity",
    "+.inf": "Infinity",
    "-.inf": "-Infinity",
    ".nan": "NaN",
}


_YAML_TAGS = "tag:yaml.org,2002:"
_INT_TAG = _YAML_TAGS + "int"
_STR_TAG = _YAML_TAGS + "str"
_MERGE_TAG = _YAML_TAGS + "merge"
_TIMESTAMP_TAG = _YAML_TAGS + "timestamp"
# The node each of YAML's tags needs; every other tag of YAML's is a scalar's.
_NODE_KINDS: dict[str, type[yaml.Node]] = {
    _YAML_TAGS + "map": yaml.MappingNode,
    _YAML_TAGS + "set": yaml.MappingNode,
    _YAML_TAGS + "seq": yaml.SequenceNode,
    _YAML_TAGS + "omap": yaml.SequenceNode,
    _YAML_TAGS + "pairs": yaml.SequenceNode,
    **{
        _YAML_TAGS + name: yaml.ScalarNode
        for name in ("null", "bool", "int", "float", "binary", "timestamp", "str")
    },
}
_KIND_NAMES = {
    yaml.MappingNode: Msg.desc_mapping,
    yaml.SequenceNode: Msg.desc_list,
    yaml.ScalarNode: Msg.desc_scalar,
}


class _Refused(yaml.constructor.ConstructorError):
    """One of the data format's own refusals (an alias, a merge key, a key twice), its
    words in the catalogue."""

    def __init__(self, said: Text, mark: Any) -> None:
        super().__init__(None, None, ENGLISH.text(said), mark)
        self.said = said


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAGS) if tag.startswith(_YAML_TAGS) else tag[:40]


class _DecimalLoader(SafeLoader):  # type: ignore[valid-type,misc]
    """The C safe loader (or the pure-Python one where libyaml is missing), made strict:
    exact floats, plain decimal integers only, no duplicate keys, and no aliases."""

    deep_construct: bool  # the constructor's own flag (untyped in the stubs)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # The composer hands an alias (*name) over as the anchored node itself, so a node
        # met a second time is an alias. The data format needs none, and one anchored long
        # text reused by every activity would grow the data past any input limit (an
        # "alias bomb"), so the first reuse stops the parse.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused(text(Msg.yaml_alias), node.start_mark)
        # A tag the node cannot carry (!!map [1]) or a value its tag cannot be (!!bool
        # maybe, the date 2016-02-30) stays in the document as Unreadable, which validation
        # refuses with the field and its line, like any value of the wrong kind.
        kind = _NODE_KINDS.get(node.tag)
        if kind is not None and not isinstance(node, kind):
            kind_name = text(_KIND_NAMES[type(node)])
            return Unreadable(text(Msg.yaml_tagged, kind=kind_name, tag=_short(node.tag)))
        if not isinstance(node, yaml.ScalarNode):
            return super().construct_object(node, deep=deep)
        deep_construct = self.deep_construct
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as error:
            self.recursive_objects.pop(node, None)
            self.deep_construct = deep_construct  # as the constructor found it
            value = repr(str(node.value)[:40])
            if node.tag != _TIMESTAMP_TAG:
                return Unreadable(text(Msg.yaml_cannot_be, value=value, tag=_short(node.tag)))
            reason = f" ({str(error).split(',')[0][:80]})" if type(error) is ValueError else ""
            return Unreadable(text(Msg.yaml_not_a_date, value=value, reason=reason))

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # YAML says keys are unique, but PyYAML keeps the last silently: a second
        # `activities:` would drop the whole first list without a word. Keys are compared
        # as written and as read (1.0 and 1 are one key to Python).
        seen: set[str] = set()
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise _Refused(text(Msg.yaml_merge), key_node.start_mark)
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise _twice(key_node)
                seen.add(key_node.value)
                if key_node.tag == _INT_TAG and not _PLAIN_KEY.fullmatch(key_node.value):
                    # +2019 would be read as 2019: keep a key's spelling, for validation
                    # to refuse, rather than let it stand in for (or fold with) a year.
                    key_node.tag = _STR_TAG
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                raise _Refused(text(Msg.yaml_key_collection), key_node.start_mark)
            if key in mapping:
                raise _twice(key_node)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _twice(key_node: yaml.Node) -> _Refused:
    return _Refused(
        text(Msg.yaml_key_twice, name=repr(str(key_node.value)[:40])), key_node.start_mark
    )


_PLAIN_KEY = re.compile(r"-?(0|[1-9][0-9]*)")
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")


# Python refuses to convert integers of more than 4,300 digits (a guard against quadratic
# work); far below that, a number is no amount, year or id, so it is kept as a Decimal,
# which validation reports by its size.
_MAX_INT_DIGITS = 100


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | Decimal | str:
    """Decimal integers as numbers; YAML 1.1's octal (010 = 8), hex and sexagesimal
    (1:30 = 90) forms, digits grouped with '_', and leading zeros, stay text: validation
    refuses them instead of reading an amount other tools would read differently."""
    text = str(loader.construct_scalar(node))
    if not _PLAIN_INT.fullmatch(text):
        return text
    return int(text, 10) if len(text) <= _MAX_INT_DIGITS else Decimal(text)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | str:
    text = str(loader.construct_scalar(node))
    if "_" in text:
        return text  # 1_0.5: refused like 1_000, rather than guessed at
    cleaned = _SPECIAL_FLOATS.get(text.lower(), text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        # Sexagesimal and other YAML 1.1 oddities: keep the text; validation rejects it.
        return text


_DecimalLoader.add_constructor(_YAML_TAGS + "float", _construct_decimal)
_DecimalLoader.add_constructor(_INT_TAG, _construct_int)


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: Text) -> None:
        super().__init__(ENGLISH.text(message))
        self.line = line
        self.message = message


def parse(content: str) -> Any:
    """The document in ``content``; raises YamlSyntaxError with the line of the first error."""
    # The loader allocates many small objects that are never cyclic garbage; pausing the
    # collector during the load saves a large share of the parse time on big files.
    _refuse_control_characters(content)
    _refuse_too_many_values(content)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return yaml.load(content, Loader=_DecimalLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        # PyYAML's own problems are its English; the data format's own refusals are said.
        problem: str | Text = (error.problem or error.context or "invalid YAML").strip()
        constructor = isinstance(error, yaml.constructor.ConstructorError)
        if isinstance(error, _Refused):
            problem = error.said
        elif constructor and "constructor for the tag" in str(problem):
            problem = text(Msg.yaml_python_tag, problem=problem)
        return_error = YamlSyntaxError(line, text(Msg.yaml_syntax, problem=problem))
    except yaml.YAMLError as error:
        # (PyYAML's message has a line break and the input's name; the first line says it.)
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        return_error = YamlSyntaxError(None, text(Msg.yaml_syntax, problem=first))
    finally:
        if enabled:
            gc.enable()
    raise return_error


def _refuse_too_many_values(content: str) -> None:
    """Refuse a file that would make the parser build more values (scalars, lists,
    mappings) than :mod:`budgetcli.source.limits` allows for its size, before it builds any.

    Every value but the first is introduced by one of ``- : , [ { ?`` or a line break
    (``{a, b}`` and ``[a: b]`` introduce two), so counting those characters bounds the
    values from above at the cost of a few scans of the content; only a file over the bound
    (a long flow list, ``[0,0,0,...]``) has its values counted exactly, by the parser's
    events, one at a time and stopping at the limit."""
    limit = min(limits.MAX_NODES, max(limits.MIN_NODES, len(content) // limits.BYTES_PER_NODE))
    single = sum(content.count(c) for c in "-:\n")
    double = sum(content.count(c) for c in ",[{?")
    if 1 + single + 2 * double <= limit:
        return
    values = 0
    try:
        for event in yaml.parse(content, Loader=SafeLoader):
            if isinstance(event, yaml.NodeEvent):
                values += 1
                if values > limit:
                    mark = event.start_mark
                    raise YamlSyntaxError(
                        mark.line + 1 if mark is not None else None,
                        text(Msg.yaml_too_many, limit=Decimal(limit), size=Decimal(len(content))),
                    )
    except yaml.YAMLError:
        return  # the parse proper says what is wrong, with its line


def _refuse_control_characters(content: str) -> None:
    """YAML forbids most control characters in a file, but PyYAML reports them by offset,
    and takes U+0085 for a line break: name the character and its line instead. (Escaped
    ones, "\\e" in a quoted string, are legal YAML; validation refuses those by field.)"""
    if "\r" in content:
        content = content.replace("\r", "")  # Windows line endings: CR is a line break here
    found = IN_DATA.search(content)
    if found is None:
        return
    before = content[: found.start()]
    line = before.count("\n") + 1
    column = found.start() - (before.rfind("\n") + 1) + 1
    raise YamlSyntaxError(line, text(Msg.yaml_control, char=code(found.group()), column=column))


def locate(text: str, paths: list[Path_]) -> list[int | None]:
    """The line of each field path in ``text``; None where a path cannot be followed.

    Used only after validation found problems, so the fast path never builds nodes.
    """
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:  # pragma: no cover - text already parsed once
        return [None] * len(paths)
    return [_line_of(root, path) for path in paths]


def _line_of(node: yaml.Node | None, path: Path_) -> int | None:
    best = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                    # A key whose value is missing or empty is best shown at the key itself.
                    found = value_node if value_node.value not in ("", None) else key_node
                    break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        best = node.start_mark.line + 1
    return best
