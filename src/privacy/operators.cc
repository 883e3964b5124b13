#include "privacy/operators.h"

#include "text/utf8.h"

namespace hushdesk::privacy {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Keeps the first `head` and last `tail` digits, masks the other digits, keeps separators.
std::string MaskDigits(std::string_view v, std::size_t head, std::size_t tail) {
  std::size_t total = 0;
  for (const char c : v) total += IsDigit(c) || c == 'X' || c == 'x';
  std::string out;
  std::size_t seen = 0;
  for (const char c : v) {
    if (IsDigit(c) || c == 'X' || c == 'x') {
      const bool keep = seen < head || seen + tail >= total;
      out.push_back(keep ? c : '*');
      ++seen;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// First code point of each word kept, the rest of the word masked: "张伟" → "张*",
// "John Smith" → "J*** S****".
std::string MaskName(std::string_view v) {
  std::string out;
  bool word_start = true;
  std::size_t len;
  for (std::size_t i = 0; i < v.size(); i += len) {
    const char32_t c = text::DecodeAt(v, i, &len);
    if (c == ' ' || c == '.' || c == '-') {
      out.append(v.substr(i, len));
      word_start = true;
    } else if (word_start) {
      out.append(v.substr(i, len));
      word_start = false;
    } else {
      out.push_back('*');
    }
  }
  return out;
}

// Keeps the first `keep` code points, then "****".
std::string MaskTail(std::string_view v, std::size_t keep) {
  return std::string(v.substr(0, text::CodePointToByteOffset(v, keep))) + "****";
}

}  // namespace

std::optional<Operator> ParseOperator(std::string_view name) {
  if (name == "tag") return Operator::kTag;
  if (name == "mask") return Operator::kMask;
  if (name == "pseudonym") return Operator::kPseudonym;
  if (name == "token") return Operator::kToken;
  return std::nullopt;
}

std::string Mask(EntityType type, std::string_view v) {
  std::size_t digits = 0;
  for (const char c : v) digits += IsDigit(c);
  switch (type) {
    case EntityType::kPhoneNumber:
      // 138****5678 for mainland mobiles; otherwise the last four digits.
      return MaskDigits(v, digits == 11 && v.find('+') == std::string_view::npos ? 3 : 0, 4);
    case EntityType::kBankCard: {
      if (v.find(' ') != std::string_view::npos || v.find('-') != std::string_view::npos) {
        return MaskDigits(v, 0, 4);
      }
      std::string out;
      for (std::size_t k = 0; k + 4 < digits; k += 4) out += "**** ";
      return out + std::string(v.substr(v.size() - 4));
    }
    case EntityType::kCnResidentId:
    case EntityType::kUsSsn:
      return MaskDigits(v, 0, 4);
    case EntityType::kEmailAddress: {
      const std::size_t at = v.find('@');
      if (at == std::string_view::npos || at == 0) return "****";
      return std::string(v.substr(0, 1)) + "***" + std::string(v.substr(at));
    }
    case EntityType::kPerson:
      return MaskName(v);
    case EntityType::kIpAddress: {
      const std::size_t dot = v.find('.');
      if (dot != std::string_view::npos) return std::string(v.substr(0, dot)) + ".*.*.*";
      return MaskTail(v, 4);
    }
    case EntityType::kUrl: {
      const std::size_t scheme = v.find("://");
      const std::size_t host_from = scheme == std::string_view::npos ? 0 : scheme + 3;
      const std::size_t path = v.find('/', host_from);
      if (path == std::string_view::npos) return std::string(v);
      return std::string(v.substr(0, path)) + "/****";
    }
    case EntityType::kCnLicensePlate:
      return MaskTail(v, 2);
    case EntityType::kAddress:
      return MaskTail(v, 3);
    case EntityType::kIbanCode:
    case EntityType::kCnUscc:
    case EntityType::kPassport:
      break;
  }
  // Identifiers: keep the last four characters.
  const std::size_t cps = text::CodePointCount(v);
  std::string out(cps > 4 ? cps - 4 : 0, '*');
  return out + std::string(v.substr(text::CodePointToByteOffset(v, cps > 4 ? cps - 4 : 0)));
}

common::StatusOr<Redactor> Redactor::Create(Operator op, const KeyProvider* keys, Vault* vault) {
  if (op == Operator::kPseudonym && keys == nullptr) {
    return common::InvalidArgumentError("the pseudonym operator needs a key");
  }
  if (op == Operator::kToken && vault == nullptr) {
    return common::InvalidArgumentError("the token operator needs a vault");
  }
  return Redactor(op, keys, vault);
}

common::Status Redactor::Apply(std::string_view text, std::span<const Entity> entities,
                               std::string_view scope, std::string& out) const {
  std::size_t pos = 0;
  for (const Entity& e : entities) {
    out.append(text.substr(pos, e.start - pos));
    const std::string_view value = text.substr(e.start, e.end - e.start);
    const std::string_view name = EntityTypeName(e.type);
    switch (per_type_[static_cast<int>(e.type)]) {
      case Operator::kTag:
        out.push_back('<');
        out.append(name);
        out.push_back('>');
        break;
      case Operator::kMask:
        out.append(Mask(e.type, value));
        break;
      case Operator::kPseudonym: {
        if (keys_ == nullptr) return common::InvalidArgumentError("the pseudonym operator needs a key");
        auto id = PseudonymId(*keys_, scope, e.type, value);
        if (!id.ok()) return id.status();
        out.push_back('<');
        out.append(name);
        out.push_back('#');
        out.append(*id);
        out.push_back('>');
        break;
      }
      case Operator::kToken: {
        if (vault_ == nullptr) return common::InvalidArgumentError("the token operator needs a vault");
        auto token = vault_->Tokenize(scope, e.type, value);
        if (!token.ok()) return token.status();
        out.append(*token);
        break;
      }
    }
    pos = e.end;
  }
  out.append(text.substr(pos));
  return common::Status::Ok();
}

}  // namespace hushdesk::privacy
