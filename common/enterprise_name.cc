#include "common/enterprise_name.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <vector>

#include "common/text.h"

namespace zs {
namespace {

// Province-level divisions and major cities by their full names; each is
// also recognised without its suffix (河南, 上海, 广西). A short list of
// places that appear in brackets only (X（中国）有限公司) follows.
constexpr std::array kProvinces = {
    "北京市",         "天津市",           "上海市",         "重庆市",         "河北省",
    "山西省",         "辽宁省",           "吉林省",         "黑龙江省",       "江苏省",
    "浙江省",         "安徽省",           "福建省",         "江西省",         "山东省",
    "河南省",         "湖北省",           "湖南省",         "广东省",         "海南省",
    "四川省",         "贵州省",           "云南省",         "陕西省",         "甘肃省",
    "青海省",         "台湾省",           "内蒙古自治区",   "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区"};
constexpr std::array kCities = {
    "石家庄市", "唐山市", "保定市",   "邯郸市",   "太原市",    "大同市", "呼和浩特市", "包头市",
    "沈阳市",   "大连市", "长春市",   "哈尔滨市", "南京市",    "苏州市", "无锡市",     "常州市",
    "南通市",   "徐州市", "扬州市",   "杭州市",   "宁波市",    "温州市", "嘉兴市",     "绍兴市",
    "金华市",   "台州市", "合肥市",   "芜湖市",   "福州市",    "厦门市", "泉州市",     "漳州市",
    "莆田市",   "南昌市", "赣州市",   "济南市",   "青岛市",    "烟台市", "潍坊市",     "临沂市",
    "郑州市",   "洛阳市", "开封市",   "新乡市",   "许昌市",    "南阳市", "驻马店市",   "信阳市",
    "周口市",   "商丘市", "平顶山市", "安阳市",   "焦作市",    "漯河市", "武汉市",     "宜昌市",
    "襄阳市",   "长沙市", "株洲市",   "岳阳市",   "广州市",    "深圳市", "珠海市",     "佛山市",
    "东莞市",   "中山市", "惠州市",   "江门市",   "汕头市",    "湛江市", "南宁市",     "柳州市",
    "桂林市",   "海口市", "三亚市",   "成都市",   "绵阳市",    "贵阳市", "昆明市",     "拉萨市",
    "西安市",   "兰州市", "西宁市",   "银川市",   "乌鲁木齐市"};
constexpr std::array kBracketOnlyPlaces = {"中国", "中国大陆", "亚洲", "亚太"};

// Longest first, so 股份有限公司 is cut whole rather than as 有限公司; the
// Latin forms are as they look after case folding and punctuation removal.
constexpr std::array kLegalForms = {"集团股份有限公司",
                                    "股份有限公司",
                                    "有限责任公司",
                                    "集团有限公司",
                                    "有限合伙",
                                    "股份公司",
                                    "有限公司",
                                    "集团公司",
                                    "集团",
                                    "公司",
                                    "corporation",
                                    "company",
                                    "limited",
                                    "coltd",
                                    "corp",
                                    "inc",
                                    "ltd",
                                    "llc",
                                    "gmbh",
                                    "co"};

std::u32string ToUtf32(absl::string_view utf8) {
  std::u32string out;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::string ToUtf8(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) {
    uint8_t buffer[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, static_cast<UChar32>(c));
    out.append(reinterpret_cast<const char*>(buffer), length);
  }
  return out;
}

// A place's written form and the short form it is compared by.
struct Place {
  std::u32string form;
  std::u32string canonical;
};

struct Places {
  std::vector<Place> provinces;  // full and short forms, longest first
  std::vector<Place> cities;
  std::vector<std::u32string> bracket_only;
  std::vector<std::u32string> legal_forms;
};

void AddWithShortForm(std::vector<Place>& out, const char* full) {
  static const std::array<std::u32string, 7> kSuffixes = {
      U"壮族自治区", U"回族自治区", U"维吾尔自治区", U"特别行政区", U"自治区", U"省", U"市"};
  const std::u32string name = ToUtf32(full);
  std::u32string short_form = name;
  for (const std::u32string& suffix : kSuffixes) {
    if (name.size() > suffix.size() + 1 && name.ends_with(suffix)) {
      short_form = name.substr(0, name.size() - suffix.size());
      break;
    }
  }
  out.push_back({name, short_form});
  if (short_form != name) out.push_back({short_form, short_form});
}

void LongestFirst(std::vector<Place>& places) {
  std::stable_sort(places.begin(), places.end(),
                   [](const Place& a, const Place& b) { return a.form.size() > b.form.size(); });
}

const Places& KnownPlaces() {
  static const Places* places = [] {
    auto* p = new Places;
    for (const char* name : kProvinces) AddWithShortForm(p->provinces, name);
    for (const char* name : kCities) AddWithShortForm(p->cities, name);
    for (const char* name : kBracketOnlyPlaces) p->bracket_only.push_back(ToUtf32(name));
    for (const char* form : kLegalForms) p->legal_forms.push_back(ToUtf32(form));
    LongestFirst(p->provinces);
    LongestFirst(p->cities);
    std::stable_sort(p->legal_forms.begin(), p->legal_forms.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return p;
  }();
  return *places;
}

bool IsIdeograph(char32_t c) { return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC); }

bool IsNameCharacter(char32_t c) {
  return u_isalnum(c) || IsIdeograph(c) ||
         (u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_N_MASK) != 0;
}

// The listed place `text` starts with, null when none.
const Place* ListedPrefix(const std::u32string& text, const std::vector<Place>& places) {
  for (const Place& place : places) {
    if (text.starts_with(place.form)) return &place;
  }
  return nullptr;
}

// Length of a prefix of `min`..`max` ideographs followed by one of
// `suffixes` (whose length goes to `suffix_size`), 0 when there is none.
size_t PatternPrefix(const std::u32string& text, size_t min, size_t max,
                     std::initializer_list<std::u32string_view> suffixes, size_t* suffix_size) {
  for (size_t n = max; n >= min; --n) {
    if (text.size() <= n) continue;
    if (!std::all_of(text.begin(), text.begin() + n, IsIdeograph)) continue;
    for (std::u32string_view suffix : suffixes) {
      if (std::u32string_view(text).substr(n).starts_with(suffix)) {
        *suffix_size = suffix.size();
        return n + suffix.size();
      }
    }
  }
  return 0;
}

enum class Level { kNone, kProvince, kCity, kDistrict };

struct RegionCut {
  std::u32string rest;
  std::u32string region;  // the last (most specific) place cut, short form
};

// Cuts leading administrative regions off `text`. `lenient` (inside
// brackets) also takes a bare X市/X区/X县 of 2–4 ideographs at the start.
// Stops before a cut that would leave nothing unless `may_empty`.
RegionCut CutRegions(std::u32string text, bool lenient, bool may_empty) {
  const Places& places = KnownPlaces();
  Level level = Level::kNone;
  std::u32string region;
  while (true) {
    size_t cut = 0;
    size_t suffix = 0;  // characters of `cut` that are the place's suffix
    const Place* listed = nullptr;
    Level next = level;
    if (level == Level::kNone) {
      if ((listed = ListedPrefix(text, places.provinces)) != nullptr ||
          (cut = PatternPrefix(text, 2, 3, {U"自治区", U"省"}, &suffix)) > 0) {
        next = Level::kProvince;
      }
    }
    if (listed == nullptr && cut == 0 && (level == Level::kNone || level == Level::kProvince)) {
      if ((listed = ListedPrefix(text, places.cities)) != nullptr ||
          ((level == Level::kProvince || lenient) &&
           (cut = PatternPrefix(text, 2, lenient ? 4 : 3, {U"市"}, &suffix)) > 0)) {
        next = Level::kCity;
      }
    }
    if (listed == nullptr && cut == 0 && level != Level::kDistrict &&
        (level != Level::kNone || lenient)) {
      if ((cut = PatternPrefix(text, 2, lenient ? 4 : 2, {U"区", U"县"}, &suffix)) > 0) {
        suffix = 0;  // 南山区 and 南山 are not the same place
        next = Level::kDistrict;
      }
    }
    if (listed != nullptr) cut = listed->form.size();
    if (cut == 0 || (cut == text.size() && !may_empty)) return {std::move(text), region};
    region = listed != nullptr ? listed->canonical : text.substr(0, cut - suffix);
    text.erase(0, cut);
    level = next;
  }
}

// Whether bracketed `content` names a place; `region` gets the place (empty
// for places that say nothing about which registration it is, like 中国).
bool NamesPlace(const std::u32string& content, std::u32string& region) {
  if (content.empty()) return false;
  const Places& places = KnownPlaces();
  if (std::find(places.bracket_only.begin(), places.bracket_only.end(), content) !=
      places.bracket_only.end()) {
    region.clear();
    return true;
  }
  RegionCut cut = CutRegions(content, /*lenient=*/true, /*may_empty=*/true);
  if (!cut.rest.empty()) return false;
  region = std::move(cut.region);
  return true;
}

std::u32string CutLegalForms(std::u32string text) {
  const Places& places = KnownPlaces();
  bool cut = true;
  while (cut) {
    cut = false;
    for (const std::u32string& form : places.legal_forms) {
      if (!text.ends_with(form)) continue;
      if (text.size() == form.size()) return text;  // a name that is only a legal form
      text.resize(text.size() - form.size());
      cut = true;
      break;
    }
  }
  return text;
}

bool IsOpening(char32_t c) { return u_charType(c) == U_START_PUNCTUATION; }
bool IsClosing(char32_t c) { return u_charType(c) == U_END_PUNCTUATION; }

// Steps 3 and 4: bracketed places taken out (the last one into `region`),
// then only name characters kept.
std::u32string KeepNameCharacters(const std::u32string& text, std::u32string& region) {
  std::u32string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsOpening(text[i])) {
      const size_t close = std::find_if(text.begin() + i + 1, text.end(), IsClosing) - text.begin();
      std::u32string content;
      for (size_t k = i + 1; k < close && k < text.size(); ++k) {
        if (IsNameCharacter(text[k])) content.push_back(text[k]);
      }
      std::u32string place;
      if (close < text.size() && NamesPlace(content, place)) {
        if (!place.empty()) region = std::move(place);
        i = close;
        continue;
      }
    }
    if (IsNameCharacter(text[i])) out.push_back(text[i]);
  }
  return out;
}

}  // namespace

EnterpriseNameKey EnterpriseNameKeyOf(absl::string_view name) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(error);
  std::string folded;
  if (U_SUCCESS(error)) {
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    nfkc_cf->normalize(source, error).toUTF8String(folded);
  }
  if (U_FAILURE(error)) folded = std::string(name);  // ICU data missing: never in Debian
  std::u32string text = ToUtf32(folded);
  std::erase_if(text, [](char32_t c) { return IsBlankCodePoint(static_cast<int32_t>(c)); });
  std::u32string bracketed_region;
  std::u32string core = CutLegalForms(KeepNameCharacters(text, bracketed_region));
  RegionCut cut = CutRegions(std::move(core), /*lenient=*/false, /*may_empty=*/false);
  // A place in brackets is the more specific one: X（深圳）有限公司 of
  // 广东X有限公司 is the 深圳 registration.
  const std::u32string& region = bracketed_region.empty() ? cut.region : bracketed_region;
  EnterpriseNameKey key{.core = ToUtf8(cut.rest), .region = ToUtf8(region), .key = ""};
  key.key = key.region.empty() ? key.core : key.core + "@" + key.region;
  return key;
}

}  // namespace zs
