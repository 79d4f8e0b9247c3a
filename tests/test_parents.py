"""Parent policies cited as a basis."""

from fsgraph.parents import find_parents, merge_parents


def test_preamble_citation_with_number() -> None:
    text = (
        "根据《辽宁省人民政府关于进一步加强食品安全工作的意见》（辽政发〔2015〕42号）精神，现提出如下意见。"
    )
    (parent,) = find_parents(text, 7, "document", "关于进一步加强食品安全工作的意见")
    assert (parent.title, parent.number, parent.cue, parent.scope, parent.line) == (
        "辽宁省人民政府关于进一步加强食品安全工作的意见",
        "辽政发〔2015〕42号",
        "根据",
        "document",
        7,
    )
    assert parent.quote in text


def test_issuer_before_the_title() -> None:
    text = (
        "根据甘肃省人民政府办公厅《关于全域创建食品安全示范城市的实施意见》(甘政办发〔2018〕56号),结合实际。"
    )
    (parent,) = find_parents(text, 19, "document", None)
    assert (parent.issuer, parent.title, parent.number) == (
        "甘肃省人民政府办公厅",
        "关于全域创建食品安全示范城市的实施意见",
        "甘政办发〔2018〕56号",
    )


def test_several_titles_after_one_cue() -> None:
    text = "根据《中共中央 国务院关于深化改革加强食品安全工作的意见》，参照《吉林省食品安全“十四五”规划》和《长春市食品安全“十四五”规划》，结合实际。"
    titles = [(p.title, p.cue) for p in find_parents(text, 3, "document", None)]
    assert titles == [
        ("中共中央 国务院关于深化改革加强食品安全工作的意见", "根据"),
        ("吉林省食品安全“十四五”规划", "参照"),
        ("长春市食品安全“十四五”规划", "参照"),
    ]


def test_a_title_after_a_joiner_may_have_its_own_issuer() -> None:
    text = (
        "为深入贯彻《中共中央 国务院关于深化改革加强食品安全工作的意见》（中发〔2019〕17号）和中共中央"
        "办公厅、国务院办公厅印发的《地方党政领导干部食品安全责任制规定》精神；落实《甘肃省农村集体聚餐"
        "食品安全管理办法》和市政府《关于餐饮业质量安全提升工程的实施意见》。"
    )
    found = [(p.title, p.issuer, p.cue) for p in find_parents(text, 3, "document", None)]
    assert found == [
        ("中共中央 国务院关于深化改革加强食品安全工作的意见", None, "贯彻"),
        ("地方党政领导干部食品安全责任制规定", "中共中央办公厅、国务院办公厅", "贯彻"),
        ("甘肃省农村集体聚餐食品安全管理办法", None, "落实"),
        ("关于餐饮业质量安全提升工程的实施意见", "市政府", "落实"),
    ]


def test_a_title_the_documents_own_title_cites_is_a_parent() -> None:
    own = "某市贯彻落实《地方党政领导干部食品安全责任制规定》实施细则"
    text = "为贯彻落实《地方党政领导干部食品安全责任制规定》，制定本细则。"
    assert [p.title for p in find_parents(text, 3, "document", own)] == ["地方党政领导干部食品安全责任制规定"]


def test_self_references_media_columns_and_bare_mentions_are_not_parents() -> None:
    own = "酒泉市全域创建食品安全示范城市实施方案"
    assert (
        find_parents("研究制定贯彻落实本《意见》的具体方案。", 1, "body", "关于进一步加强食品安全工作的意见")
        == []
    )
    assert find_parents("积极提供《食安辽宁》栏目信息素材。", 1, "body", None) == []
    assert find_parents("将《食品安全法》、《农产品质量安全法》纳入普法计划。", 1, "body", None) == []
    assert find_parents(f"请认真抓好贯彻落实《{own}》。", 1, "document", own) == []


def test_merge_prefers_the_document_scope() -> None:
    body = find_parents("落实《地方党政领导干部食品安全责任制规定》。", 92, "body", None)
    document = find_parents("围绕《地方党政领导干部食品安全责任制规定》以及配套文件。", 7, "document", None)
    (merged,) = merge_parents(body + document)
    assert (merged.scope, merged.line) == ("document", 7)


def test_joint_issuers_listed_before_a_title() -> None:
    text = (
        "为贯彻落实省市场监管局、省教育厅、省卫生健康委《关于加强学校食品安全工作的通知》和市政府"
        "《关于进一步加强食品安全工作的意见》精神，结合我县实际，制定本方案。"
    )
    found = [(p.title, p.issuer, p.cue) for p in find_parents(text, 2, "document", None)]
    assert found == [
        ("关于加强学校食品安全工作的通知", "省市场监管局、省教育厅、省卫生健康委", "为贯彻落实"),
        ("关于进一步加强食品安全工作的意见", "市政府", "为贯彻落实"),
    ]


def test_a_decrees_number_is_the_parents_number() -> None:
    # A 规章 is numbered as a decree (总局令第60号, 国务院令第721号), not with a year in 〔〕.
    text = (
        "按照《企业落实食品安全主体责任监督管理规定》（国家市场监督管理总局令第60号）、"
        "《中华人民共和国食品安全法实施条例》（国务院令第721号）和《关于加强监管的通知》（第3号）要求，制定本方案。"
    )
    assert [(p.title, p.number) for p in find_parents(text, 1, "document", None)] == [
        ("企业落实食品安全主体责任监督管理规定", "国家市场监督管理总局令第60号"),
        ("中华人民共和国食品安全法实施条例", "国务院令第721号"),
        ("关于加强监管的通知", None),
    ]
