"""Quantified goals in the shapes the corpus writes them."""

import pytest

from fsgraph.targets import find_targets, page_width, table_target


def _targets(text: str, year: int | None = None) -> list[tuple[str, str, int | None]]:
    return [(t.indicator, t.value, t.year) for t in find_targets(text, [(0, 1)], year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "群众食品安全满意率达到80%以上，风险隐患问题解决率达到100%。",
            [("群众食品安全满意率", "达到80%以上", None), ("风险隐患问题解决率", "达到100%", None)],
        ),
        (
            "市场监管环节食品安全抽检量达到3批次/千人。",
            [("市场监管环节食品安全抽检量", "达到3批次/千人", None)],
        ),
        (
            "食品安全检验经费至少能够支持4份/千人口年的检测样本量。",
            [("食品安全检验经费至少能够支持", "4份/千人口年", None)],
        ),
        (
            "食品监管人员的比例要达到行政区域内总人口的万分之三及以上。",
            [("食品监管人员的比例要达到行政区域内总人口的", "万分之三及以上", None)],
        ),
        (
            "2017年底前，每个基层食品安全监管机构至少配备1名监管业务骨干。",
            [("每个基层食品安全监管机构", "至少配备1名", 2017)],
        ),
        (
            "学校食堂量化分级全部达到B级以上，100%实行明厨亮灶。",
            [("学校食堂量化分级", "全部达到B级以上", None), ("实行明厨亮灶", "100%", None)],
        ),
        # a score is counted too
        ("群众食品安全满意度提高到85分以上。", [("群众食品安全满意度", "提高到85分以上", None)]),
        # a sign before the value binds it; a baseline year is neither the indicator's nor the target's
        ("农产品监测合格率≥97.5%。", [("农产品监测合格率", "≥97.5%", None)]),
        ("案件查办数量在2024年基础上提高5个百分点。", [("案件查办数量", "提高5个百分点", None)]),
        # a count a verb of checking or training ends its clause with
        ("农产品抽检1.5万批次。", [("农产品抽检", "1.5万批次", None)]),
        (
            "培训基层监管人员5000人次、企业负责人300人次。",
            [("培训基层监管人员", "5000人次", None), ("企业负责人", "300人次", None)],
        ),
        # a count of cases, one before an attribution's bracket, a value restated
        ("食源性疾病暴发事件控制在5起以内。", [("食源性疾病暴发事件", "控制在5起以内", None)]),
        (
            "创建示范街区1条、示范店20家（区市场监管局）。",
            [("创建示范街区", "1条", None), ("示范店", "20家", None)],
        ),
        (
            "抽检量不少于2400批次，即每千人5批次。",
            [("抽检量", "不少于2400批次", None), ("抽检量", "每千人5批次", None)],
        ),
        # a value first takes what follows it, less the task's attribution
        ("新增2家省级农业产业化龙头企业（区农业农村局）。", [("省级农业产业化龙头企业", "新增2家", None)]),
        ("新增2家示范企业（区商务局牵头，区市场监管局配合）。", [("示范企业", "新增2家", None)]),
        # counts listed one after another, each naming its own thing (the first was lost)
        (
            "创建省级食品安全示范城市1个、示范县2个。",
            [("创建省级食品安全示范城市", "1个", None), ("示范县", "2个", None)],
        ),
        (
            "食品抽检监测问题发现率达到全国平均水平以上。",
            [("食品抽检监测问题发现率", "达到全国平均水平以上", None)],
        ),
        # a multi-indicator sentence gives one target per indicator
        (
            "2021年底前，全市食品生产经营者食品安全自查率、大型和重点企业自查风险报告率、监管部门考核覆盖率全部实现100%目标。",
            [
                ("全市食品生产经营者食品安全自查率", "全部实现100%", 2021),
                ("大型和重点企业自查风险报告率", "全部实现100%", 2021),
                ("监管部门考核覆盖率", "全部实现100%", 2021),
            ],
        ),
        (
            "到2025年，化肥、农药利用率达到50%。",
            [("化肥利用率", "达到50%", 2025), ("农药利用率", "达到50%", 2025)],
        ),
        # an elliptical second value shares the first one's indicator and takes its own year
        (
            "2016年底前知晓率达到20%，2020年底前达到70%",
            [("知晓率", "达到20%", 2016), ("知晓率", "达到70%", 2020)],
        ),
        # a frequency on its own is a target; with a quantity in its clause it is part of that one
        (
            "对直接接触进口冷链食品的从业人员每周开展核酸检测。",
            [("对直接接触进口冷链食品的从业人员开展核酸检测", "每周", None)],
        ),
        ("每年对辖区内20%的食品生产经营单位进行抽检。", [("每年对辖区内", "20%", None)]),
        # a count that ends a clause whose verb commits to it
        ("完成食品安全风险监测样品800份。", [("完成食品安全风险监测样品", "800份", None)]),
        ("开展提升行动，新增“明厨亮灶”餐饮单位200家。", [("新增“明厨亮灶”餐饮单位", "200家", None)]),
        # a count at the end of a clause with a floor earlier in it (至少, 不少于)
        ("对高风险企业每年至少全项目检查2次。", [("对高风险企业每年全项目检查", "2次", None)]),
        # a rate per population written with 每 before it, as with / after it
        ("食品抽检量达到每千人4批次。", [("食品抽检量", "达到每千人4批次", None)]),
        # counts of streets, training hours, persons trained (units of counted goals)
        (
            "培育餐饮质量安全示范街区5条，从业人员年培训不少于40学时。",
            [("培育餐饮质量安全示范街区", "5条", None), ("从业人员年培训", "不少于40学时", None)],
        ),
        ("全年开展从业人员培训2000人次。", [("全年开展从业人员培训", "2000人次", None)]),
        # how often and how much, and of what after it
        (
            "落实属地管理责任，各乡镇政府每季度至少召开1次食品安全工作会议。",
            [("各乡镇政府每季度食品安全工作会议", "至少召开1次", None)],
        ),
        # how often and how much, with what in the clause before
        (
            "开展校园及周边食品安全专项检查，每学期不少于1次。",
            [("开展校园及周边食品安全专项检查每学期", "不少于1次", None)],
        ),
        # a span of years before a frequency is no part of its indicator
        ("2023年—2025年每年开展农药残留专项整治。", [("开展农药残留专项整治", "每年", 2025)]),
        # an enumerating 一是/三是 opens the clause but is not part of the indicator
        ("一是落实包保责任，三是台账动态更新率达到100%。", [("台账动态更新率", "达到100%", None)]),
        # a change in points, and a goal opened by 实现 after its time limit
        ("持续开展宣传活动，群众满意度提升5个百分点。", [("群众满意度", "提升5个百分点", None)]),
        (
            "年底前实现规模以上食品生产企业HACCP认证率达到80%。",
            [("规模以上食品生产企业HACCP认证率", "达到80%", None)],
        ),
        ("农药使用量减少10%。", [("农药使用量", "减少10%", None)]),
        # counts of what is newly built or rebuilt
        (
            "新建标准化农贸市场20个，改造提升农贸市场15个。",
            [("新建标准化农贸市场", "20个", None), ("改造提升农贸市场", "15个", None)],
        ),
        ("打造放心消费示范街区3条。", [("打造放心消费示范街区", "3条", None)]),
    ],
)
def test_targets_in_sentences(text: str, expected: list[tuple[str, str, int | None]]) -> None:
    assert _targets(text) == expected


def test_a_sentence_wrapped_over_lines_keeps_its_values() -> None:
    # Text laid out as on a PDF page: lines stop mid-sentence, even between a number and its unit.
    lines = [
        "全年不发生重大食品安全事故，食品安全抽检量达到每千人5",
        "批次，食用农产品例行监测合格率稳定在98%以上，群众满意度达到",
        "82%以上。",
        "保障措施",
        "各单位要明确专人负责。",
    ]
    text = "\n".join(lines)
    starts = [sum(len(line) + 1 for line in lines[:n]) for n in range(len(lines))]
    found = find_targets(text, [(start, n) for n, start in enumerate(starts, start=1)])
    assert [(t.indicator, t.value, t.unit, t.line) for t in found] == [
        ("食品安全抽检量", "达到每千人5批次", "批次/千人", 1),
        ("食用农产品例行监测合格率", "稳定在98%以上", "%", 2),
        ("群众满意度", "达到82%以上", "%", 2),  # its bound at the end of the line above
    ]
    assert found[0].text == "\n".join(lines[:3])  # the sentence as written, over its lines
    (frequency,) = find_targets("推进化肥农药减量增效，每年开展农药残留专\n项整治。", [(0, 1)])
    assert (frequency.indicator, frequency.value) == ("开展农药残留专项整治", "每年")
    # A line shorter than the text's others is a line of its own (a heading), not a wrapped one.
    assert [t.indicator for t in find_targets("主要指标\n合格率达到98%。", [(0, 1)])] == ["合格率"]
    heading = "加强食品安全抽检监测能力建设工作机制\n食品抽检合格率达到98%，群众满意度达到85%。"
    assert [t.indicator for t in find_targets(heading, [(0, 1)])] == ["食品抽检合格率", "群众满意度"]


def test_a_leading_year_governs_the_sentences_after_it() -> None:
    text = "到2020年，监管体系初步建立。抽检合格率稳定在98%以上。到2035年，满意度达到90%。"
    assert [(t.value, t.year) for t in find_targets(text, [(0, 1)])] == [
        ("稳定在98%以上", 2020),
        ("达到90%", 2035),
    ]


def test_a_target_due_next_year_is_of_the_year_after_the_documents() -> None:
    assert _targets("明年底前，学校食堂明厨亮灶覆盖率达到100%。", 2025) == [
        ("学校食堂明厨亮灶覆盖率", "达到100%", 2026)
    ]


def test_annual_plans_date_their_targets_by_the_plan_year() -> None:
    (target,) = find_targets("覆盖率达到80%。", [(0, 7)], default_year=2021)
    assert (target.year, target.line, target.comparator, target.number, target.unit) == (
        2021,
        7,
        "=",
        80.0,
        "%",
    )


@pytest.mark.parametrize(
    "text",
    [
        # a grade that names a class of things, not one to reach
        "对A级以上景区餐饮单位开展专项检查。",
        "对3A级以上旅游景区餐饮单位开展检查。",
        "根据《辽宁省人民政府关于进一步加强食品安全工作的意见》（辽政发〔2015〕42号）精神。",
        "大力推广应用12331食品药品投诉举报热线。",
        "依托“3.15”、“3.31”等主题宣传活动。",
        "纳入全市“十三五”规划，2018年6月12日印发。",
        "全面启动创建工作，明确职责。",
        # a count that states what there is commits to nothing
        "全市共有食品生产企业300家，涉及12个乡镇。",
        # a grade that names a class of things is no grade to reach
        "各级包保干部对A级主体开展督导，对B级、C级主体加强指导。",
        # how often, then when in that period: a recurring time limit (deadlines), no frequency
        "各县（市、区）要于每季度末前报送工作进展情况。",
        "每月5日前报送上月抽检数据。",
        "每年十月底前报送年度工作总结。",
        # points a scoring rule deducts, a time of day, minutes a procedure takes
        "未按时完成整改的扣5分。",
        "每日上午9时30分前报送。",
        "接到举报后30分钟内到达现场。",
        "应急响应时间不超过30分钟。",
    ],
)
def test_numbers_that_are_not_targets(text: str) -> None:
    assert _targets(text) == []


def test_indicator_table_row() -> None:
    target = table_target("食品评价性抽检合格率（%）", "≥98", 105, "2025年目标值", "约束性", "表.12")
    assert (
        target.indicator,
        target.value,
        target.comparator,
        target.number,
        target.unit,
        target.year,
        target.attribute,
    ) == ("食品评价性抽检合格率（%）", "≥98", ">=", 98.0, "%", 2025, "约束性")


def test_respectively_pairs_indicators_with_values() -> None:
    text = "群众对创建工作的知晓率和支持率分别达到75%和85%。"
    assert _targets(text) == [("群众对创建工作的知晓率", "达到75%", None), ("支持率", "85%", None)]


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("每年完成食品抽检不少于1.8万批次。", 18_000.0, "批次"),
        ("每个监管所至少配备两名专职人员。", 2.0, "名"),
        ("食品抽检量达到每千人4批次。", 4.0, "批次/千人"),
        ("对高风险企业每年至少全项目检查2次。", 2.0, "次"),
        ("食品监管人员的比例要达到行政区域内总人口的万分之三及以上。", None, None),
    ],
)
def test_the_number_of_a_value_reads_its_magnitude_and_chinese_numerals(
    text: str, number: float | None, unit: str | None
) -> None:
    (target,) = find_targets(text, [(0, 1)])
    assert (target.number, target.unit) == (number, unit)


def test_a_line_joined_over_a_broken_number_leaves_the_page_width_as_it_was() -> None:
    # 100 / % was joined into one line twice as long as the others: they are still wrapped lines.
    lines = [
        "指导督促食品生产企业重点落实好食品安全管理人员培训考核、生产过程",
        "控制、食品安全自查、追溯体系建设等四项主体责任。2021年底前，全市食品生产经营者食品安全自",
        "查率、大型和重点企业自查风险报告率、监管部门对企业食品安全管理人员考核覆盖率全部实现100"
        "%目标。大力实施“名优特”食品加工小作坊改造工程，对质量控制水平和生产加工基础环境较好的",
        "小作坊给予支持。",
    ]
    assert page_width([len(line) for line in lines]) == len(lines[1])
    text = "\n".join(lines)
    starts = [sum(len(line) + 1 for line in lines[:n]) for n in range(len(lines))]
    found = find_targets(text, [(start, n) for n, start in enumerate(starts, start=1)])
    assert found[0].indicator == "全市食品生产经营者食品安全自查率"
    # a long paragraph among short lines is the width
    assert page_width([8, 18, 200]) == 200


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("食品抽检合格率稳定在98%以上，群众对食品安全满意度稳\n定在80%以上。", "稳定在80%以上"),
        ("中小学食品安全知识教育培训每年不少于\n10个小时。", "不少于10个小时"),
        (
            "食品安全抽检监测工作全面推进，全县农产品抽检合格率达到98\n%以上，群众满意度达到90%。",
            "达到98%以上",
        ),
    ],
)
def test_a_page_break_inside_a_bound_or_a_value_is_read_across(text: str, value: str) -> None:
    assert value in [t.value for t in find_targets(text, [(0, 1), (text.index("\n") + 1, 2)])]


def test_a_value_that_measures_nothing_is_no_target() -> None:
    assert find_targets("≥95\n约束性", [(0, 1)]) == []


def test_full_width_digits_are_numbers_and_years() -> None:
    (target,) = find_targets("到２０２５年，抽检合格率达到９８．５％以上。", [(0, 1)])
    assert (target.value, target.number, target.unit, target.year) == ("达到９８．５％以上", 98.5, "％", 2025)


def test_a_bound_before_the_verb_is_the_comparator_of_the_count_after_it() -> None:
    (floor,) = find_targets("对高风险企业每年至少全项目检查2次。", [(0, 1)])
    assert (floor.comparator, floor.number, floor.unit) == (">=", 2.0, "次")


@pytest.mark.parametrize(
    ("text", "indicators"),
    [
        # subjects that share the indicator after what they have alike
        (
            "学校食堂、养老机构食堂明厨亮灶覆盖率分别达到100%、90%。",
            ["学校食堂明厨亮灶覆盖率", "养老机构食堂明厨亮灶覆盖率"],
        ),
        (
            "乡镇（街道）食堂、机关食堂量化分级率达到95%。",
            ["乡镇（街道）食堂量化分级率", "机关食堂量化分级率"],
        ),
        ("化肥、农药利用率达到40%以上。", ["化肥利用率", "农药利用率"]),
        # how much of the last a subject stands for cannot be told: one indicator, no character lost
        ("中小学校、幼儿园集中用餐陪餐制度落实率达到100%。", ["中小学校、幼儿园集中用餐陪餐制度落实率"]),
    ],
)
def test_subjects_listed_before_an_indicator_share_its_head(text: str, indicators: list[str]) -> None:
    assert [t[0] for t in _targets(text)] == indicators


@pytest.mark.parametrize("marker", ["①", "① ", "（1）", "(2)", "1."])
def test_an_items_marker_inside_a_paragraph_is_no_part_of_the_indicator(marker: str) -> None:
    text = f"加强风险监测。{marker}完成风险监测样品300份（市卫生健康委负责）；②建立风险会商机制。"
    assert _targets(text, 2026) == [("完成风险监测样品", "300份", 2026)]


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("不合格率降低至0.5%以下。", "不合格率", "降低至0.5%以下"),
        ("问题发现率下降到2%。", "问题发现率", "下降到2%"),
        ("快检室数量增加到50个。", "快检室数量", "增加到50个"),
    ],
)
def test_a_value_a_rate_falls_or_a_count_rises_to(text: str, indicator: str, value: str) -> None:
    assert _targets(text, 2026) == [(indicator, value, 2026)]


@pytest.mark.parametrize(
    ("text", "number", "comparator"),
    [
        ("覆盖率达到百分之百。", 100.0, "="),
        ("合格率达到百分之九十五以上。", 95.0, ">="),
        ("知晓率达到百分之80。", 80.0, "="),
    ],
)
def test_a_percentage_written_out_is_a_number_of_percent(text: str, number: float, comparator: str) -> None:
    (target,) = find_targets(text, [(0, 1)], 2026)
    assert (target.number, target.unit, target.comparator) == (number, "%", comparator)
