"""The 公文 tree on small texts in the shapes of the corpus."""

from __future__ import annotations

import pytest

from fsgraph.extraction import extract_source
from fsgraph.metadata import read_front_matter
from fsgraph.model import Document, Source, Table, TableCell, TextLine
from fsgraph.structure import parse_outline


def _source(text: str) -> Source:
    lines = [TextLine(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    return Source("t.txt", "t.txt", "txt", "utf-8", list(lines), "0" * 64, len(text.encode()))


def _doc(text: str) -> Document:
    return extract_source(_source(text))


def _refs(text: str) -> list[str]:
    src = _source(text)
    outline = parse_outline(src, read_front_matter([b for b in src.blocks if isinstance(b, TextLine)]))
    return [n.ref for part in outline.parts for n in part.walk()]


def test_heading_and_first_item_on_one_line() -> None:
    text = "某方案\n    一、总体目标 到2020年,体系初步建立。\n    二、坚持做好“四个最严” (一)强化标准实施。加大力度。(责任单位:区市场监管局)\n    (二)净化产地环境。强化管控。(责任单位:区农业农村局)"
    assert _refs(text) == ["一", "二", "二.(一)", "二.(二)"]
    doc = _doc(text)
    assert [t.ref for t in doc.tasks] == ["二.(一)", "二.(二)"]
    assert doc.tasks[0].title == "强化标准实施"


def test_item_starting_after_the_previous_full_stop() -> None:
    text = "二、任务\n（八）甲行动\n16.开展追溯体系建设（区市场监管局）。（九）深化校园食品安全守护行动\n17.全面推行明厨亮灶（区教育局）。"
    assert _refs(text) == ["二", "二.(八)", "二.(八).16", "二.(九)", "二.(九).17"]


def test_items_numbered_1_with_a_closing_bracket_may_follow_one_another_on_a_line() -> None:
    text = (
        "一、强化源头治理\n（一）加强监管。1）开展农药残留整治。（县农业农村局）2）推进合格证制度。（县农业农村局）\n"
        "（二）按附件1）的要求，完成2）项任务。（县市场监管局）"
    )
    # 附件1） and 2）项 continue no numbering: they stay text.
    assert _refs(text) == ["一", "一.(一)", "一.(一).(1)", "一.(一).(2)", "一.(二)"]


def test_reference_to_a_part_stays_text() -> None:
    text = "一、任务\n（一）甲\n1.按照本方案（三）的要求开展工作。\n2.按照 （一）要求报送。"
    assert _refs(text) == ["一", "一.(一)", "一.(一).1", "一.(一).2"]


def test_continuous_item_numbers_across_parts() -> None:
    text = "二、任务\n（一）甲\n1.甲一（区公安局）。\n2.甲二（区公安局）。\n（二）乙\n3.乙一（区公安局）。"
    assert [t.ref for t in _doc(text).tasks] == ["二.(一).1", "二.(一).2", "二.(二).3"]


@pytest.mark.parametrize(
    "heading", ["二、工作目标（2026年）", "二、主要目标（2025年）", "二、整治范围", "二、考核对象"]
)
def test_more_headings_that_frame_the_document(heading: str) -> None:
    text = f"某县实施方案\n{heading}\n（一）食品抽检合格率达到98%以上。\n三、重点任务\n（一）开展抽检。（县市场监管局）"
    assert [t.ref for t in _doc(text).tasks] == ["三.(一)"]


def test_the_time_of_an_activity_is_a_section_not_a_task() -> None:
    text = "关于开展宣传周活动的通知\n一、活动时间\n2025年6月10日至6月24日。\n二、活动内容\n（一）举办启动仪式。（市食安办）"
    assert [t.ref for t in _doc(text).tasks] == ["二.(一)"]


def test_framing_sections_are_not_tasks() -> None:
    text = "一、总体要求\n（一）指导思想\n以…为指导。\n（二）基本原则\n1、统一部署,政府主导。\n（三）工作目标\n到2020年，满意率达到80%。\n二、重点任务\n（一）加强监管。开展检查（区市场监管局）。"
    doc = _doc(text)
    assert [t.ref for t in doc.tasks] == ["二.(一)"]
    kinds = {s.ref: s.kind for s in doc.sections}
    assert kinds["一.(一)"] == "guidance" and kinds["一.(三)"] == "guidance"
    assert [(t.value, t.year) for t in doc.targets] == [("达到80%", 2020)]


def test_chapters_sections_and_headings_with_paragraphs() -> None:
    text = "某市规划\n第三章 主要任务\n第一节 强化监管\n1.严把产地环境安全关。开展排查。\n第四章 保障措施\n第一节 强化党政同责\n各级党委和政府要把食品安全抓紧抓实。"
    assert [t.ref for t in _doc(text).tasks] == ["第三章.第一节.1", "第四章.第一节"]


def test_attachment_with_a_tab_table_and_a_defining_note() -> None:
    text = "\n".join(
        [
            "某市意见",
            "一、任务",
            "（一）加强监管。开展检查。",
            "  附件：重点任务分工表",
            " 附件：",
            "重点任务分工表",
            "\t序号",
            "\t工作任务",
            "\t责任单位",
            "\t时间进度",
            "",
            "\t一、加强监管",
            "",
            "\t1",
            "\t开展检查。",
            "\t市食安办、市食品安全监管部门等",
            "\t2018年底前；持续实施",
            "",
            "\t2",
            "\t开展抽检。",
            "\t市农委",
            "\t",
            "",
            "　　注：本表中提到的“市食品安全监管部门”仅适用于本表，特指市农委、市卫生计生委。",
        ]
    )
    doc = _doc(text)
    table_tasks = [t for t in doc.tasks if t.source == "table"]
    assert [(t.ref, t.names("responsible"), t.deadline_text) for t in table_tasks] == [
        ("附件.1", ["市食安办", "市食品安全监管部门"], "2018年底前；持续实施"),
        ("附件.2", ["市农委"], None),
    ]
    assert table_tasks[0].section[-1] == "一、加强监管"
    collective = doc.department("市食品安全监管部门")
    assert collective is not None and collective.members == ["市农委", "市卫生计生委"]
    assert doc.unparsed == []


def test_one_row_per_line_table_with_lead_and_support_columns() -> None:
    text = "\n".join(
        [
            "某县工作要点",
            "附件",
            "序号\t工作任务\t牵头单位\t配合单位\t完成时限",
            "1\t开展校园食品安全守护行动\t县教育局\t县市场监管局、县卫健局\t2022年6月底前",
            "2\t推进明厨亮灶\t县市场监管局\t\t长期坚持",
        ]
    )
    tasks = _doc(text).tasks
    assert [(t.names("lead"), t.names("support"), t.deadline_text) for t in tasks] == [
        (["县教育局"], ["县市场监管局", "县卫健局"], "2022年6月底前"),
        (["县市场监管局"], [], "长期坚持"),
    ]
    assert [(d.kind, d.date) for d in tasks[0].deadlines] == [("date", "2022-06-30")]


def test_sentence_level_assignments() -> None:
    text = "二、任务\n（一）冷链\n2.继续做好检疫工作（鲅鱼圈海关）。严格落实运单管理（区交通运输局牵头，区市场监管局配合）。区政府各成员单位于11月1日前报告。"
    (task,) = _doc(text).tasks
    assert [(s.text, [(r.role, r.department) for r in s.roles]) for s in task.sentences] == [
        ("继续做好检疫工作", [("responsible", "鲅鱼圈海关")]),
        ("严格落实运单管理", [("lead", "区交通运输局"), ("support", "区市场监管局")]),
        ("区政府各成员单位于11月1日前报告", []),
    ]
    assert task.deadline_text == "11月1日前"


def test_items_inherit_the_attribution_of_their_heading() -> None:
    text = "二、任务\n（一）加强进口食品监管（市市场监管局牵头，市公安局配合）\n1.落实追溯制度。\n2.开展专项检查（市商务局）。\n3.开展宣传（市教育局配合）。"
    tasks = {t.ref: t for t in _doc(text).tasks}
    first = tasks["二.(一).1"]
    assert [(r.role, r.department, r.via) for r in first.roles] == [
        ("lead", "市市场监管局", "二.(一)"),
        ("support", "市公安局", "二.(一)"),
    ]
    assert first.roles[0].provenance.line == 2
    # An item with its own attribution keeps only its own.
    assert [(r.role, r.department, r.via) for r in tasks["二.(一).2"].roles] == [
        ("responsible", "市商务局", None)
    ]
    # An item naming only who supports it keeps the heading's lead, not its supporters.
    assert [(r.role, r.department, r.via) for r in tasks["二.(一).3"].roles] == [
        ("lead", "市市场监管局", "二.(一)"),
        ("support", "市教育局", None),
    ]


def test_a_heading_whose_attribution_no_item_under_it_takes_is_a_task_of_its_own() -> None:
    text = (
        "一、强化源头治理\n"
        "2.开展校园食品安全守护行动，学校食堂明厨亮灶覆盖率达到100%。（县教育局负责，10月底前完成）\n"
        "（1）加强校外供餐单位监管。（县市场监管局）\n"
        "（2）组织开展培训。（县卫生健康局）\n"
        "3.开展冷链专项检查（县商务局牵头）\n"
        "（1）排查冷库。\n"
        "（2）抽检冷链食品。（县市场监管局）"
    )
    doc = _doc(text)
    tasks = {t.ref: t for t in doc.tasks}
    assert list(tasks) == ["一.2", "一.2.(1)", "一.2.(2)", "一.3.(1)", "一.3.(2)"]
    heading = tasks["一.2"]
    assert [(r.role, r.department, r.provenance.line) for r in heading.roles] == [
        ("responsible", "县教育局", 2)
    ]
    assert heading.deadline_text == "10月底前"
    # Its target is read once, and is the heading task's.
    assert [(t.indicator, t.value, t.task_id) for t in doc.targets] == [
        ("学校食堂明厨亮灶覆盖率", "达到100%", heading.id)
    ]
    # A heading whose attribution an item under it takes (3. over （1）) stays a section.
    assert [r.department for r in tasks["一.3.(1)"].roles] == ["县商务局"]
    assert "一.3" in {s.ref for s in doc.sections}
    # A heading that frames the document is no task, whatever it names.
    framing = _doc("某县方案\n一、工作目标（县食安办牵头）\n（一）抽检合格率达到98%。（县市场监管局）")
    assert framing.tasks == []


def test_paragraphs_with_their_own_attributions_are_tasks_of_their_own() -> None:
    text = "一、重点任务\n（三）开展专项整治\n加强农村食品市场整治。（牵头单位：县市场监管局）\n加强校园周边整治，\n严查无证经营。（牵头单位：县教育局）"
    tasks = _doc(text).tasks
    assert [(t.ref, t.names("lead"), t.line, t.end_line) for t in tasks] == [
        ("一.(三).第1段", ["县市场监管局"], 3, 3),
        ("一.(三).第2段", ["县教育局"], 4, 5),
    ]
    # An item whose broken lines end in one attribution stays one task.
    text = "一、重点任务\n（三）开展专项整治。加强整治；\n严查无证经营。（责任单位：县市场监管局）"
    assert [t.ref for t in _doc(text).tasks] == ["一.(三)"]


@pytest.mark.parametrize(
    "fields",
    [
        ["牵头单位：市市场监管局", "配合单位：市公安局、市商务局", "完成时限：2025年6月底前"],
        ["完成时限：2025年6月底前", "牵头单位：市市场监管局", "配合单位：市公安局、市商务局"],
        ["牵头部门:市市场监管局", "配合部门:市公安局、市商务局", "时间节点:2025年6月底前"],
    ],
)
def test_an_item_with_its_fields_on_lines_of_their_own_is_one_task(fields: list[str]) -> None:
    text = "\n".join(
        [
            "一、强化责任",
            "1．落实主体责任，配备食品安全员。",
            *fields,
            "2．开展专项检查。",
            "责任单位：市农业农村局",
        ]
    )
    tasks = _doc(text).tasks
    assert [(t.ref, t.names("lead"), t.names("support"), t.names("responsible")) for t in tasks] == [
        ("一.1", ["市市场监管局"], ["市公安局", "市商务局"], []),
        ("一.2", [], [], ["市农业农村局"]),
    ]
    assert (tasks[0].deadline_text, tasks[0].line, tasks[0].end_line) == ("2025年6月底前", 2, 5)


@pytest.mark.parametrize(
    "colophon",
    [
        ["抄送：市委各部门，市人大常委会办公室，市法院。", "甲市人民政府办公室　　　　2024年3月18日印发"],
        [
            "──────────",
            "抄报：省食安办。",
            "──────────",
            "甲市人民政府办公室  2024年3月18日印发",
            "──────────",
        ],
    ],
)
def test_the_colophon_ends_the_text_and_is_reported(colophon: list[str]) -> None:
    text = "\n".join(
        [
            "一、重点任务",
            "（一）开展宣传周活动。（市食安办牵头）",
            "",
            "甲市人民政府",
            "2024年3月15日",
            "",
            *colophon,
        ]
    )
    doc = _doc(text)
    (task,) = doc.tasks
    assert (task.end_line, task.deadline_text) == (2, None)
    assert (doc.issuer, doc.date) == ("甲市人民政府", "2024年3月15日")
    assert [(u.text, u.reason) for u in doc.unparsed] == [
        (line, "page furniture" if line.startswith("─") else "colophon (抄送, 印发)") for line in colophon
    ]


def test_the_basis_of_a_plan_a_notice_forwards_is_the_documents_own() -> None:
    text = "\n".join(
        [
            "甲市人民政府办公室关于印发《甲市2024年食品安全重点工作安排》的通知",
            "各县区人民政府，市政府各部门：",
            "《甲市2024年食品安全重点工作安排》已经市政府同意，现印发给你们，请认真贯彻执行。",
            "甲市人民政府办公室",
            "2024年3月15日",
            "附件",
            "甲市2024年食品安全重点工作安排",
            "为贯彻落实《中共中央 国务院关于深化改革加强食品安全工作的意见》，现作如下安排。",
            "一、落实责任",
            "（一）开展评议考核，落实《地方党政领导干部食品安全责任制规定》。（市食安办牵头）",
        ]
    )
    doc = _doc(text)
    assert doc.title == "甲市2024年食品安全重点工作安排"
    assert [(p.title, p.scope) for p in doc.parents] == [
        ("中共中央 国务院关于深化改革加强食品安全工作的意见", "document"),
        ("地方党政领导干部食品安全责任制规定", "body"),
    ]


def test_a_citation_broken_over_lines_is_a_parent() -> None:
    text = "\n".join(
        [
            "乙县食品安全工作方案",
            "为加强食品安全工作，根据",
            "《丙省食品安全条例》和《丁市食品",
            "安全工作方案》，结合实际，制定本方案。",
            "一、主要任务",
            "（一）开展专项整治，落实《食品生产经营监督检查管理办法》。（县市场监管局牵头）",
        ]
    )
    assert [(p.title, p.scope, p.line, p.cue) for p in _doc(text).parents] == [
        ("丙省食品安全条例", "document", 2, "根据"),
        ("丁市食品安全工作方案", "document", 2, "根据"),
        ("食品生产经营监督检查管理办法", "body", 6, "落实"),
    ]


def test_a_heading_over_a_task_table_is_a_section_not_a_task() -> None:
    text = "\n".join(
        [
            "某市食品安全工作要点",
            "一、工作目标",
            "全年食品抽检量达到5批次/千人。",
            "二、任务分工",
            "序号\t重点任务\t牵头单位\t完成时限",
            "1\t开展农药残留专项整治\t市农业农村局\t2024年底前",
            "二、校园食品安全",
            "2\t开展校园食品安全整治\t市教育局\t2024年9月底前",
        ]
    )
    doc = _doc(text)
    assert [(t.ref, t.section[-1]) for t in doc.tasks] == [
        ("二.表.1", "任务分工"),
        ("二.表.2", "二、校园食品安全"),
    ]
    assert "二" in [s.ref for s in doc.sections]


def test_the_next_part_after_a_task_table_ends_it() -> None:
    text = "\n".join(
        [
            "某市食品安全工作要点",
            "一、任务分工",
            "序号\t重点任务\t牵头单位\t完成时限",
            "1\t开展农药残留专项整治\t市农业农村局\t2024年底前",
            "二、工作要求",
            "各单位于每季度末报送进展。",
        ]
    )
    tasks = _doc(text).tasks
    assert [(t.ref, t.text) for t in tasks] == [
        ("一.表.1", "开展农药残留专项整治"),
        ("二", "工作要求\n各单位于每季度末报送进展。"),
    ]


def test_a_box_of_a_plan_without_a_list_is_a_task_of_its_own() -> None:
    text = "\n".join(
        [
            "某市食品安全“十四五”规划",
            "第三章 主要任务",
            "第一节 提升技术支撑能力",
            "1．推进智慧监管。建设智慧监管平台。",
            "专栏1 食品安全抽检监测提升工程",
            "每年完成食品抽检不少于1万批次。",
            "牵头单位：市市场监管局；配合单位：市农业农村局",
            "2．加强检验检测体系建设。2024年底前建成检验检测中心。",
            "第二节 强化源头治理",
            "1．严格农业投入品管理。",
        ]
    )
    tasks = _doc(text).tasks
    assert [(t.ref, t.title, t.names("lead"), t.names("support")) for t in tasks] == [
        ("第三章.第一节.1", "推进智慧监管", [], []),
        ("第三章.第一节.专栏1", "食品安全抽检监测提升工程", ["市市场监管局"], ["市农业农村局"]),
        ("第三章.第一节.2", "加强检验检测体系建设", [], []),
        ("第三章.第二节.1", "严格农业投入品管理", [], []),
    ]


def test_a_box_holds_the_list_it_opens_with_and_the_section_goes_on_after_it() -> None:
    text = "\n".join(
        [
            "某市食品安全“十四五”规划",
            "第三章 主要任务",
            "第一节 提升技术支撑能力",
            "1．推进智慧监管。建设智慧监管平台。",
            "2．完善风险监测。扩大监测覆盖面。",
            "专栏1 检验检测能力提升工程",
            "1．市级检验检测中心建设（市市场监管局牵头）。",
            "（1）新建检测用房。",
            "2．县级检验机构标准化建设。到2025年全部达标（各县区政府负责）。",
            "3．加强检验检测体系建设。2024年底前建成检验检测中心。",
            "第二节 强化源头治理",
            "1．严格农业投入品管理。",
        ]
    )
    doc = _doc(text)
    assert [(t.ref, t.title) for t in doc.tasks] == [
        ("第三章.第一节.1", "推进智慧监管"),
        ("第三章.第一节.2", "完善风险监测"),
        ("第三章.第一节.专栏1.1.(1)", "新建检测用房"),
        ("第三章.第一节.专栏1.2", "县级检验机构标准化建设"),
        ("第三章.第一节.3", "加强检验检测体系建设"),  # 3 goes on from 2 before the box
        ("第三章.第二节.1", "严格农业投入品管理"),
    ]
    box = next(t for t in doc.tasks if t.ref == "第三章.第一节.专栏1.2")
    assert box.section[-1] == "检验检测能力提升工程" and box.names("responsible") == ["各县区政府"]


def test_task_table_with_a_group_column_and_lead_support_columns() -> None:
    text = "\n".join(
        [
            "某市食品安全工作要点",
            "附件：重点任务分工表",
            "序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限",
            "1\t强化源头治理\t开展耕地土壤污染排查\t市生态环境局\t市农业农村局\t2022年底前",
            "2\t\t推进农药减量增效\t市农业农村局\t\t持续推进",
            "3\t加强餐饮监管\t推行明厨亮灶\t市市场监管局\t市教育局、市卫健委\t2023年6月底前",
        ]
    )
    doc = _doc(text)
    assert [(t.ref, t.text, t.section[-1], t.names("lead"), t.names("support")) for t in doc.tasks] == [
        ("附件.1", "开展耕地土壤污染排查", "强化源头治理", ["市生态环境局"], ["市农业农村局"]),
        ("附件.2", "推进农药减量增效", "强化源头治理", ["市农业农村局"], []),
        ("附件.3", "推行明厨亮灶", "加强餐饮监管", ["市市场监管局"], ["市教育局", "市卫健委"]),
    ]
    assert [t.deadline_text for t in doc.tasks] == ["2022年底前", "持续推进", "2023年6月底前"]
    assert doc.unparsed == []


def test_a_time_cell_gives_its_quantities_as_targets_not_how_often() -> None:
    text = "\n".join(
        [
            "某县食品安全重点任务分工",
            "附件：重点任务分工表",
            "序号\t重点任务\t牵头单位\t完成时限",
            "1\t推进生产主体纳入追溯平台\t县农业农村局\t2021年起每年开展",
            "2\t开展食品安全宣传\t县食安办\t2021年底前知晓率达到80%",
        ]
    )
    doc = _doc(text)
    assert [t.deadlines[0].kind for t in doc.tasks] == ["recurring", "date"]
    assert [(t.ref, t.value) for t in doc.targets] == [("附件.2", "达到80%")]


def test_a_box_keeps_its_number_where_the_list_around_it_repeats_it_later() -> None:
    # Box 1's "2." could go on from the list around it (1．) or from its own: the section opens a
    # line with 2 again further down, so this 2 is the box's. The next box is numbered on from it.
    text = "\n".join(
        [
            "某市“十四五”食品安全规划",
            "第三章 主要任务",
            "第一节 强化风险监测",
            "1．完善监测网络。",
            "专栏1 风险监测能力提升工程",
            "1．市级食品检验检测中心建设（市市场监管局牵头）。",
            "2．县级检验机构标准化建设（各县区政府负责）。",
            "2．提升检验能力。",
            "专栏2 智慧监管工程",
            "1．建设智慧监管平台（市市场监管局牵头）。",
            "3．加强信息共享。",
        ]
    )
    assert [t.ref for t in _doc(text).tasks] == [
        "第三章.第一节.1",
        "第三章.第一节.专栏1.1",
        "第三章.第一节.专栏1.2",
        "第三章.第一节.2",
        "第三章.第一节.专栏2.1",
        "第三章.第一节.3",
    ]


def test_an_indicator_table_headed_by_years_reads_the_latest_as_the_goal() -> None:
    text = "\n".join(
        [
            "某区“十四五”食品安全规划",
            "第一章 发展环境",
            "“十三五”期间，全区食品抽检合格率达到97.5%。",
            "第二章 主要目标",
            "表1 主要指标",
            "序号\t指标名称\t2020年\t2025年\t指标属性",
            "1\t食品抽检量（批次/千人）\t4\t5\t约束性",
            "2\t食用农产品例行监测合格率（%）\t97.5\t≥98\t预期性",
        ]
    )
    doc = _doc(text)
    # A plan's review of the years before it is background: its figures are no targets.
    assert {s.ref: s.kind for s in doc.sections}["第一章"] == "background" and doc.tasks == []
    assert [(t.indicator, t.value, t.unit, t.year, t.attribute) for t in doc.targets] == [
        ("食品抽检量（批次/千人）", "5", "批次/千人", 2025, "约束性"),
        ("食用农产品例行监测合格率（%）", "≥98", "%", 2025, "预期性"),
    ]
    # The baseline is reported, with its year, not dropped.
    assert [(u.text, u.reason) for u in doc.unparsed] == [
        ("4", "table cell (2020年)"),
        ("97.5", "table cell (2020年)"),
    ]


@pytest.mark.parametrize("apart", [False, True])
def test_a_table_copied_from_a_page_a_cell_per_line(apart: bool) -> None:
    # A page's table copied as text: each cell on a line of its own, rows apart by a blank line or
    # one after another, where each row's number opens it. A document of the table alone.
    rows = [
        ["1", "开展校园食品安全专项检查", "县教育局", "县市场监管局", "2026年9月"],
        ["2", "推进农贸市场快检室建设", "县市场监管局", "县商务局、各乡镇", "2026年12月底前"],
        ["3", "开展农药残留专项整治", "县农业农村局", "县市场监管局", "长期坚持"],
    ]
    header = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
    lines = ["某县2026年食品安全重点工作任务分工", "", *header]
    for row in rows:
        lines += [""] * apart + row
    doc = _doc("\n".join(lines))
    assert doc.title == "某县2026年食品安全重点工作任务分工"
    assert doc.issuer is None
    assert [(t.text, t.names("lead"), t.names("support"), t.deadline_text) for t in doc.tasks] == [
        (text, [lead], support.split("、"), due) for _, text, lead, support, due in rows
    ]
    assert doc.unparsed == []


@pytest.mark.parametrize("gap", ["\u3000", "\u3000\u3000"])
def test_an_indicator_table_with_cells_set_apart_by_ideographic_spaces(gap: str) -> None:
    # An indicator box as a page's text gives it: cells set apart by one ideographic space or a
    # run of them; the next chapter's heading ends the table.
    rows = [
        "序号　指标名称　2020年　2025年　属性",
        "1　食品抽检合格率（%）　97　98　预期性",
        "2　农产品例行监测合格率（%）　97.5　98　约束性",
    ]
    lines = [
        "某市“十四五”食品安全规划",
        "第二章　主要目标",
        "专栏1　主要指标",
        *(row.replace("\u3000", gap) for row in rows),
        f"第三章{gap}主要任务",
        "一、加强源头治理（市农业农村局）",
    ]
    doc = _doc("\n".join(lines))
    assert [(t.indicator, t.value, t.year) for t in doc.targets] == [
        ("食品抽检合格率（%）", "98", 2025),
        ("农产品例行监测合格率（%）", "98", 2025),
    ]
    assert [(t.ref, t.names("responsible")) for t in doc.tasks] == [("第三章.一", ["市农业农村局"])]


def test_a_table_laid_out_with_runs_of_spaces() -> None:
    # As a table copied from a page or from a PDF's text layout: no tabs, columns by position; a
    # cell may be empty, and a cell's text may wrap onto a line of its own under its column.
    text = "\n".join(
        [
            "某县2023年食品安全重点任务分工",
            "二、任务分工",
            "序号    工作任务                          牵头单位        配合单位              完成时限",
            "1       开展食用农产品“治违禁 控药残”行动   县农业农村局    县市场监管局          2023年12月底前",
            "2       开展学校食堂专项检查               县教育局                              2023年9月30日前",
            "3       开展“铁拳”行动，严厉打击制售假冒   县市场监管局    县公安局、县商务局    全年",
            "        伪劣食品违法行为",
            "三、保障措施",
            "各乡镇要加强组织领导。",
        ]
    )
    doc = _doc(text)
    assert [(t.ref, t.text, t.names("lead"), t.names("support"), t.deadline_text) for t in doc.tasks] == [
        (
            "二.表.1",
            "开展食用农产品“治违禁 控药残”行动",
            ["县农业农村局"],
            ["县市场监管局"],
            "2023年12月底前",
        ),
        ("二.表.2", "开展学校食堂专项检查", ["县教育局"], [], "2023年9月30日前"),
        (
            "二.表.3",
            "开展“铁拳”行动，严厉打击制售假冒伪劣食品违法行为",
            ["县市场监管局"],
            ["县公安局", "县商务局"],
            "全年",
        ),
        ("三", "保障措施\n各乡镇要加强组织领导。", [], [], None),
    ]
    assert doc.unparsed == []


def test_a_heading_that_names_a_department_makes_it_responsible_for_what_is_under_it() -> None:
    # A 责任清单 lists each body's duties under its name.
    text = "\n".join(
        [
            "某市食品安全工作责任清单",
            "一、市市场监管局",
            "1.负责食品生产、销售、餐饮服务环节的食品安全监督管理。",
            "2.负责组织开展食品安全监督抽检（市卫生健康委配合）。",
            "二、市教育局",
            "负责督促学校落实食品安全主体责任。",
            "三、各镇（街道）",
            "1.负责辖区内食品安全属地管理工作。",
            "四、加强组织领导",
            "1.建立工作专班。",
            "2.培育和发展行业协会",
            "发挥行业自律作用。",
        ]
    )
    roles = {t.ref: [(r.role, r.department, r.provenance.line) for r in t.roles] for t in _doc(text).tasks}
    assert roles == {
        "一.1": [("responsible", "市市场监管局", 2)],
        # An item naming only who supports it is still the body's.
        "一.2": [("responsible", "市市场监管局", 2), ("support", "市卫生健康委", 4)],
        "二": [("responsible", "市教育局", 5)],
        "三.1": [("responsible", "各镇（街道）", 7)],
        "四.1": [],
        "四.2": [],  # a duty whose last word names a kind of body (协会) names no body
    }


def test_a_date_without_a_year_is_in_the_year_written_before_it() -> None:
    text = "某县2023年工作安排\n一、任务\n1.开展整治，2024年6月底前完成摸底排查，12月底前完成集中整治。（县市场监管局）"
    (task,) = _doc(text).tasks
    assert [d.date for d in task.deadlines] == ["2024-06-30", "2024-12-31"]


def test_items_numbered_with_a_closing_bracket_or_by_levels_are_tasks_of_their_own() -> None:
    text = (
        "某县重点工作安排\n一、强化源头治理\n（一）加强农产品质量安全监管。\n"
        "1）开展农药兽药使用减量行动。（县农业农村局牵头，县市场监管局配合）\n"
        "2）推进承诺达标合格证制度。（县农业农村局负责）\n"
        "二、严格过程监管\n（一）加强校园食品安全。\n"
        "1.1 推进学校食堂明厨亮灶建设，年底前覆盖率达到100%。（县教育局牵头）\n"
        "1.2 落实校长陪餐制度。（县教育局负责）"
    )
    doc = _doc(text)
    assert [t.ref for t in doc.tasks] == ["一.(一).(1)", "一.(一).(2)", "二.(一).1", "二.(一).2"]
    assert [t.names("lead") or t.names("responsible") for t in doc.tasks] == [["县农业农村局"]] * 2 + [
        ["县教育局"]
    ] * 2
    # A time limit opening the clause is no part of the indicator (年底前覆盖率).
    assert [(t.indicator, t.value) for t in doc.targets] == [("覆盖率", "达到100%")]


def test_two_tab_tables_apart_are_two_tables_with_their_own_headers() -> None:
    text = (
        "某区2025年食品安全工作任务清单\n\n序号\t工作内容\t责任单位\t时间安排\n"
        "1\t开展校园食品安全专项检查\t区市场监管局、区教育局\t3月、9月\n2\t组织宣传周活动\t区食安办\t6月\n\n"
        "序号\t重点工作\t主办单位\t协办单位\t进度要求\n1\t推进明厨亮灶建设\t区市场监管局\t区教育局\t2025年10月底前完成"
    )
    doc = _doc(text)
    assert [(t.ref, t.names("lead"), t.names("support")) for t in doc.tasks] == [
        ("表.1", [], []),
        ("表.2", [], []),
        ("表2.1", ["区市场监管局"], ["区教育局"]),
    ]
    # a time cell of months alone is in the document's year
    assert [[d.date for d in t.deadlines] for t in doc.tasks] == [
        ["2025-03-31", "2025-09-30"],
        ["2025-06-30"],
        ["2025-10-31"],
    ]
    assert doc.unparsed == []


def test_a_text_without_numbering_has_its_attributed_paragraphs_as_tasks() -> None:
    # As a Word document structured by heading styles alone reads: no marker anywhere.
    lines = [
        "某县2025年食品安全工作要点",
        "为做好2025年食品安全工作，制定本要点。到2025年底，食品抽检合格率达到98%。",
        "强化源头治理",
        "开展农药兽药残留专项整治，快检覆盖率达到90%，2025年6月底前完成。（县农业农村局牵头，县市场监管局配合）",
        "推进承诺达标合格证制度。（县农业农村局）",
        "严格过程监管",
        # a paragraph wrapped over two lines: the first about as long as the longest, unpunctuated
        "加强校园食品安全监管，落实校长（园长）陪餐制度和食品安全总监制度，推进学校食堂明厨亮灶建设和",
        "督促学校落实校长负责制。（县教育局、县市场监管局按职责分工负责）",
    ]
    assert len(lines[6]) >= max(map(len, lines)) * 4 // 5
    doc = _doc("\n".join(lines))
    tasks = [
        (t.ref, t.line, t.end_line, t.section, [(r.role, r.department) for r in t.roles]) for t in doc.tasks
    ]
    assert tasks == [
        ("第3段", 4, 4, ["强化源头治理"], [("lead", "县农业农村局"), ("support", "县市场监管局")]),
        ("第4段", 5, 5, ["强化源头治理"], [("responsible", "县农业农村局")]),
        ("第6段", 7, 8, ["严格过程监管"], [("responsible", "县教育局"), ("responsible", "县市场监管局")]),
    ]
    # The short lines above them are sections; the preamble keeps the rest; each target once.
    assert [(s.ref, s.title, s.kind) for s in doc.sections] == [
        ("preamble", "某县2025年食品安全工作要点", "preamble"),
        ("第2段", "强化源头治理", "body"),
        ("第5段", "严格过程监管", "body"),
    ]
    assert [(t.value, t.ref) for t in doc.targets] == [("达到98%", None), ("达到90%", "第3段")]
    assert [d.date for d in doc.tasks[0].deadlines] == ["2025-06-30"]


def test_a_notices_paragraphs_after_its_lead_in_are_tasks() -> None:
    # A short notice of unnumbered paragraphs: what follows 现就有关事项通知如下： is what it asks.
    lines = [
        "关于做好2026年春节期间食品安全工作的通知",
        "各乡镇人民政府，县直有关单位：",
        "春节将至，为切实保障节日期间食品安全，现就有关事项通知如下：",
        "县市场监管局要加强对超市、农贸市场的监督检查，1月31日前完成一轮检查。",
        "县农业农村局：负责开展农药残留快速检测。",
        "各乡镇人民政府要加强农村集体聚餐指导，2月底前报送工作总结。",
        "特此通知。",
        "某县食品安全委员会办公室",
        "2026年1月10日",
    ]
    doc = _doc("\n".join(lines))
    assert [(t.ref, t.line, t.names("responsible"), [d.date for d in t.deadlines]) for t in doc.tasks] == [
        ("第2段", 4, [], ["2026-01-31"]),  # a subject is no attribution
        ("第3段", 5, ["县农业农村局"], []),
        ("第4段", 6, [], ["2026-02-28"]),
    ]
    assert [(s.ref, s.line) for s in doc.sections] == [("preamble", 3)]
    # Without a lead-in, paragraphs are tasks only where they carry an attribution.
    plain = _doc(
        "\n".join([*lines[:2], "春节将至，为切实保障节日期间食品安全，各单位要高度重视。", *lines[3:]])
    )
    assert [t.ref for t in plain.tasks] == ["第3段"]


def test_a_bodys_name_alone_over_unnumbered_paragraphs_heads_its_duties() -> None:
    lines = [
        "某县食品安全委员会成员单位职责",
        "现将各成员单位职责明确如下：",
        "县市场监管局：",
        "负责食品生产经营环节监督管理。",
        "负责组织开展食品安全抽检监测。",
        "县教育局：",
        "负责指导学校食堂食品安全管理。",
    ]
    doc = _doc("\n".join(lines))
    assert [(t.ref, t.section, t.names("responsible")) for t in doc.tasks] == [
        ("第3段", ["县市场监管局"], ["县市场监管局"]),
        ("第4段", ["县市场监管局"], ["县市场监管局"]),
        ("第6段", ["县教育局"], ["县教育局"]),
    ]


def test_a_ledgers_goal_column_gives_the_rows_targets() -> None:
    text = "\n".join(
        [
            "某县食品安全重点工作推进台账",
            "序号\t工作举措\t工作目标\t主责部门\t协同部门\t完成时限",
            "1\t推进“互联网+明厨亮灶”\t学校食堂覆盖率达到100%\t县教育局\t县市场监管局\t2024年底前",
            "2\t建设食品快检室\t建成快检室5个\t县市场监管局\t各乡镇人民政府\t2024年10月底前",
            "3\t完善追溯体系\t基本建立追溯体系\t县商务局\t县市场监管局\t持续推进",
        ]
    )
    doc = _doc(text)
    assert [(t.text, t.names("responsible"), t.names("support")) for t in doc.tasks] == [
        ("推进“互联网+明厨亮灶”", ["县教育局"], ["县市场监管局"]),
        ("建设食品快检室", ["县市场监管局"], ["各乡镇人民政府"]),
        ("完善追溯体系", ["县商务局"], ["县市场监管局"]),
    ]
    assert [(t.ref, t.indicator, t.value, t.task_id) for t in doc.targets] == [
        ("表.1", "学校食堂覆盖率", "达到100%", doc.tasks[0].id),
        ("表.2", "建成快检室", "5个", doc.tasks[1].id),
    ]
    # A goal with no quantity is reported, not dropped.
    assert [(u.line, u.text) for u in doc.unparsed] == [(5, "基本建立追溯体系")]


def test_articles_of_measures_with_general_and_supplementary_provisions() -> None:
    text = "\n".join(
        [
            "某县食品安全工作责任制实施办法",
            "第一章  总则",
            "第一条  为落实食品安全工作责任，根据《地方党政领导干部食品安全责任制规定》，制定本办法。",
            "第二章  部门责任",
            "第二条  县教育局、县市场监管局按职责分工负责学校食品安全管理工作。",
            "第三章  附则",
            "第三条  本办法自2024年5月1日起施行。",
        ]
    )
    doc = _doc(text)
    # 总则 and 附则 frame the articles that assign work; a one-sentence article is its own title.
    assert [t.ref for t in doc.tasks] == ["第二章.第二条"]
    assert [(p.title, p.scope) for p in doc.parents] == [("地方党政领导干部食品安全责任制规定", "document")]


def test_a_duty_list_as_a_table_of_bodies_and_their_duties() -> None:
    text = "\n".join(
        [
            "某县食品安全工作责任清单",
            "序号\t责任单位\t主要职责\t工作要求",
            "1\t县市场监管局\t负责食品生产经营环节监督管理\t全年抽检不少于4批次/千人",
            "2\t县农业农村局\t负责食用农产品质量安全监管\t例行监测合格率稳定在98%以上",
        ]
    )
    doc = _doc(text)
    assert [(t.text, t.names("responsible")) for t in doc.tasks] == [
        ("负责食品生产经营环节监督管理", ["县市场监管局"]),
        ("负责食用农产品质量安全监管", ["县农业农村局"]),
    ]
    # The requirements column gives each duty's targets.
    assert [(t.ref, t.indicator, t.value) for t in doc.targets] == [
        ("表.1", "全年抽检", "不少于4批次/千人"),
        ("表.2", "例行监测合格率", "稳定在98%以上"),
    ]


def test_an_item_opening_with_a_bodys_name_and_a_colon_is_that_bodys() -> None:
    # A list of a committee's members and their duties.
    text = "\n".join(
        [
            "县食品安全委员会成员单位职责",
            "一、县委宣传部、县网信办：负责食品安全宣传报道和网络舆情工作。",
            "二、县市场监管局：负责食品生产经营环节的监督管理（县公安局配合）。",
            "三、工作目标：到2025年食品抽检合格率达到98%。",
            "四、牵头单位：县农业农村局",
        ]
    )
    roles = {t.ref: [(r.role, r.department, r.provenance.quote) for r in t.roles] for t in _doc(text).tasks}
    assert roles == {
        "一": [
            ("responsible", "县委宣传部", "县委宣传部、县网信办："),
            ("responsible", "县网信办", "县委宣传部、县网信办："),
        ],
        "二": [
            ("responsible", "县市场监管局", "县市场监管局："),
            ("support", "县公安局", "（县公安局配合）"),
        ],
        "三": [],  # a field's label is no body
        "四": [("lead", "县农业农村局", "牵头单位：县农业农村局")],
    }


def test_an_item_opening_with_a_bodys_name_and_a_full_stop_is_that_bodys() -> None:
    text = "\n".join(
        [
            "某市2026年食品安全工作职责分工",
            "一、市教育局。负责指导学校落实食品安全主体责任，12月底前完成学校食堂检查。",
            "二、加强监管。开展专项检查。",
            # a line opening with a sentence of 各… is no body's name
            "三、强化组织实施。各乡镇要明确时间表，",
            "各项改革举措落实到位。区食安办要建立协调机制。（责任单位：区委组织部）",
        ]
    )
    doc = _doc(text)
    assert [(t.ref, t.names("responsible")) for t in doc.tasks] == [
        ("一", ["市教育局"]),
        ("二", []),
        ("三", ["区委组织部"]),
    ]
    # the title's year dates the month the item gives
    assert [d.date for d in doc.tasks[0].deadlines] == ["2026-12-31"]


def test_paragraphs_opening_with_a_bodys_name_and_a_colon_are_tasks_of_their_own() -> None:
    text = "\n".join(
        [
            "市食品安全委员会成员单位职责分工",
            "一、市市场监管局",
            "负责食品安全综合协调工作。",
            "负责食品生产经营环节监督管理。",
            "二、其他成员单位",
            "市公安局：负责组织指导食品安全犯罪案件侦查工作。",
            "市教育局：负责指导学校食堂食品安全管理工作，",
            "督促学校落实校长负责制。",
        ]
    )
    tasks = [(t.ref, t.line, [(r.role, r.department) for r in t.roles]) for t in _doc(text).tasks]
    assert tasks == [
        ("一", 2, [("responsible", "市市场监管局")]),  # its paragraphs name no body: one task
        ("二.第1段", 6, [("responsible", "市公安局")]),
        ("二.第2段", 7, [("responsible", "市教育局")]),  # with the line that goes on from it
    ]


def test_a_pdf_lines_fullness_is_its_width_not_its_number_of_characters() -> None:
    # Half-width punctuation takes half a Chinese character's width: most lines of this page hold
    # eight commas and 48 characters, and a full line without them 44.
    lines = [
        "某县2026年食品安全重点工作安排",
        "一、重点任务",
        "1.加强产地准出管理,推进合格证制度,落实主体责任,开展培训,强化宣传,规范经营,健全台账,严格检",
        "查,完善追溯体系,推动信息共享,加强部门协作,开展联合执法,严查违法,曝光典型,强化震慑,形成合",
        "力,开展农产品质量专项整治行动严厉打击违法违规行为加强产地环节监督管理（县农业农村局）。",
        "落实属地管理责任（县市场监管局）。",
        "2.落实监管责任,压实企业责任,健全工作机制,强化督查考核,严格问责,确保实效,推动落实,取得成",
        "效,健全长效机制,加大投入力度,加强队伍建设,提升监管能力,强化科技支撑,严格执法,公开信息,接",
        "受监督（县市场监管局）。",
    ]
    assert [len(line) for line in lines[2:5]] == [49, 48, 44]
    source = Source(
        "t.pdf", "t.pdf", "pdf", None, [TextLine(i, t) for i, t in enumerate(lines, 1)], "0" * 64, 1
    )
    tasks = extract_source(source).tasks
    assert [(t.ref, t.names("responsible")) for t in tasks] == [
        ("一.1", ["县农业农村局", "县市场监管局"]),
        ("一.2", ["县市场监管局"]),
    ]


def test_a_pdfs_full_lines_go_on_whatever_falls_at_their_end() -> None:
    # A page's lines are as wide as the page: one may end with an attribution and a full stop in
    # the middle of an item, or inside a name (县委 / 编办), and the text goes on on the next.
    lines = [
        "某县2026年食品安全重点工作安排",
        "一、重点任务",
        "1.开展农产品质量专项整治，严厉打击违法违规（县农业农村局）。",
        "加强产地准出管理，全面推行食用农产品承诺达标合格证制度，并提升",
        "追溯能力（县市场监管局）。",
        "2.加强乡镇基层监管机构建设，落实监管人员编制（责任单位：县委",
        "编办、县财政局），2026年底前完成。",
    ]
    assert {len(line) for line in lines[2:4] + lines[5:6]} == {31}  # full lines
    source = Source(
        "t.pdf", "t.pdf", "pdf", None, [TextLine(i, t) for i, t in enumerate(lines, 1)], "0" * 64, 1
    )
    tasks = extract_source(source).tasks
    assert [(t.ref, [(r.department, r.provenance.line) for r in t.roles]) for t in tasks] == [
        ("一.1", [("县农业农村局", 3), ("县市场监管局", 5)]),
        ("一.2", [("县委编办", 6), ("县财政局", 6)]),
    ]
    # The text reads on across the page's full lines; a line a paragraph ends short keeps its break.
    assert "合格证制度，并提升追溯能力" in tasks[0].text
    # The same lines in a text file are paragraphs of their own.
    txt = Source(
        "t.txt", "t.txt", "txt", "utf-8", [TextLine(i, t) for i, t in enumerate(lines, 1)], "0" * 64, 1
    )
    assert [t.ref for t in extract_source(txt).tasks] == ["一.1.第1段", "一.1.第2段", "一.2"]


def test_an_article_opening_with_a_body_and_fu_ze_is_that_bodys() -> None:
    text = "\n".join(
        [
            "某县农村集体聚餐食品安全管理办法",
            "第一章　职责分工",
            "第三条　县市场监督管理局负责农村集体聚餐食品安全的指导和监督。",
            "第四条　由各乡镇人民政府负责本辖区农村集体聚餐的备案管理。",
            "第五条　各举办者要落实主体责任，实行厨师负责制。",
            "第六条　学校负责人要落实陪餐制度。",
        ]
    )
    tasks = [(t.ref, [(r.role, r.department, r.provenance.quote) for r in t.roles]) for t in _doc(text).tasks]
    assert tasks == [
        ("第一章.第三条", [("responsible", "县市场监督管理局", "县市场监督管理局负责")]),
        ("第一章.第四条", [("responsible", "各乡镇人民政府", "由各乡镇人民政府负责")]),
        # a subject that only should (要) is no attribution, nor a 负责制 or a 负责人
        ("第一章.第五条", []),
        ("第一章.第六条", []),
    ]


@pytest.mark.parametrize(
    "drawn",
    [
        [
            "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |",
            "|---|---|---|---|---|",
            "| 1 | 开展农药残留专项整治 | 县农业农村局 | 县市场监管局 | 2024年10月底前 |",
            "| 2 | 开展校园食品安全专项检查 | 县教育局 | 县市场监管局、县卫健局 | 2024年9月30日前 |",
        ],
        [
            "┌──┬──────┬────┬────┬────┐",
            "│序号│工作任务│牵头单位│配合单位│完成时限│",
            "├──┼──────┼────┼────┼────┤",
            "│1│开展农药残留专项整治│县农业农村局│县市场监管局│2024年10月底前│",
            "├──┼──────┼────┼────┼────┤",
            "│2│开展校园食品安全专项检查│县教育局│县市场监管局、县卫健局│2024年9月30日前│",
            "└──┴──────┴────┴────┴────┘",
        ],
    ],
)
def test_a_table_drawn_with_bars(drawn: list[str]) -> None:
    doc = _doc("\n".join(["某县2024年食品安全重点任务分工", "一、任务分工", *drawn]))
    assert [(t.text, t.names("lead"), t.names("support"), t.deadline_text) for t in doc.tasks] == [
        ("开展农药残留专项整治", ["县农业农村局"], ["县市场监管局"], "2024年10月底前"),
        ("开展校园食品安全专项检查", ["县教育局"], ["县市场监管局", "县卫健局"], "2024年9月30日前"),
    ]
    assert doc.unparsed == []
    # Every line of the drawing is the table's, its rules too: none is text of the section.
    assert {x.ref: x.text for x in doc.sections}["一"] == ""


def test_the_list_of_attachments_after_the_text_holds_no_task() -> None:
    text = "\n".join(
        [
            "某县工作安排",
            "一、落实责任",
            "（一）健全责任体系。制定责任清单。（县食安办牵头）",
            "附件：1．某县食品安全工作任务分工表",
            "      2．县食安委成员单位联系人名单",
            "      3．县食安委成员单位职责",
            "附件1",
            "某县食品安全工作任务分工表",
            "序号\t工作任务\t责任单位\t完成时限",
            "1\t开展宣传周活动\t县市场监管局\t2025年10月底前",
        ]
    )
    doc = _doc(text)
    assert [t.ref for t in doc.tasks] == ["一.(一)", "附件1.1"]
    listing = [s for s in doc.sections if s.ref == "附件"]
    assert [s.text.count("．") for s in listing] == [3]  # the three entries are the list's text
    assert doc.unparsed == []


def test_an_item_after_the_list_of_attachments_numbered_on_is_still_an_item() -> None:
    # An attachment whose title is a list's first entry, then an item numbered 2 that says what
    # to do: a sentence, not an entry of the list.
    text = "\n".join(
        [
            "某县工作安排",
            "附件：1．任务分工表",
            "2．各单位要于6月底前报送工作进展，逾期未报的予以通报。",
        ]
    )
    assert "附件.2" in _refs(text)


def test_a_date_wrapped_in_a_narrow_time_cell_is_one() -> None:
    header = ("序号", "工作任务", "责任单位", "完成时限")
    cells = [
        ("1", "开展宣传周活动", "县市场监管局", "2025年10月\n15日前"),
        ("2", "开展抽检", "县农业农村局", "2025年\n6月底前"),
    ]
    rows = tuple(tuple(TableCell(c, 2 + i) for c in row) for i, row in enumerate([header, *cells]))
    blocks: list[TextLine | Table] = [TextLine(1, "某县任务分工表"), Table(2, rows)]
    doc = extract_source(Source("t.docx", "t.docx", "docx", None, blocks, "0" * 64, 1))
    assert [(t.deadline_text, [d.date for d in t.deadlines]) for t in doc.tasks] == [
        ("2025年10月15日前", ["2025-10-15"]),
        ("2025年6月底前", ["2025-06-30"]),
    ]


@pytest.mark.parametrize(
    "first",
    [
        "（一）开展专项检查（区市场监管局、区教育局、区公安分局按职责分工负责，排在第一位的为牵头单位，下同）。",
        "（一）开展专项检查。责任单位：区市场监管局、区教育局、区公安分局（排名第一的为牵头单位，下同）",
    ],
)
def test_a_document_that_says_the_first_of_a_list_leads_makes_it_lead(first: str) -> None:
    text = "\n".join(
        [
            "某区工作要点",
            "一、强化监管",
            first,
            "（二）开展抽检（区农业农村局、区市场监管局）。",
            "（三）开展宣传（区委宣传部牵头，区市场监管局、区教育局配合）。",
            "（四）加强执法（区公安分局）。",
        ]
    )
    doc = _doc(text)
    assert [(t.names("lead"), t.names("responsible"), t.names("support")) for t in doc.tasks] == [
        (["区市场监管局"], ["区教育局", "区公安分局"], []),
        (["区农业农村局"], ["区市场监管局"], []),
        (["区委宣传部"], [], ["区市场监管局", "区教育局"]),
        ([], ["区公安分局"], []),
    ]


def test_a_tables_note_that_the_first_of_a_cell_leads_makes_it_lead() -> None:
    text = "\n".join(
        [
            "某县任务分工表",
            "序号\t工作任务\t责任单位\t完成时限",
            "1\t开展宣传周活动\t县市场监管局、县委宣传部\t2025年6月底前",
            "2\t开展抽检\t县农业农村局\t2025年底前",
            "注：责任单位中排在第一位的为牵头单位。",
        ]
    )
    doc = _doc(text)
    assert [(t.names("lead"), t.names("responsible")) for t in doc.tasks] == [
        (["县市场监管局"], ["县委宣传部"]),
        ([], ["县农业农村局"]),
    ]


def test_a_number_broken_over_two_lines_is_one() -> None:
    # Narrow lines of a PDF page wrap 100% and 12月15日前 anywhere.
    text = "\n".join(
        [
            "某县实施方案",
            "一、重点任务",
            "（一）加强培训。从业人员培训上岗率达到10",
            "0%，于1",
            "2月15日前完成考核。（县市场监管局）",
            "（二）开展抽检。全年完成抽检",
            "2000批次。（县农业农村局）",
        ]
    )
    doc = _doc(text)
    first = doc.tasks[0]
    assert (first.deadline_text, [d.date for d in first.deadlines]) == ("12月15日前", [None])
    assert [(t.indicator, t.value) for t in doc.targets if t.ref == first.ref] == [
        ("从业人员培训上岗率", "达到100%")
    ]
    assert [t.line for t in doc.tasks] == [3, 6]


def test_items_under_a_phase_are_due_when_it_ends() -> None:
    text = "\n".join(
        [
            "某市2025年专项整治行动方案",
            "三、实施步骤",
            "（二）集中整治阶段（2025年4月—9月）",
            "1.开展全覆盖检查。对学校食堂开展监督检查。（市市场监管局）",
            "2.开展监督抽检。10月底前完成抽检。（市市场监管局）",
            "四、2025年重点工作",
            "（一）加强宣传。（市委宣传部）",
        ]
    )
    doc = _doc(text)
    assert [(t.ref, t.deadline_text, [(d.date, d.line) for d in t.deadlines]) for t in doc.tasks] == [
        ("三.(二).1", "2025年4月—9月", [("2025-09-30", 3)]),
        ("三.(二).2", "10月底前", [("2025-10-31", 5)]),
        ("四.(一)", None, []),
    ]


def test_a_rectification_lists_problem_is_its_tasks_title() -> None:
    text = "\n".join(
        [
            "某县整改任务清单",
            "序号\t存在问题\t整改措施\t责任单位\t整改时限",
            "1\t快检室运行不规范\t规范农贸市场快检室运行管理\t县市场监管局\t立行立改",
        ]
    )
    doc = _doc(text)
    assert [(t.title, t.text, t.deadline_text) for t in doc.tasks] == [
        ("快检室运行不规范", "规范农贸市场快检室运行管理", "立行立改")
    ]
    assert doc.unparsed == []


def test_a_row_without_a_time_cell_takes_the_time_limits_its_task_cell_writes() -> None:
    text = "\n".join(
        [
            "某市2025年学校食品安全工作任务分工",
            "序号\t工作任务\t责任单位",
            "1\t学校食堂全覆盖检查，11月底前完成校外供餐单位检查。\t市教育局牵头，市市场监管局配合",
            "2\t推行陪餐制度。\t市教育局",
        ]
    )
    doc = _doc(text)
    assert [(t.deadline_text, [d.date for d in t.deadlines]) for t in doc.tasks] == [
        ("11月底前", ["2025-11-30"]),
        (None, []),
    ]


@pytest.mark.parametrize(
    "goals", [["二、主要目标（2025年）"], ["二、工作目标", "到2025年，全县食品安全状况持续向好。具体目标："]]
)
def test_the_year_a_goals_section_sets_is_the_year_of_the_goals_listed_under_it(goals: list[str]) -> None:
    text = "\n".join(
        ["某县实施方案", *goals, "（一）食品抽检合格率达到98%以上。", "（二）群众满意度达到80%以上。"]
    )
    assert [(t.indicator, t.year) for t in _doc(text).targets] == [
        ("食品抽检合格率", 2025),
        ("群众满意度", 2025),
    ]


@pytest.mark.parametrize(
    ("header", "row", "unread"),
    [
        (
            "序号\t整改任务\t责任单位\t责任领导\t整改进展\t完成时限",
            "1\t规范校园周边食品经营秩序\t县市场监管局\t王××\t已完成排查\t2025年9月底前",
            ["王××", "已完成排查"],
        ),
        (
            "序号\t考核内容\t分值\t评分标准\t责任单位",
            "1\t开展学校食堂专项检查\t10\t未开展的扣5分\t县教育局",
            ["10", "未开展的扣5分"],
        ),
    ],
)
def test_a_task_table_with_two_columns_of_no_known_kind_is_still_a_table(
    header: str, row: str, unread: list[str]
) -> None:
    doc = _doc("\n".join(["某县工作清单", header, row]))
    assert [(t.ref, t.text, [r.department for r in t.roles]) for t in doc.tasks] == [
        ("表.1", row.split("\t")[1], ["县市场监管局" if "市场" in row else "县教育局"])
    ]
    # The cells no column kind reads are kept, reported with their header.
    assert sorted(u.text for u in doc.unparsed) == sorted(unread)


def test_a_row_of_prose_with_two_header_words_is_no_table() -> None:
    text = "\n".join(["某县方案", "一、任务", "职责\t明确\t强化\t落实\t责任单位"])
    doc = _doc(text)
    assert all(s.kind != "table" for s in doc.sections)
    assert [t.ref for t in doc.tasks] == ["一"]


@pytest.mark.parametrize(
    "between",
    [
        ["", "— 2 —", ""],
        ["续表"],
        ["（续表）", "序号\t工作任务\t责任单位\t完成时限"],
        ["", "- 3 -", "序号\t工作任务\t责任单位\t完成时限"],
    ],
    ids=["page-number", "continued", "continued-with-header", "page-number-with-header"],
)
def test_a_tab_table_goes_on_over_a_page_break(between: list[str]) -> None:
    text = "\n".join(
        [
            "某县2025年食品安全重点工作任务分工",
            "序号\t工作任务\t责任单位\t完成时限",
            "1\t开展学校食堂专项检查\t县市场监管局\t2025年6月底前",
            *between,
            "2\t开展农村集体聚餐指导\t县卫生健康局\t2025年10月底前",
        ]
    )
    doc = _doc(text)
    assert [(t.ref, t.text, t.deadline_text) for t in doc.tasks] == [
        ("表.1", "开展学校食堂专项检查", "2025年6月底前"),
        ("表.2", "开展农村集体聚餐指导", "2025年10月底前"),
    ]
    # A page number is reported as the page's; 续表 and the header repeated are the table's.
    numbers = [line for line in between if "—" in line or "-" in line]
    assert [(u.text, u.reason) for u in doc.unparsed] == [(n, "page furniture") for n in numbers]


def _cells(line: int, *texts: str) -> tuple[TableCell, ...]:
    return tuple(TableCell(t, line) for t in texts)


_HEADER = ("序号", "工作任务", "责任单位")


@pytest.mark.parametrize(
    ("between", "second", "refs"),
    [
        (["续表"], [_HEADER, ("2", "开展农村集体聚餐指导", "县卫生健康局")], ["表.1", "表.2"]),
        (["续表"], [("2", "开展农村集体聚餐指导", "县卫生健康局")], ["表.1", "表.2"]),
        # nothing between: two tables, though alike
        ([], [_HEADER, ("2", "开展农村集体聚餐指导", "县卫生健康局")], ["表.1", "表2.2"]),
        # a header of its own: another table
        (
            ["续表"],
            [("序号", "工作内容", "牵头单位"), ("2", "开展农村集体聚餐指导", "县卫生健康局")],
            ["表.1", "表2.2"],
        ),
    ],
    ids=["header-again", "no-header", "nothing-between", "other-header"],
)
def test_a_documents_table_going_on_under_xubiao_is_one_table(
    between: list[str], second: list[tuple[str, ...]], refs: list[str]
) -> None:
    first = Table(2, (_cells(2, *_HEADER), _cells(3, "1", "开展学校食堂专项检查", "县市场监管局")))
    lines = [TextLine(4 + i, t) for i, t in enumerate(between)]
    at = 4 + len(lines)
    rest = Table(at, tuple(_cells(at + i, *row) for i, row in enumerate(second)))
    source = _source("某县2025年食品安全重点工作任务分工")
    source.blocks[1:] = [first, *lines, rest]
    doc = extract_source(source)
    assert [t.ref for t in doc.tasks] == refs
    assert doc.unparsed == []


@pytest.mark.parametrize(
    ("item", "refs"),
    [
        # a heading alone, with its full stop, introduces the table under it
        ("（一）校园食品安全。", ["一.(一).表.1"]),
        ("（一）校园食品安全", ["一.(一).表.1"]),
        # an item stating a duty is finished: the table is its section's
        ("（一）加强校园食品安全监管，落实校长负责制。", ["一.表.1", "一.(一)"]),
    ],
)
def test_a_table_under_an_item_that_is_a_heading_alone_is_the_items(item: str, refs: list[str]) -> None:
    source = _source(f"某县食品安全专项整治行动方案\n一、整治重点\n{item}")
    source.blocks.append(
        Table(4, (_cells(4, *_HEADER), _cells(5, "1", "开展校园周边食品安全检查", "县教育局")))
    )
    doc = extract_source(source)
    assert [t.ref for t in doc.tasks] == refs


def test_the_articles_of_a_banfa_that_speak_of_itself_frame_it() -> None:
    text = "\n".join(
        [
            "某县农村集体聚餐食品安全管理办法",
            "第一条　为加强农村集体聚餐食品安全管理，根据《中华人民共和国食品安全法》，结合本县实际，制定本办法。",
            "第二条　本办法适用于本县行政区域内农村集体聚餐的食品安全管理。",
            "第三条　县市场监管局负责农村集体聚餐食品安全的指导和监督。",
            "第四条　各乡镇人民政府负责本辖区农村集体聚餐的备案管理。",
            "第五条　本办法由县市场监管局负责解释。",
            "第六条　本办法自2025年5月1日起施行。",
        ]
    )
    doc = _doc(text)
    assert [t.ref for t in doc.tasks] == ["第三条", "第四条"]
    # The body an article opens with, before 负责, holds it; the sentence is no body's name.
    assert [[r.department for r in t.roles] for t in doc.tasks] == [["县市场监管局"], ["各乡镇人民政府"]]
    assert [(p.title, p.scope) for p in doc.parents] == [("中华人民共和国食品安全法", "document")]
    assert [(s.ref, s.kind) for s in doc.sections if s.kind != "body"] == [
        ("第一条", "guidance"),
        ("第二条", "guidance"),
        ("第五条", "guidance"),
        ("第六条", "guidance"),
    ]


def test_a_task_that_has_a_plan_made_is_still_a_task() -> None:
    text = "\n".join(
        ["某县实施方案", "一、工作任务", "（一）各乡镇要结合实际，制定本乡镇实施方案。（各乡镇人民政府）"]
    )
    assert [t.ref for t in _doc(text).tasks] == ["一.(一)"]


def test_an_indicator_tables_unit_column_gives_its_targets_units() -> None:
    text = "\n".join(
        [
            "某县食品安全“十四五”规划",
            "序号\t指标名称\t单位\t2020年\t2025年\t指标属性",
            "1\t食品抽检合格率\t%\t97.5\t98\t预期性",
            "2\t食品抽检量\t批次/千人\t4\t5\t约束性",
        ]
    )
    doc = _doc(text)
    assert [(t.indicator, t.value, t.unit, t.year, t.attribute) for t in doc.targets] == [
        ("食品抽检合格率", "98", "%", 2025, "预期性"),
        ("食品抽检量", "5", "批次/千人", 2025, "约束性"),
    ]
    assert [(u.text, u.reason) for u in doc.unparsed] == [
        ("97.5", "table cell (2020年)"),
        ("4", "table cell (2020年)"),
    ]


@pytest.mark.parametrize(
    ("header", "kind"),
    [("单位", "unit"), ("计量单位", "unit"), ("承担单位", None), ("主要责任单位", "responsible")],
)
def test_a_unit_column_is_headed_unit_alone(header: str, kind: str | None) -> None:
    from fsgraph.tables import column_kind

    assert column_kind(header) == kind


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("任务名称", "task"),
        ("督导单位", "support"),
        ("督办单位", "support"),
        ("指导单位", "support"),
        ("时间", "deadline"),
        ("活动时间", "deadline"),
        ("时间要求", "deadline"),
    ],
)
def test_a_column_of_the_task_or_of_who_oversees_it_or_when(header: str, kind: str) -> None:
    from fsgraph.tables import column_kind

    assert column_kind(header) == kind


def test_a_cell_saying_same_as_above_repeats_the_cell_above() -> None:
    text = "\n".join(
        [
            "某县2026年食品安全重点工作任务分工表",
            "序号\t工作任务\t牵头单位\t配合单位\t完成时限",
            "1\t开展校园食品安全专项检查\t县教育局\t县市场监管局\t2026年9月",
            "2\t推进学校食堂明厨亮灶建设\t同上\t〃\t2026年12月底前",
            "3\t开展农药残留专项整治\t县农业农村局\t县市场监管局\t同上",
        ]
    )
    doc = _doc(text)
    assert [(t.names("lead"), t.names("support"), [d.date for d in t.deadlines]) for t in doc.tasks] == [
        (["县教育局"], ["县市场监管局"], ["2026-09-30"]),
        (["县教育局"], ["县市场监管局"], ["2026-12-31"]),
        (["县农业农村局"], ["县市场监管局"], ["2026-12-31"]),
    ]
    # each role of a row that repeats the cell above is on its own row's line
    assert {r.provenance.line for r in doc.tasks[1].roles} == {4}
    assert doc.unparsed == []


@pytest.mark.parametrize("bodies", ["成员单位", "单位名称", "单位", "部门"])
def test_a_duty_table_whose_bodies_column_is_headed_by_its_members_or_units(bodies: str) -> None:
    # 单位 heads the unit of an indicator table's values; in a table of duties, the bodies.
    text = "\n".join(
        [
            "某县食品安全委员会成员单位职责",
            f"序号\t{bodies}\t主要职责",
            "1\t县市场监管局\t负责食品生产经营环节监督管理",
            "2\t县农业农村局\t负责食用农产品质量安全监管",
        ]
    )
    assert [(t.text, t.names("responsible")) for t in _doc(text).tasks] == [
        ("负责食品生产经营环节监督管理", ["县市场监管局"]),
        ("负责食用农产品质量安全监管", ["县农业农村局"]),
    ]


@pytest.mark.parametrize(
    ("lead", "responsible", "support"),
    [
        ("牵头处室", "责任处室", "配合处室"),
        ("牵头科室", "责任科室", "配合科室"),
        ("牵头股室", "责任股室", "配合股室"),
    ],
)
def test_a_bureaus_own_task_table_assigns_its_divisions(lead: str, responsible: str, support: str) -> None:
    # A bureau's plan for itself gives its divisions (处室, 科室, 股室) the work: their names end in
    # 处, 科, 股 or 室 with no place before them, which the column heading says are bodies.
    text = "\n".join(
        [
            "某市市场监督管理局2026年食品安全监管重点任务",
            f"序号\t工作内容\t{lead}\t{responsible}\t{support}\t完成时间",
            "1\t完成食品生产企业体系检查50家\t食品生产处\t\t\t11月底",
            "2\t开展特殊食品专项检查\t\t特殊食品处、法规科\t稽查支队\t10月底",
            "3\t推进农贸市场快检室规范化建设\t\t食品经营安全监督管理处\t办公室、各县（市、区）局\t全年",
        ]
    )
    doc = _doc(text)
    assert [(t.names("lead"), t.names("responsible"), t.names("support")) for t in doc.tasks] == [
        (["食品生产处"], [], []),
        ([], ["特殊食品处", "法规科"], ["稽查支队"]),
        ([], ["食品经营安全监督管理处"], ["办公室", "各县（市、区）局"]),
    ]
    assert doc.unparsed == []


@pytest.mark.parametrize("cell", ["好处", "不足之处", "详见附件"])
def test_a_role_cells_word_ending_like_a_division_is_no_body(cell: str) -> None:
    from fsgraph.roles import read_attribution

    assert read_attribution(cell, "responsible", column=True) is None


def test_a_division_without_a_place_is_a_body_only_in_a_column_of_bodies() -> None:
    from fsgraph.roles import read_attribution

    assert read_attribution("食品生产处", "responsible", column=True) == [("responsible", "食品生产处")]
    assert read_attribution("食品生产处", "responsible") is None  # a bracket's aside, not a body
    assert read_attribution("市局食品生产处", "responsible") == [("responsible", "市局食品生产处")]


def test_a_division_is_the_issuing_bureaus_own() -> None:
    # 办公室 of the city's market regulator is not the office of its health commission: a division
    # named alone belongs to the body that issued the table.
    text = "\n".join(
        [
            "东山市市场监督管理局2026年食品安全监管重点任务",
            "序号\t工作内容\t责任处室\t完成时间",
            "1\t完成食品生产企业体系检查50家\t食品生产处\t11月底",
            "2\t做好信息公开工作\t办公室\t全年",
            "3\t开展校园食品安全检查\t市教育局\t9月底",
            "",
            "东山市市场监督管理局",
            "2026年2月1日",
        ]
    )
    doc = _doc(text)
    assert doc.issuer == "东山市市场监督管理局"
    assert {d.name: (d.canonical, d.category) for d in doc.departments} == {
        "食品生产处": ("东山市市场监督管理局食品生产处", "market_regulation"),
        "办公室": ("东山市市场监督管理局办公室", "market_regulation"),
        "市教育局": ("东山市教育局", "education"),
    }


@pytest.mark.parametrize(
    "after",
    [
        "（以上工作由区教育局牵头，区市场监管局配合）",
        "以上任务由区教育局牵头，区市场监管局配合。",
        "【上述工作由区教育局牵头，区市场监管局配合】",
    ],
)
def test_an_attribution_after_a_sections_items_that_says_it_is_theirs(after: str) -> None:
    text = "\n".join(
        [
            "某区2026年食品安全重点工作",
            "一、强化校园食品安全",
            "1.落实校长（园长）陪餐制度。",
            "2.开展校园周边食品安全整治。（区城管局负责）",
            "3.推进学校食堂“互联网+明厨亮灶”建设。",
            after,
            "二、强化农村食品安全",
            "4.规范农村集体聚餐管理。",
        ]
    )
    doc = _doc(text)
    assert [(t.ref, t.names("lead"), t.names("responsible"), t.names("support")) for t in doc.tasks] == [
        ("一.1", ["区教育局"], [], ["区市场监管局"]),
        ("一.2", [], ["区城管局"], []),  # it names its own
        ("一.3", ["区教育局"], [], ["区市场监管局"]),
        ("二.4", [], [], []),  # not above it
    ]
    # each holds it by the line that says so
    assert {r.provenance.line for r in doc.tasks[0].roles} == {6}
