"""Invented, dated articles that name registry entities, for tests of the pictures and feeds.

The repository's own articles are mostly undated; timelines and feeds need months to show.
Every sentence here is made up; the names come from our own registry.
"""

from __future__ import annotations

import random

from build_digest.registry import Registry

MONTHS = ("2022-11", "2022-12", "2023-01", "2023-02", "2023-04", "2023-05")
PER_MONTH = (1, 3, 0, 5, 2, 4)  # an empty month (2023-03 between them, 2023-01 listed empty)
SENTENCES = (
    "{a}与{b}签署合作协议，双方计划投入资金{n}亿元。",
    "{a}今年新增科技型企业{m}家，研发投入同比增长{p}%。",
    "据{b}介绍，{a}已建成研发平台{m}个。",
)


def dated_articles(registry: Registry, seed: int = 11) -> dict[str, str]:
    """{file name: text}: articles spread over MONTHS, each naming a few regions and companies."""
    rng = random.Random(seed)
    regions = sorted(e.name for e in registry.entities.values() if e.type == "region" and e.level != "country")
    others = sorted(e.name for e in registry.entities.values() if e.type in ("company", "institution"))
    files = {}
    for month, count in zip(MONTHS, PER_MONTH, strict=True):
        for k in range(count):
            day = 3 + 5 * k
            cast = [rng.choice(regions[:12]), rng.choice(others[:15]), rng.choice(regions)]
            body = "".join(
                rng.choice(SENTENCES).format(
                    a=cast[i % 3],
                    b=cast[(i + 1) % 3],
                    n=rng.randint(2, 90) / 10,
                    m=rng.randint(2, 60),
                    p=rng.randint(1, 40),
                )
                for i in range(3)
            )
            title = f"{cast[0]}科技创新第{month}-{k}号报道"
            closing = f"{cast[1]}表示将继续推进。"
            files[f"dated_{month}_{k}.txt"] = f"发布时间:{month}-{day:02d}\n\n{title}\n\n本报讯 {body}\n\n{closing}\n"
    return files
