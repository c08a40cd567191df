"""The English-page scanner (tests/cjk_scan.py) finds Chinese outside the marked parts, and only there."""

from __future__ import annotations

from .cjk_scan import cjk_leaks


def test_marked_parts_and_scripts_are_skipped():
    html = (
        '<html lang="en"><head><meta name="description" content="Calls"><script>var a="中文";</script>'
        '<style>.x:after{content:"中"}</style></head><body><p>Key projects</p>'
        '<details class="st-other" lang="zh"><summary>Chinese original</summary><p>重点项目<b>七项</b></p></details>'
        '<nav><a href="../zh/" lang="zh" hreflang="zh">中文</a></nav><img src="a.png" alt="map"><br>'
        "<pre><code>title:\n  zh: 示范基地</code></pre></body></html>"
    )
    assert cjk_leaks(html) == []


def test_leaks_are_found_in_text_and_visible_attributes():
    html = (
        '<html lang="en"><head><meta name="description" content="附件8 list"></head><body>'
        "<h2>一、Key projects</h2><p>Support of 100–200 ten thousand yuan</p>"
        '<td title="任务1">Task</td><input placeholder="搜索"><p>Set（一）</p></body></html>'
    )
    leaks = cjk_leaks(html)
    assert len(leaks) == 5
    assert any("附件" in x for x in leaks) and any("一、" in x for x in leaks)
    assert any("任务" in x for x in leaks) and any("搜索" in x for x in leaks) and any("（一）" in x for x in leaks)


def test_a_marked_element_ends_where_it_closes():
    html = '<div><span lang="zh-Hans">新疆</span> 喀什</div><p lang="zh">中文<br>原文</p><p>原</p>'
    assert cjk_leaks(html) == ["喀什", "原"]


def test_allowed_names_are_left_alone():
    html = "<p>Issued as 国科发区〔2022〕25号 in Xinjiang 新疆</p>"
    assert cjk_leaks(html, ["国科发区〔2022〕25号", "新疆"]) == []
    leaks = cjk_leaks(html, ["新疆"])
    assert len(leaks) == 3 and all("国科发区〔2022〕25号" in x for x in leaks)  # 国科发区〔, 〕 and 号
