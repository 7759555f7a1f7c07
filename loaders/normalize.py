"""Raw plan text → the normalised text the graph holds.

Order matters: pinyin glosses go first (they use ASCII parentheses that the
punctuation step would turn full-width), then Traditional → Simplified, then
punctuation and spaces, then web-page chrome, line by line.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

from opencc import OpenCC

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_CJK = "\u4e00-\u9fff"
# 經(jīng)濟: a parenthesised pinyin syllable. One with a tone mark is never plan text, so it
# goes wherever it stands (a garbled copy puts some after punctuation, or loses the opening
# parenthesis with the bytes before it: 且?guī)泳); a plain one (de, me) only right after a Han
# character, and only in a document known to be glossed.
_GLOSS_TONED = re.compile(
    rf"(?:[(（]|(?<![A-Za-z{_TONED}]))[a-z]{{0,6}}[{_TONED}][a-z{_TONED}]{{0,6}}[)）]"
)
_GLOSS_PLAIN = re.compile(rf"(?<=[{_CJK}])[(（]([a-z]{{1,6}})[)）]")
# A document with this many toned glosses also glosses neutral-tone syllables (de, me).
_GLOSSED_DOCUMENT = 3

_PUNCT = str.maketrans(
    {
        ";": "；",
        ":": "：",
        "?": "？",
        "!": "！",
        "(": "（",
        ")": "）",
        "％": "%",
        "｜": "|",
        "│": "|",
        "．": ".",
        "\u3000": " ",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u2e3a": "——",  # the two-em dash a PDF's text layer may hold for ——
        "\u2e3b": "———",
    }
)
_STAND_IN = re.compile(rf"(?<=[{_CJK}])\?(?=[{_CJK}A-Za-z0-9])|(?<=[A-Za-z0-9])\?(?=[{_CJK}])")
"""An ASCII ? between a Han character and a letter, digit or Han character (either way round)
stands for a character the copy's encoding could not hold (a Chinese question mark is
full-width and ends its sentence): it becomes U+FFFD, the replacement character, and splits
nothing."""
_FULLWIDTH_ALNUM = {i: i - 0xFEE0 for i in range(0xFF10, 0xFF5B) if chr(i).isalnum()}
_COLON_IN_TIME = re.compile(r"(?<=\d)：(?=\d)")
_WIDE = rf"[{_CJK}\u3000-\u303f\uff00-\uffef“”‘’—…【】《》]"
_SPACES = re.compile(r"[ \t]+")
_TABS = re.compile(r"\t+")

# Web-page chrome around a copied plan: 欢迎访问…, 时间:/点击:/来源:, 上一篇 …
_BOILERPLATE = re.compile(
    r"^[•·●\s]*(欢迎访问|您当前的位置|当前位置[：:]|首页\s*[>＞]|"
    r"(发布)?时间[：:]|点击(数|量)?[：:]|浏览(次数)?[：:]|来源[：:]|作者[：:]|(责任)?编辑[：:]|"
    r"上一篇|下一篇|【?字体[：:]|【?打印本页|关闭窗口|分享到|扫一扫|相关链接|"
    r"主办[：:]|承办[：:]|主办单位[：:]|网站标识码|Copyright|版权所有|[\u4e00-\u9fff]ICP备)"
)


class _Converter(Protocol):
    """What ``OpenCC`` does here: its ``convert`` carries no return annotation (so mypy sees
    ``Any``) but always returns ``str``."""

    def convert(self, text: str) -> str: ...


@cache
def _converter() -> _Converter:
    return OpenCC("t2s")


def strip_pinyin_glosses(text: str) -> str:
    """Remove glosses such as ``(jīng)`` that some web copies insert after characters."""
    toned = len(_GLOSS_TONED.findall(text))
    text = _GLOSS_TONED.sub("", text)
    if toned >= _GLOSSED_DOCUMENT:
        text = _GLOSS_PLAIN.sub("", text)
    return text


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def normalise_line(line: str) -> str:
    """Unify punctuation and spacing in one line (tabs become table cell separators)."""
    return " ".join(_normalise_lines(line))


def is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE.match(line))


_MENU_ITEM = 10
"""A navigation bar's items are short: 首页 | 新闻中心 | 政务公开."""


def _is_menu(line: str) -> bool:
    items = [c.strip() for c in line.strip("|").split("|")]
    return (
        len(items) >= 3
        and all(0 < len(c) <= _MENU_ITEM for c in items)
        and not any(ch.isdigit() for ch in line)
    )


def _cells(line: str) -> int:
    return len(line.strip("|").split("|"))


def _is_table_row(line: str | None, beside: str) -> bool:
    """A row of the table ``beside`` belongs to: one with numbers, or as many cells."""
    return (
        line is not None
        and "|" in line
        and (any(ch.isdigit() for ch in line) or _cells(line) == _cells(beside))
    )


def _without_menus(lines: list[str]) -> list[str]:
    """Navigation bars are pipe rows of short words with no number, beside no table row
    (a table's header, 类别 | 指标 | 单位, has a row of numbers under it; its last row,
    零就业家庭 | — | 动态清零, one above it)."""
    return [
        line
        for i, line in enumerate(lines)
        if not (
            _is_menu(line)
            and not _is_table_row(lines[i + 1] if i + 1 < len(lines) else None, line)
            and not _is_table_row(lines[i - 1] if i > 0 else None, line)
        )
    ]


_NOT_XML: dict[int, str | None] = {
    **{code: " " for code in range(0x20) if chr(code) not in "\t\n\r"},
    **dict.fromkeys(range(55296, 57344)),
    0xFFFE: None,
    0xFFFF: None,
}
"""Characters XML 1.0 cannot hold (NUL, ESC and the other C0 controls, lone surrogates, the
noncharacters U+FFFE and U+FFFF): a control becomes a space, the others go, so no clause, title
or name keeps one and every GraphML export is XML."""
_ANY_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PUNCT_AND_ALNUM: dict[int, str | int] = {**_PUNCT, **_FULLWIDTH_ALNUM}


def xml_legal(text: str) -> str:
    """``text`` without the characters XML cannot hold (``_NOT_XML``); first of every
    normalisation, before OpenCC, which cannot take a lone surrogate either."""
    return text.translate(_NOT_XML) if _ANY_NOT_XML.search(text) else text


_COMMA = re.compile(r"(?<!\d),|,(?!\d)|,(?=\n)")
"""An ASCII comma outside a number (1,000) is Chinese punctuation."""
_SPACE_BETWEEN_WIDE = re.compile(rf"(?<={_WIDE})[^\S\n]+|[^\S\n]+(?={_WIDE})")


def _normalise_lines(text: str) -> list[str]:
    """``normalise_line`` on every line, done on the whole text at once (it is the build's
    hottest loop): the same steps, none of which crosses a line break."""
    if "\t" in text:
        text = "\n".join(
            _TABS.sub(" | ", line.strip("\t")) if line.count("\t") >= 2 else line
            for line in text.split("\n")
        )
    text = _STAND_IN.sub("\ufffd", text).translate(_PUNCT_AND_ALNUM)
    text = _COMMA.sub("，", text)
    text = _COLON_IN_TIME.sub(":", text)
    text = _SPACE_BETWEEN_WIDE.sub("", text)
    return [line.strip() for line in _SPACES.sub(" ", text).split("\n")]


def normalise(text: str) -> str:
    """The whole pipeline; blank lines, chrome lines and navigation bars are dropped."""
    text = xml_legal(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = to_simplified(strip_pinyin_glosses(text))
    lines = _normalise_lines(text)
    return "\n".join(_without_menus([line for line in lines if line and not is_boilerplate(line)]))


def normalise_fragment(fragment: str) -> str:
    """Normalise a short piece of text (a quote, a query) the way plan text is."""
    return normalise_line(to_simplified(strip_pinyin_glosses(xml_legal(fragment))))
