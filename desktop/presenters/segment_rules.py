"""A segment's condition (desktop.core.segments) as a tree, without Qt: the nodes' paths and the edits
of the rule tree (replace, remove or add a node). A path is a tuple of child indexes from the root
(a "ei" node has the single child 0). The widget is desktop.ui.widgets.segment_rule_tree."""

from __future__ import annotations

from desktop.core.segments import (
    Age,
    AllOf,
    AnyOf,
    Condition,
    Municipality,
    NeedLevel,
    Not,
    Reasons,
    Sex,
    SpecialLaw,
    Uses,
    condition_from_dict,
)

Path = tuple[int, ...]
GROUPS = (AllOf, AnyOf)


# ------------------------------------------------------------------ pure helpers on condition trees
def children(cond: Condition) -> tuple[Condition, ...]:
    if isinstance(cond, GROUPS):
        return cond.items
    if isinstance(cond, Not):
        return (cond.item,)
    return ()


def node_at(root: Condition, path: Path) -> Condition:
    node = root
    for i in path:
        node = children(node)[i]
    return node


def replace_at(root: Condition, path: Path, new: Condition) -> Condition:
    """`root` with the node at `path` replaced by `new`."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(root, Not):
        return Not(replace_at(root.item, rest, new))
    items = list(root.items)
    items[head] = replace_at(items[head], rest, new)
    return type(root)(tuple(items))


def remove_at(root: Condition, path: Path) -> tuple[Condition, Path]:
    """`root` without the node at `path`, and the path to select afterwards. Removing the root leaves an
    empty "kaikki seuraavat" group; removing the only child of "ei" removes the "ei" too."""
    if not path:
        return AllOf(()), ()
    parent_path, index = path[:-1], path[-1]
    parent = node_at(root, parent_path)
    if isinstance(parent, Not):
        return remove_at(root, parent_path)
    items = parent.items[:index] + parent.items[index + 1:]
    return replace_at(root, parent_path, type(parent)(items)), parent_path


def add_to(root: Condition, path: Path, new: Condition) -> tuple[Condition, Path]:
    """Add `new` to the group at `path` (or to the group holding the leaf at `path`). A leaf root becomes
    "kaikki seuraavat" of the old root and `new`. Returns the new rule and the path of `new`."""
    while path and not isinstance(node_at(root, path), GROUPS):
        path = path[:-1]
    group = node_at(root, path)
    if not isinstance(group, GROUPS):  # the root is a leaf or a "ei"
        return AllOf((root, new)), (1,)
    return replace_at(root, path, type(group)((*group.items, new))), (*path, len(group.items))


def default_leaf(kind: str) -> Condition:
    return {"age": Age(18, 64), "sex": Sex("2"), "municipality": Municipality(()), "special_law": SpecialLaw(("VPL",)),
            "uses": Uses("service", (), 1), "reasons": Reasons(("F20-F99",)), "need_level": NeedLevel("occasional")}[kind]


def leaf_condition(node: Condition, *, values_text: str, low: int | None, high: int | None, at: str, sex: str,
                   column: str, min_events: int, need: str) -> Condition:
    """The leaf `node` with the values of the tree's form (comma-separated values, the ages, the age's
    moment, the sex, the event field of 'uses', the least number of events, the need level); a group
    or a "ei" node as it is. Raises UserError for bad values."""
    values = [v.strip() for v in values_text.split(",") if v.strip()]
    if isinstance(node, Age):
        data = {"type": "age", "min": low, "max": high, "at": at}
    elif isinstance(node, Sex):
        data = {"type": "sex", "value": sex}
    elif isinstance(node, Municipality):
        data = {"type": "municipality", "codes": values}
    elif isinstance(node, SpecialLaw):
        data = {"type": "special_law", "laws": values}
    elif isinstance(node, Uses):
        data = {"type": "uses", "field": column, "values": values, "min_events": min_events}
    elif isinstance(node, Reasons):
        data = {"type": "reasons", "ranges": values, "min_events": min_events}
    elif isinstance(node, NeedLevel):
        data = {"type": "need_level", "level": need}
    else:
        return node
    return condition_from_dict(data)
