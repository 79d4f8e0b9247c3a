"""Front matter: title, issuer, 文号, date, draft marker and page furniture."""

import pytest

from fsgraph.metadata import is_page_furniture, read_front_matter
from fsgraph.model import TextLine


def _front(*lines: str):  # type: ignore[no-untyped-def]
    return read_front_matter([TextLine(i, t) for i, t in enumerate(lines, start=1)])


def test_issuer_line_title_and_doc_number() -> None:
    fm = _front(
        " 阜新市人民政府",
        "关于进一步加强食品安全工作的意见",
        "",
        "阜政发〔2016〕25号",
        "",
        "各县、区人民政府：",
        "为进一步…",
        "一、总体目标",
    )
    assert (fm.title, fm.issuer, fm.doc_number, fm.date, fm.year) == (
        "关于进一步加强食品安全工作的意见",
        "阜新市人民政府",
        "阜政发〔2016〕25号",
        None,
        2016,
    )
    assert fm.claims == {1: "issuer", 2: "title", 4: "doc_number", 6: "addressee"}


def test_full_width_digits_in_the_doc_number_and_date_and_a_title_of_tasks() -> None:
    fm = _front(
        "某某县食品安全委员会办公室文件",
        "某食安办〔２０２６〕３号",
        "某某县２０２６年食品安全重点工作任务",
        "各乡镇人民政府：",
        "现将重点工作任务印发给你们。",
        "一、强化源头治理",
        "某某县食品安全委员会办公室",
        "２０２６年２月１８日",
    )
    assert (fm.title, fm.doc_number, fm.date, fm.year) == (
        "某某县２０２６年食品安全重点工作任务",
        "某食安办〔２０２６〕３号",
        "２０２６年２月１８日",
        2026,
    )


def test_the_title_of_an_attachment_is_not_the_documents_own() -> None:
    fm = _front(
        "某县2026年食品安全重点工作任务分工方案",
        "",
        "附件",
        "重点工作任务分工表",
        "序号\t工作任务\t牵头单位",
    )
    assert fm.title == "某县2026年食品安全重点工作任务分工方案"
    # the attachment's title is left to the attachment
    assert fm.claims == {1: "title"}
    # with no title of its own above it, the one under 附件 is still the document's
    assert _front("附件", "重点工作任务分工表", "序号\t工作任务\t牵头单位").title == "重点工作任务分工表"


def test_notice_that_forwards_a_plan_takes_the_plan_title_and_signing_date() -> None:
    fm = _front(
        "某市人民政府办公室<br>关于印发《某市食品安全示范城市实施方案》的通知—某市人民政府网",
        "某市人民政府办公室",
        "关于印发《某市食品安全示范城市实施方案》的通知",
        "来源: | 日期:2018-07-26 | 作者:某市人民政府办公室 | 点击:",
        "某市人民政府办公室",
        "2018年6月12日",
        "某市食品安全示范城市实施方案",
        "为全面贯彻落实…制定本实施方案。",
        "一、总体要求",
    )
    assert (fm.title, fm.issuer, fm.date, fm.date_iso, fm.page_date) == (
        "某市食品安全示范城市实施方案",
        "某市人民政府办公室",
        "2018年6月12日",
        "2018-06-12",
        "2018-07-26",
    )
    assert fm.claims[1] == "page" and fm.claims[4] == "page" and fm.claims[7] == "title"


def test_a_notice_may_name_the_plan_it_forwards_without_title_marks() -> None:
    fm = _front(
        "安平市人民政府办公室关于印发安平市食品安全放心工程建设攻坚行动实施方案的通知",
        "安政办发〔2023〕21号",
        "各县（市、区）人民政府，市政府有关部门：",
        "现印发给你们，请认真组织实施。",
        "安平市食品安全放心工程建设攻坚行动实施方案",
        "为贯彻落实…，制定本方案。",
        "一、工作目标",
    )
    assert fm.title == "安平市食品安全放心工程建设攻坚行动实施方案"
    assert fm.notice == "安平市人民政府办公室关于印发安平市食品安全放心工程建设攻坚行动实施方案的通知"
    assert fm.claims[1] == "notice" and fm.claims[5] == "title"


def test_a_table_header_row_is_no_title() -> None:
    # compacted, the header ends in 安排 as a 工作安排 does
    fm = _front(
        "某区2025年食品安全工作任务清单",
        "",
        "序号\t工作内容\t责任单位\t时间安排",
        "1\t开展检查\t区市场监管局\t6月",
    )
    assert fm.title == "某区2025年食品安全工作任务清单"


@pytest.mark.parametrize(
    "title",
    [
        "某市2026年食品安全工作职责分工",
        "某县食品安全委员会成员单位职责",
        "某区食品安全工作责任制度",
        "2026年度食品安全工作目标责任书",
        "某县学校食堂食品安全管理规范",
        "某市食用农产品质量安全工作指引",
        "河东区2026年食品安全重点工作",
    ],
)
def test_a_title_of_duties_rules_or_a_pledge_is_a_title(title: str) -> None:
    fm = _front(title, "", "为落实食品安全责任，现明确如下：", "一、市市场监督管理局：负责…")
    assert (fm.title, fm.claims.get(1)) == (title, "title")


def test_draft_marker_is_not_part_of_the_title() -> None:
    fm = _front(
        "营口市鲅鱼圈区2021年食品安全重点工作安排", "", "（征求意见稿）", "为深入贯彻…", "一、总体要求"
    )
    assert (fm.title, fm.draft, fm.year) == ("营口市鲅鱼圈区2021年食品安全重点工作安排", "征求意见稿", 2021)
    fm = _front("某县食品安全“十四五”规划（讨论稿）", "保障食品安全…", "第一章 现状和形势")
    assert (fm.title, fm.draft) == ("某县食品安全“十四五”规划", "讨论稿")


def test_title_sharing_a_line_with_the_preamble() -> None:
    fm = _front(
        "• 工作总结",
        "当前位置: 写作资料库 > 策划方案 > 正文",
        "    XX区加强食品安全工作的 推进方案   为扎实推进工作,制定推进方案如下:",
        "一、总体目标",
    )
    assert fm.title == "XX区加强食品安全工作的推进方案"
    assert fm.remainders == {3: "为扎实推进工作,制定推进方案如下:"}


def test_page_furniture() -> None:
    assert is_page_furniture("• 工作总结")
    assert is_page_furniture("时间:2020-06-07 22:02:21 来源:写作资料库 本文已影响 写作资料库手机站")
    assert not is_page_furniture("（一）强化标准实施。加大食品安全标准解释、宣传贯彻和培训力度。")


@pytest.mark.parametrize(
    "line",
    [
        "【打印】【关闭】",
        "【我要打印】【关闭窗口】",
        "【字体：大 中 小】",
        "视力保护色：",
        "网站地图 | 联系我们",
        "相关链接",
        "浏览次数：1234",
        "责任编辑：李四",
        "信息来源：县政府办",
        "主办：某县人民政府 承办：县大数据中心",
        "技术支持：某某科技有限公司",
        "编辑：张晓　审核：李明",
        "分享 收藏 在看 点赞",
        "分享：",
        "点击数：35",
        "阅读次数：",
        "发布日期：2026年03月01日",
        "索引号：11410000/2026-00012",
        "政府网站标识码：4101000001",
        "公安机关备案号：41010502000001",
        "【大】【中】【小】",
        "[ 打印 ] [ 关闭 ]",
        "无障碍浏览",
        "附件下载：",
        "相关解读",
        # what a site that republishes documents puts around them
        "本文来源于网络，如有侵权请联系删除",
        "声明：本站部分文章来源于网络",
        "更多精彩内容请关注本站",
        "【本文地址：http://www.example.com/a/123.html】",
        "本文链接：https://www.example.cn/1.html",
        "https://www.example.cn/1.html",
        "下载全文",
        "查看更多>>",
        "原文链接",
        "返回列表",
        "全文共3256字，阅读约需6分钟",
        "（来源：某县人民政府网）",
        "上一页 1 2 3 下一页",
    ],
)
def test_a_pages_buttons_panels_and_posting_lines_are_furniture(line: str) -> None:
    assert is_page_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "【工作目标】",
        "【责任单位：县市场监管局】",
        "来源：根据《食品安全法》的规定，各部门要落实责任。",
        "编辑出版食品安全宣传手册",
        "推荐阅读食品安全科普读物",
        "分享经验做法，推广典型案例。",
        "成文日期：2026年3月1日",
        "登录https://www.example.gov.cn进行申报。",
        "（四）强化信息公开。及时公布抽检结果，链接至省局网站。",
    ],
)
def test_document_lines_that_look_like_a_pages_furniture_are_not(line: str) -> None:
    assert not is_page_furniture(line)


def test_a_pages_panel_of_labelled_fields_gives_the_documents_metadata() -> None:
    # A government site's 信息公开 panel above the text: its fields are the document's, and the
    # same values written again (the headline, the signature) are claimed as those fields.
    fm = _front(
        "索引号：11210000MB1234567X/2026-00012",
        "发文机关：某县人民政府办公室",
        "成文日期：2026年03月01日",
        "标题：某县人民政府办公室关于印发某县2026年食品安全重点工作安排的通知",
        "文　　号：某政办发〔2026〕3号",  # a label spaced out
        "某县人民政府办公室关于印发某县2026年食品安全重点工作安排的通知",
        "各乡镇人民政府，县政府各部门：",
        "现印发给你们，请认真贯彻落实。",
        "某县人民政府办公室",
        "2026年3月1日",
        "某县2026年食品安全重点工作安排",
        "一、强化源头治理",
    )
    assert (fm.issuer, fm.date_iso, fm.doc_number, fm.notice, fm.title) == (
        "某县人民政府办公室",
        "2026-03-01",
        "某政办发〔2026〕3号",
        "某县人民政府办公室关于印发某县2026年食品安全重点工作安排的通知",
        "某县2026年食品安全重点工作安排",
    )
    assert {line: fm.claims.get(line) for line in range(1, 12)} == {
        1: "page",
        2: "issuer",
        3: "date",
        4: "notice",
        5: "doc_number",
        6: "notice",
        7: "addressee",
        8: None,
        9: "issuer",
        10: "date",
        11: "title",
    }


def test_signature_block_after_the_text_gives_issuer_and_date() -> None:
    fm = _front(
        "某县实施方案",
        "一、任务",
        "（一）加强监管。",
        "某县人民政府办公室",
        "2020年5月8日",
        "版权所有：某县人民政府",
    )
    assert (fm.issuer, fm.date, fm.date_iso) == ("某县人民政府办公室", "2020年5月8日", "2020-05-08")
    assert fm.claims[4] == "issuer" and fm.claims[5] == "date"
    # A date that ends a sentence of the text is no signature.
    fm = _front("某县实施方案", "一、任务", "（一）加强监管，完成时间：", "2020年5月8日")
    assert fm.date is None


def test_a_wrapped_line_of_the_preamble_is_no_title() -> None:
    # Its 《 is closed on the next line: a sentence, however it ends (…守护行动).
    fm = _front(
        "南溪县校园食品安全提升行动实施方案",
        "　　为深入贯彻《学校食品安全与营养健康管理规定》和《四川省校园食品安全守护行动",
        "方案（2024—2026年）》，结合我县实际，制定本实施方案。",
    )
    assert fm.title == "南溪县校园食品安全提升行动实施方案"


def test_a_pages_list_of_other_articles_after_the_text_is_furniture() -> None:
    fm = _front(
        "某区食品安全活动方案",
        "一、工作要求",
        "各街道要积极配合，活动于2025年11月底前结束。",
        "往期推荐",
        "某区开展夏季食品安全专项检查",
        "某区召开食品安全委员会全体会议",
    )
    assert [fm.claims.get(line) for line in (3, 4, 5, 6)] == [None, "page", "page", "page"]


def test_the_lines_closing_a_notice_above_its_signature_are_claimed() -> None:
    fm = _front(
        "关于开展食品安全宣传周活动的通知",
        "三、工作要求",
        "请各单位于6月30日前将活动总结报送市食安办。",
        "联系人：李四，电话：0418-1234567",
        "特此通知。",
        "（此件公开发布）",
        "清源市食品安全委员会办公室",
        "2025年5月20日",
    )
    assert [fm.claims.get(line) for line in range(3, 9)] == [
        None,
        "closing",
        "closing",
        "closing",
        "issuer",
        "date",
    ]


@pytest.mark.parametrize(
    "signature",
    [
        ["县市场监督管理局", "县教育局"],
        ["县市场监督管理局　　　　县教育局"],
        ["县市场监督管理局    县教育局"],
        ["县市场监督管理局 县教育局"],  # one space, as 中共中央 国务院 are joined
    ],
)
def test_joint_issuers_signing_on_lines_or_apart_on_one_are_each_an_issuer(signature: list[str]) -> None:
    fm = _front(
        "关于开展校园食品安全守护行动的通知",
        "一、工作任务",
        "（一）开展学校食堂检查。（县市场监管局牵头）",
        *signature,
        "2025年3月1日",
    )
    assert (fm.issuer, fm.date_iso) == ("县市场监督管理局、县教育局", "2025-03-01")
    assert [fm.claims.get(line) for line in range(3, 5 + len(signature))] == [
        None,
        *["issuer"] * len(signature),
        "date",
    ]


def test_joint_issuers_on_lines_above_the_title_and_again_under_the_text() -> None:
    fm = _front(
        "中共某县委办公室",
        "某县人民政府办公室",
        "关于加强食品安全工作的意见",
        "一、工作任务",
        "（一）开展检查。",
        "中共某县委办公室",
        "某县人民政府办公室",
        "2025年3月1日",
    )
    assert fm.issuer == "中共某县委办公室、某县人民政府办公室"
    assert [fm.claims.get(line) for line in (1, 2, 6, 7, 8)] == [
        "issuer",
        "issuer",
        "issuer",
        "issuer",
        "date",
    ]


def test_a_name_above_the_date_that_is_no_body_is_no_issuer() -> None:
    fm = _front("某县实施方案", "一、任务", "（一）加强监管。", "某县人民政府办公室", "附件", "2020年5月8日")
    assert fm.issuer is None and fm.date is None


def test_an_issuer_spaced_out_letter_by_letter_is_one() -> None:
    fm = _front("某  县  人  民  政  府", "关于加强食品安全工作的意见", "一、工作任务", "（一）开展检查。")
    assert fm.issuer == "某县人民政府" and fm.claims[1] == "issuer"


def test_joint_issuers_apart_by_one_space_above_the_title() -> None:
    fm = _front(
        "中共某县委办公室 某县人民政府办公室",
        "关于印发《某县落实食品安全“两个责任”实施方案》的通知",
        "各乡镇党委、政府，县直各单位：",
    )
    assert fm.issuer == "中共某县委办公室、某县人民政府办公室"
    # a name spaced out is still one name
    assert _front("某县 人民政府", "关于加强食品安全工作的意见", "一、工作任务").issuer == "某县人民政府"


@pytest.mark.parametrize("note", ["（此件公开发布）", "（此件主动公开）", "(此件不公开)"])
def test_a_note_under_the_date_leaves_the_signature_a_signature(note: str) -> None:
    # 公文 print their 附注 (（此件公开发布）) under the date of signing.
    fm = _front(
        "某市人民政府办公室关于进一步加强学校食品安全工作的通知",
        "一、落实校长负责制。（市教育局负责）",
        "二、加强学校食堂监管。（市市场监管局牵头，市教育局配合）",
        "某市人民政府办公室",
        "2026年4月1日",
        note,
    )
    assert (fm.issuer, fm.date_iso) == ("某市人民政府办公室", "2026-04-01")
    assert [fm.claims.get(line) for line in (4, 5, 6)] == ["issuer", "date", "closing"]


def test_addressees_going_on_over_two_lines_are_one_addressee() -> None:
    fm = _front(
        "某市人民政府办公室关于进一步加强学校食品安全工作的通知",
        "各县（市、区）人民政府，",
        "市政府各部门、各直属机构：",
        "为进一步加强学校食品安全工作，现就有关事项通知如下：",
        "一、落实校长负责制。（市教育局负责）",
    )
    assert fm.addressee == "各县（市、区）人民政府，市政府各部门、各直属机构："
    assert [fm.claims.get(line) for line in (2, 3, 4)] == ["addressee", "addressee", None]
