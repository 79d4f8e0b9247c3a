import pytest

from fsgraph.numbering import match_marker


@pytest.mark.parametrize(
    ("text", "kind", "number", "label"),
    [
        ("一、总体目标", "cn", 1, "一"),
        ("二十七、落实奖惩措施", "cn", 27, "二十七"),
        ("（一）深化食品安全监管体制改革。", "cn_paren", 1, "(一)"),
        ("(十八)按时报送情况", "cn_paren", 18, "(十八)"),
        ("1.完善食品安全监管责任体系。", "arabic", 1, "1"),
        ("33.区食安办将不定期", "arabic", 33, "33"),
        ("1、统一部署,政府主导。", "arabic", 1, "1"),
        ("1. 进一步强化党政同责", "arabic", 1, "1"),
        ("（3）加强培训", "arabic_paren", 3, "(3)"),
        ("第三章 主要任务", "chapter", 3, "第三章"),
        # chapters, sections and articles numbered in figures
        ("第3章 主要任务", "chapter", 3, "第3章"),
        ("第2节 源头治理", "section", 2, "第2节"),
        ("第12条　县市场监管局负责…", "article", 12, "第12条"),
        ("第一节 工作基础", "section", 1, "第一节"),
        ("第十二条 本办法自印发之日起施行", "article", 12, "第十二条"),
        ("②建立台账", "circled", 2, "2"),
        ("专栏1 食品安全抽检监测提升工程", "box", 1, "专栏1"),
        ("专栏三：智慧监管工程", "box", 3, "专栏三"),
        # one character for a bracketed number, as Word's numbering writes （一） and （1）
        ("㈢加强冷链监管", "cn_paren", 3, "(三)"),
        ("㈩强化督导", "cn_paren", 10, "(十)"),
        ("⑵建立台账", "arabic_paren", 2, "(2)"),
        ("⒇开展宣传", "arabic_paren", 20, "(20)"),
        # a closing bracket alone, as web pages and Word's "%1)" lists write （1）
        ("1）开展农药兽药使用减量行动", "arabic_paren", 1, "(1)"),
        ("12) 落实陪餐制度", "arabic_paren", 12, "(12)"),
        # Word's multilevel lists ("%1.%2", "%1.%2.%3"): the last number (the numbers before it
        # are the parts it is in, 1.2.1 in the part 1.2)
        ("1.1 推进学校食堂明厨亮灶建设", "decimal", 1, "1"),
        ("2.3　落实陪餐制度", "decimal", 3, "3"),
        ("3.2.4 开展专项检查", "decimal", 4, "4"),
        ("1.2.加强培训", "decimal", 2, "2"),
    ],
)
def test_markers_of_the_gongwen_levels(text: str, kind: str, number: int, label: str) -> None:
    marker = match_marker(text)
    assert marker is not None
    assert (marker.kind, marker.number, marker.label) == (kind, number, label)


@pytest.mark.parametrize(
    "text",
    [
        "2018年底前全部达到规范要求",  # a year, not an item
        "3.15消费者权益日",  # a date written with a dot
        "12331食品药品投诉举报热线",
        "一，是要加强",  # prose
        "一、",  # a marker with nothing after it
        "十三五规划",
        "1.5批次/千人",
        "1.5万吨粮食储备",  # a quantity, not an item 1.5
        "3.5%的抽检合格率",
        "2024.6.30前完成",  # a date written with dots
        "2025）年度考核",  # a year in a bracket's end
    ],
)
def test_text_that_is_not_a_marker(text: str) -> None:
    assert match_marker(text) is None


def test_each_number_of_a_multilevel_list_is_a_level_deeper() -> None:
    ranks = [match_marker(t).rank for t in ("1.坚持", "1.1 要点", "1.1.1 细则")]  # type: ignore[union-attr]
    assert ranks == sorted(ranks) and len(set(ranks)) == 3


def test_rank_order_follows_the_gongwen_convention() -> None:
    texts = ["第一章 总则", "第一节 基础", "一、总体要求", "（一）指导思想", "1.坚持", "（1）细则", "①要点"]
    ranks = [match_marker(t).rank for t in texts]  # type: ignore[union-attr]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(ranks)
