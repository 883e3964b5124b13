// Context words: a nearby word raises or lowers a candidate's score. Only the nearest word
// before the candidate (within a short window) counts, so "订单号…，手机13800138000" keeps the
// phone number and "订单号13800138000" drops it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "privacy/internal/scanner.h"

namespace hushdesk::privacy::internal {
namespace {

constexpr std::size_t kWindowBytes = 36;
constexpr float kBoost = 0.35f;
constexpr float kPenalty = 0.45f;

struct Cue {
  std::string_view word;  // lower case
  bool positive;
};

// Words that say "this number is not personal data" (order, tracking, amounts, codes).
constexpr std::array<std::string_view, 38> kNegative = {
    "订单", "单号", "运单", "快递", "物流", "工单", "编号", "流水", "交易号", "验证码",
    "优惠码", "券码", "金额", "版本", "型号", "序列号", "批次", "发票", "合同号", "票号",
    "order", "tracking", "track", "invoice", "ref", "ticket", "code", "version", "amount",
    "total", "serial", "sku", "model", "item", "isbn", "waybill", "parcel", "shipment"};

std::span<const std::string_view> PositiveFor(EntityType t) {
  static constexpr std::array<std::string_view, 17> kPhone = {
      "电话", "手机", "联系方式", "号码", "致电", "打给", "来电", "回电", "座机", "tel",
      "phone", "mobile", "cell", "call", "contact", "fax", "whatsapp"};
  static constexpr std::array<std::string_view, 12> kCard = {
      "卡号", "银行卡", "信用卡", "储蓄卡", "借记卡", "尾号", "card", "visa", "mastercard",
      "amex", "credit", "debit"};
  static constexpr std::array<std::string_view, 5> kId = {"身份证", "证件", "身份号码",
                                                          "id", "identity"};
  static constexpr std::array<std::string_view, 3> kSsn = {"ssn", "social security", "tax id"};
  static constexpr std::array<std::string_view, 3> kPassport = {"护照", "passport", "通行证"};
  static constexpr std::array<std::string_view, 4> kIp = {"ip", "server", "login", "登录"};
  switch (t) {
    case EntityType::kPhoneNumber: return kPhone;
    case EntityType::kBankCard: return kCard;
    case EntityType::kCnResidentId: return kId;
    case EntityType::kUsSsn: return kSsn;
    case EntityType::kPassport: return kPassport;
    case EntityType::kIpAddress: return kIp;
    default: return {};
  }
}

bool ContextSensitive(EntityType t) {
  switch (t) {
    case EntityType::kPhoneNumber:
    case EntityType::kBankCard:
    case EntityType::kCnResidentId:
    case EntityType::kUsSsn:
    case EntityType::kPassport:
    case EntityType::kIpAddress:
      return true;
    default:
      return false;
  }
}

// Every cue word, indexed by its first byte, so a window is scanned once per candidate instead
// of once per word.
struct CueEntry {
  std::string_view word;
  std::uint32_t positive_for = 0;  // bit i: raises EntityType i
  bool negative = false;
};

struct CueIndex {
  std::array<std::vector<CueEntry>, 256> by_first_byte;

  CueIndex() {
    auto add = [this](std::string_view w, std::uint32_t positive_for, bool negative) {
      auto& bucket = by_first_byte[static_cast<unsigned char>(w[0])];
      for (CueEntry& e : bucket) {
        if (e.word == w) {
          e.positive_for |= positive_for;
          e.negative = e.negative || negative;
          return;
        }
      }
      bucket.push_back({w, positive_for, negative});
    };
    for (const auto w : kNegative) add(w, 0, true);
    for (int t = 0; t < kEntityTypeCount; ++t) {
      for (const auto w : PositiveFor(static_cast<EntityType>(t))) add(w, 1u << t, false);
    }
  }
};

const CueIndex& Cues() {
  static const CueIndex index;
  return index;
}

}  // namespace

void ApplyContext(std::string_view text, std::vector<Entity>& candidates) {
  std::array<char, kWindowBytes> buf;
  for (Entity& e : candidates) {
    if (!ContextSensitive(e.type)) continue;
    const std::size_t from = e.start > kWindowBytes ? e.start - kWindowBytes : 0;
    const std::size_t n = e.start - from;
    for (std::size_t k = 0; k < n; ++k) {
      char c = text[from + k];
      buf[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    const std::string_view window(buf.data(), n);
    // The end offsets of the last positive and the last negative cue in the window (0: none).
    // English words must start a word ("id" is not in "said").
    const std::uint32_t type_bit = 1u << static_cast<int>(e.type);
    std::size_t pos = 0;
    std::size_t neg = 0;
    for (std::size_t p = 0; p < n; ++p) {
      const unsigned char first = static_cast<unsigned char>(window[p]);
      if (first < 0x80 && p > 0 && IsAlpha(static_cast<unsigned char>(window[p - 1]))) continue;
      for (const CueEntry& c : Cues().by_first_byte[first]) {
        if (!window.substr(p).starts_with(c.word)) continue;
        const std::size_t end = p + c.word.size();
        if (c.negative) neg = std::max(neg, end);
        if (c.positive_for & type_bit) pos = std::max(pos, end);
      }
    }
    if (pos == 0 && neg == 0) continue;
    const bool positive_nearer = pos >= neg;
    e.score = positive_nearer ? std::min(1.0f, e.score + kBoost) : e.score - kPenalty;
  }
}

}  // namespace hushdesk::privacy::internal
