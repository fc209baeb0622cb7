"""Dictionary look-ups that the rules use to avoid segmenting."""
from __future__ import annotations

from zzlint.lexicon import joins_across, word_boundaries


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
