"""More invented Chinese releases for tests/test_chinese_trial_fixes.py: the layouts and
inputs a new user's trial found misread (hard-wrapped text with plain headings, a page's
particulars on one line, parties named by their abbreviations, control characters, Big5,
lost 【】 headings, a progress report). Written for the tests, not copied from releases."""

from __future__ import annotations

IDEOGRAPHIC_SPACE = "\u3000"
_NO_LINE_START = "，。、；：！？）」』》"

#: 贵州–香港, Simplified: plain heading lines, paragraphs indented with U+3000.
GZ_HK_TITLE = "贵州省人民政府与香港特别行政区政府举行黔港合作会议"
GZ_HK_LEAD = (
    "十月十八日，贵州省人民政府与香港特别行政区政府在贵阳举行黔港合作会议第三次会议。"
    "双方总结了近年合作的进展，并同意在以下四个方面加强合作："
)
GZ_HK_AREAS: list[tuple[str, list[str]]] = [
    (
        "数据产业",
        [
            "支持香港企业在贵阳大数据综合试验区设立数据中心，推动两地在云计算、"
            "数据安全及跨境数据流动规则方面开展研究。",
            "共同举办数字经济论坛，每年在贵阳和香港轮流举行。",
        ],
    ),
    (
        "生态旅游",
        [
            "联合推介黄果树瀑布、梵净山等自然景区，在香港举办贵州民族文化与山地旅游推广周活动。",
            "鼓励两地旅行社合作开发结合贵州山水与香港城市观光的多站式旅游产品。",
        ],
    ),
    (
        "农业合作",
        ["推动贵州茶叶、辣椒等特色农产品经香港进入国际市场，支持在港设立展销中心。"],
    ),
    (
        "人才培养",
        ["深化两地高校合作，每年选派不少于40名青年教师及研究人员到对方院校进修交流。"],
    ),
]
GZ_HK_AFTER = "会后，双方签署了《黔港数字经济合作备忘录》。"


def kinsoku_wrap(text: str, width: int) -> list[str]:
    """Hard-wrapped at ``width`` characters, a punctuation mark never at a line's start
    (the line before breaks one character early, as word processors do)."""
    out: list[str] = []
    while len(text) > width:
        cut = width
        while cut > 1 and text[cut] in _NO_LINE_START:
            cut -= 1
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text] if text else out


def gz_hk_wrapped(width: int) -> str:
    """The 黔港 release hard-wrapped at ``width`` characters, its lead left on one line."""
    indent = IDEOGRAPHIC_SPACE * 2
    out = [GZ_HK_TITLE, "", indent + GZ_HK_LEAD, ""]
    for heading, paras in GZ_HK_AREAS:
        out.append(heading)
        for p in paras:
            out += kinsoku_wrap(indent + p, width)
    out += ["", indent + GZ_HK_AFTER, "", "（完）", "", "2024年10月18日"]
    return "\n".join(out) + "\n"


def fj_mo_page(particulars_on_one_line: bool = True) -> str:
    """A saved Mainland page (福建–澳门, Simplified) whose particulars — source, the time
    it went up (the day after the meeting), font size, print — stand on one line right
    above the first paragraph, as 新闻中心 pages put them."""
    if particulars_on_one_line:
        info = (
            '<div class="info">来源：福建省人民政府办公厅\u3000\u3000发布时间：2025-06-21 08:45'
            "\u3000\u3000字号：大 中 小\u3000【打印本页】【关闭窗口】</div>"
        )
    else:
        info = (
            '<div class="info">来源：福建省人民政府办公厅</div>'
            '<div class="info">发布时间：2025-06-21 08:45</div>'
        )
    return (
        "<html><head><meta charset='utf-8'><title>闽澳合作会议第五次会议在福州召开_要闻</title>"
        "</head><body><div class='nav'>首页 | 政务公开 | 新闻中心</div>"
        "<h1>闽澳合作会议第五次会议在福州召开</h1>"
        f"{info}"
        "<p>\u3000\u30006月20日，福建省人民政府与澳门特别行政区政府在福州召开闽澳合作会议第五次会议。"
        "双方同意在以下三个方面深化合作：</p>"
        "<p>（一）海洋经济。推动两地在远洋渔业、海产品加工及贸易方面开展合作。</p>"
        "<p>（二）会展商贸。支持福建企业参加澳门国际贸易投资展览会，共同举办闽澳产品展销会。</p>"
        "<p>（三）青年交流。鼓励两地青年社团结对交流，每年组织澳门青年到福建实习。</p>"
        "<p>\u3000\u3000会后，双方签署了《闽澳会展合作协议》。</p>"
        "<div class='editor'>责任编辑：陈晓</div></body></html>"
    )


#: 福建–香港, Traditional, the governments named only as 閩港, two observers attending.
MIN_GANG = """新聞公報

閩港合作會議今日舉行

　　今日（五月八日），閩港合作會議第三次會議在福州舉行，廣東、江西兩省代表列席。行政長官與福建省省長共同主持會議。

　　雙方同意在以下兩個範疇加強合作：

一、航運
　　推動兩地港口在船舶登記、航運融資及海事仲裁方面加強合作。
二、茶文化
　　支持兩地合辦茶文化節，推廣閩茶走向國際市場。

　　會上，雙方簽署了《閩港航運合作備忘錄》。

完

2025年5月8日（星期四）
"""

#: 广西–香港, Simplified: 桂港 in the title, 云南 attending as observer.
GUI_GANG = """桂港合作会议第二次会议在南宁召开

　　11月3日，桂港合作会议第二次会议在南宁召开，云南省代表作为观察员列席会议。

　　双方同意在以下两个领域深化合作：

一、跨境物流
　　推动两地在西部陆海新通道建设中加强多式联运合作。
二、中医药
　　鼓励两地中医药机构共建壮瑶医药研究平台。

2024年11月3日
"""


#: 湖南–澳门, Traditional, 【】 headings, a line per paragraph.
XIANG_AO = """湘澳合作會議第二次會議在長沙舉行

　　今日（六月十六日），湖南省人民政府與澳門特別行政區政府在長沙舉行湘澳合作會議第二次會議。雙方同意在以下三個範疇加強合作：

【經貿】
　　支持湖南企業以澳門為平台，開拓葡語國家市場，參與中葡經貿合作論壇。
【旅遊】
　　共同推廣張家界及澳門世界遺產旅遊線路，互相為旅客提供便利。
【教育】
　　鼓勵兩地高校合辦短期課程，每年互派學生交流。

完

2025年6月16日（星期一）
"""


#: 福建–澳門, Traditional, 【】 headings, with 【教育】 and
#: 【醫療】 lost: their paragraphs follow 旅遊's.
MIN_AO_LOST = """閩澳合作會議第四次會議今日舉行

　　澳門特別行政區政府與福建省人民政府今日（十月九日）在福州舉行閩澳合作會議第四次會議。雙方同意在以下五個範疇加強合作：

【經貿】
　　支持澳門企業參與福建自由貿易試驗區建設，推動兩地商會合辦投資推介活動。
【旅遊】
　　聯合推廣閩澳「海上絲路」旅遊路線，在東南亞市場合辦旅遊推介會。
　　便利兩地居民往來，延長澳門居民在福建的逗留安排。
　　鼓勵兩地中學締結姊妹學校，每年合辦學生遊學團。
　　支持兩地大學開設聯合碩士課程，互派教師講學。
　　加強兩地在傳染病監測方面的資訊互通，合辦醫護人員培訓。
　　推動兩地醫院在中醫藥臨床研究方面的合作。
【青年】
　　支持澳門青年到福建實習及創業，每年提供不少於80個實習崗位。

完

2025年10月9日（星期四）
"""


#: 广东–澳门, Simplified: a working meeting's progress report, plain headings, closing
#: remarks after the last area.
YUE_AO_PROGRESS = """粤澳合作工作会议在珠海召开

　　4月22日，广东省人民政府与澳门特别行政区政府在珠海召开粤澳合作工作会议，总结去年联席会议以来各项合作的落实情况。有关进展及下一步工作安排如下：

横琴开发
　　去年横琴粤澳深度合作区新增澳资企业620家，跨境办公试点楼宇增至8栋。
　　下一步双方将研究扩大澳门居民在合作区执业的专业领域。

旅游会展
　　两地联合举办旅游推介活动11场，吸引旅客逾200万人次。

民生合作
　　已有超过3000名澳门长者入住广东的养老机构。双方将继续完善跨境养老服务。

　　双方同意于下半年在澳门召开粤澳合作联席会议第二十五次会议。
　　省领导及澳门特区政府主要官员出席会议。

2025年4月22日
"""
