#!/usr/bin/python3
"""Reads an exported report back with real readers — openpyxl and zipfile for
the .xlsx, the csv module for the .csv — and checks it against the report the
service returned (as JSON): every figure and breakdown value, the labels a
person reads (no enum names or directory codes anywhere), number formats, the
环比/同比 columns, frozen headers, page setup, document properties and the
native chart parts.

usage: check_exports.py REPORT.json REPORT.csv REPORT.xlsx
"""
import csv
import io
import json
import re
import sys
import zipfile

import openpyxl

FIGURES = {
    "FIGURE_OUTBOUND_TRIPS": "外出招商", "FIGURE_MERCHANT_VISITS": "邀请客商来访",
    "FIGURE_LEADS": "收集招商线索", "FIGURE_SIGNED_PROJECTS": "新签约项目",
    "FIGURE_CONTINUING_PROJECTS": "在续建项目", "FIGURE_STARTED_PROJECTS": "开工项目",
    "FIGURE_STARTED_GE_10YI": "开工10亿元以上项目", "FIGURE_STARTED_GE_1YI": "开工亿元以上项目",
    "FIGURE_FUNDS_IN_PLACE": "到位资金",
}
COUNT_ONLY = {"FIGURE_OUTBOUND_TRIPS", "FIGURE_MERCHANT_VISITS", "FIGURE_LEADS"}
MONEY_ONLY = {"FIGURE_FUNDS_IN_PLACE"}
DIMENSIONS = {
    "GROUP_BY_UNIT": "责任单位", "GROUP_BY_INDUSTRY": "产业", "GROUP_BY_MONTH": "月份",
    "GROUP_BY_OFFICE": "驻外办事处", "GROUP_BY_ACTIVITY_KIND": "活动类型",
}
# What a person reads for the keys of the demo district (an oracle written
# independently of common/labels.cc and the contracts' options).
KEYS = {
    "none": "未填写",
    "INDUSTRY_COMMERCE_LOGISTICS": "商贸物流", "INDUSTRY_MEDICAL_DEVICES": "医疗器械",
    "INDUSTRY_ELECTRONIC_INFORMATION": "电子信息", "INDUSTRY_OTHER": "其他产业",
    "ACTIVITY_KIND_OUTBOUND_TRIP": "外出招商", "ACTIVITY_KIND_MERCHANT_VISIT": "客商来访",
    "town-ganhechen": "干河陈乡", "town-wenshi": "问十乡", "town-kongzhongguo": "空冢郭乡",
    "town-daliu": "大刘镇", "subdistrict-malujie": "马路街街道",
    "subdistrict-shunhejie": "顺河街街道", "subdistrict-laojie": "老街街道",
    "park-logistics": "商贸物流产业园", "park-medical": "医疗器械产业园",
    "park-electronic": "电子信息产业园", "dept-investment": "区投资促进局",
    "dept-commerce": "区商务局", "dept-development": "区发展和改革委员会",
    "dept-industry": "区工业和信息化局", "office-yrd": "长三角驻外招商办事处",
    "office-fujian": "福建驻外招商办事处", "office-chengdu": "成都驻外招商办事处",
}
# Text no person should read: enum names and directory codes.
CODE = re.compile(r"[A-Z]{3,}_[A-Z_]{3,}|\b(?:town|subdistrict|park|dept|office|leader)-[a-z]")


def key_label(key):
    m = re.fullmatch(r"(\d{4})-(\d{2})", key)
    if m:
        return "%d年%d月" % (int(m.group(1)), int(m.group(2)))
    return KEYS[key]


def ratio(now, earlier):
    return None if earlier == 0 else (now - earlier) / earlier


def no_codes(where, text):
    assert not CODE.search(text), "%s shows a code: %r" % (where, text)


def dimension_tables(report):
    """group_by -> (figures in order, {key: {figure: row}}, keys in order)."""
    tables = {}
    for b in report.get("breakdowns", []):
        figures, cells, keys = tables.setdefault(b["groupBy"], ([], {}, []))
        figures.append(b["figure"])
        for r in b.get("rows", []):
            if r["key"] not in keys:
                keys.append(r["key"])
            cells.setdefault(r["key"], {})[b["figure"]] = r
    for g, (_, _, keys) in tables.items():
        if g == "GROUP_BY_MONTH":
            keys.sort()
        keys.sort(key=lambda k: k == "none")
    return tables


def columns_of(figures):
    cols = []
    for f in figures:
        if f not in MONEY_ONLY:
            cols.append((f, "count"))
        if f not in COUNT_ONLY:
            cols.append((f, "investmentWanYuan"))
    return cols


def check_csv(report, path):
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV lacks the UTF-8 byte-order mark"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "CSV lines end in CRLF"
    text = raw.decode("utf-8-sig")
    no_codes("the CSV", text)
    lines = list(csv.reader(io.StringIO(text, newline="")))
    assert "招商引资统计表" in lines[0][0], lines[0]
    assert lines[1][0].startswith("制表单位：") and lines[1][1].startswith("制表日期："), lines[1]
    header = lines[3]
    compare = bool(report.get("comparisons"))
    assert header[:5] == ["指标", "单位", "数量", "金额（万元）", "金额（亿元）"], header
    assert ("数量环比" in header) == compare and ("金额同比" in header) == compare, header
    for line, f in zip(lines[4:], report["figures"]):
        assert line[0] == FIGURES[f["figure"]], (line, f)
        count, wan = int(f.get("count", 0)), int(f.get("investmentWanYuan", 0))
        assert line[2] == ("" if f["figure"] in MONEY_ONLY else str(count)), (line, f)
        assert line[3] == ("" if f["figure"] in COUNT_ONLY else str(wan)), (line, f)
    rows = 4 + len(report["figures"])
    for g, (figures, cells, keys) in dimension_tables(report).items():
        while lines[rows] != ["按" + DIMENSIONS[g]]:
            rows += 1
        header = lines[rows + 1]
        assert header[0] == DIMENSIONS[g], header
        cols = columns_of(figures)
        for i, key in enumerate(keys):
            line = lines[rows + 2 + i]
            assert line[0] == key_label(key), (line, key)
            for c, (f, field) in enumerate(cols, start=1):
                assert int(line[c]) == int(cells[key].get(f, {}).get(field, 0)), (line, f, field)
    return len(lines)


def check_xlsx(report, path):
    book = openpyxl.load_workbook(path)
    tables = dimension_tables(report)
    assert book.sheetnames == ["汇总"] + ["按" + DIMENSIONS[g] for g in tables], book.sheetnames
    assert "招商引资统计表" in (book.properties.title or ""), book.properties.title
    assert book.properties.creator, "no author in the document properties"
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    no_codes("%s!%s" % (sheet.title, cell.coordinate), cell.value)
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert str(sheet.page_setup.paperSize) == "9", sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_setup.fitToWidth in (1, "1", None), sheet.page_setup.fitToWidth
        assert str(sheet.page_setup.fitToHeight) == "0", sheet.page_setup.fitToHeight

    summary = book["汇总"]
    assert "招商引资统计表" in summary["A1"].value, summary["A1"].value
    assert summary["A2"].value.startswith("制表单位："), summary["A2"].value
    assert summary.freeze_panes == "B5", summary.freeze_panes
    header = [c.value for c in summary[4]]
    compare = bool(report.get("comparisons"))
    assert header[:5] == ["指标", "单位", "数量", "金额（万元）", "金额（亿元）"], header
    assert (header[5:] == ["上期数量", "数量环比", "上年同期数量", "数量同比", "上期金额（万元）",
                           "金额环比", "上年同期金额（万元）", "金额同比"]) == compare, header
    comparisons = {c["figure"]: c for c in report.get("comparisons", [])}
    for i, f in enumerate(report["figures"], start=5):
        row = summary[i]
        assert row[0].value == FIGURES[f["figure"]], (row[0].value, f)
        count, wan = int(f.get("count", 0)), int(f.get("investmentWanYuan", 0))
        if f["figure"] in MONEY_ONLY:
            assert row[2].value == "—", row[2].value
        else:
            assert row[2].value == count and row[2].number_format == "#,##0", (row[2].value, f)
        if f["figure"] in COUNT_ONLY:
            assert row[3].value == "—" and row[4].value == "—", (row[3].value, f)
        else:
            assert row[3].value == wan and row[3].number_format == "#,##0", (row[3].value, f)
            assert abs(row[4].value - wan / 10000) < 1e-9, row[4].value
            assert row[4].number_format == "#,##0.00", row[4].number_format
        if not compare:
            continue
        c = comparisons[f["figure"]]
        for col, field, earlier_key in [(5, "count", "previousPeriod"),
                                        (7, "count", "samePeriodLastYear"),
                                        (9, "investmentWanYuan", "previousPeriod"),
                                        (11, "investmentWanYuan", "samePeriodLastYear")]:
            applies = (f["figure"] not in MONEY_ONLY) if field == "count" else \
                (f["figure"] not in COUNT_ONLY)
            if not applies:
                assert row[col].value == "—" and row[col + 1].value == "—", (f, col)
                continue
            earlier = int(c[earlier_key].get(field, 0))
            now = int(f.get(field, 0))
            assert row[col].value == earlier, (f, col, row[col].value, earlier)
            expected = ratio(now, earlier)
            if expected is None:
                assert row[col + 1].value == "—", (f, col)
            else:
                assert abs(row[col + 1].value - expected) < 1e-9, (f, col, row[col + 1].value)
                assert row[col + 1].number_format == "0.0%", row[col + 1].number_format

    checked = 0
    for g, (figures, cells, keys) in tables.items():
        sheet = book["按" + DIMENSIONS[g]]
        assert sheet.freeze_panes == "B5", (sheet.title, sheet.freeze_panes)
        assert sheet["A3"].value == DIMENSIONS[g], sheet["A3"].value
        cols = columns_of(figures)
        for c, (f, field) in enumerate(cols, start=2):
            top = sheet.cell(row=3, column=c).value
            assert top in (FIGURES[f], None), (top, f)  # merged over a figure's columns
            sub = sheet.cell(row=4, column=c).value
            assert sub == ("数量" if field == "count" else "金额（万元）"), (sub, f)
        for i, key in enumerate(keys, start=5):
            assert sheet.cell(row=i, column=1).value == key_label(key), (sheet.title, i, key)
            for c, (f, field) in enumerate(cols, start=2):
                cell = sheet.cell(row=i, column=c)
                assert cell.value == int(cells[key].get(f, {}).get(field, 0)), (key, f, field)
                assert cell.number_format == "#,##0", cell.number_format
                checked += 1

    charted = [g for g in ("GROUP_BY_MONTH", "GROUP_BY_INDUSTRY", "GROUP_BY_UNIT")
               if g in tables and tables[g][2]]
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert len(charts) == len(charted), (charts, charted)
        kinds = {"GROUP_BY_MONTH": "c:lineChart", "GROUP_BY_INDUSTRY": "c:barChart",
                 "GROUP_BY_UNIT": "c:barChart"}
        for name, g in zip(charts, charted):
            xml = z.read(name).decode("utf-8")
            assert kinds[g] in xml, (name, g)
            assert FIGURES["FIGURE_LEADS"] in xml or FIGURES["FIGURE_SIGNED_PROJECTS"] in xml, name
            no_codes(name, xml)
    return checked


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    lines = check_csv(report, sys.argv[2])
    cells = check_xlsx(report, sys.argv[3])
    print("exports: %d CSV lines and %d breakdown cells checked" % (lines, cells))


if __name__ == "__main__":
    main()
