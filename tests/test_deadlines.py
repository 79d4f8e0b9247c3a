"""Deadlines as written in the corpus and their normal forms."""

import pytest

from fsgraph.deadlines import deadline_text, find_deadlines, normalise


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # seed 000 body measures: every time limit, de-duplicated, in order
        (
            "到2017年底前，规划设立…全部设立。…2018年底前全部达到规范要求。…2018年底前覆盖全部乡镇（街道），2020年底前延伸至重点监控部位。",
            "到2017年底前；2018年底前；2020年底前",
        ),
        (
            "2017年底前，每个机构至少配备1名骨干。整合资源，2016年落实全市协管员规范管理。",
            "2017年底前；2016年",
        ),
        ("到2020年重点领域70%规模以上单位投保。", "到2020年"),
        # seed 002: a month and day take the document's year; a year naming something is no deadline
        ("并分别于8月27日和10月29日前向区食安办逐条报送。", "8月27日和10月29日前"),
        ("作为对鲅鱼圈区政府及各有关部门2021年食品安全工作考核的重要内容（区食安办）。", None),
        ("开展“昆仑2021”行动。", None),
        # frequencies are not deadlines; a recurring point in the period is
        ("每年组织食品安全监管人员进行轮训,政府部门每季度至少举办2期。", None),
        ("每年10月底前,在创建县政府开展自评的基础上。", "每年10月底前"),
        # durations
        ("用2—3年时间，建立规范的农村食品流通供应体系。", "用2—3年时间"),
        ("开展高毒农药淘汰工作，5年内分期分批淘汰。到2025年，化肥利用率达到50%。", "5年内；到2025年"),
        # an ongoing phrase counts as a clause of its own, not as a verb
        ("持续推进第三方冷库备案和公示。", None),
        ("2018年底前全部达到规范要求；持续实施", "2018年底前；持续实施"),
        ("整改时限：立行立改，长期坚持", "立行立改；长期坚持"),
        # a year inside a cited title is not a deadline
        ("落实《2021年食品安全重点工作安排》要求。", None),
        # a year that opens a clause is its time limit; one that opens a span is not
        ("2023年开展规划实施中期评估，2025年底前开展终期评估。", "2023年；2025年底前"),
        ("全面推进，2021年开始实施，2021年起每年开展。", None),
        # a month's part, a quarter or a month in words, without a year
        (
            "各地于6月中旬前完成自查，三季度末前完成整改，十月底前报送总结。",
            "6月中旬前；三季度末前；十月底前",
        ),
        ("每季度末前报送，统一季度报表前审核。", "每季度末前"),
        # the year after: its month or end is no time limit of the document's year
        ("明年6月底前完成评估。", "明年6月底前"),
        ("评估工作于次年底前完成。", "次年底前"),
        # a span of months ends where its last month does
        ("开展专项整治（2024年4月—5月）。", "2024年4月—5月"),
        ("2025年1月至12月，开展农村假冒伪劣食品整治。", "2025年1月至12月"),
        ("集中整治，2024年3月至2024年6月底前完成。", "2024年3月至2024年6月底前"),
        # a date written with dots or slashes; alone in running text it dates something
        ("于2024.6.30前完成排查。", "2024.6.30前"),
        ("2024年3月至4月开展，2024/4/30前报送总结。", "2024年3月至4月；2024/4/30前"),
        ("2024.3.15召开动员会议。", None),
        # a time limit wrapped over two lines, as on a PDF page, is one
        ("完善监测网络布局，于2024\n年11月30日前完成年度监测任务。", "2024年11月30日前"),
        # a span of years ends with its last year; one that names a plan's years is no time limit
        ("推进减量增效，2023年—2025年每年开展专项整治。", "2023年—2025年"),
        ("2024年至2025年创建省级示范县2个。", "2024年至2025年"),
        ("分步实施，2021—2025年底前完成改造。", "2021—2025年底前"),
        ("编制2021-2025年食品安全规划。", None),
        # before a named time of the year
        ("落实陪餐制度，2024年秋季开学前完成全覆盖检查。", "2024年秋季开学前"),
        ("开展节日市场检查，2025年春节前完成。", "2025年春节前"),
        ("2024年食品安全工作会议前报送。", "2024年食品安全工作会议前"),
        # a time of the year named without a year, in the document's year
        ("实施校园食品安全守护行动。秋季开学前完成全覆盖检查。", "秋季开学前"),
        ("于春节前开展节日市场专项检查，在汛期前完成排查。", "春节前；汛期前"),
        ("加强上市前检测，严格开学前准备。", None),
        # a month's day or part, or a quarter, that opens a clause without 前 (6月底完成)
        ("开展专项工作。6月底完成专项任务。", "6月底"),
        ("开展专项工作。11月中下旬完成专项任务。", "11月中下旬"),
        ("于2025年4月、9月开展两次检查。", "2025年4月；9月"),
        # an enumerator opens a clause as punctuation does
        ("一是落实陪餐制度；三是秋季开学前完成健康检查。", "秋季开学前"),
        ("首先6月底完成摸底，最后年底前完成整改。", "6月底；年底前"),
        ("12月31日完成验收，三季度开展评估，第四季度总结。", "12月31日；三季度；第四季度"),
        ("于6月1日至7月31日开展集中整治。", "6月1日至7月31日"),
        ("集中整治阶段（4月—9月）。4月至9月开展专项检查。", "4月—9月；4月至9月"),
        ("完成整改销号，12月25号前报送。", "12月25号前"),
        ("每年3月底报送总结，全市10月份的检查情况。", None),
        ("开展专项工作。\n完成时限：12月\n责任单位：区市场监管局", "12月"),
        ("开展专项工作（区市场监管局负责，3月、9月）。6月完成。", None),
        # a span of months written with one 月; a baseline year is no time limit
        ("2025年6—9月完成集中整治。", "2025年6—9月"),
        ("案件查办数量在2024年基础上提高5个百分点。", None),
        # full-width digits, as typed in a Chinese input method: kept as written
        ("２０２６年６月底前完成全覆盖检查。", "２０２６年６月底前"),
        ("（县教育局，１０月底前完成）", "１０月底前"),
        # within a year is by its end; a number of years is a duration
        ("加强宣传引导。（责任单位：市委宣传部；完成时限：2026年内）", "2026年内"),
        ("2026年之内全面完成整改。", "2026年之内"),
        ("力争3年内全面完成。", "3年内"),
        # an ongoing limit joined to a date by 并
        ("2026年底前完成并长期坚持。", "2026年底前；长期坚持"),
        # a page's line break inside a time limit
        ("到2017年底\n前完成基层监管机构设立。", "到2017年底前"),
        ("完成整改，6月\n底前报送。", "6月底前"),
        ("持续推进农药减量增效，并加强宣传。", None),
        # 前 and 内 that begin a word after a year (前瞻, 前列, 内容), on the same line or the next
        ("到2025年前瞻性布局一批项目。", "到2025年"),
        ("力争到2025年\n前列。", "到2025年"),
        ("2025年内容丰富的宣传活动。", "2025年"),
        # a time of the year named in quotation marks
        ("2026年“五一”前开展节前检查。", "2026年“五一”前"),
        ("“两节”前完成市场检查。", "“两节”前"),
        ("开展“守护舌尖”行动。", None),
        # the document's own year named in words, and a year's 年度
        ("今年6月底前完成全覆盖。", "今年6月底前"),
        ("2026.12前完成验收。", "2026.12前"),
        ("投入资金2026.5万元。", None),
        ("本年度11月底前报送总结。", "本年度11月底前"),
        ("2026年度内完成建设任务。", "2026年度内"),
        ("2026年度食品安全工作考核。", None),
    ],
)
def test_find_deadlines(text: str, written: str | None) -> None:
    assert deadline_text(find_deadlines(text)) == written


@pytest.mark.parametrize(
    ("text", "year", "parts"),
    [
        ("2017年底前", None, [("date", "2017-12-31", None)]),
        ("到2020年", None, [("date", "2020-12-31", None)]),
        ("2026年内", None, [("date", "2026-12-31", None)]),
        ("2018年6月12日", None, [("date", "2018-06-12", None)]),
        ("2018年7月初", None, [("date", "2018-07-10", None)]),
        ("2018年7月底前", None, [("date", "2018-07-31", None)]),
        ("2021年上半年", None, [("date", "2021-06-30", None)]),
        ("2022年第三季度", None, [("date", "2022-09-30", None)]),
        ("8月27日和10月29日前", 2021, [("date", "2021-08-27", None), ("date", "2021-10-29", None)]),
        ("11月1日前", 2021, [("date", "2021-11-01", None)]),
        ("年底前", 2021, [("date", "2021-12-31", None)]),
        ("持续实施", None, [("ongoing", None, None)]),
        ("长期坚持", None, [("ongoing", None, None)]),
        ("每年10月底前", None, [("recurring", "--10-31", "P1Y")]),
        ("每季度末前", None, [("recurring", None, "P3M")]),
        ("每年十月底前", None, [("recurring", "--10-31", "P1Y")]),
        ("用2—3年时间", None, [("duration", None, "P3Y")]),
        ("2024年4月—5月", None, [("date", "2024-05-31", None)]),
        ("2025年1月至12月", None, [("date", "2025-12-31", None)]),
        ("2024年3月至2025年6月底前", None, [("date", "2025-06-30", None)]),
        ("2024年11月1日—15日", None, [("date", "2024-11-15", None)]),
        ("2023年—2025年", None, [("date", "2025-12-31", None)]),
        ("2024-06-30", None, [("date", "2024-06-30", None)]),
        # a time cell's words for the whole year and for as long as it takes
        ("全年", 2024, [("date", "2024-12-31", None)]),
        ("全年开展", None, [("date", None, None)]),
        ("常态化", None, [("ongoing", None, None)]),
        ("立行立改", None, [("unspecified", None, None)]),
        ("2024.6.30前", None, [("date", "2024-06-30", None)]),
        # a year and month with dots, as a time cell writes them, and a span of them
        ("2026.12", None, [("date", "2026-12-31", None)]),
        ("2026.6底前", None, [("date", "2026-06-30", None)]),
        ("2026.3-2026.12", None, [("date", "2026-12-31", None)]),
        # a later date without a year is in the year written before it, not the document's
        (
            "2024年6月底前完成摸底，12月底前完成整治",
            2023,
            [("date", "2024-06-30", None), ("date", "2024-12-31", None)],
        ),
        ("2024年至2025年6月底前", None, [("date", "2025-06-30", None)]),
        ("2024年秋季开学前", None, [("date", None, None)]),
        ("秋季开学前", 2025, [("date", None, None)]),
        ("6月底", 2025, [("date", "2025-06-30", None)]),
        ("11月中下旬", 2025, [("date", "2025-11-30", None)]),
        ("2025年4月、9月", 2024, [("date", "2025-04-30", None), ("date", "2025-09-30", None)]),
        ("2025年3月上中旬", None, [("date", "2025-03-20", None)]),
        ("三季度", 2025, [("date", "2025-09-30", None)]),
        ("12月10号前", 2025, [("date", "2025-12-10", None)]),
        ("2025年12月10号前", None, [("date", "2025-12-10", None)]),
        ("2025年6—9月", None, [("date", "2025-09-30", None)]),
        ("6月1日至7月31日", 2025, [("date", "2025-07-31", None)]),
        ("4—9月", 2025, [("date", "2025-09-30", None)]),
        ("4月—9月", 2025, [("date", "2025-09-30", None)]),
        ("5年内", None, [("duration", None, "P5Y")]),
        # a time something starts from is no time limit: it goes on, or recurs
        ("2024年起每年开展", None, [("recurring", None, "P1Y")]),
        ("自2025年6月起，每季度开展一次", None, [("recurring", None, "P3M")]),
        ("2025年6月起实施", None, [("ongoing", None, None)]),
        ("从2024年开始", None, [("ongoing", None, None)]),
        ("2023年起至2025年底", None, [("date", "2025-12-31", None)]),
        # a month's part or a quarter without a year, and months in words, in the document's year
        ("6月中旬前", 2025, [("date", "2025-06-20", None)]),
        ("1月上旬前", 2025, [("date", "2025-01-10", None)]),
        ("9月份前", 2025, [("date", "2025-09-30", None)]),
        ("三季度末前", 2025, [("date", "2025-09-30", None)]),
        ("第一季度前", 2025, [("date", "2025-03-31", None)]),
        ("十月底前", 2025, [("date", "2025-10-31", None)]),
        ("2025年十二月底前", None, [("date", "2025-12-31", None)]),
        ("2月30日前", 2025, [("date", None, None)]),
        ("三季度末前", None, [("date", None, None)]),
        # the year after the document's, or after the one written before
        ("明年6月底前", 2025, [("date", "2026-06-30", None)]),
        ("次年底前", 2024, [("date", "2025-12-31", None)]),
        ("翌年上半年", 2024, [("date", "2025-06-30", None)]),
        ("明年6月底前", None, [("date", None, None)]),
        ("今年6月底前", 2026, [("date", "2026-06-30", None)]),
        ("2026年度内", None, [("date", "2026-12-31", None)]),
        (
            "2024年6月启动试点，次年3月底前全面推开，6月底前总结",
            2023,
            [("date", "2024-06-30", None), ("date", "2025-03-31", None), ("date", "2025-06-30", None)],
        ),
        (
            "2018年底前直报系统覆盖全部乡镇（街道），2020年底前延伸至重点监控部位；持续实施",
            None,
            [("date", "2018-12-31", None), ("date", "2020-12-31", None), ("ongoing", None, None)],
        ),
    ],
)
def test_normalise(text: str, year: int | None, parts: list[tuple[str, str | None, str | None]]) -> None:
    assert [(d.kind, d.date, d.period) for d in normalise(text, year)] == parts


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("２０２６年６月底前", "2026-06-30"),
        ("２０２６．３．１５前", "2026-03-15"),
        ("１１月１日前", "2021-11-01"),
    ],
)
def test_full_width_digits_are_read_as_the_same_dates(text: str, date: str) -> None:
    (deadline,) = normalise(text, 2021)
    assert (deadline.text, deadline.date) == (text, date)


def test_a_month_without_a_year_stays_undated_when_the_document_has_none() -> None:
    (deadline,) = normalise("11月1日前", None)
    assert deadline.kind == "date" and deadline.date is None and deadline.text == "11月1日前"


def test_every_time_of_the_year_named_holds_a_word_its_search_looks_for() -> None:
    # find_deadlines searches a text for the times of time.toml's events only when it holds one.
    from fsgraph.deadlines import _event_words
    from fsgraph.lexicon import load

    assert [e for e in load("time")["events"] if not any(w in e for w in _event_words())] == []
