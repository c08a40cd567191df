"""Write 09-docx.docx and 10-pdf.pdf of the development set from the text below (run once by hand;
the files are committed, so tests need neither fonts nor this script)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "bench"))

from headless import launch  # the browser tests' and the benchmark's Chromium

HERE = Path(__file__).parent
DOCX_PARAGRAPHS = [
    "2023年度科技支宁东西部合作项目申报指南",
    "一、支持方向",
    "（一）枸杞产业提质增效",
    "（二）葡萄酒产业关键技术",
    "二、项目考核指标",
    "各项目应完成下表所列指标：",
]
DOCX_TABLE = [
    ["序号", "指标名称", "目标值"],
    ["1", "建设标准化示范基地1000亩以上", "约束性"],
    ["2", "开发葡萄酒新产品5个", "约束性"],
    ["3", "示范区亩均增收不低于800元", "预期性"],
]
DOCX_AFTER = [
    "三、资金安排",
    "每个项目资助额度不超过100万元，申报单位须按不低于1:1的比例落实配套资金。",
]
PDF_PAGES = [
    [
        "2022年科技入滇合作行动方案",
        "一、主要目标",
        "到2025年，建成省院省校科技合作平台15个，",
        "引进转化重大科技成果100项，",
        "培育科技型中小企业500家以上。",
    ],
    [
        "二、保障措施",
        "省级财政每年安排专项资金不低于2000万元，",
        "对新认定的国家级平台给予最高1000万元奖励。",
        "联系电话：0871-63123456",
    ],
]


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for text in DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=len(DOCX_TABLE), cols=3)
    for r, row in enumerate(DOCX_TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in DOCX_AFTER:
        document.add_paragraph(text)
    document.core_properties.author = "stcatalog"
    document.save(path)


def make_pdf(path: Path) -> None:
    """Chromium prints the pages (one per page break), with a text layer and CJK fonts."""
    from playwright.sync_api import sync_playwright

    body = "".join(
        '<div style="page-break-after: always">' + "".join(f"<p>{line}</p>" for line in lines) + "</div>"
        for lines in PDF_PAGES
    )
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.set_content(f'<html><body style="font-family: Noto Serif CJK SC">{body}</body></html>')
        page.pdf(path=str(path), format="A4")
        browser.close()


if __name__ == "__main__":
    make_docx(HERE / "09-docx.docx")
    make_pdf(HERE / "10-pdf.pdf")
