"""Synthetic corpora of food-safety policy documents, in the layouts real ones use.

Five layouts, each modelled on a kind of 公文 seen in practice: an opinion (意见) with body measures
and an attached task table split one cell per line; an implementation plan (实施方案) saved from a
web page, with labelled attributions after each item; an annual key-task arrangement (重点工作安排)
with an attribution after each sentence; a promotion plan (推进方案) scraped with navigation junk and
headings sharing a line with their first item; a five-year plan (规划) in chapters and sections with
an indicator table. Names, departments, deadlines and targets are drawn from pools with a seeded
random generator, so a corpus is the same for the same seed.

    python benchmarks/synthetic.py 1000 /tmp/corpus-1000
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

_SYLLABLES = "安宁平和清河东西南北江山阳城兴华新丰泰长乐永宝临川云岭湖海林石"
_DEPARTMENTS = [
    "市场监管局",
    "农业农村局",
    "卫健委",
    "公安局",
    "教育局",
    "商务局",
    "财政局",
    "发改委",
    "工信局",
    "生态环境局",
    "交通运输局",
    "司法局",
    "粮食和物资储备局",
    "供销社",
    "科协",
    "委宣传部",
    "委网信办",
    "食安办",
    "城市管理局",
    "文旅广电局",
    "海关",
    "水利局",
    "林业局",
    "人社局",
    "编办",
]
_OLD_NAMES = ["食药监局", "农委", "卫计委", "质监局", "工商局", "畜牧兽医局"]
_ACTIONS = [
    "加强",
    "强化",
    "完善",
    "健全",
    "推进",
    "深化",
    "落实",
    "规范",
    "开展",
    "严格",
]
_OBJECTS = [
    "食品安全监管体系建设",
    "进口冷链食品追溯管理",
    "农产品质量安全网格化监管",
    "校园食品安全守护行动",
    "餐饮服务质量安全提升",
    "保健食品行业专项清理整治",
    "农村假冒伪劣食品治理",
    "食品安全风险监测",
    "食品抽检监测工作",
    "食品安全信用体系建设",
    "农药兽药使用减量",
    "餐厨废弃物资源化利用",
    "食品生产经营许可管理",
    "食品安全应急处置能力建设",
    "食品安全宣传教育",
    "“明厨亮灶”工程",
    "食品安全责任保险",
    "基层监管队伍建设",
    "检验检测能力建设",
    "食品小作坊小摊点管理",
]
_DETAILS = [
    "督促食品生产经营单位落实主体责任",
    "建立健全风险隐患排查治理机制",
    "加大监督检查和抽检力度",
    "严厉打击违法违规行为",
    "推动信息共享和联合惩戒",
    "提升监管执法规范化水平",
    "完善投诉举报处理机制",
    "强化部门协作配合",
    "加强从业人员培训考核",
    "推进智慧监管平台应用",
]
_INDICATORS = [
    "食品抽检合格率",
    "群众食品安全满意度",
    "农产品质量安全例行监测合格率",
    "学校食堂“明厨亮灶”覆盖率",
    "食品生产企业自查报告率",
    "抽检不合格产品核查处置率",
    "餐饮单位量化分级管理率",
    "食品安全知识知晓率",
]
_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """1 → 一, 12 → 十二, 27 → 二十七 (up to 99)."""
    if n <= 10:
        return "十" if n == 10 else _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.place = rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)
        self.level = rng.choice(["市", "县", "区"])
        self.year = rng.randint(2016, 2024)
        self.depts = [self.level + d for d in rng.sample(_DEPARTMENTS, 14)]
        if rng.random() < 0.4:
            self.depts += [self.level + d for d in rng.sample(_OLD_NAMES, 2)]

    def dept_list(self, k: int) -> list[str]:
        return self.rng.sample(self.depts, k)

    def task(self) -> str:
        r = self.rng
        return f"{r.choice(_ACTIONS)}{r.choice(_OBJECTS)}。{r.choice(_DETAILS)}，{r.choice(_DETAILS)}。"

    def deadline(self) -> str:
        r = self.rng
        year = self.year + r.randint(0, 3)
        return r.choice(
            [f"{year}年底前", f"{year}年{r.randint(1, 12)}月底前", f"到{year}年", "持续实施", "长期坚持"]
        )

    def target(self) -> str:
        r = self.rng
        return f"{r.choice(_INDICATORS)}达到{r.choice([80, 85, 90, 95, 98, 100])}%{r.choice(['以上', ''])}"

    def preamble(self, cue: str) -> str:
        return (
            f"为进一步加强{self.place}{self.level}食品安全工作，{cue}《国务院关于加强食品安全工作的决定》"
            f"（国发〔{self.year - 2}〕{self.rng.randint(1, 60)}号）精神，结合实际，制定本方案。"
        )


def opinion(w: _Writer) -> str:
    """An 意见 with body measures and an attached task table, one cell per line."""
    r = w.rng
    lines = [
        f"{w.place}{w.level}人民政府",
        "关于进一步加强食品安全工作的意见",
        "",
        f"{w.place[0]}政发〔{w.year}〕{r.randint(1, 80)}号",
        "",
        f"各乡镇人民政府，{w.level}政府各部门：",
        "　　" + w.preamble("根据"),
        "　　一、总体目标",
        f"　　到{w.year + 4}年，{w.target()}，{w.target()}。",
    ]
    rows = []
    n = 0
    for part in range(2, r.randint(4, 7)):
        lines.append(f"　　{_cn(part)}、{r.choice(_ACTIONS)}{r.choice(_OBJECTS)}")
        for _ in range(r.randint(3, 6)):
            n += 1
            text = w.task()
            lines.append(f"　　（{_cn(n)}）{text}{w.deadline()}完成。")
            rows.append((text, "、".join(w.dept_list(r.randint(1, 4))) + r.choice(["", "等"]), w.deadline()))
    lines += [
        "  附件：重点任务分工及进度安排表",
        " 附件：",
        "重点任务分工及进度安排表",
        " ",
        "\t序号",
        "\t工作任务",
        "\t责任单位",
        "\t时间进度",
        "",
    ]
    for i, (text, depts, due) in enumerate(rows, start=1):
        lines += [f"\t{i}", f"\t{text}", f"\t{depts}", f"\t{due if r.random() < 0.9 else ''}", ""]
    lines.append(f"　　注：本表中提到的“{w.level}食品安全监管部门”特指{'、'.join(w.dept_list(3))}。")
    return "\n".join(lines) + "\n"


def web_plan(w: _Writer) -> str:
    """A 实施方案 saved from a web page, with (牵头单位:…;责任单位:…) after each item."""
    r = w.rng
    title = f"{w.place}{w.level}创建食品安全示范城市实施方案"
    lines = [
        f"{w.place}{w.level}人民政府办公室<br>关于印发《{title}》的通知—{w.place}{w.level}人民政府网",
        f"{w.place}{w.level}人民政府办公室",
        f"关于印发《{title}》的通知",
        f"来源: | 日期:{w.year}-0{r.randint(1, 9)}-1{r.randint(0, 9)} | 作者:{w.place}{w.level}人民政府办公室 | 点击:",
        "",
        f"  {w.year}年{r.randint(1, 12)}月{r.randint(1, 28)}日",
        "",
        f"  {title}",
        "",
        "  " + w.preamble("根据").replace("（", "(").replace("）", ")"),
        "",
        "  一、总体要求",
        "",
        "  (一)指导思想",
        "",
        "  坚持以人民为中心的发展思想。",
        "",
        "  二、主要任务及部门分工",
        "",
    ]
    for part in range(1, r.randint(3, 5)):
        lines += [f"  ({_cn(part)}){r.choice(_ACTIONS)}{r.choice(_OBJECTS)}", ""]
        for i in range(1, r.randint(4, 9)):
            lead, resp = w.dept_list(1)[0], ",".join(w.dept_list(r.randint(1, 4)))
            lines += [f"  {i}.{w.task()}{w.target()}。(牵头单位:{lead};责任单位:{resp},各乡镇政府)", ""]
    return "\n".join(lines) + "\n"


def annual(w: _Writer) -> str:
    """A 重点工作安排 with an attribution after each sentence."""
    r = w.rng
    lines = [
        f"{w.place}{w.level}{w.year}年食品安全重点工作安排",
        "",
        "（征求意见稿）",
        w.preamble("为深入贯彻落实").replace("根据", ""),
        "一、总体要求",
        "",
        "坚持问题导向。",
        "",
        "二、重点工作任务",
        "",
    ]
    n = 0
    for part in range(1, r.randint(5, 12)):
        lines += [f"（{_cn(part)}）{r.choice(_ACTIONS)}{r.choice(_OBJECTS)}", ""]
        for _ in range(r.randint(1, 3)):
            n += 1
            sentences = []
            for _ in range(r.randint(1, 4)):
                a, b = w.dept_list(2)
                attribution = r.choice([f"（{a}）", f"（{a}牵头，{b}配合）", f"（{a}、{b}按职责分工负责）"])
                sentences.append(f"{r.choice(_DETAILS)}{attribution}。")
            lines += [f"{n}." + "".join(sentences), ""]
    lines += [
        f"{n + 1}.各相关部门要于{r.randint(6, 8)}月{r.randint(1, 28)}日和{r.randint(10, 12)}月{r.randint(1, 28)}日前报送落实情况。"
    ]
    return "\n".join(lines) + "\n"


def scraped(w: _Writer) -> str:
    """A 推进方案 scraped with navigation junk; headings share a line with their first item."""
    r = w.rng
    title = f"{w.place}{w.level}深化改革加强食品安全工作推进方案"
    lines = [
        "• 工作总结",
        "  • 工作计划",
        "  • 策划方案",
        "  • 当前位置: 写作资料库 > 策划方案 > 正文",
        "",
        f"    【{title}】",
        "",
        f"    时间:{w.year}-06-07 22:02:21 来源:写作资料库 本文已影响",
        "",
        f"    {title}   为扎实推进全{w.level}食品安全工作,制定推进方案如下:",
        f"    一、总体目标 到{w.year + 2}年,{w.target()},{w.target()}。",
    ]
    n = 0
    for part in range(2, r.randint(4, 8)):
        items = []
        for _ in range(r.randint(2, 5)):
            n += 1
            depts = "、".join(w.dept_list(r.randint(1, 3)))
            label = r.choice(["责任单位", "牵头单位"])
            items.append(f"({_cn(n)}){w.task()}({label}:{depts})")
        lines.append(f"    {_cn(part)}、{r.choice(_ACTIONS)}{r.choice(_OBJECTS)} " + items[0])
        lines += [f"    {item}" for item in items[1:]]
    return "\n".join(lines) + "\n"


def five_year(w: _Writer) -> str:
    """A 规划 in chapters and sections with an indicator table, one cell per line."""
    r = w.rng
    lines = [
        f"{w.place}{w.level}食品安全“十四五”规划",
        "（讨论稿）",
        w.preamble("参照"),
        "第一章 现状和形势",
        "第一节 工作基础",
        f"全{w.level}食品安全形势总体稳定向好。",
        "第二章 总体要求",
        "第一节 发展目标",
        f"到2025年末，{w.target()}。",
        "",
        "“十四五”时期主要指标",
        "\t序号",
        "\t指标名称（单位）",
        "\t2025年目标值",
        "\t指标属性",
        "",
    ]
    for i, indicator in enumerate(r.sample(_INDICATORS, 5), start=1):
        lines += [
            f"\t{i}",
            f"\t{indicator}（%）",
            f"\t≥{r.choice([80, 90, 95, 98])}",
            f"\t{r.choice(['预期性', '约束性'])}",
            "",
        ]
    lines.append("第三章 主要任务")
    for section in range(1, r.randint(3, 6)):
        lines.append(f"第{_cn(section)}节 {r.choice(_ACTIONS)}{r.choice(_OBJECTS)}")
        for i in range(1, r.randint(3, 7)):
            lines.append(f"{i}.{w.task()}{w.deadline()}，{w.target()}。")
    return "\n".join(lines) + "\n"


LAYOUTS: list[Callable[[_Writer], str]] = [opinion, web_plan, annual, scraped, five_year]


def generate_corpus(n: int, out_dir: Path, seed: int = 0) -> list[Path]:
    """Write ``n`` synthetic documents into ``out_dir`` (UTF-8; every seventh in GB18030)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        layout = LAYOUTS[i % len(LAYOUTS)]
        text = layout(_Writer(random.Random(rng.getrandbits(64))))
        path = out_dir / f"{i:05d}_{layout.__name__}.txt"
        path.write_bytes(text.encode("gb18030" if i % 7 == 6 else "utf-8"))
        paths.append(path)
    return paths


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"benchmarks/corpora/{count}")
    written = generate_corpus(count, target)
    print(f"{len(written)} documents in {target}")
