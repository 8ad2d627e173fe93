#include "services/reporting/export.h"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/csv.h"
#include "common/labels.h"
#include "common/xlsx_bytes.h"
#include "services/reporting/bulletin.h"
#include "services/reporting/period.h"

namespace zs::reporting {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

// The unit a figure's count is written in.
const char* CountUnit(rv1::Figure figure) {
  switch (figure) {
    case rv1::FIGURE_OUTBOUND_TRIPS:
    case rv1::FIGURE_MERCHANT_VISITS:
      return "次";
    case rv1::FIGURE_LEADS:
      return "条";
    case rv1::FIGURE_FUNDS_IN_PLACE:
      return "万元";
    default:
      return "个";
  }
}

std::string DateZh(absl::CivilDay day) {
  return absl::StrFormat("%d年%d月%d日", day.year(), day.month(), day.day());
}

std::string Title(const rv1::PeriodReport& report, const ExportHeading& heading) {
  return absl::StrCat(heading.district, "招商引资统计表（", PeriodNameZh(report.period()), "）");
}

std::string DimensionLabel(cv1::GroupBy group_by) {
  return absl::StrCat("按", EnumLabel(group_by));
}

// One comparison: the earlier value and the change relative to it, absent
// when the earlier value is zero (no base to compare with).
struct Change {
  int64_t earlier = 0;
  std::optional<double> ratio;
};

Change ChangeFrom(int64_t now, int64_t earlier) {
  Change change{earlier, std::nullopt};
  if (earlier != 0)
    change.ratio = static_cast<double>(now - earlier) / static_cast<double>(earlier);
  return change;
}

std::string PercentText(const Change& change) {
  return change.ratio ? absl::StrFormat("%.1f%%", *change.ratio * 100) : "—";
}

// The comparisons of `figure`, if the report carries them.
const rv1::Comparison* ComparisonOf(const rv1::PeriodReport& report, rv1::Figure figure) {
  for (const rv1::Comparison& comparison : report.comparisons()) {
    if (comparison.figure() == figure) return &comparison;
  }
  return nullptr;
}

// A breakdown dimension with every figure that has it, as one table.
struct DimensionTable {
  cv1::GroupBy group_by = cv1::GROUP_BY_UNSPECIFIED;
  std::vector<rv1::Figure> figures;
  std::vector<std::string> keys;  // rows: months in order, "none" last
  std::map<std::pair<int, std::string>, const cv1::AggregateRow*> cells;

  const cv1::AggregateRow* Cell(rv1::Figure figure, const std::string& key) const {
    auto it = cells.find({figure, key});
    return it == cells.end() ? nullptr : it->second;
  }
};

std::vector<DimensionTable> Dimensions(const rv1::PeriodReport& report) {
  std::vector<DimensionTable> tables;
  for (const rv1::Breakdown& breakdown : report.breakdowns()) {
    auto table = std::find_if(tables.begin(), tables.end(), [&](const DimensionTable& t) {
      return t.group_by == breakdown.group_by();
    });
    if (table == tables.end()) {
      tables.emplace_back().group_by = breakdown.group_by();
      table = tables.end() - 1;
    }
    table->figures.push_back(breakdown.figure());
    for (const cv1::AggregateRow& row : breakdown.rows()) {
      if (std::find(table->keys.begin(), table->keys.end(), row.key()) == table->keys.end()) {
        table->keys.push_back(row.key());
      }
      table->cells[{breakdown.figure(), row.key()}] = &row;
    }
  }
  for (DimensionTable& table : tables) {
    if (table.group_by == cv1::GROUP_BY_MONTH) std::sort(table.keys.begin(), table.keys.end());
    std::stable_partition(table.keys.begin(), table.keys.end(),
                          [](const std::string& key) { return key != "none"; });
  }
  return tables;
}

// A column of a dimension table: one figure's count or its money.
struct Column {
  rv1::Figure figure;
  bool money;
};

std::vector<Column> ColumnsOf(const DimensionTable& table) {
  std::vector<Column> columns;
  for (rv1::Figure figure : table.figures) {
    if (FigureHasCount(figure)) columns.push_back({figure, false});
    if (FigureHasMoney(figure)) columns.push_back({figure, true});
  }
  return columns;
}

int64_t ValueOf(const cv1::AggregateRow* row, const Column& column) {
  if (row == nullptr) return 0;
  return column.money ? row->investment_wan_yuan() : row->count();
}

const char* ColumnHeading(const Column& column) { return column.money ? "金额（万元）" : "数量"; }

// ------------------------------------------------------------------ the .xlsx

// The styles every sheet shares.
struct Formats {
  lxw_format* title;
  lxw_format* note;
  lxw_format* note_right;
  lxw_format* header;
  lxw_format* text;
  lxw_format* count;     // #,##0
  lxw_format* wan_yuan;  // #,##0
  lxw_format* yi_yuan;   // #,##0.00
  lxw_format* percent;   // 0.0%
  lxw_format* none;      // a centred dash where no value is meaningful
};

Formats MakeFormats(lxw_workbook* workbook) {
  auto bordered = [&]() {
    lxw_format* f = workbook_add_format(workbook);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 11);
    return f;
  };
  Formats f{};
  f.title = workbook_add_format(workbook);
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  format_set_font_name(f.title, "黑体");
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.note = workbook_add_format(workbook);
  format_set_font_name(f.note, "宋体");
  f.note_right = workbook_add_format(workbook);
  format_set_font_name(f.note_right, "宋体");
  format_set_align(f.note_right, LXW_ALIGN_RIGHT);
  f.header = bordered();
  format_set_bold(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  f.text = bordered();
  f.count = bordered();
  format_set_num_format(f.count, "#,##0");
  f.wan_yuan = bordered();
  format_set_num_format(f.wan_yuan, "#,##0");
  f.yi_yuan = bordered();
  format_set_num_format(f.yi_yuan, "#,##0.00");
  f.percent = bordered();
  format_set_num_format(f.percent, "0.0%");
  f.none = bordered();
  format_set_align(f.none, LXW_ALIGN_CENTER);
  return f;
}

// A4 landscape, fitted to one page wide, heading rows repeated on each page.
void SetUpPage(lxw_worksheet* sheet, int header_rows) {
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, 0, header_rows - 1);
  worksheet_freeze_panes(sheet, header_rows, 1);
  worksheet_set_footer(sheet, "&C第 &P 页，共 &N 页");
}

// Rows 0–1: the title across `width` columns, then 制表单位 and 制表日期.
void WriteHeading(lxw_worksheet* sheet, const Formats& f, const std::string& title, int width,
                  const ExportHeading& heading) {
  const lxw_col_t last = static_cast<lxw_col_t>(std::max(width, 2) - 1);
  worksheet_set_row(sheet, 0, 30, nullptr);
  worksheet_merge_range(sheet, 0, 0, 0, last, title.c_str(), f.title);
  worksheet_write_string(sheet, 1, 0, absl::StrCat("制表单位：", heading.issuer).c_str(), f.note);
  worksheet_write_string(sheet, 1, last, absl::StrCat("制表日期：", DateZh(heading.date)).c_str(),
                         f.note_right);
}

void WriteMaybe(lxw_worksheet* sheet, int row, int col, bool present, double value,
                lxw_format* format, const Formats& f) {
  if (present) {
    worksheet_write_number(sheet, row, col, value, format);
  } else {
    worksheet_write_string(sheet, row, col, "—", f.none);
  }
}

void WriteChange(lxw_worksheet* sheet, int row, int col, bool present, const Change& change,
                 lxw_format* value_format, const Formats& f) {
  WriteMaybe(sheet, row, col, present, static_cast<double>(change.earlier), value_format, f);
  WriteMaybe(sheet, row, col + 1, present && change.ratio.has_value(), change.ratio.value_or(0),
             f.percent, f);
}

void WriteSummary(lxw_workbook* workbook, const Formats& f, const rv1::PeriodReport& report,
                  const ExportHeading& heading) {
  const bool compare = report.comparisons_size() > 0;
  std::vector<std::string> headings = {"指标", "单位", "数量", "金额（万元）", "金额（亿元）"};
  if (compare) {
    for (const char* h : {"上期数量", "数量环比", "上年同期数量", "数量同比", "上期金额（万元）",
                          "金额环比", "上年同期金额（万元）", "金额同比"}) {
      headings.push_back(h);
    }
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "汇总");
  WriteHeading(sheet, f, Title(report, heading), static_cast<int>(headings.size()), heading);
  worksheet_write_string(
      sheet, 2, 0,
      absl::StrCat("统计期间：", report.period().start_date(), " 至 ", report.period().end_date())
          .c_str(),
      f.note);
  const int header_row = 3;
  worksheet_set_row(sheet, header_row, 32, nullptr);
  for (size_t c = 0; c < headings.size(); ++c) {
    worksheet_write_string(sheet, header_row, c, headings[c].c_str(), f.header);
  }
  worksheet_set_column(sheet, 0, 0, 24, nullptr);
  worksheet_set_column(sheet, 1, 1, 6, nullptr);
  worksheet_set_column(sheet, 2, static_cast<lxw_col_t>(headings.size() - 1), 13, nullptr);
  int row = header_row + 1;
  for (const rv1::FigureValue& value : report.figures()) {
    const rv1::Figure figure = value.figure();
    const bool count = FigureHasCount(figure), money = FigureHasMoney(figure);
    worksheet_write_string(sheet, row, 0, EnumLabel(figure).c_str(), f.text);
    worksheet_write_string(sheet, row, 1, CountUnit(figure), f.text);
    WriteMaybe(sheet, row, 2, count, static_cast<double>(value.count()), f.count, f);
    WriteMaybe(sheet, row, 3, money, static_cast<double>(value.investment_wan_yuan()), f.wan_yuan,
               f);
    WriteMaybe(sheet, row, 4, money, static_cast<double>(value.investment_wan_yuan()) / 10000.0,
               f.yi_yuan, f);
    if (compare) {
      const rv1::Comparison* c = ComparisonOf(report, figure);
      const rv1::FigureValue previous = c ? c->previous_period() : rv1::FigureValue();
      const rv1::FigureValue last_year = c ? c->same_period_last_year() : rv1::FigureValue();
      WriteChange(sheet, row, 5, count && c, ChangeFrom(value.count(), previous.count()), f.count,
                  f);
      WriteChange(sheet, row, 7, count && c, ChangeFrom(value.count(), last_year.count()), f.count,
                  f);
      WriteChange(sheet, row, 9, money && c,
                  ChangeFrom(value.investment_wan_yuan(), previous.investment_wan_yuan()),
                  f.wan_yuan, f);
      WriteChange(sheet, row, 11, money && c,
                  ChangeFrom(value.investment_wan_yuan(), last_year.investment_wan_yuan()),
                  f.wan_yuan, f);
    }
    ++row;
  }
  worksheet_write_string(
      sheet, row + 1, 0,
      "注：金额单位为万元（1亿元＝10,000万元）；“—”表示该指标不计此项或上期为零、无法比较。",
      f.note);
  SetUpPage(sheet, header_row + 1);
}

// The chart a dimension sheet gets, if any: the monthly trend as lines, the
// industries as columns, the units as bars; each series one figure's count.
void AddChart(lxw_workbook* workbook, lxw_worksheet* sheet, const std::string& sheet_name,
              const DimensionTable& table, const std::vector<Column>& columns, int first_row,
              int last_row) {
  uint8_t type;
  std::string title;
  switch (table.group_by) {
    case cv1::GROUP_BY_MONTH:
      type = LXW_CHART_LINE;
      title = "月度趋势";
      break;
    case cv1::GROUP_BY_INDUSTRY:
      type = LXW_CHART_COLUMN;
      title = "分产业情况";
      break;
    case cv1::GROUP_BY_UNIT:
      type = LXW_CHART_BAR;
      title = "分单位情况";
      break;
    default:
      return;
  }
  if (last_row < first_row) return;  // no rows: nothing to draw
  lxw_chart* chart = workbook_add_chart(workbook, type);
  chart_title_set_name(chart, title.c_str());
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].money) continue;
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, sheet_name.c_str(), first_row, 0, last_row, 0);
    chart_series_set_values(series, sheet_name.c_str(), first_row, c + 1, last_row, c + 1);
    chart_series_set_name(series, EnumLabel(columns[c].figure).c_str());
    if (type == LXW_CHART_LINE) chart_series_set_marker_type(series, LXW_CHART_MARKER_AUTOMATIC);
  }
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  chart_axis_set_name(type == LXW_CHART_BAR ? chart->x_axis : chart->y_axis, "数量");
  lxw_chart_options options = {};
  options.x_scale = 1.8;
  options.y_scale = type == LXW_CHART_BAR ? 1.6 : 1.2;
  worksheet_insert_chart_opt(sheet, last_row + 3, 0, chart, &options);
}

void WriteDimension(lxw_workbook* workbook, const Formats& f, const rv1::PeriodReport& report,
                    const ExportHeading& heading, const DimensionTable& table) {
  const std::string name = DimensionLabel(table.group_by);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) return;  // cannot happen: one sheet per dimension
  const std::vector<Column> columns = ColumnsOf(table);
  const int width = static_cast<int>(columns.size()) + 1;
  WriteHeading(sheet, f, absl::StrCat(Title(report, heading), " ", name), width, heading);
  // Two heading rows: each figure over its 数量 / 金额（万元） columns.
  const int top = 2;
  worksheet_merge_range(sheet, top, 0, top + 1, 0, EnumLabel(table.group_by).c_str(), f.header);
  for (size_t c = 0; c < columns.size();) {
    size_t span = 1;
    while (c + span < columns.size() && columns[c + span].figure == columns[c].figure) ++span;
    const std::string label = EnumLabel(columns[c].figure);
    if (span == 1) {
      worksheet_write_string(sheet, top, c + 1, label.c_str(), f.header);
    } else {
      worksheet_merge_range(sheet, top, c + 1, top, c + span, label.c_str(), f.header);
    }
    for (size_t s = 0; s < span; ++s) {
      worksheet_write_string(sheet, top + 1, c + 1 + s, ColumnHeading(columns[c + s]), f.header);
    }
    c += span;
  }
  worksheet_set_row(sheet, top, 32, nullptr);
  worksheet_set_column(sheet, 0, 0, 22, nullptr);
  worksheet_set_column(sheet, 1, static_cast<lxw_col_t>(columns.size()), 12, nullptr);
  int row = top + 2;
  for (const std::string& key : table.keys) {
    worksheet_write_string(
        sheet, row, 0, AggregateKeyLabel(table.group_by, key, *heading.directory).c_str(), f.text);
    for (size_t c = 0; c < columns.size(); ++c) {
      const int64_t value = ValueOf(table.Cell(columns[c].figure, key), columns[c]);
      worksheet_write_number(sheet, row, c + 1, static_cast<double>(value),
                             columns[c].money ? f.wan_yuan : f.count);
    }
    ++row;
  }
  SetUpPage(sheet, top + 2);
  AddChart(workbook, sheet, name, table, columns, top + 2, row - 1);
}

}  // namespace

bool FigureHasCount(rv1::Figure figure) { return figure != rv1::FIGURE_FUNDS_IN_PLACE; }

bool FigureHasMoney(rv1::Figure figure) {
  switch (figure) {
    case rv1::FIGURE_OUTBOUND_TRIPS:
    case rv1::FIGURE_MERCHANT_VISITS:
    case rv1::FIGURE_LEADS:
      return false;
    default:
      return true;
  }
}

std::string ReportCsv(const rv1::PeriodReport& report, const ExportHeading& heading) {
  std::string csv = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel then reads UTF-8
  absl::StrAppend(&csv, CsvLine({Title(report, heading)}));
  absl::StrAppend(&csv, CsvLine({absl::StrCat("制表单位：", heading.issuer),
                                 absl::StrCat("制表日期：", DateZh(heading.date))}));
  absl::StrAppend(&csv, CsvLine({absl::StrCat("统计期间：", report.period().start_date(), " 至 ",
                                              report.period().end_date())}));
  const bool compare = report.comparisons_size() > 0;
  std::vector<std::string> headings = {"指标", "单位", "数量", "金额（万元）", "金额（亿元）"};
  if (compare) {
    for (const char* h : {"上期数量", "数量环比", "上年同期数量", "数量同比", "上期金额（万元）",
                          "金额环比", "上年同期金额（万元）", "金额同比"}) {
      headings.push_back(h);
    }
  }
  absl::StrAppend(&csv, CsvLine(headings));
  for (const rv1::FigureValue& value : report.figures()) {
    const rv1::Figure figure = value.figure();
    const bool count = FigureHasCount(figure), money = FigureHasMoney(figure);
    auto maybe = [](bool present, const std::string& text) {
      return present ? text : std::string();
    };
    std::vector<std::string> line = {
        EnumLabel(figure), CountUnit(figure), maybe(count, absl::StrCat(value.count())),
        maybe(money, absl::StrCat(value.investment_wan_yuan())),
        maybe(money, absl::StrFormat("%.2f", value.investment_wan_yuan() / 10000.0))};
    if (compare) {
      const rv1::Comparison* c = ComparisonOf(report, figure);
      const rv1::FigureValue previous = c ? c->previous_period() : rv1::FigureValue();
      const rv1::FigureValue last_year = c ? c->same_period_last_year() : rv1::FigureValue();
      auto add = [&](bool present, const Change& change) {
        line.push_back(maybe(present, absl::StrCat(change.earlier)));
        line.push_back(maybe(present, PercentText(change)));
      };
      add(count, ChangeFrom(value.count(), previous.count()));
      add(count, ChangeFrom(value.count(), last_year.count()));
      add(money, ChangeFrom(value.investment_wan_yuan(), previous.investment_wan_yuan()));
      add(money, ChangeFrom(value.investment_wan_yuan(), last_year.investment_wan_yuan()));
    }
    absl::StrAppend(&csv, CsvLine(line));
  }
  for (const DimensionTable& table : Dimensions(report)) {
    const std::vector<Column> columns = ColumnsOf(table);
    absl::StrAppend(&csv, "\r\n", CsvLine({DimensionLabel(table.group_by)}));
    std::vector<std::string> header = {EnumLabel(table.group_by)};
    for (const Column& column : columns) {
      header.push_back(
          absl::StrCat(EnumLabel(column.figure), "（", column.money ? "金额，万元" : "数量", "）"));
    }
    absl::StrAppend(&csv, CsvLine(header));
    for (const std::string& key : table.keys) {
      std::vector<std::string> line = {AggregateKeyLabel(table.group_by, key, *heading.directory)};
      for (const Column& column : columns) {
        line.push_back(absl::StrCat(ValueOf(table.Cell(column.figure, key), column)));
      }
      absl::StrAppend(&csv, CsvLine(line));
    }
  }
  return csv;
}

absl::StatusOr<std::string> ReportXlsx(const rv1::PeriodReport& report,
                                       const ExportHeading& heading) {
  const std::string title = Title(report, heading);
  const std::string comments =
      absl::StrCat("统计期间 ", report.period().start_date(), " 至 ", report.period().end_date());
  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>(title.c_str());
  properties.subject = const_cast<char*>("招商引资统计");
  properties.author = const_cast<char*>(heading.issuer.c_str());
  properties.company = const_cast<char*>(heading.issuer.c_str());
  properties.category = const_cast<char*>("统计报表");
  properties.keywords = const_cast<char*>("招商引资, 统计, 签约, 开工");
  properties.comments = const_cast<char*>(comments.c_str());
  return WorkbookBytes([&](lxw_workbook* workbook) {
    workbook_set_properties(workbook, &properties);
    const Formats formats = MakeFormats(workbook);
    WriteSummary(workbook, formats, report, heading);
    for (const DimensionTable& table : Dimensions(report)) {
      WriteDimension(workbook, formats, report, heading, table);
    }
  });
}

}  // namespace zs::reporting
