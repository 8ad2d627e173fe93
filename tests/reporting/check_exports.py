#!/usr/bin/python3
"""Reads an exported report back with real readers — openpyxl for the .xlsx,
the csv module for the .csv — and checks every cell against the report the
service returned (as JSON).

usage: check_exports.py REPORT.json REPORT.csv REPORT.xlsx
"""
import csv
import io
import json
import sys

import openpyxl

FIGURES = {
    "FIGURE_OUTBOUND_TRIPS": "外出招商", "FIGURE_MERCHANT_VISITS": "邀请客商来访",
    "FIGURE_LEADS": "收集招商线索", "FIGURE_SIGNED_PROJECTS": "新签约项目",
    "FIGURE_CONTINUING_PROJECTS": "在续建项目", "FIGURE_STARTED_PROJECTS": "开工项目",
    "FIGURE_STARTED_GE_10YI": "开工10亿元以上项目", "FIGURE_STARTED_GE_1YI": "开工亿元以上项目",
    "FIGURE_FUNDS_IN_PLACE": "到位资金",
}


def rows_of(report):
    """(label, key, count, wan_yuan) for the summary and every breakdown."""
    out = [("合计", FIGURES[f["figure"]], "合计", int(f.get("count", 0)),
            int(f.get("investmentWanYuan", 0))) for f in report["figures"]]
    for b in report.get("breakdowns", []):
        for r in b.get("rows", []):
            out.append((b["groupBy"], FIGURES[b["figure"]], r["key"], int(r.get("count", 0)),
                        int(r.get("investmentWanYuan", 0))))
    return out


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    expected = rows_of(report)

    raw = open(sys.argv[2], "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV lacks the UTF-8 byte-order mark"
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert lines[0] == ["期间", report["period"]["startDate"], report["period"]["endDate"]]
    body = lines[2:]
    assert len(body) == len(expected), (len(body), len(expected))
    for line, (_, figure, key, count, wan) in zip(body, expected):
        assert line[1] == figure and line[2] == key, (line, figure, key)
        assert int(line[3]) == count and int(line[4]) == wan, (line, count, wan)
        assert abs(float(line[5]) - wan / 10000) < 1e-9, line

    book = openpyxl.load_workbook(sys.argv[3])
    summary = book["汇总"]
    figures = [r for r in expected if r[0] == "合计"]
    for i, (_, figure, _, count, wan) in enumerate(figures, start=2):
        cells = [c.value for c in summary[i]]
        assert cells[0] == figure and cells[1] == count and cells[2] == wan, (cells, figure)
        assert abs(cells[3] - wan / 10000) < 1e-9, cells
    breakdown_rows = [r for r in expected if r[0] != "合计"]
    sheets = book.sheetnames[1:]
    assert len(sheets) == len(report.get("breakdowns", [])), sheets
    found = 0
    for sheet_name, b in zip(sheets, report.get("breakdowns", [])):
        sheet = book[sheet_name]
        assert sheet_name.endswith(FIGURES[b["figure"]]), sheet_name
        for i, r in enumerate(b.get("rows", []), start=2):
            cells = [c.value for c in sheet[i]]
            assert cells[0] == r["key"], (cells, r)
            assert cells[1] == int(r.get("count", 0)), (cells, r)
            assert cells[2] == int(r.get("investmentWanYuan", 0)), (cells, r)
            found += 1
    assert found == len(breakdown_rows)
    print("exports: %d rows checked in csv and xlsx" % len(expected))


if __name__ == "__main__":
    main()
