#!/usr/bin/python3
"""Writes the spreadsheets import_test reads, as offices make them: an .xlsx
from openpyxl with a merged title row, a subtitle, synonyms for headers,
unknown columns, people's amounts and dates (typed and real Excel dates),
a note under the table and trailing empty rows, plus a second sheet; CSV
files of the same kind in UTF-8 (with and without BOM), GBK, GB18030 and
Big5 (traditional characters, as Taiwan and Hong Kong partners write); a
visits workbook; and 5,000 rows for the chunked import.

usage: make_import_files.py OUTDIR
"""
import csv
import datetime
import io
import os
import sys

import openpyxl

OUT = sys.argv[1]


def path(name):
    return os.path.join(OUT, name)


def leads_workbook():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "福建线索"
    sheet["A1"] = "福建办事处招商线索台账（2026年11月）"
    sheet.merge_cells("A1:N1")
    sheet["A2"] = "填报单位：福建驻外招商办事处"
    sheet.append(["序号", "项目名称", "企业名称", "统一社会信用代码", "企业类型", "联系人",
                  "联系电话", "所属产业", "招商方式", "预计投资（万元）", "收集日期", "办事处",
                  "推荐人", "对接进度"])
    rows = [
        # line 4: created; a real Excel date; 30,000 as typed
        [1, "福州医疗器械扩产", "福建甲医疗器械有限公司", "91440300708461136T", "龙头型", "张三",
         "13800138000", "医疗器械", "驻地招商", "30,000", datetime.datetime(2026, 11, 12),
         "福建办事处", None, "洽谈中"],
        # line 5: 1.5亿, a phone typed as a number, the office's full name
        [2, "厦门电子信息项目", "厦门乙电子科技有限公司", None, "集团型", "李四", 13900139000,
         "电子信息", "产业链招商", "1.5亿", "2026年11月12日", "福建驻外招商办事处", None, None],
        # line 6: 3000万元, a referrer by name, the place alone for the office
        [3, "泉州物流园二期", "泉州丙物流有限公司", None, None, None, None, "商贸物流",
         "以商招商", "3000万元", "2026.11.12", "福建", "王大使", None],
        # line 7: a fraction of 万元 is refused
        [4, "漳州项目", "漳州丁有限公司", None, None, None, None, "其他", "驻地招商", 1.5,
         "2026/11/12", "福建办事处", None, None],
        # line 8 and 9: nan and an exponent are not amounts
        [5, "南平项目", "南平戊有限公司", None, None, None, None, "其他", "驻地招商", "nan",
         "2026-11-12", "福建办事处", None, None],
        [6, "宁德项目", "宁德己有限公司", None, None, None, None, "其他", "驻地招商", "12e99",
         "2026-11-12", "福建办事处", None, None],
        # line 10: an office the directory does not know
        [7, "龙岩项目", "龙岩庚有限公司", None, None, None, None, "其他", "驻地招商", "100",
         "2026-11-12", "火星办事处", None, None],
        # line 11: an enterprise the service already knows, by its name
        [8, "莆田鞋业扩产", "莆田辛鞋业有限公司", None, None, None, None, "其他", "驻地招商",
         "2,000", "2026/11/12", "福建办事处", None, None],
    ]
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["注：金额单位为万元。"])
    for _ in range(3):
        sheet.append(["", None, ""])  # trailing rows Excel keeps after deletions
    other = book.create_sheet("成都线索")
    other.append(["线索名称", "客商名称", "产业", "投资额（亿元）", "日期", "所属办事处"])
    other.append(["成都电子信息项目", "成都壬科技有限公司", "电子信息", 2.5,
                  datetime.date(2026, 10, 8), "成都驻外招商办事处"])
    book.save(path("leads_openpyxl.xlsx"))


HEADER = ["项目名称", "企业名称", "所属产业", "预计投资（万元）", "收集日期", "办事处"]
HEADER_BIG5 = ["項目名稱", "企業名稱", "所屬產業", "預計投資（萬元）", "收集日期", "辦事處"]


def csv_text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def leads_csv():
    for name, encoding, bom in [("utf8", "utf-8", False), ("utf8bom", "utf-8", True),
                                ("gbk", "gbk", False), ("gb18030", "gb18030", False)]:
        rows = [["长三角办事处招商线索台账"], HEADER,
                ["%s医疗项目" % name, "%s医疗器械有限公司" % name, "医疗器械", "5,000",
                 "2026年11月1日", "长三角驻外招商办事处"],
                ["%s物流项目" % name, "%s物流有限公司" % name, "商贸物流", "1亿", "2026/11/2",
                 "长三角办事处"]]
        data = csv_text(rows).encode(encoding)
        with open(path("leads_%s.csv" % name), "wb") as f:
            f.write((b"\xef\xbb\xbf" if bom else b"") + data)
    rows = [["長三角辦事處招商線索台賬"], HEADER_BIG5,
            ["台北醫療項目", "台北醫療器械股份有限公司", "醫療器械", "8,000", "2026年11月3日",
             "長三角駐外招商辦事處"],
            ["香港物流項目", "香港物流有限公司", "商貿物流", "2億", "2026.11.4", "長三角辦事處"]]
    with open(path("leads_big5.csv"), "wb") as f:
        f.write(csv_text(rows).encode("big5"))


def visits_workbook():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "来访登记"
    sheet.append(["客商来访登记表"])
    sheet.append(["来访日期", "来访企业", "事由", "接待领导", "所属单位", "备注"])
    sheet.append([datetime.date(2026, 11, 20), "郑州癸医疗科技有限公司", "考察医疗器械产业园",
                  "区长", "医疗器械产业园", "洽谈二期用地"])
    sheet.append(["2026年11月21日", "许昌子物流有限公司", "考察商贸物流产业园",
                  "副区长（分管招商）", "商贸物流产业园", None])
    sheet.append(["2026-11-22", "漯河丑食品有限公司", "对接", "王主任", "区商务局", None])
    book.save(path("visits_openpyxl.xlsx"))


def many_rows():
    rows = [HEADER]
    for i in range(5000):
        rows.append(["批量项目%04d" % i, "批量企业%04d有限公司" % i, "电子信息", str(100 + i),
                     "2026-11-%02d" % (1 + i % 28), "成都驻外招商办事处"])
    with open(path("leads_5000.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + csv_text(rows).encode("utf-8"))


def main():
    leads_workbook()
    leads_csv()
    visits_workbook()
    many_rows()


if __name__ == "__main__":
    main()
