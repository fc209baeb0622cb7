"""Generated news-like paragraphs for the archive tests: distinct, long enough to be compared,
and reproducible from a seed."""
from __future__ import annotations

import random
from pathlib import Path

PLACES = ["城东新区", "河西街道", "北山镇", "南湖片区", "高新园区", "老城区", "滨江社区", "西岭乡"]
SUBJECTS = ["农村公路", "老旧小区改造", "社区食堂", "中小学校舍", "污水管网", "乡村物流站点",
            "便民服务中心", "文化礼堂", "公共充电桩", "河道整治"]
ACTIONS = ["新建改建", "提质升级", "集中整治", "分批推进", "全面排查", "试点运行"]
RESULTS = ["群众出行更加方便", "居民办事少跑腿", "老人吃饭有了着落", "孩子上学更安心",
           "水质明显改善", "农产品运得出、卖得好", "服务覆盖所有村组", "周末活动丰富起来"]
PEOPLE = ["负责人介绍", "工作人员表示", "有关部门透露", "项目经理说", "驻村干部告诉记者"]
PLANS = ["明年将继续加大投入", "下一步将完善长效管护机制", "计划在年底前全部完工",
         "还将引入社会资本参与运营", "力争三年内实现全覆盖", "将定期听取群众意见"]


def paragraph(rng: random.Random) -> str:
    """One paragraph of 70 to 110 Chinese characters, ending with a full stop."""
    place, subject = rng.choice(PLACES), rng.choice(SUBJECTS)
    number = rng.randint(12, 980)
    return (f"{place}今年{rng.choice(ACTIONS)}{subject}{number}处，投入资金{rng.randint(2, 90)}亿元，"
            f"{rng.choice(RESULTS)}。{rng.choice(PEOPLE)}，{rng.choice(PLANS)}，"
            f"同时{rng.choice(ACTIONS)}{rng.choice(SUBJECTS)}，让{rng.choice(RESULTS)}。")


def near_copy(text: str, rng: random.Random, changes: int = 2) -> str:
    """``text`` with ``changes`` characters replaced (never the final full stop)."""
    chars = list(text)
    for at in rng.sample(range(len(chars) - 1), changes):
        chars[at] = "新" if chars[at] != "新" else "旧"
    return "".join(chars)


def write_archive(folder: Path, files: int = 6, per_file: int = 40, seed: int = 7) -> dict[str, list[str]]:
    """Files ``YYYY-MM-DD.txt`` of a title and ``per_file`` paragraphs each, with a few exact and
    near repeats of earlier files planted; returns each file's paragraphs."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[str]] = {}
    for number in range(files):
        paragraphs = [paragraph(rng) for _ in range(per_file)]
        if written:
            earlier = [p for ps in written.values() for p in ps]
            paragraphs[5] = rng.choice(earlier)
            paragraphs[9] = near_copy(rng.choice(earlier), rng)
        name = f"2024-01-{number + 1:02d}.txt"
        (folder / name).write_text(f"第{number + 1}期要闻\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        written[name] = paragraphs
    return written
