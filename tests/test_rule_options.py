"""A rule's Options: a NamedTuple (the built-in rules') or a dataclass (a plug-in's may be one),
read alike for config, documentation and --show-settings."""
from __future__ import annotations

import dataclasses
from typing import Annotated, NamedTuple

import pytest

from zzlint.config import _options_dict
from zzlint.docs import facts
from zzlint.rule import OptionError, Rule, check_rule_class


def _at_most_five(limit: int) -> None:
    if limit > 5:
        raise ValueError(f"limit must be at most 5, not {limit}")


class TupleOptions(NamedTuple):
    limit: Annotated[int, "How many are reported."] = 3
    words: tuple[str, ...] = ("的的",)

    def validate(self) -> None:
        _at_most_five(self.limit)


@dataclasses.dataclass(frozen=True)
class DataclassOptions:
    limit: int = dataclasses.field(default=3, metadata={"doc": "How many are reported."})
    words: tuple[str, ...] = ("的的",)

    def __post_init__(self) -> None:
        _at_most_five(self.limit)


def _rule(options: type) -> type[Rule]:
    return type("Counted", (Rule,), {"name": "counted", "__doc__": "Counts.\n\nWrong: 的的 Right: 的",
                                     "Options": options})


@pytest.mark.parametrize("options", [TupleOptions, DataclassOptions])
def test_either_kind_of_options_is_read_from_config_documented_and_shown(options: type) -> None:
    rule = _rule(options)
    check_rule_class(rule)
    made = rule.make_options({"limit": 4, "words": ["了了"]})
    assert (made.limit, made.words) == (4, ("了了",))
    assert facts(rule).options == (("limit", "3", "How many are reported."), ("words", '["的的"]', ""))
    assert _options_dict(made) == {"limit": 4, "words": ["了了"]}


@pytest.mark.parametrize("options", [TupleOptions, DataclassOptions])
def test_either_kind_of_options_refuses_a_value_its_check_refuses(options: type) -> None:
    with pytest.raises(OptionError, match="^rule 'counted': limit must be at most 5, not 9$"):
        _rule(options).make_options({"limit": 9})
    with pytest.raises(OptionError, match="^option 'limit' of rule 'counted' must be an integer, not a string$"):
        _rule(options).make_options({"limit": "9"})


def test_options_that_are_neither_a_named_tuple_nor_a_dataclass_are_refused() -> None:
    class Plain:
        limit = 3

    with pytest.raises(TypeError, match="^rule 'counted': Options must be a NamedTuple or a dataclass$"):
        check_rule_class(_rule(Plain))
