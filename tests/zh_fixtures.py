"""Chinese releases of the co-operation family written for the tests (invented text, not
real releases): 浙江–香港 in Traditional, 四川–澳门 in Simplified, and a few more, with
the noise real pages carry. Each structured release is rendered in several layouts (a
line per paragraph, hard-wrapped, indented with U+3000, a saved page, a Word file) so
the tests can check that the same text gives the same meeting whatever its layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

IDEOGRAPHIC_SPACE = "\u3000"


@dataclass
class ZhRelease:
    title: str
    lead: list[str]
    stated: str
    areas: list[tuple[str, list[str]]]  # (heading as written, commitments)
    after: list[str]  # the signing paragraph(s) and closing lines
    closing: list[str] = field(default_factory=list)  # 完, date line, time line


ZJ_HK = ZhRelease(
    title="浙江—香港合作會議第五次會議在杭州舉行",
    lead=[
        "香港特別行政區政府與浙江省人民政府今日（九月十二日）在杭州舉行浙港合作會議第五次會議，"
        "回顧上次會議以來兩地合作的進展，並商討下一階段的工作重點。",
        "雙方同意在以下六個範疇深化合作：",
    ],
    stated="六",
    areas=[
        (
            "一、金融合作",
            [
                "支持兩地金融機構在對方市場設立分支機構，拓展跨境人民幣業務及財富管理服務。",
                "鼓勵浙江企業赴香港上市融資，善用香港資本市場發行綠色債券。",
                "推動兩地保險業在產品開發及再保險方面加強合作。",
            ],
        ),
        (
            "二、經貿合作",
            [
                "推動兩地企業共同參與「一帶一路」建設，聯合開拓海外市場。",
                "加強兩地商會交流，定期舉辦經貿洽談及展覽活動。",
            ],
        ),
        (
            "三、創新科技",
            [
                "促進兩地高校及科研機構共建聯合實驗室，推動科研成果轉化及產業化。",
            ],
        ),
        (
            "四、教育",
            [
                "鼓勵兩地學校締結姊妹學校，擴大師生交流及互訪。",
                "支持兩地大學開展聯合培養及學術研究合作。",
            ],
        ),
        (
            "五、文化旅遊",
            [
                "共同推廣兩地旅遊資源，開發「一程多站」旅遊產品。",
                "支持兩地博物館合作舉辦文物展覽，促進文化藝術交流。",
            ],
        ),
        (
            "六、青年交流",
            [
                "支持香港青年到浙江實習、就業及創業，為他們提供便利措施。",
            ],
        ),
    ],
    after=[
        "會上，雙方簽署了《浙江省人民政府與香港特別行政區政府關於加強金融合作的備忘錄》"
        "及《浙港青年交流合作協議》。",
    ],
    closing=["完", "2024年9月12日（星期四）", "香港時間18時30分"],
)

SC_MO = ZhRelease(
    title="四川—澳门合作会议第三次会议在成都召开",
    lead=[
        "2025年3月18日，四川—澳门合作会议第三次会议在成都召开。四川省人民政府与澳门特别行政区政府"
        "就深化川澳合作进行了深入交流，一致同意在以下五个领域加强合作：",
    ],
    stated="五",
    areas=[
        (
            "（一）经贸合作",
            [
                "支持澳门发挥中葡商贸合作服务平台作用，协助四川企业开拓葡语国家市场。",
                "共同举办川澳投资推介会，促进两地企业互相投资。",
            ],
        ),
        (
            "（二）文化旅游",
            [
                "推动两地旅游业界互送客源，联合开发文化旅游线路。",
                "鼓励两地艺术团体互访演出，加强非物质文化遗产保护交流。",
            ],
        ),
        (
            "（三）中医药",
            [
                "支持两地中医药机构在澳门共建研发平台，推动中医药产品注册及走向国际。",
            ],
        ),
        (
            "（四）会展业",
            [
                "鼓励四川企业参加澳门国际贸易投资展览会等品牌展会。",
                "探索两地会展业人才培训合作。",
            ],
        ),
        (
            "（五）青年交流",
            [
                "深化两地青年交流，支持澳门青年到四川参访、实习及创业。",
            ],
        ),
    ],
    after=[
        "会议期间，双方签署了以下合作文件：",
        "1．《四川省人民政府与澳门特别行政区政府关于深化中医药合作的协议》",
        "2．《川澳会展业合作备忘录》",
    ],
    closing=["（完）"],
)


def one_per_line(r: ZhRelease, indent: str = "") -> str:
    """A line per paragraph, a blank line between parts."""
    out = [r.title, ""]
    out += [indent + p for p in r.lead] + [""]
    for heading, paras in r.areas:
        out.append(heading)
        out += [indent + p for p in paras]
    out += [""] + [indent + p for p in r.after] + [""] + r.closing
    return "\n".join(out) + "\n"


def wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def wrapped(r: ZhRelease, width: int = 22) -> str:
    """Hard-wrapped at ``width`` characters (as a text editor or an e-mail does),
    paragraphs indented with two ideographic spaces, no blank lines between them."""
    out = [r.title, ""]
    for p in [*r.lead]:
        out += wrap(IDEOGRAPHIC_SPACE * 2 + p, width)
    out.append("")
    for heading, paras in r.areas:
        out.append(heading)
        for p in paras:
            out += wrap(IDEOGRAPHIC_SPACE * 2 + p, width)
    out.append("")
    for p in r.after:
        out += wrap(IDEOGRAPHIC_SPACE * 2 + p, width)
    out += ["", *r.closing]
    return "\n".join(out) + "\n"


def saved_page(r: ZhRelease) -> str:
    """A saved government page: a site menu, bold headings, a photo, the page's title."""
    parts = [
        "<html><head><meta charset='utf-8'><title>",
        r.title,
        "</title></head><body>",
        "<div class='nav'><a href='/'>首頁</a> | <a href='/en'>English</a> | <a>简体</a></div>",
        "<p>返回頁首</p>",
        f"<h1>{r.title}</h1>",
    ]
    parts += [f"<p>{p}</p>" for p in r.lead]
    for heading, paras in r.areas:
        parts.append(f"<p><strong>{heading}</strong></p>")
        parts += [f"<p>{p[:10]}\n{p[10:]}</p>" for p in paras]  # wrapped in the markup
    parts += [f"<p>{p}</p>" for p in r.after]
    parts.append("<p><img src='a.jpg'>圖：兩地代表在會議後合照。</p>")
    parts += [f"<p>{line}</p>" for line in r.closing]
    parts.append("<p>列印 | 分享</p></body></html>")
    return "".join(parts)


def word_file(r: ZhRelease) -> bytes:
    """The release as a Word file (python-docx): a title, headings in Heading 2."""
    from docx import Document

    doc = Document()
    doc.add_heading(r.title, level=1)
    for p in r.lead:
        doc.add_paragraph(p)
    for heading, paras in r.areas:
        doc.add_heading(heading, level=2)
        for p in paras:
            doc.add_paragraph(p)
    for p in [*r.after, *r.closing]:
        doc.add_paragraph(p)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


#: 【】 headings, Simplified, the count in digits, a page number and a photo caption.
BRACKETED = """广东—香港合作联席会议第二十五次会议在广州举行

来源：广东省人民政府　　发布时间：2024-05-27

5月27日，粤港合作联席会议第二十五次会议在广州举行。广东省人民政府与香港特别行政区政府同意在以下4个方面深化合作：

【金融】
推动两地金融市场互联互通，扩大跨境理财通试点范围。
支持香港金融机构在广东设立分支机构。
【交通物流】
加快推进两地跨境铁路建设，提升口岸通关效率。
【环境保护】
共同推进大湾区碳排放交易合作，加强空气污染联防联治。
探索两地在绿色低碳技术方面的合作。
【青年】
支持香港青年到广东创新创业，完善创业孵化基地服务。

第 1 页，共 2 页

图：联席会议现场。（新华社记者 张三 摄）

会上，双方签署了《粤港金融合作协议》。

2024年5月27日
"""

#: Plain-line headings and paragraphs indented with U+3000, Traditional, no 完.
PLAIN = """澳門與福建舉行閩澳合作會議

　　福建省人民政府與澳門特別行政區政府於2023年11月6日在福州舉行閩澳合作會議，雙方同意在以下四個範疇加強合作：
經貿投資
　　推動兩地企業互相投資，支持澳門企業參與福建自由貿易試驗區建設。
　　鼓勵兩地商會合作舉辦推介活動。
海洋經濟
　　探討兩地在海洋漁業及海洋科研方面的合作。
社會民生
　　支持兩地在醫療衛生及長者服務方面交流經驗。
人才培訓
　　加強兩地公務員培訓交流，共同培養專業人才。
　　會議結束後，福建省省長表示，期待兩地合作取得更多成果。
"""

#: Lost headings: the count says five, two headings are left (Simplified).
LOST = """湖北—香港合作会议在武汉举行

2024年12月3日，湖北省人民政府与香港特别行政区政府在武汉举行合作会议，双方同意在以下四个领域加强合作：

一、金融合作
支持湖北企业赴香港上市融资，发行债券。
鼓励两地银行及保险机构开展业务合作，发展绿色金融。
推动两地学校结为姊妹学校，扩大学生及教师交流。
支持两地高校合作开设课程，开展职业教育合作。
三、文化旅游
共同开发两地旅游线路，推广文化旅游产品。
加强两地航空合作，增加两地航班及航线。
支持两地机场在航空货运方面合作。

（完）
"""


#: A Hong Kong release whose headings the page lost: the count stated, the commitments
#: one after another (Traditional; a skip link, a rule of full-width asterisks, 完).
NO_HEADINGS = """跳至主要內容
香港與浙江簽署多項合作協議（附圖）
＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊
　　行政長官李家超今日（六月二十六日）在香港出席港澳－浙江周開幕典禮，並與浙江省委書記共同見證兩地簽署多項合作協議，推動兩地優勢互補、互利共贏。
　　李家超表示，香港與浙江一直關係密切，交往頻繁。
　　港浙雙方就以下五個合作範疇達成共識：
　　鼓勵浙江企業繼續善用香港金融市場的融資渠道，包括在港上市及發行債券。
　　推廣香港綠色金融資助計劃，共同推進碳排放權交易市場建設。
　　支持兩地高校及科研機構加強科研合作，共建聯合實驗室。
　　鼓勵兩地科技企業互相投資，推動科技成果轉化。
　　增加香港與杭州、寧波及溫州三個機場之間的航班，加強航空貨運合作。
　　推動兩地機場管理經驗交流。
　　支持兩地學校締結姊妹學校，推動師生交流。
　　鼓勵兩地高校開展學術合作及聯合培養。
　　共同推廣兩地文化旅遊資源，支持兩地博物館合作舉辦展覽。
　　推動兩地旅遊業界互送客源，促進文化藝術團體交流演出。
　　出席活動的香港特區政府官員包括財政司司長及商務及經濟發展局局長。
完
2023年6月26日（星期一）
香港時間21時05分
"""

#: A Mainland government page (Simplified): a menu, the page's particulars (source,
#: publication date), tool links in 【】, headings in bold, "3个重点合作领域".
MAINLAND_PAGE = """<html><head>
<title>浙江省与香港特区举行合作会议_浙江省人民政府门户网站</title></head><body>
<div class="nav">首页 | 政务公开 | 新闻中心</div>
<div class="content"><h1>浙江省与香港特区举行合作会议</h1>
<p>来源：浙江日报　发布时间：2025-04-25 08:30　浏览次数：1024</p>
<p>【字号：大 中 小】【打印本页】【关闭窗口】</p>
<p style="text-indent:2em">4月24日，浙江省人民政府与香港特别行政区政府在杭州举行合作会议。
会议确定了以下3个重点合作领域：</p>
<p><strong>（一）深化金融合作</strong></p>
<p>　　支持浙江企业赴港上市，鼓励香港金融机构在浙江设立分支机构。</p>
<p>　　推动两地绿色金融标准互认。</p>
<p><strong>（二）加强科技创新合作</strong></p>
<p>　　共建联合实验室，推动科研成果转化。</p>
<p><strong>（三）促进人文交流</strong></p>
<p>　　鼓励两地青年交流，支持香港青年到浙江实习就业。</p>
<p>　　会议期间，双方签署了《浙港合作会议机制框架协议》等6份合作文件。</p>
<p>【打印本页】【关闭窗口】</p></div>
<div class="footer">版权所有 浙江省人民政府</div></body></html>"""


#: Numbered headings with the first paragraph on their line ("一、经贸合作：支持……"), a
#: paragraph wrapped without an indent, a 【】 heading followed by its text.
INLINE = """江苏—澳门合作会议在南京召开

2024年11月5日，江苏省人民政府与澳门特别行政区政府在南京召开合作会议，双方同意在以下四个领域深化合作：
一、经贸合作：支持澳门企业参与江苏自由贸易试验区建设，
推动两地企业互相投资。
鼓励两地商会定期举办经贸交流活动。
二、文化旅游。推动两地旅游业界联合开发旅游产品。
三、青年交流：支持澳门青年到江苏实习及创业。
【中医药】推进两地中医药产业合作，共建中医药研发平台。
（完）
"""


#: No stated count; plain headings ending in a colon; an unrelated article after it.
COLON_HEADINGS = """海南与澳门举行合作会议

2025年6月10日，海南省人民政府与澳门特别行政区政府在海口举行合作会议，就多个领域的合作达成共识。

金融：
支持澳门金融机构参与海南自由贸易港建设，拓展跨境人民币业务。
推动两地在绿色金融领域开展合作。
旅游：
共同开发“一程多站”旅游产品，联合开展旅游推广活动。
教育：
鼓励两地高校开展学术交流，支持两地学校结为姊妹学校。

海口市举办夏季消费节
海口市商务局负责人表示，今年消费节将持续一个月，吸引市民及游客参与。
"""


def pdf_file(r: ZhRelease) -> bytes:
    """The release as a PDF (reportlab, its built-in CID font STSong-Light, Adobe-GB1,
    whose glyphs cover the Traditional characters used here too; no CJK TrueType font is
    needed): a larger title and headings, paragraphs wrapped at the margin with a
    first-line indent, a page number at the foot of each page."""
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    out = BytesIO()
    pdf = canvas.Canvas(out, pagesize=A5)
    width, height = A5
    left, right, top, bottom = 50.0, width - 50.0, height - 60.0, 70.0
    state = {"y": top, "page": 1}

    def foot() -> None:
        pdf.setFont(font, 9)
        pdf.drawString(width / 2 - 20, 40, f"第 {state['page']} 頁")

    def line(text: str, size: float, x: float = left) -> None:
        if state["y"] < bottom:
            foot()
            pdf.showPage()
            state["page"] += 1
            state["y"] = top
        pdf.setFont(font, size)
        pdf.drawString(x, state["y"], text)
        state["y"] -= size * 1.6

    def paragraph(text: str, size: float = 10.5) -> None:
        rest, first = text, True
        while rest:
            x = left + (2 * size if first else 0)
            n = 1
            while n < len(rest) and pdfmetrics.stringWidth(rest[: n + 1], font, size) <= right - x:
                n += 1
            line(rest[:n], size, x)
            rest, first = rest[n:], False
        state["y"] -= 4

    line(r.title, 15)
    state["y"] -= 8
    for p in r.lead:
        paragraph(p)
    for heading, paras in r.areas:
        state["y"] -= 6
        line(heading, 12.5)
        for p in paras:
            paragraph(p)
    for p in r.after:
        paragraph(p)
    for p in r.closing:
        line(p, 10.5)
    foot()
    pdf.save()
    return out.getvalue()
