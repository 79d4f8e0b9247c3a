"""Attributions in the shapes the corpus uses, and in neighbouring shapes of the same conventions."""

import pytest

from fsgraph.roles import find_attributions, read_attribution, spaced_names, split_names


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # seed 001: labelled, half-width punctuation
        (
            "牵头单位:市食安办;责任单位:市发改委、市财政局、市农牧局,各县市区政府",
            [
                ("lead", "市食安办"),
                ("responsible", "市发改委"),
                ("responsible", "市财政局"),
                ("responsible", "市农牧局"),
                ("responsible", "各县市区政府"),
            ],
        ),
        (
            "责任部门:市食药监局、市教育局、各县市区人民政府",
            [("responsible", "市食药监局"), ("responsible", "市教育局"), ("responsible", "各县市区人民政府")],
        ),
        # seed 002: verb forms and bare names
        ("区交通运输局牵头，区市场监管局配合", [("lead", "区交通运输局"), ("support", "区市场监管局")]),
        (
            "区卫健局、区市场监管局按职责分工负责",
            [("responsible", "区卫健局"), ("responsible", "区市场监管局")],
        ),
        (
            "区食安办牵头，区食安委相关成员单位按职责分工负责",
            [("lead", "区食安办"), ("responsible", "区食安委相关成员单位")],
        ),
        ("鲅鱼圈海关", [("responsible", "鲅鱼圈海关")]),
        ("区人民政府、区食安办", [("responsible", "区人民政府"), ("responsible", "区食安办")]),
        # seed 003: full-width colon, collectives after a comma
        (
            "责任单位:区食安委有关成员单位,各乡镇政府",
            [("responsible", "区食安委有关成员单位"), ("responsible", "各乡镇政府")],
        ),
        ("牵头单位:区市场监管局、区农业农村局", [("lead", "区市场监管局"), ("lead", "区农业农村局")]),
        # labels one after another without a separator, and a role marked after a name
        ("牵头单位：市市场监管局  配合单位：市公安局", [("lead", "市市场监管局"), ("support", "市公安局")]),
        ("市卫健委（牵头）、市教育局", [("lead", "市卫健委"), ("responsible", "市教育局")]),
        ("县市场监管局负责，县公安局协助", [("responsible", "县市场监管局"), ("support", "县公安局")]),
        # a body written with its second name in brackets is one name, kept as written
        (
            "市发展改革委（市粮食和储备局）牵头，市市场监管局配合",
            [("lead", "市发展改革委（市粮食和储备局）"), ("support", "市市场监管局")],
        ),
        (
            "市委宣传部（市新闻出版局）、县农业农村局(县畜牧局)按职责分工负责",
            [("responsible", "市委宣传部（市新闻出版局）"), ("responsible", "县农业农村局(县畜牧局)")],
        ),
        ("市卫健委（牵头）、市教育局（配合）", [("lead", "市卫健委"), ("support", "市教育局")]),
        # bodies named by their function (…部门, 公安机关), as provincial and county documents write
        ("市场监管部门牵头，公安机关配合", [("lead", "市场监管部门"), ("support", "公安机关")]),
        (
            "农业农村部门、卫生健康部门按职责分工负责",
            [("responsible", "农业农村部门"), ("responsible", "卫生健康部门")],
        ),
        # a person who leads or answers for it is no body; the bodies beside them are
        ("县政府分管领导牵头，县市场监管局负责", [("responsible", "县市场监管局")]),
        ("县食安委主任牵头，县食安办具体负责", [("responsible", "县食安办")]),
        # who oversees it is beside it as a supporter, labelled as a table's column is headed
        (
            "责任单位：县市场监管局；督办单位：县委督查室",
            [("responsible", "县市场监管局"), ("support", "县委督查室")],
        ),
        (
            "责任单位：县市场监管局；督导单位：县食安办",
            [("responsible", "县市场监管局"), ("support", "县食安办")],
        ),
        # how the bodies share it (按照职责分工, 按各自职责) before any verb
        ("县食安委各成员单位按照职责分工抓好落实", [("responsible", "县食安委各成员单位")]),
        ("县教育局、县卫健局按各自职责配合", [("support", "县教育局"), ("support", "县卫健局")]),
        # the body the work is mainly for (为主) leads it
        ("区市场监管局为主，区教育局配合", [("lead", "区市场监管局"), ("support", "区教育局")]),
        ("以区市场监管局为主，区教育局配合", [("lead", "区市场监管局"), ("support", "区教育局")]),
        # sectors listed before the 部门 they share
        (
            "市场监管部门牵头，公安、农业农村部门配合",
            [("lead", "市场监管部门"), ("support", "公安部门"), ("support", "农业农村部门")],
        ),
        (
            "县教育、市场监管、卫生健康部门按职责分工负责",
            [("responsible", "县教育部门"), ("responsible", "市场监管部门"), ("responsible", "卫生健康部门")],
        ),
        (
            "公安、市场监管等部门按职责分工负责",
            [("responsible", "公安部门"), ("responsible", "市场监管部门")],
        ),
        ("市公安局、市市场监管局等部门配合", [("support", "市公安局"), ("support", "市市场监管局")]),
        # a collective written with the bodies it also covers in brackets
        ("县市场监管局牵头，各乡镇（街道）配合", [("lead", "县市场监管局"), ("support", "各乡镇（街道）")]),
        (
            "各乡镇（街道）、县市场监管局",
            [("responsible", "各乡镇（街道）"), ("responsible", "县市场监管局")],
        ),
        ("各乡镇（街道）负责", [("responsible", "各乡镇（街道）")]),
        # the task's other fields in the same bracket are not departments
        ("责任单位：县农业农村局，完成时限：2024年10月底前", [("responsible", "县农业农村局")]),
        # short labels, as a table's role cell writes them
        (
            "牵头：县市场监管局；配合：县公安局、县商务局",
            [("lead", "县市场监管局"), ("support", "县公安局"), ("support", "县商务局")],
        ),
        ("责任：县卫健局；协助：县教育局", [("responsible", "县卫健局"), ("support", "县教育局")]),
        # … or the people in charge and whom to call: no departments
        ("责任领导：张三；责任单位：县市场监管局", [("responsible", "县市场监管局")]),
        ("责任单位：县市场监管局；联系人：李四，王五", [("responsible", "县市场监管局")]),
        ("牵头单位：县市场监管局（分管领导：张三）", [("lead", "县市场监管局")]),
        # … or when, written as months or how often
        (
            "区教育局、区市场监管局按职责分工负责，3月、9月",
            [("responsible", "区教育局"), ("responsible", "区市场监管局")],
        ),
        ("区市场监管局牵头，区商务局配合，全年开展", [("lead", "区市场监管局"), ("support", "区商务局")]),
        (
            "牵头单位：县市场监管局\u3000配合单位：县公安局\u3000时间：全年",
            [("lead", "县市场监管局"), ("support", "县公安局")],
        ),
        ("牵头单位:市食安办;备注:每季度报送进展", [("lead", "市食安办")]),
        # verbs of several leads, of a primary responsibility and of working with another
        ("市卫生健康委、市市场监管局分别牵头", [("lead", "市卫生健康委"), ("lead", "市市场监管局")]),
        ("市市场监管局主责，市公安局协同", [("responsible", "市市场监管局"), ("support", "市公安局")]),
        # 会同: the bodies after it work with the one before (it was one name of both)
        (
            "由市农业农村局会同市市场监管局、市公安局负责",
            [("responsible", "市农业农村局"), ("support", "市市场监管局"), ("support", "市公安局")],
        ),
        # the verb with the duty after it (各县区政府落实属地责任 was a collective of that name)
        ("各县区政府落实属地责任", [("responsible", "各县区政府")]),
        ("市食安办负责汇总", [("responsible", "市食安办")]),
        # clauses joined with 、 after their verbs
        ("市市场监管局牵头、市公安局参与", [("lead", "市市场监管局"), ("support", "市公安局")]),
        # names set apart with spaces (they were one name of both)
        (
            "牵头单位：市市场监管局；配合单位：市农业农村局 市卫生健康委",
            [("lead", "市市场监管局"), ("support", "市农业农村局"), ("support", "市卫生健康委")],
        ),
        # and a time limit written with the departments says when, not who
        (
            "市市场监管局、市商务局牵头，各县区人民政府配合，2024年底前完成",
            [("lead", "市市场监管局"), ("lead", "市商务局"), ("support", "各县区人民政府")],
        ),
        ("市农业农村局负责；持续推进", [("responsible", "市农业农村局")]),
        ("区财政局；2025年", [("responsible", "区财政局")]),
        # a slash between two names lists them (the cell named no department)
        ("县市场监管局/县教育局", [("responsible", "县市场监管局"), ("responsible", "县教育局")]),
        (
            "牵头单位：县市场监管局；配合单位：县教育局／县卫生健康局",
            [("lead", "县市场监管局"), ("support", "县教育局"), ("support", "县卫生健康局")],
        ),
        # a span from now, or from a month on, says when too (the names were lost with it)
        ("县食安办，即日起至2025年12月31日", [("responsible", "县食安办")]),
        ("县市场监管局牵头，县教育局配合，2025年3月起", [("lead", "县市场监管局"), ("support", "县教育局")]),
        ("县卫生健康局，从4月开始", [("responsible", "县卫生健康局")]),
        # a note after the last name on how the list reads is no part of that name
        (
            "责任单位：县市场监管局、县商务局（排名第一的为牵头单位）",
            [("responsible", "县市场监管局"), ("responsible", "县商务局")],
        ),
        # a body that guides or oversees is beside the others as a supporter; more forms of the verbs
        ("省市场监管局牵头，省卫生健康委指导", [("lead", "省市场监管局"), ("support", "省卫生健康委")]),
        ("省市场监管局负责，省食安办督导", [("responsible", "省市场监管局"), ("support", "省食安办")]),
        (
            "县市场监管局、县农业农村局按各自职责负责",
            [("responsible", "县市场监管局"), ("responsible", "县农业农村局")],
        ),
        (
            "县委宣传部、县市场监管局依职责负责",
            [("responsible", "县委宣传部"), ("responsible", "县市场监管局")],
        ),
        (
            "县市场监管局牵头，各乡镇人民政府具体落实",
            [("lead", "县市场监管局"), ("responsible", "各乡镇人民政府")],
        ),
        ("牵头：市公安局；参与：市市场监管局", [("lead", "市公安局"), ("support", "市市场监管局")]),
        # a field of people after the names ends them
        ("责任单位：区市场监管局　责任领导：王××", [("responsible", "区市场监管局")]),
        # 各市 and 各地: the governments below a province
        ("省市场监管局牵头，各市按职责分工负责", [("lead", "省市场监管局"), ("responsible", "各市")]),
        ("省市场监管局牵头，各地配合", [("lead", "省市场监管局"), ("support", "各地")]),
        # 各 before the first name governs a bare level after it: 各街道、镇 is each 街道 and each 镇
        (
            "区市场监管局、各街道、镇",
            [("responsible", "区市场监管局"), ("responsible", "各街道"), ("responsible", "各镇")],
        ),
        (
            "区商务局牵头，区市场监管局配合，各街道、镇落实",
            [
                ("lead", "区商务局"),
                ("support", "区市场监管局"),
                ("responsible", "各街道"),
                ("responsible", "各镇"),
            ],
        ),
        # a label that ends with another (主要责任单位 with 责任单位) is one label
        (
            "主要责任单位：县商务局；其他责任单位：县交通运输局",
            [("responsible", "县商务局"), ("responsible", "县交通运输局")],
        ),
        ("牵头单位：县市场监管局配合单位：县公安局", [("lead", "县市场监管局"), ("support", "县公安局")]),
        # verbs of carrying out: 具体实施, 组织实施, 共同负责
        (
            "县市场监管局牵头，各乡镇人民政府具体实施",
            [("lead", "县市场监管局"), ("responsible", "各乡镇人民政府")],
        ),
        ("县教育局、县市场监管局共同负责", [("responsible", "县教育局"), ("responsible", "县市场监管局")]),
        ("各乡镇人民政府组织实施", [("responsible", "各乡镇人民政府")]),
        # a page's line break inside a collective's list of levels; two collectives on two lines
        ("责任单位:各县\n市区政府", [("responsible", "各县市区政府")]),
        ("责任单位:各县市\n区政府", [("responsible", "各县市区政府")]),
        ("各乡镇\n县直各部门", [("responsible", "各乡镇"), ("responsible", "县直各部门")]),
    ],
)
def test_attribution_forms(content: str, expected: list[tuple[str, str]]) -> None:
    assert read_attribution(content) == expected


@pytest.mark.parametrize(
    "aside",
    [
        "市食安办负责同志",
        "县政府分管负责人",
        "街道",
        "市、区",
        "含托幼机构",
        "800人以上",
        "HACCP",
        "不含快速检测",
        "园长",
        "伙房",
        "2024年底前完成",
        # a role verb with a duty after it, but no name before it
        "重点抓好落实工作",
        "包括落实主体责任",
    ],
)
def test_asides_in_brackets_are_not_attributions(aside: str) -> None:
    assert read_attribution(aside) is None


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        # seed 000's elliptical coordination: the shared head 政府 is restored
        ("各县区、乡镇（街道）政府", ["各县区政府", "乡镇（街道）政府"]),
        ("市、县区、乡镇政府，街道办事处", ["市政府", "县区政府", "乡镇政府", "街道办事处"]),
        # a shared modifier is not a shared head: split literally, trailing 等 dropped
        ("食品安全相关行业协会、商会等", ["食品安全相关行业协会", "商会"]),
        ("市农委、市水利局、市畜牧兽医局等", ["市农委", "市水利局", "市畜牧兽医局"]),
        ("各县(市、区)政府、市公安局", ["各县(市、区)政府", "市公安局"]),
        # names a cell sets apart with spaces; a space inside one name keeps it whole
        ("市农业农村局 市卫生健康委", ["市农业农村局", "市卫生健康委"]),
        ("县市场监管局\u3000各乡镇（街道）、县公安局", ["县市场监管局", "各乡镇（街道）", "县公安局"]),
        ("市政府 办公室", ["市政府 办公室"]),
        # a shared 部门; a last name that is a body keeps its own
        ("公安、市场监管等有关部门", ["公安部门", "市场监管部门"]),
        ("市监察局、市食安办、各相关部门", ["市监察局", "市食安办", "各相关部门"]),
    ],
)
def test_split_names(cell: str, names: list[str]) -> None:
    assert split_names(cell) == names


def test_sentence_attributions_keep_their_positions() -> None:
    text = (
        "继续做好进口冷链食品检疫工作（鲅鱼圈海关）。严格落实运单管理制度（区交通运输局牵头，区市场监管局配合）。"
        "配合落实异地监测（区发改局）。"
    )
    found = find_attributions(text)
    assert [a.quote for a in found] == [
        "（鲅鱼圈海关）",
        "（区交通运输局牵头，区市场监管局配合）",
        "（区发改局）",
    ]
    # 配合 outside the brackets is task wording: the bare attribution makes 区发改局 responsible.
    assert found[2].roles == (("responsible", "区发改局"),)
    assert text[found[1].start : found[1].end] == found[1].quote


def test_attributions_in_square_brackets() -> None:
    text = (
        "②推进“互联网+明厨亮灶”，2024年年底前实现全覆盖。【牵头单位：市教育局；配合单位：市市场监管局、"
        "市卫生健康委（市疾控局）】推进农药减量【责任单位：市农业农村局】。"
    )
    found = find_attributions(text)
    assert [a.quote for a in found] == [
        "【牵头单位：市教育局；配合单位：市市场监管局、市卫生健康委（市疾控局）】",
        "【责任单位：市农业农村局】",
    ]
    assert [r for a in found for r in a.roles] == [
        ("lead", "市教育局"),
        ("support", "市市场监管局"),
        ("support", "市卫生健康委（市疾控局）"),
        ("responsible", "市农业农村局"),
    ]


@pytest.mark.parametrize("brackets", ["[]", "［］"])
def test_attributions_in_plain_square_brackets(brackets: str) -> None:
    opening, closing = brackets
    found = find_attributions(f"加强宣传。{opening}牵头单位：县委宣传部；责任单位：县融媒体中心{closing}")
    assert [a.quote for a in found] == [f"{opening}牵头单位：县委宣传部；责任单位：县融媒体中心{closing}"]
    assert [r for a in found for r in a.roles] == [("lead", "县委宣传部"), ("responsible", "县融媒体中心")]


def test_labels_set_in_square_brackets() -> None:
    found = find_attributions("开展专项整治。【牵头单位】县市场监管局【配合单位】县公安局、县商务局")
    assert [r for a in found for r in a.roles] == [
        ("lead", "县市场监管局"),
        ("support", "县公安局"),
        ("support", "县商务局"),
    ]
    assert [a.quote for a in found] == ["【牵头单位】县市场监管局", "【配合单位】县公安局、县商务局"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【县市场监管局】开展农药残留整治。", [("responsible", "县市场监管局")]),
        ("（县农业农村局牵头）推进合格证制度。", [("lead", "县农业农村局")]),
        # an aside opening a text names no one
        ("（试点）开展校园食品安全检查。", []),
        ("（2025年）开展宣传周活动。", []),
    ],
)
def test_an_attribution_may_open_the_text_it_attributes(text: str, expected: list[tuple[str, str]]) -> None:
    assert [pair for a in find_attributions(text) for pair in a.roles] == expected


def test_a_label_with_its_names_on_the_lines_below_it() -> None:
    text = "4．规范网络餐饮服务。\n　　责任单位：\n　　县市场监管局\n　　县商务局\n　　完成时限：2025年底前"
    (found,) = find_attributions(text)
    assert found.roles == (("responsible", "县市场监管局"), ("responsible", "县商务局"))
    assert found.quote.endswith("县商务局")


def test_bracket_inside_a_sentence_is_not_an_attribution() -> None:
    assert find_attributions("规划设立食品安全监管机构的乡镇（街道）全部设立基层监管机构。") == []


def test_unbracketed_label_lines() -> None:
    found = find_attributions("加强进口食品监管。\n牵头单位：市市场监管局\n配合单位：市公安局、海关")
    assert [r for a in found for r in a.roles] == [
        ("lead", "市市场监管局"),
        ("support", "市公安局"),
        ("support", "海关"),
    ]


@pytest.mark.parametrize(
    ("text", "quote", "roles"),
    [
        (
            "开展耕地土壤污染排查。由市生态环境局牵头，市农业农村局配合，2024年底前完成。",
            "由市生态环境局牵头，市农业农村局配合，2024年底前完成",
            [("lead", "市生态环境局"), ("support", "市农业农村局")],
        ),
        (
            "推进农药减量增效。市农业农村局负责，持续推进。",
            "市农业农村局负责，持续推进",
            [("responsible", "市农业农村局")],
        ),
        (
            "推行明厨亮灶。市市场监管局牵头，市教育局、市卫生健康委按职责分工负责。",
            "市市场监管局牵头，市教育局、市卫生健康委按职责分工负责",
            [("lead", "市市场监管局"), ("responsible", "市教育局"), ("responsible", "市卫生健康委")],
        ),
        # the clauses that open or close a sentence
        (
            "完善监测网络。市卫生健康委牵头，2023年底前建成覆盖全市的监测网络。",
            "市卫生健康委牵头",
            [("lead", "市卫生健康委")],
        ),
        ("严厉打击制售假冒伪劣食品行为，市公安局负责。", "市公安局负责", [("responsible", "市公安局")]),
        # townships named as a level, with how they share the work
        (
            "推进合格证制度。县农业农村局负责，各乡镇按各自职责抓好落实。",
            "县农业农村局负责，各乡镇按各自职责抓好落实",
            [("responsible", "县农业农村局"), ("responsible", "各乡镇")],
        ),
    ],
)
def test_sentences_that_are_attributions_without_brackets(
    text: str, quote: str, roles: list[tuple[str, str]]
) -> None:
    (found,) = find_attributions(text)
    assert (found.quote, list(found.roles)) == (quote, roles)
    assert text[found.start : found.end] == quote


@pytest.mark.parametrize(
    "text",
    [
        "严厉打击食品犯罪，公安机关要加大侦办力度。",  # a sentence about what is done
        "企业落实主体责任。",
        "各地各部门要按职责分工负责。",  # no body of a known kind: boilerplate, not an assignment
        "有关部门参与。",
        "社会各界广泛参与，保险公司参与。",
        "严厉打击，公安机关要加大侦办力度。",
        "市场监管部门负责对餐饮单位开展检查。",  # the verb does not end the clause
    ],
)
def test_sentences_that_only_look_like_attributions(text: str) -> None:
    assert find_attributions(text) == []


def test_a_name_broken_before_its_ending_is_one_name() -> None:
    # A PDF's line wraps 各乡镇人民 / 政府; names one a line in a cell stay apart.
    assert read_attribution("牵头单位：县市场监督管理局；配合单位：县公安局、各乡镇人民\n政府") == [
        ("lead", "县市场监督管理局"),
        ("support", "县公安局"),
        ("support", "各乡镇人民政府"),
    ]
    assert split_names(spaced_names("县市场监管局\n县人民政府办公室")) == ["县市场监管局", "县人民政府办公室"]


def test_attributions_in_tortoise_shell_brackets() -> None:
    # 〔〕 bracket a 文号's year (〔2024〕12号) and, in some documents, a task's attribution.
    text = "开展耕地土壤污染防治。〔责任单位：区生态环境分局、区农业农村局〕"
    assert [a.roles for a in find_attributions(text)] == [
        (("responsible", "区生态环境分局"), ("responsible", "区农业农村局"))
    ]
    assert find_attributions("根据《通知》（食安办〔2024〕12号）要求，开展专项检查。") == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("责任单位 区农业农村局", [("responsible", "区农业农村局")]),
        ("牵头单位　区市场监管局；配合单位　区教育局", [("lead", "区市场监管局"), ("support", "区教育局")]),
        ("责任科室 法规科", [("responsible", "法规科")]),
    ],
)
def test_a_label_set_apart_from_its_names_by_a_space(content: str, expected: list[tuple[str, str]]) -> None:
    # No colon: the label is still a label, not a collective named 责任单位.
    assert read_attribution(content) == expected


@pytest.mark.parametrize("work", ["以上任务", "上述工作", "此项工作", "以上各项任务均"])
def test_the_work_named_before_by_is_no_part_of_the_name(work: str) -> None:
    text = f"加强餐饮质量安全提升。{work}由区市场监管局牵头，各街道负责落实。"
    assert [a.roles for a in find_attributions(text)] == [
        (("lead", "区市场监管局"), ("responsible", "各街道"))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "建立协作机制。（县食安办统筹，县直有关部门配合）",
            [("lead", "县食安办"), ("support", "县直有关部门")],
        ),
        (
            "加强检测能力建设。（县市场监管局牵头，县财政局保障经费）",
            [("lead", "县市场监管局"), ("support", "县财政局")],
        ),
        ("健全工作机制。（县食安办统筹协调）", [("lead", "县食安办")]),
    ],
)
def test_who_coordinates_leads_and_who_secures_the_means_supports(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [r for a in find_attributions(text) for r in a.roles] == expected


@pytest.mark.parametrize("text", ["统筹推进食品安全工作。", "加强经费保障，落实工作责任。"])
def test_coordinating_or_securing_without_a_body_is_no_attribution(text: str) -> None:
    assert find_attributions(text) == []


def test_labels_of_who_answers_for_it_and_who_works_with_them() -> None:
    assert read_attribution("主责：县农业农村局；协同：县市场监管局、县公安局") == [
        ("responsible", "县农业农村局"),
        ("support", "县市场监管局"),
        ("support", "县公安局"),
    ]
