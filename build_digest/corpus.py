"""A synthetic corpus for `make bench`: news files recombined from the real sources.

Sentences of data/articles/ are shuffled into new articles; the registry names in them are
swapped for other names of the same type (popular ones far more often, as in news), every
number is redrawn, and each file gets its own date, publication and sometimes a byline, an
invented organisation (a name for discovery to find) and web-page clutter (for segmentation).
Article lengths follow the seeds: median about 830 characters, from 200 to 3,000. The same
seed gives the same files.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import re
from pathlib import Path

from build_digest.model import SourceMeta
from build_digest.problems import Warnings
from build_digest.reader import read_source
from build_digest.registry import Registry
from build_digest.tagger import Tagger
from build_digest.textutil import han_count, match_form

MEDIAN_CHARS = 830  # the seeds' median article length
MIN_CHARS, MAX_CHARS = 200, 3000  # the seeds' shortest and longest articles
LENGTH_SPREAD = 0.7  # sigma of the log-normal length draw: about the seeds' spread
ZIPF = 1.0  # a name's popularity falls as 1/rank**ZIPF: a few names in many articles
MIN_SENTENCE_HAN = 8  # shorter pieces are labels and captions, not sentences
SENTENCES_PER_PARAGRAPH = (1, 5)
INVENTED_SHARE = 0.05  # sentences naming an invented organisation (for discovery)
FIRST_DAY, DAYS = dt.date(2019, 1, 1), 7 * 365
PUBLICATIONS = ("北疆科技报", "草原创新周刊", "青禾日报", "河套晚报", "科创导报", "星河财经", "西部工业网", "边城融媒")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国晓明海燕志强丽华文博子涵思远嘉怡宇航春雨秋实"
ORG_SUFFIXES = ("科技有限公司", "新材料股份有限公司", "研究院", "重点实验室", "创新中心")
CLUTTER = ("分享到：微信 微博 QQ空间", "【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "上一篇 下一篇")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]")
_NUMBER = re.compile(r"\d+(?P<unit>[年月日]?)")
DATE_RANGES = {"年": (2010, 2025), "月": (1, 12), "日": (1, 28)}  # numbers of a date stay dates


class Corpus:
    def __init__(self, seeds: Path, registry: Registry, seed: int = 7):
        self.rng = random.Random(seed)
        self.tagger = Tagger(registry)
        self.registry = registry
        warnings = Warnings()
        sentences: dict[str, None] = {}
        for path in sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith(".")):
            source = read_source(path, SourceMeta(), warnings)
            text = "\n".join(line.text for line in source.lines) if source else ""
            for piece in _SENTENCE.findall(text):
                piece = piece.strip()
                if han_count(piece) >= MIN_SENTENCE_HAN:
                    sentences[piece] = None
        self.sentences = list(sentences)
        if not self.sentences:
            raise ValueError(f"no sentences to recombine in {seeds}")
        # Names of each type in a fixed shuffled order: the first ones become the popular ones.
        self.names: dict[str, list[str]] = {}
        for entity in sorted(registry.entities.values(), key=lambda e: e.id):
            self.names.setdefault(entity.type, []).append(entity.name)
        shuffle = random.Random(seed + 1)
        self.weights: dict[str, list[float]] = {}
        for kind, names in self.names.items():
            shuffle.shuffle(names)
            self.weights[kind] = list(itertools.accumulate(1 / (rank + 1) ** ZIPF for rank in range(len(names))))

    def _name(self, kind: str) -> str:
        return self.rng.choices(self.names[kind], cum_weights=self.weights[kind])[0]

    def _person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.randint(1, 2)))

    def _organisation(self) -> str:
        """An invented organisation: a place, two characters and a suffix (no registry entry)."""
        place = self._name("region")[:2] if "region" in self.names else "青禾"
        return place + "".join(self.rng.sample(GIVEN, 2)) + self.rng.choice(ORG_SUFFIXES)

    def _sentence(self) -> str:
        text = self.rng.choice(self.sentences)
        # Registry names swapped for others of the same type, right to left to keep offsets.
        for start, end, entity_id in reversed(self.tagger.find(match_form(text))):
            kind = self.registry.entities[entity_id].type
            text = text[:start] + self._name(kind) + text[end:]
        return _NUMBER.sub(self._number, text)

    def _number(self, match: re.Match) -> str:
        unit = match.group("unit")
        low, high = DATE_RANGES.get(unit, (1, 10 ** (len(match.group()) - len(unit)) - 1))
        return f"{self.rng.randint(low, high)}{unit}"

    def _length(self) -> int:
        drawn = MEDIAN_CHARS * math.exp(self.rng.gauss(0, LENGTH_SPREAD))
        return int(min(MAX_CHARS, max(MIN_CHARS, drawn)))

    def article(self) -> str:
        """One news file: headline, date and publication line, paragraphs, sometimes clutter."""
        target = self._length()
        paragraphs, size = [], 0
        while size < target:
            paragraph = ""
            for _ in range(self.rng.randint(*SENTENCES_PER_PARAGRAPH)):
                if self.rng.random() < INVENTED_SHARE:
                    sentence = f"{self._organisation()}负责人表示，将与{self._name('institution')}加强合作。"
                else:
                    sentence = self._sentence()
                paragraph += sentence
                size += len(sentence)
                if size >= target:
                    break
            paragraphs.append(paragraph)
        clause = re.split(r"[，,。！？!?；;：:]", self._sentence())[0][:24]
        title = f"{self._name(self.rng.choice(list(self.names)))}{clause}"
        day = FIRST_DAY + dt.timedelta(days=self.rng.randrange(DAYS))
        lines = [title, "", f"发布时间：{day.isoformat()}  来源：{self.rng.choice(PUBLICATIONS)}", ""]
        if self.rng.random() < 0.3:
            lines += [f"本报记者 {self._person()}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        if self.rng.random() < 0.3:
            lines += [f"（责任编辑：{self._person()}）", ""]
        if self.rng.random() < 0.2:
            lines += [self.rng.choice(CLUTTER), ""]
        return "\n".join(lines)

    def one_more(self) -> str:
        """The incremental benchmark's new file: an article naming three registry entities of
        different types and one new organisation, dated after the rest of the corpus."""
        kinds = [kind for kind in ("region", "company", "program", "institution") if kind in self.names][:3]
        known = [self._name(kind) for kind in kinds]
        plain = [s for s in self.sentences if not self.tagger.find(match_form(s))][:3]
        new = self._organisation()
        paragraphs = [
            f"{known[0]}日前召开科技创新工作会议，部署新一年的重点任务。" + (plain[0] if plain else ""),
            f"{new}负责人表示，将与{known[1]}加强合作，共同推进关键技术攻关。" + "".join(plain[1:]),
            f"会议提出，继续实施{known[2]}，加快科技成果转化。",
        ]
        day = FIRST_DAY + dt.timedelta(days=DAYS)
        head = [f"{known[0]}部署科技创新重点任务", "", f"发布时间：{day.isoformat()}  来源：{PUBLICATIONS[0]}", ""]
        return "\n".join(head + [line for p in paragraphs for line in (p, "")])

    def write(self, folder: Path, count: int) -> int:
        """`count` files bench_00000.txt, … into folder; returns their size in bytes."""
        folder.mkdir(parents=True, exist_ok=True)
        size = 0
        for index in range(count):
            data = self.article().encode("utf-8")
            (folder / f"bench_{index:06d}.txt").write_bytes(data)
            size += len(data)
        return size


# Invented sentences for very long pages (make bench, and the shape tests of the analysis).
LONG_PAGE_SENTENCES = [
    "青禾市加快建设智能制造示范工厂，推动生产线数字化改造。",
    "滨江新区出台支持政策，对首台套装备给予资金奖励。",
    "科研团队攻克了高性能电池隔膜的关键工艺，产品良率明显提升。",
    "当地企业与高校共建联合实验室，围绕新材料开展协同攻关。",
    "据介绍，示范项目建成后每年可节约标准煤约三万吨。",
]


def long_page(paragraph_chars: int, paragraphs: int) -> str:
    """A page: a headline, a byline, then `paragraphs` lines of about `paragraph_chars` each."""
    out = ["青禾市智能制造示范工厂建设提速", "", "本报记者 孔令晨", ""]
    for i in range(paragraphs):
        text, n = [], 0
        while n < paragraph_chars:
            sentence = LONG_PAGE_SENTENCES[(i + n) % len(LONG_PAGE_SENTENCES)] + f"第{i}段{n}。"
            text.append(sentence)
            n += len(sentence)
        out += ["".join(text), ""]
    return "\n".join(out)
