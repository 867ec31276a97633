"""Sets of document paths: the overlap rule, and projecting an item onto paths.

An UpdateExpression's target paths and a ProjectionExpression's paths may not overlap (one a
prefix of the other) or conflict (one reaches by map key where the other reaches by list
index). Projection keeps only the parts of an item the paths reach; list elements keep their
order and are compacted, as DynamoDB returns them. UPDATED_OLD / UPDATED_NEW are the old and
new item projected onto the update's target paths.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ddbserver.engine.expr import ast
from ddbserver.engine.expr.resolve import path_text
from ddbserver.errors import validation

Item = dict[str, Any]
Value = dict[str, Any]

OVERLAP = ("Two document paths overlap with each other; must remove or rewrite one of these paths; "
           "path one: {one}, path two: {two}")
CONFLICT = ("Two document paths conflict with each other; must remove or rewrite one of these paths; "
            "path one: {one}, path two: {two}")


def check_overlaps(paths: Sequence[ast.Path]) -> None:
    """Raise DynamoDB's error for the first pair of paths that overlap or conflict."""
    by_head: dict[Any, list[ast.Path]] = {}
    for path in paths:
        earlier = by_head.setdefault(path.elements[0], [])
        for other in earlier:
            _check_pair(other, path)
        earlier.append(path)


def _check_pair(one: ast.Path, two: ast.Path) -> None:
    for a, b in zip(one.elements, two.elements):
        if a == b and type(a) is type(b):
            continue
        if isinstance(a, int) != isinstance(b, int):
            raise validation(CONFLICT.format(one=path_text(one), two=path_text(two)))
        return
    raise validation(OVERLAP.format(one=path_text(one), two=path_text(two)))


# ---- projection ---------------------------------------------------------------------------

_WHOLE = object()
Tree = dict[Any, Any]  # element -> subtree, or _WHOLE where a path ends


def _tree(paths: Sequence[ast.Path]) -> Tree:
    root: Tree = {}
    for path in paths:
        node = root
        for e in path.elements[:-1]:
            child = node.get(e)
            if child is _WHOLE:
                break
            node = node.setdefault(e, {})
        else:
            node[path.elements[-1]] = _WHOLE
    return root


def _project_value(value: Value, tree: Tree) -> Value | None:
    if "M" in value:
        mapping = value["M"]
        out: dict[str, Any] = {}
        for key, sub in tree.items():
            if isinstance(key, str) and key in mapping:
                got = mapping[key] if sub is _WHOLE else _project_value(mapping[key], sub)
                if got is not None:
                    out[key] = got
        return {"M": out} if out else None
    if "L" in value:
        seq = value["L"]
        items: list[Any] = []
        for index in sorted(k for k in tree if isinstance(k, int)):
            if index < len(seq):
                sub = tree[index]
                got = seq[index] if sub is _WHOLE else _project_value(seq[index], sub)
                if got is not None:
                    items.append(got)
        return {"L": items} if items else None
    return None


def compile_projection(paths: Sequence[ast.Path]) -> Callable[[Item], Item]:
    """`f(item)`: the item reduced to the parts the (resolved) paths reach."""
    tree = _tree(paths)
    if all(sub is _WHOLE for sub in tree.values()):
        names = tuple(tree)
        return lambda item: {n: item[n] for n in names if n in item}

    def project(item: Item) -> Item:
        out: Item = {}
        for name, sub in tree.items():
            value = item.get(name)
            if value is None:
                continue
            got = value if sub is _WHOLE else _project_value(value, sub)
            if got is not None:
                out[name] = got
        return out
    return project
