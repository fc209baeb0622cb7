"""Dictionary look-ups that the rules use to avoid segmenting."""
from __future__ import annotations

import marshal

import pytest

from zzlint.lexicon import BUCKETS, _unpack, dictionary, joins_across, word_boundaries


def test_a_word_across_the_offset_is_found() -> None:
    assert joins_across("会同各乡镇进一步完善", 6)  # 进|一步
    assert joins_across("农村客运站点布局", 4)  # 客运|站: 客运站


def test_no_word_across_the_offset_means_a_boundary_there() -> None:
    assert not joins_across("县交通运输局将会同", 6)
    assert 6 in word_boundaries("县交通运输局将会同")
    assert not joins_across("我们的工作", 3)


def test_segmenting_leaves_jiebas_unknown_word_model_unloaded() -> None:
    import subprocess
    import sys

    script = ("import sys; from zzlint.lexicon import word_boundaries; "
              "print(sorted(word_boundaries('县交通运输局将会同')), 'jieba.finalseg.prob_emit' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["[0,", "1,", "5,", "6,", "7,", "9]", "False"]


def test_the_dictionary_holds_jiebas_words_their_prefixes_and_nothing_else() -> None:
    words = dictionary()
    assert (words.get("进一步"), words.get("AT&T"), words.get("株洲")) == (10588, 3, 85)
    assert words.get("进一") == 0 and "进一" in words  # a prefix of 进一步, no word itself
    assert words.get("江南") == 4986  # a word whose bucket lists a longer word starting with it first
    assert words.get("一步进") is None and "一步进" not in words
    assert words.get("进\ud800") is None  # a lone surrogate is in no word


def test_a_cache_file_of_another_layout_is_refused() -> None:
    for data in (b"", marshal.dumps(({}, [""] * BUCKETS, 0)), b"\x00" * 64):
        with pytest.raises(ValueError):
            _unpack(data)
