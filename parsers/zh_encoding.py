"""Which Chinese encoding a release's bytes are in, when they are not UTF-8: GB18030 (and
its subsets GBK, GB2312: the Mainland's) or Big5 with the Hong Kong extensions (Big5-HKSCS:
the Hong Kong and Taiwan governments'). GB18030 decodes nearly any bytes without an error,
Big5 text among them, so the choice is made on what the text reads as: the share of its Han
characters that are among the commonest of written Chinese (in either script). A text
decoded with the wrong table is rare characters from end to end; a right one is half
common ones or more.
"""

from __future__ import annotations

import functools
import re

from parsers.zh_script import to_traditional

#: Some 400 of the commonest characters of written Chinese (Simplified; their Traditional
#: forms are added), the words of government releases among them.
_COMMON = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过"
    "家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所"
    "本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全"
    "工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教"
    "西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性"
    "通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲"
    "界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认"
    "算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红"
    "治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写"
    "识极令黄德收脸钱党倒未持取设始版双港澳省府政议协署签支持推动鼓励加强探索促进领域范畴方"
    "面举行召开会议双方两地企业市场发展服务融资贸易旅游文化教育青年创新科技医疗卫生交流项目"
    "机构设立深化互联互通粤浙川闽湘鄂苏沪京津渝琼桂滇黔陕晋冀豫皖赣辽吉黑甘宁新藏蒙台湾澳门"
)


@functools.cache
def common_characters() -> frozenset[str]:
    simplified = set(_COMMON)
    return frozenset(simplified | set(to_traditional(_COMMON)))


_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002ffff]")
#: The encodings a Chinese release's bytes may be in, in the order tried on a tie.
CHINESE_ENCODINGS = ("gb18030", "big5hkscs")
#: Below this share of common characters a decoded text is not Chinese as written.
MIN_COMMON_SHARE = 0.2
#: With fewer Han characters than this the share says little: the first that decodes.
_FEW = 20


def double_byte_share(data: bytes) -> float:
    """Share of the non-ASCII bytes that stand in two-byte characters as GBK and Big5
    write them (a lead byte 0x81–0xFE, a trail byte 0x40–0xFE but 0x7F): close to 1.0 for
    Chinese in either, low for Western text in cp1252."""
    high = paired = i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        if 0x81 <= b <= 0xFE and i + 1 < n and 0x40 <= data[i + 1] <= 0xFE and data[i + 1] != 0x7F:
            high += 1 + (data[i + 1] >= 0x80)
            paired += 1 + (data[i + 1] >= 0x80)
            i += 2
            continue
        high += 1
        i += 1
    return paired / high if high else 0.0


def common_share(text: str) -> float:
    """Share of a text's Han characters that are among the commonest."""
    han = _HAN.findall(text)
    if not han:
        return 0.0
    common = common_characters()
    return sum(1 for ch in han if ch in common) / len(han)


def decode_chinese(data: bytes) -> tuple[str, str] | None:
    """The text and the encoding of Chinese bytes that are not UTF-8: of GB18030 and
    Big5-HKSCS, the one that decodes without an error and reads as the most common
    characters; None if neither reads as Chinese (``MIN_COMMON_SHARE``)."""
    read: list[tuple[float, int, str, str]] = []
    for rank, encoding in enumerate(CHINESE_ENCODINGS):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        few = len(_HAN.findall(text)) < _FEW
        read.append((1.0 if few else common_share(text), -rank, text, encoding))
    if not read:
        return None
    share, _rank, text, encoding = max(read)
    if share < MIN_COMMON_SHARE:
        return None
    return text, encoding
