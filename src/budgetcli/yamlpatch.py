"""Import onto the last edition: the data file's own text, changed only where the data did.

``budgetcli import`` writes a whole file in :mod:`budgetcli.yamlwrite`'s style. Onto an
existing data file, that would lose what the file's author wrote around the data (the header
comment, their wrapping of prose, comments between activities). So the new edition is
written as edits of the old text instead:

1. the dataset unchanged: the old text, byte for byte;
2. each value that changed is replaced where it stands: the scalar's span in the old text
   takes the scalar as :func:`budgetcli.yamlwrite.dump` writes the new one; every other
   line is the old file's;
3. where an activity, a note or a department changed shape (a field or a year added or
   removed), that item's lines are replaced by the item as ``dump`` writes it; items added
   or removed are inserted or cut, with the blank line ``dump`` puts between them;
4. anything else (a file in another layout, the lists reordered): the whole file as
   ``dump`` writes it, as before.

Each way is checked by reading the text back, and the first whose dataset is the new one
is kept: the result is proven, never guessed. Only PyYAML's node marks are used (no
round-trip YAML library): the edits are of text, so the file's own bytes stay as they are
wherever nothing changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import yaml

from budgetcli.model import Dataset
from budgetcli.source.yamlread import SafeLoader


class _Edit(NamedTuple):
    start: int
    end: int
    text: str


class _ReshapedError(Exception):
    """Two nodes that differ in shape, not only in a scalar's value."""


def patched(text: str, new: Dataset) -> Iterator[str]:
    """Texts that may say ``new``, the least change to ``text`` (the last edition's) first:
    the text itself, its changed values replaced, its changed items replaced, and last the
    whole file as ``dump`` writes it. The caller keeps the first that reads back as ``new``."""
    from budgetcli.yamlwrite import dump

    yield text
    written = dump(new)
    try:
        old_root = yaml.compose(text, Loader=SafeLoader)
        new_root = yaml.compose(written, Loader=SafeLoader)
    except yaml.YAMLError:
        old_root = new_root = None
    if isinstance(old_root, yaml.MappingNode) and isinstance(new_root, yaml.MappingNode):
        for fine in (True, False):
            edits = _root_edits(text, written, old_root, new_root, fine=fine)
            if edits is not None:
                yield _apply(text, edits)
    yield written


def _apply(text: str, edits: list[_Edit]) -> str:
    parts: list[str] = []
    at = 0
    for edit in sorted(edits):
        parts += [text[at : edit.start], edit.text]
        at = edit.end
    parts.append(text[at:])
    return "".join(parts)


def _entries(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    return {str(key.value): value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _pairs(old: yaml.MappingNode, new: yaml.MappingNode) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """Each key's old and new value; _ReshapedError if the keys are not the same."""
    before, after = _entries(old), _entries(new)
    if set(before) != set(after) or len(before) != len(old.value):
        raise _ReshapedError
    return [(key, node, after[key]) for key, node in before.items()]


# The top-level lists, and the key that names an item in each.
_LISTS = {"departments": "code", "notes": "id", "activities": "id"}


def _root_edits(
    text: str, written: str, old: yaml.MappingNode, new: yaml.MappingNode, *, fine: bool
) -> list[_Edit] | None:
    """The edits that make ``text`` say what ``written`` says; None where they cannot be
    made in place (a top-level key added or removed, a list that is not a list)."""
    edits: list[_Edit] = []
    try:
        for key, old_node, new_node in _pairs(old, new):
            if key not in _LISTS:
                edits += _node_edits(text, written, old_node, new_node)
            elif isinstance(old_node, yaml.SequenceNode) and isinstance(
                new_node, yaml.SequenceNode
            ):
                edits += _list_edits(text, written, old_node, new_node, _LISTS[key], fine=fine)
            else:
                return None
    except _ReshapedError:
        return None
    return edits


def _name(node: yaml.Node, key: str) -> str | None:
    if isinstance(node, yaml.MappingNode):
        found = _entries(node).get(key)
        if isinstance(found, yaml.ScalarNode):
            return str(found.value)
    return None


def _list_edits(
    text: str,
    written: str,
    old: yaml.SequenceNode,
    new: yaml.SequenceNode,
    key: str,
    *,
    fine: bool,
) -> list[_Edit]:
    """Items matched by their id (a department's code): each pair patched, the rest cut
    or inserted."""
    old_items: Sequence[yaml.Node] = old.value
    new_items: Sequence[yaml.Node] = new.value
    old_names = [_name(n, key) for n in old_items]
    new_names = [_name(n, key) for n in new_items]
    if None in old_names or None in new_names:
        raise _ReshapedError
    if old.flow_style or new.flow_style:
        if _scalar_text(text, old) == _scalar_text(written, new):
            return []
        raise _ReshapedError  # `notes: []` becoming a list: not an edit of a line or two
    edits: list[_Edit] = []
    matcher = difflib.SequenceMatcher(a=old_names, b=new_names, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for o, n in zip(old_items[i1:i2], new_items[j1:j2], strict=True):
                edits += _item_edits(text, written, o, n, fine=fine)
        elif tag == "delete":
            edits.append(_cut(text, old_items, i1, i2))
        elif tag == "insert":
            edits.append(_insert(text, written, old_items, new_items, i1, j1, j2))
        else:  # replaced (an id renamed): the old items' lines take the new ones'
            start, end = _span(text, *old_items[i1:i2])
            new_start, new_end = _span(written, *new_items[j1:j2])
            edits.append(_Edit(start, end, written[new_start:new_end]))
    return edits


def _item_edits(
    text: str, written: str, old: yaml.Node, new: yaml.Node, *, fine: bool
) -> list[_Edit]:
    """One item: each changed value in place (``fine``), else the item's lines whole; an
    item whose values are all the same is left as it is written."""
    if _lines(text, old) == _lines(written, new):
        return []
    try:
        edits: list[_Edit] | None = _node_edits(text, written, old, new)
    except _ReshapedError:
        edits = None
    if edits == [] or (fine and edits is not None):
        return edits
    start, end = _span(text, old)
    new_start, new_end = _span(written, new)
    return [_Edit(start, end, written[new_start:new_end])]


def _node_edits(text: str, written: str, old: yaml.Node, new: yaml.Node) -> list[_Edit]:
    if isinstance(old, yaml.ScalarNode) and isinstance(new, yaml.ScalarNode):
        if (old.tag, old.value) == (new.tag, new.value):
            return []
        return [_scalar_edit(text, written, old, new)]
    if isinstance(old, yaml.MappingNode) and isinstance(new, yaml.MappingNode):
        return [e for _, o, n in _pairs(old, new) for e in _node_edits(text, written, o, n)]
    if isinstance(old, yaml.SequenceNode) and isinstance(new, yaml.SequenceNode):
        if len(old.value) != len(new.value):
            raise _ReshapedError
        pairs = zip(old.value, new.value, strict=True)
        return [e for o, n in pairs for e in _node_edits(text, written, o, n)]
    raise _ReshapedError


def _scalar_text(text: str, node: yaml.Node) -> str:
    return text[node.start_mark.index : node.end_mark.index]


def _scalar_edit(text: str, written: str, old: yaml.Node, new: yaml.Node) -> _Edit:
    """The old scalar's text replaced by the new one's; a block scalar's span ends with
    its line breaks, which stay the old file's."""
    before = _scalar_text(text, old)
    after = _scalar_text(written, new).rstrip()
    tail = before[len(before.rstrip()) :]
    return _Edit(old.start_mark.index, old.end_mark.index, after + tail)


def _content_end(text: str, node: yaml.Node) -> int:
    """Where ``node``'s last character is: a block mapping's own end lies at the next
    item, past blank lines and the comments before it."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        if node.flow_style:
            break
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _span(text: str, first: yaml.Node, *rest: yaml.Node) -> tuple[int, int]:
    """Items' whole lines: from the start of the line the first one's first key is on (the
    one with its ``-``) to the end of the line of the last one's last character."""
    start = text.rfind("\n", 0, first.start_mark.index) + 1
    end = text.find("\n", _content_end(text, rest[-1] if rest else first))
    return start, len(text) if end < 0 else end


def _lines(text: str, node: yaml.Node) -> str:
    start, end = _span(text, node)
    return text[start:end]


def _cut(text: str, items: Sequence[yaml.Node], i1: int, i2: int) -> _Edit:
    """Items i1..i2 removed, with the line break before them (so the blank line between
    items stays one)."""
    start, end = _span(text, *items[i1:i2])
    if i1 > 0:
        _, start = _span(text, items[i1 - 1])
    elif i2 < len(items):
        end, _ = _span(text, items[i2])
    return _Edit(start, end, "")


def _insert(
    text: str,
    written: str,
    old_items: Sequence[yaml.Node],
    new_items: Sequence[yaml.Node],
    i1: int,
    j1: int,
    j2: int,
) -> _Edit:
    """New items j1..j2 (as ``dump`` writes them, with what it puts between them) after
    old item i1 - 1, or before the first."""
    start, end = _span(written, *new_items[j1:j2])
    if i1 > 0:
        _, at = _span(text, old_items[i1 - 1])
        _, before = _span(written, new_items[j1 - 1]) if j1 > 0 else (0, start)
        return _Edit(at, at, written[before:end] if j1 > 0 else "\n\n" + written[start:end])
    at, _ = _span(text, old_items[0])
    after, _ = _span(written, new_items[j2]) if j2 < len(new_items) else (end, end)
    return _Edit(at, at, written[start:after])
