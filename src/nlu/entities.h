// Entities customers mention in service conversations, in zh and en: order and tracking
// numbers, amounts with their currency, dates and times (absolute, and relative ones resolved
// against "today": 明天, 下周一, "next Monday", 3天后), and product names from the knowledge
// base.
//
// The extractor runs on de-identified text: it never looks inside privacy tokens (⟦TYPE:id⟧),
// so what the gate took out stays out. Rules, not a model: each kind has a small hand-written
// recognizer over code points; overlapping candidates resolve to the longest.
//
// Conventions for relative dates (weeks start on Monday): 下周一 / "next Monday" is the Monday
// of next week; 本周五 / 这周五 / "this Friday" the Friday of this week; a bare weekday (周五,
// "on Friday") the next such day from today, today included; 上周一 / "last Monday" the Monday
// of last week. A time of day without a period word (3点) is taken as written; 下午/晚上/pm
// move it into the afternoon.
//
// Thread-safety: immutable after construction; Extract may run on many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace hushdesk::nlu {

struct CivilDate {
  int year = 1970, month = 1, day = 1;
};

// The time zone "today" is resolved in (ICU's time-zone data; IANA names like Asia/Shanghai).
class TimeZone {
 public:
  TimeZone() = default;  // UTC
  // "" is the host's time zone. Unknown names are an error.
  static common::StatusOr<TimeZone> Load(std::string_view name);
  CivilDate DateAt(std::int64_t unix_ms) const;
  const std::string& name() const { return name_; }

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;  // null: UTC
  std::string name_ = "UTC";
};

struct Entity {
  std::string type;         // ORDER_NUMBER | TRACKING_NUMBER | AMOUNT | DATE | TIME | PRODUCT
  std::size_t start = 0;    // byte offsets into the text, end exclusive
  std::size_t end = 0;
  std::string text;         // as written
  std::string value;        // normalized: the number itself, "199.00 CNY", "2026-11-30", "15:30",
                            // the product's name as the knowledge base spells it
};

class EntityExtractor {
 public:
  // `products`: names to find (case-insensitive for Latin letters; longest match wins).
  explicit EntityExtractor(std::vector<std::string> products = {});

  // The entities of `text` in order of position. `today` resolves relative dates.
  std::vector<Entity> Extract(std::string_view text, CivilDate today) const;

  std::size_t product_count() const { return products_.size(); }

 private:
  struct Product {
    std::u32string key;  // lower-cased code points
    std::string name;
  };
  std::vector<Product> products_;  // sorted by key's first code point, then longest first
};

}  // namespace hushdesk::nlu
