"""Raw text → graph text: glosses, Traditional characters, punctuation and web chrome go."""

from __future__ import annotations

from loaders.normalize import normalise, normalise_fragment, strip_pinyin_glosses, to_simplified


def test_strips_pinyin_glosses_but_keeps_real_parentheses() -> None:
    text = "經(jīng)濟發(fā)展(fā)和就業(yè)，以及城鎮(zhèn)新增就業(yè)(萬人)與(de)其他"
    assert strip_pinyin_glosses(text) == "經濟發展和就業，以及城鎮新增就業(萬人)與其他"


def test_a_gloss_that_lost_its_opening_parenthesis_goes_too() -> None:
    assert strip_pinyin_glosses("且?guī)泳就業(yè)") == "且?泳就業"
    # but an accented word in parentheses is no gloss, whole or in part
    assert (
        strip_pinyin_glosses("参加（Müller）培训，品牌（Café）")
        == "参加（Müller）培训，品牌（Café）"
    )


def test_a_question_mark_standing_for_a_lost_character_ends_no_sentence() -> None:
    """A copy that could not encode a character writes ?; a Chinese question is full-width."""
    assert normalise("运营3年以上且?泳业人数未减少的") == "运营3年以上且\ufffd泳业人数未减少的"
    assert normalise("姓名：王?明") == "姓名：王\ufffd明"
    assert (
        normalise("对运营3?年以上的企业，落实A?类补贴。")
        == "对运营3\ufffd年以上的企业，落实A\ufffd类补贴。"
    )
    assert normalise("有哪些新举措?\n答：") == "有哪些新举措？\n答："
    # The price: an ASCII question run on into the next sentence reads as a lost character
    # (none of the 21 documents has one; their questions are full-width).
    assert normalise("有哪些新举措?记者就此专访") == "有哪些新举措\ufffd记者就此专访"


def test_a_single_ascii_word_in_parentheses_is_not_a_gloss() -> None:
    assert strip_pinyin_glosses("劳动报酬占gdp(ratio)比重") == "劳动报酬占gdp(ratio)比重"


def test_traditional_becomes_simplified() -> None:
    assert to_simplified("巴彥淖爾市就業促進行動實施方案") == "巴彦淖尔市就业促进行动实施方案"


def test_punctuation_and_spaces_are_unified() -> None:
    assert normalise("城镇新增就业 100万人以上,城镇调查失业率控制在6%以内;") == (
        "城镇新增就业100万人以上，城镇调查失业率控制在6%以内；"
    )
    assert normalise("１２.５万人　（预期性）") == "12.5万人（预期性）"
    # a thousands separator stays a comma inside the number
    assert normalise("投入1,200万元") == "投入1,200万元"


def test_web_chrome_lines_are_dropped_and_blank_lines_removed() -> None:
    page = "欢迎访问甘肃经济信息网!\n甘肃省“十四五”就业促进规划\n  • 时间:2023-09-06\n  • 点击:0\n\n\n正文。\n上一篇：某某"
    assert normalise(page) == "甘肃省“十四五”就业促进规划\n正文。"


def test_fragments_are_normalised_like_plan_text() -> None:
    assert normalise_fragment("返鄉創業園") == "返乡创业园"
    assert normalise_fragment("城鎮(zhèn)新增") == "城镇新增"
