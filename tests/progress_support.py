"""Progress reports of working meetings, written for the tests (not real releases).

Each is a release of the family a working meeting or plenary publishes: an introduction
(who met, what they said, how many items the work plan holds), the progress and plans
area by area, closing remarks; with the noise real pages carry (navigation, captions,
"Ends/…", "Issued at").
"""

from __future__ import annotations

import html
from collections.abc import Callable

#: Plain headings; the intro holds "68 co-operation items"; closing remarks at the end.
FUJIAN_MACAO = """\
Skip to main content
Press Releases

Third Working Meeting of Macao/Fujian Co-operation Joint Conference held in Fuzhou

     The Secretary for Administration and Justice of the Macao SAR, Mr Leong Kam-fai, and \
the Executive Vice Governor of Fujian Province, Ms Zhou Lian, co-chaired the Third Working \
Meeting of the Macao/Fujian Co-operation Joint Conference in Fuzhou today (March 6). Officials \
of both governments responsible for trade, tourism and education attended.

     Mr Leong said, "Over the past year our two places have kept in close touch and the items \
in the 2025 Work Plan have moved forward steadily. We will keep building on this momentum."

     Both sides considered that the 2025 Work Plan had been implemented smoothly. The 2026 \
Work Plan covers 68 co-operation items, drawn up around the priorities set at last year's \
Plenary.

     The progress made in individual areas and the direction for future co-operation are set \
out below.

Trade and investment

     In the past year, the two sides jointly staged three investment promotion seminars in \
Xiamen and Macao, attracting over 400 companies from both places.

     The two sides will continue to encourage Fujian enterprises to use Macao as a platform \
for reaching Portuguese-speaking markets, and will set up a liaison desk for small and \
medium enterprises.

Tourism

     Fujian will support Macao travel agencies in designing multi-destination itineraries \
that combine the Wuyi Mountains with Macao's historic centre.

     Macao will continue to promote Fujian's coastal attractions at its international travel \
expo, and both sides agreed to exchange visitor data each quarter.

Education and youth

     Both sides agreed to expand internship places for Macao university students in Fujian's \
technology firms to 150 in 2026.

     The education authorities of the two places will hold a joint forum on vocational \
training in the autumn.

     The two sides also reviewed the arrangements for the Fourth Plenary of the Joint \
Conference, which will be held in Macao later this year.

     Also attending the meeting were the Director of the Economic and Technological \
Development Bureau, Mr Tai Wa-hou, and the Director-General of the Fujian Provincial \
Department of Commerce, Mr Lin Rui.

Ends/Friday, March 6, 2026
Issued at HKT 18:45

NNNN
"""

FUJIAN_ITEMS = {
    "Trade and investment": ["In the past year, the two sides jointly staged",
                             "The two sides will continue to encourage Fujian"],
    "Tourism": ["Fujian will support Macao travel agencies", "Macao will continue to promote"],
    "Education and youth": ["Both sides agreed to expand internship places",
                            "The education authorities of the two places"],
}  # fmt: skip


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


_JIANGXI_AREAS = [
    ("(1) Financial services", [
        "In the past year, two more Jiangxi enterprises listed in Hong Kong, and the green "
        "bond issued by Nanchang in Hong Kong was three times oversubscribed.",
        "The two sides will study a mutual referral scheme for wealth management products "
        "and hold a joint seminar on cross-boundary insurance services.",
    ]),
    ("(2) Innovation and technology", [
        "Hong Kong will continue to invite Jiangxi universities to join its research "
        "funding schemes open to the Mainland.",
        "Jiangxi will support Hong Kong start-ups in setting up pilot lines in the "
        "Ganjiang New Area, with rent relief for the first two years.",
    ]),
    ("(3) Culture and heritage", [
        "Both sides agreed to co-organise an exhibition on Jingdezhen porcelain at a Hong "
        "Kong museum in 2026.",
        "Jiangxi’s Lushan Mountain and Hong Kong’s Geopark will exchange rangers and "
        "share conservation know-how.",
    ]),
]  # fmt: skip


def jiangxi_hong_kong_html() -> str:
    """An HTML page: numbered bold headings, a photo caption, a sidebar; the intro names
    the work plan's 45 co-operation items; closing remarks after the last area."""
    body = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        "<title>Hong Kong/Jiangxi Co-operation Working Meeting held in Nanchang</title></head>",
        "<body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>",
        "<h1>Hong Kong/Jiangxi Co-operation Working Meeting held in Nanchang</h1>",
        _p(
            "The Secretary for Constitutional and Mainland Affairs, Mr Erick Tsang, and the "
            "Vice Governor of Jiangxi Province, Mr Xu Wen, co-chaired the Hong Kong/Jiangxi "
            "Co-operation Working Meeting in Nanchang today (May 14)."
        ),
        _p(
            "The meeting reviewed the progress of the 2025 Work Plan, whose 45 co-operation "
            "items in eight areas are all under way, and agreed on the priorities for the "
            "coming year."
        ),
        "<p><img src='p1.jpg' alt=''>Photo: the working meeting in session</p>",
        _p("The progress made and the direction for future co-operation are as follows:"),
    ]
    for heading, paras in _JIANGXI_AREAS:
        body.append(f"<p><strong>{html.escape(heading)}</strong></p>")
        body += [_p(t) for t in paras]
    body += [
        _p(
            "The two sides also noted that the next Hong Kong/Jiangxi Co-operation Conference "
            "will be held in Hong Kong in the autumn."
        ),
        _p("Ends/Wednesday, May 14, 2025"),
        "<aside><h3>Related news</h3><ul><li>CMAB visits Ganzhou</li></ul></aside>",
        "</body></html>",
    ]
    return "\n".join(body)


JIANGXI_ITEMS = {
    heading.split(") ", 1)[1]: [p[:30] for p in paras] for heading, paras in _JIANGXI_AREAS
}

#: "1. …" headings; a lead-in that states the number of areas beside a count of items;
#: hard-wrapped lines and CRLF line endings.
GUANGXI_MACAO = "\r\n".join(
    """\
Macao/Guangxi Co-operation Plenary reviews the 2025 Work Plan

2025-11-20 16:02

The Chief Executive of the Macao SAR and the Governor of Guangxi Zhuang Autonomous
Region co-chaired the Macao/Guangxi Co-operation Plenary in Nanning today
(November 20). The meeting took stock of the progress of the 2025 Work Plan.

The 2026 Work Plan sets out 52 co-operation items in the following three areas:

1. Trade and logistics

The two sides will open a second weekly freight flight between Nanning and Macao and
simplify customs clearance for e-commerce parcels.

Guangxi will continue to promote Macao as a platform for its exporters to reach
Portuguese-speaking countries.

2. Health and medicine

Both sides agreed to train 60 Guangxi nurses in Macao hospitals each year and to
recognise each other's training certificates for traditional Chinese medicine.

3. Youth exchanges

Macao will offer 200 summer places for Guangxi students in its youth programmes, and
Guangxi will host Macao young people at its ASEAN business weeks.

Also attending the plenary were senior officials of the two governments.

Ends/Thursday, November 20, 2025
""".split("\n")
)

#: No headings: each area opens with its topic ("On …, …"); the last area ends with a
#: paragraph that neither reports nor plans anything (an uncertain boundary); a paragraph
#: before the first area reads like an item.
SICHUAN_HONG_KONG = """\
Hong Kong/Sichuan Co-operation Working Meeting held in Chengdu

The Chief Secretary for Administration and the Executive Vice Governor of Sichuan Province \
co-chaired the fourth Hong Kong/Sichuan Co-operation Working Meeting in Chengdu today \
(September 9), reviewing the progress of co-operation over the past year.

The two sides will also step up exchanges between their legal professions.

On innovation and technology, the two sides have set up a joint laboratory on panda \
genetics, and will open it to young researchers from both places next year.

Sichuan will support Hong Kong universities in running research stations in the Longmen \
Mountains.

On tourism, Hong Kong will continue to promote Sichuan's World Heritage sites to overseas \
visitors through its travel trade partners.

Both sides agreed to launch a joint travel pass covering Chengdu's museums and Hong Kong's \
heritage trails.

On culture, the two sides will stage a Sichuan opera season in Hong Kong's Xiqu Centre in \
2026.

The face-changing art of Sichuan opera remains one of the most popular shows for visitors \
from Hong Kong.

Ends/Tuesday, September 9, 2025
"""

#: An article of another kind: headings and prose, no work plan, nothing promised.
FESTIVAL_ARTICLE = """\
Lantern festival draws crowds to the harbourfront

The lantern festival opened on the harbourfront last night, with thousands of visitors \
admiring the displays.

Lanterns

The largest lantern, a dragon forty metres long, was made by craftsmen from Zigong.

Food stalls

Stalls sold rice dumplings and sweet soups until midnight, and queues were long.
"""

#: A joint conference's working meeting as its government publishes it: a title opening
#: with an ordinal under a rule of asterisks, indented paragraphs, the CS's words giving
#: "71 key co-operation items in ten areas" (the work plan's, not this release's count),
#: a lead-in sentence, a heading wrapped onto two lines, a descriptive paragraph and
#: "On …," paragraphs inside a headed area (items of that area, not areas), closing
#: remarks after the last area.
GUANGDONG_HONG_KONG = """\
Print this page

25th Working Meeting of Hong Kong/Guangdong Co-operation Joint Conference held in \
Guangzhou (with photos)
*****************************************************************************************

     The Chief Secretary for Administration (CS), Mr Lam Chi-wing, and the Executive \
Vice-Governor of Guangdong Province, Mr Huang Ming, co-chaired the 25th Working Meeting \
of the Hong Kong/Guangdong Co-operation Joint Conference in Guangzhou this afternoon \
(February 27). Relevant officials of the two governments attended the meeting.

     The CS said at the meeting, "Building on the consensus of last year's Plenary, the two \
sides have drawn up the 2026 Work Plan. The Work Plan covers 71 key co-operation items \
in ten areas. Both sides will push forward each of them."

     In respect of individual areas of co-operation, the progress and direction for future \
co-operation are set out below.

Cross-boundary infrastructure and
clearance facilitation

     The new boundary control point at Huanggang is now largely complete and is expected to \
open in the second half of the year with co-location arrangements.

     The two sides will study extending round-the-clock clearance to more control points in \
the light of passenger demand.

Financial co-operation

     Financial co-operation is a cornerstone of the relationship between the two places.

     On cross-boundary wealth management, the quota for individual investors was raised last \
year, and the two sides will further widen the range of eligible products.

     On green finance, Hong Kong will continue to encourage Guangdong enterprises to issue \
green bonds in Hong Kong.

Innovation and technology

     Both sides agreed to open more of their research facilities to each other's scientists, \
including the large-scale facilities in Dongguan.

     Guangdong will support Hong Kong universities in setting up their research outcome \
transfer centres in the Greater Bay Area.

     After the meeting, the CS met the press. He said the working meeting was fruitful.

     Also attending the meeting were the Secretary for Constitutional and Mainland Affairs, \
Mr Ho Kin-lun, and the Under Secretary for Innovation, Technology and Industry, Ms \
Cheung Wai-ying.

Ends/Friday, February 27, 2026
Issued at HKT 19:20

NNNN
"""

GUANGDONG_AREAS = {
    "Cross-boundary infrastructure and clearance facilitation": 2,
    "Financial co-operation": 3,
    "Innovation and technology": 2,
}

#: Areas of prose under a lead-in, with no word of progress or work plans: an agreement
#: written as "The two sides will …" paragraphs.
SHANGHAI_HONG_KONG = """\
Hong Kong and Shanghai sign up to closer ties

Hong Kong and Shanghai reached consensus on co-operation in the following areas:

Finance

The two sides will encourage Shanghai enterprises to list in Hong Kong.

Hong Kong will support Shanghai's insurers in issuing catastrophe bonds.

Culture

Both sides agreed to exchange two museum exhibitions every year.

Shanghai will host a Hong Kong film week in the spring.
"""


def _release(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


#: Paragraphs an agreement reader takes for commitments ("Both sides agreed …", "Further
#: promote …"), in a working meeting reviewing its work plan; closing remarks; a signing
#: section after them.
SHANDONG_HONG_KONG = _release(
    "Shandong/Hong Kong Co-operation Working Meeting reviews progress",
    "The Chief Secretary for Administration and the Vice Governor of Shandong Province "
    "co-chaired the second Shandong/Hong Kong Co-operation Working Meeting in Jinan today "
    "(April 9, 2025) and reviewed the progress of the 2025 Work Plan.",
    "Finance",
    "Both sides agreed to help Shandong's city investment companies issue offshore bonds "
    "in Hong Kong.",
    "Further promote the use of Hong Kong's insurance services by Shandong enterprises "
    "going abroad.",
    "Maritime affairs",
    "Both sides agreed to train ship officers jointly at Shandong's maritime colleges.",
    "Both sides will hold a shipping finance forum in Qingdao in the summer.",
    "The two sides also reviewed the preparations for the next Plenary in Hong Kong.",
    "Signing ceremony",
    'After the meeting, the two sides signed the "Memorandum of Understanding on Maritime '
    'Talent Training".',
)

#: Numbered list items with run-in headings ("2. Tourism: …"), no heading lines.
CHONGQING_MACAO = _release(
    "Chongqing/Macao Co-operation Working Meeting held in Macao",
    "Macao, 18 June 2025 - The Secretary for Economy and Finance of the Macao SAR and the "
    "Vice Mayor of Chongqing co-chaired the Chongqing/Macao Co-operation Working Meeting in "
    "Macao today, reviewing the implementation of the 2025 Work Plan.",
    "The main results and next steps are as follows:",
    "1. Trade and exhibitions: the two sides will organise a Chongqing products fair at the "
    "Macao International Trade and Investment Fair and help Macao firms take part in the "
    "Western China International Fair.",
    "2. Tourism: Chongqing will support Macao travel agencies in packaging river cruises on "
    "the Yangtze with stays in Macao, and the two tourism offices will exchange visitor "
    "statistics.",
    "3. Education: Both sides agreed to offer 30 scholarships a year for Chongqing students "
    "at Macao universities.",
    "The two sides also agreed that the next working meeting will be held in Chongqing in 2026.",
)


# -- one report in many layouts ------------------------------------------------------------
HUBEI_TITLE = (
    "Second Working Meeting of Hubei/Hong Kong Co-operation Joint Conference held in Wuhan"
)
HUBEI_INTRO = [
    "Hubei and Hong Kong will step up co-operation in logistics and culture, the Secretary "
    "for Constitutional and Mainland Affairs said after co-chairing the Second Working "
    "Meeting of the Hubei/Hong Kong Co-operation Joint Conference in Wuhan on 12 May 2025.",
    "The two sides reviewed the progress of the 2025 Work Plan, which covers 36 co-operation "
    "items in nine areas.",
]
HUBEI_LEAD_IN = (
    "The progress made in individual areas and the direction for future co-operation are "
    "as follows:"
)
HUBEI_AREAS = [
    ("Logistics", [
        "In the past year, a weekly freight train service between Wuhan and Hong Kong "
        "began operating.",
        "The two sides will explore a second service to carry cold-chain goods.",
    ]),
    ("Professional services", [
        "Hubei will continue to recognise the qualifications of Hong Kong architects "
        "working in its free trade zone.",
        "Both sides agreed to hold a joint seminar for young lawyers each year.",
    ]),
    ("Culture", ["Hong Kong will support an exhibition of Chu bronze ware at its Palace Museum."]),
]  # fmt: skip
HUBEI_CLOSING = [
    "The two sides also exchanged views on the arrangements for the Fourth Plenary.",
    "Also attending the meeting were officials of the two governments.",
]


def _hubei_text(heading: Callable[[int, str], str], lead_in: bool = True, sep: str = "\n\n") -> str:
    parts = [HUBEI_TITLE, *HUBEI_INTRO] + ([HUBEI_LEAD_IN] if lead_in else [])
    for i, (name, paras) in enumerate(HUBEI_AREAS, 1):
        parts += [heading(i, name), *paras]
    return sep.join(parts + HUBEI_CLOSING) + "\n"


def _hubei_page(heading_tag: str) -> str:
    out = [f"<html><head><title>{HUBEI_TITLE}</title></head><body>",
           "<nav><a href='/'>Home</a> | <a href='/press'>Press releases</a></nav>",
           f"<h1>{HUBEI_TITLE}</h1>"]  # fmt: skip
    out += [_p(t) for t in [*HUBEI_INTRO, HUBEI_LEAD_IN]]
    for name, paras in HUBEI_AREAS:
        out.append(heading_tag.format(html.escape(name)))
        out += [_p(t) for t in paras]
    out += [_p(t) for t in HUBEI_CLOSING]
    out.append("<footer>Privacy policy | Contact us</footer></body></html>")
    return "\n".join(out)


_ROMAN = ["I", "II", "III"]


def hubei_layouts() -> dict[str, tuple[str, str]]:
    """The same report as text in many layouts and as HTML: name → (text, file name)."""
    plain = _hubei_text(lambda i, h: h)
    return {
        "plain headings": (plain, "r.txt"),
        "no lead-in": (_hubei_text(lambda i, h: h, lead_in=False), "r.txt"),
        "(1) numbered": (_hubei_text(lambda i, h: f"({i}) {h}"), "r.txt"),
        "1. numbered": (_hubei_text(lambda i, h: f"{i}. {h}"), "r.txt"),
        "roman numbered": (_hubei_text(lambda i, h: f"{_ROMAN[i - 1]}. {h}"), "r.txt"),
        "with colons": (_hubei_text(lambda i, h: f"{h}:"), "r.txt"),
        "upper case": (_hubei_text(lambda i, h: h.upper()), "r.txt"),
        "markdown": (_hubei_text(lambda i, h: f"## {h}"), "r.md"),
        "bold": (_hubei_text(lambda i, h: f"**{h}**"), "r.txt"),
        "underlined": (_hubei_text(lambda i, h: f"{h}\n{'-' * len(h)}"), "r.txt"),
        "one line each": (_hubei_text(lambda i, h: h, sep="\n"), "r.txt"),
        "crlf": (plain.replace("\n", "\r\n"), "r.txt"),
        "h3 page": (_hubei_page("<h3>{}</h3>"), "r.html"),
        "strong page": (_hubei_page("<p><strong>{}</strong></p>"), "r.html"),
    }


#: As a PDF or Word reader gives a release: Markdown headings, bulleted items, a page
#: number left at the end; the first area's first item reports in the simple past.
GUANGDONG_MACAO = _release(
    "## Guangdong-Macao Co-operation Joint Conference: progress of the 2025 Work Plan",
    "Macao, 3 December 2025",
    "The Guangdong-Macao Co-operation Joint Conference met in Zhuhai and reviewed progress "
    "on the items of the 2025 Work Plan.",
    "## Hengqin development",
    "• The two sides completed the second phase of the Hengqin cross-border talent housing.",
    "• Guangdong will extend the 15% income tax cap for Macao residents working in Hengqin.",
    "## Transport links",
    "• A new bus route across the Hong Kong-Zhuhai-Macao Bridge started in July.",
    "• Both sides agreed to study a light rail link to the Hengqin port.",
    "## Livelihood",
    "• Macao will continue to fund elderly homes in Zhongshan for Macao residents.",
    "Page 2 of 2",
)
