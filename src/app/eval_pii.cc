// `hushdesk eval pii`: scores the detector against gold annotations.
//
// Gold: JSON Lines {"text":..., "spans":[{"start","end","type"}]} with code point offsets.
// Reported per type: precision, recall and F1 at token level (the measure Presidio's own
// evaluation uses: a token is a run of letters/digits, or one Han character) and at span level
// (exact boundaries and type); the leak rate (share of personal characters no finding
// covers); and the share of lines without personal data on which anything was flagged.
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/io.h"
#include "app/line_reader.h"
#include "privacy/detector.h"
#include "text/script.h"
#include "text/utf8.h"

namespace hushdesk::app {
namespace {

struct EvalOptions {
  std::string gold;
  std::vector<std::string> maps;
  bool json = false;
  float min_score = 0.5f;
  std::size_t max_line_bytes = 1 << 22;
};

struct Span {
  std::size_t start, end;  // code points
  privacy::EntityType type;
};

struct Counts {
  std::size_t tp = 0, fp = 0, fn = 0;
  double P() const { return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0; }
  double R() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0; }
  double F() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

// Gold type names of other tools mapped to ours (Presidio's data set uses these).
std::map<std::string, std::string> DefaultTypeMap() {
  return {{"STREET_ADDRESS", "ADDRESS"}, {"CREDIT_CARD", "BANK_CARD"}, {"PHONE", "PHONE_NUMBER"},
          {"EMAIL", "EMAIL_ADDRESS"},    {"IBAN", "IBAN_CODE"},        {"SSN", "US_SSN"},
          {"IP", "IP_ADDRESS"},          {"NAME", "PERSON"},           {"DOMAIN_NAME", "URL"},           {"ID_CARD", "CN_RESIDENT_ID"}};
}

// Code point ranges of the tokens of `s`: letter/digit runs; each Han character alone.
std::vector<std::pair<std::size_t, std::size_t>> Tokens(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t cp = 0, len = 0, start = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size(); i += len, ++cp) {
    const char32_t c = text::DecodeAt(s, i, &len);
    const bool han = text::IsHan(c);
    const bool word = !han && (c >= 0x80 ? c >= 0xC0 : (std::isalnum(static_cast<int>(c)) != 0));
    if (in_word && !word) {
      out.emplace_back(start, cp);
      in_word = false;
    }
    if (han) {
      out.emplace_back(cp, cp + 1);
    } else if (word && !in_word) {
      start = cp;
      in_word = true;
    }
  }
  if (in_word) out.emplace_back(start, cp);
  return out;
}

// True when `spans` holds one with the same boundaries and type as `s`.
bool HasExact(const std::vector<Span>& spans, const Span& s) {
  for (const auto& o : spans) {
    if (o.start == s.start && o.end == s.end && o.type == s.type) return true;
  }
  return false;
}

// The type of the span overlapping [a, b), or -1.
int TypeAt(const std::vector<Span>& spans, std::size_t a, std::size_t b) {
  for (const auto& s : spans) {
    if (s.start < b && a < s.end) return static_cast<int>(s.type);
  }
  return -1;
}

int RunEval(const EvalOptions& o) {
  auto type_map = DefaultTypeMap();
  for (const auto& m : o.maps) {
    const auto eq = m.find('=');
    if (eq == std::string::npos) {
      std::fprintf(stderr, "hushdesk eval pii: --map wants FROM=TO, got '%s'\n", m.c_str());
      return kExitUsage;
    }
    type_map[m.substr(0, eq)] = m.substr(eq + 1);
  }
  privacy::DetectorOptions options;
  options.min_score = o.min_score;
  auto detector = privacy::Detector::Create(options);
  auto in = OpenInput(o.gold);
  if (!detector.ok() || !in.ok()) {
    std::fprintf(stderr, "hushdesk eval pii: %s\n",
                 (detector.ok() ? in.status() : detector.status()).message().c_str());
    return kExitFailure;
  }
  LineReader reader(in->get(), o.max_line_bytes);
  std::array<Counts, privacy::kEntityTypeCount> token_counts{}, span_counts{};
  std::map<std::string, std::size_t> ignored;
  std::size_t gold_chars = 0, leaked_chars = 0, lines = 0, clean_lines = 0, clean_flagged = 0;
  std::string_view line;
  for (LineReader::Result r; (r = reader.Next(&line)) != LineReader::Result::kEnd;) {
    const auto fail = [&](const std::string& why) {
      std::fprintf(stderr, "hushdesk eval pii: %s line %zu: %s\n", o.gold.c_str(), reader.line_number(), why.c_str());
      return kExitBadInput;
    };
    if (r == LineReader::Result::kTooLong) return fail("line too long");
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(line, ec);
    if (ec || !v.is_object()) return fail("not a JSON object");
    const auto* t = v.as_object().if_contains("text");
    const auto* sp = v.as_object().if_contains("spans");
    if (!t || !t->is_string() || !sp || !sp->is_array()) return fail("needs \"text\" (string) and \"spans\" (array)");
    const std::string textv(t->as_string());
    if (!text::ValidateUtf8(textv).ok()) return fail("invalid UTF-8 in text");
    const std::size_t ncp = text::CodePointCount(textv);
    std::vector<Span> gold, pred;
    for (const auto& s : sp->as_array()) {
      const auto* so = s.if_object();
      if (!so || !so->contains("start") || !so->contains("end") || !so->contains("type") ||
          !so->at("start").is_int64() || !so->at("end").is_int64() || !so->at("type").is_string()) {
        return fail("each span needs integer start, end and string type");
      }
      std::string type(so->at("type").as_string());
      if (auto it = type_map.find(type); it != type_map.end()) type = it->second;
      const auto et = privacy::ParseEntityType(type);
      if (!et) {
        ++ignored[type];
        continue;
      }
      const auto a = static_cast<std::size_t>(so->at("start").as_int64());
      const auto b = static_cast<std::size_t>(so->at("end").as_int64());
      if (a >= b || b > ncp) return fail("span [" + std::to_string(a) + "," + std::to_string(b) + ") outside the text");
      gold.push_back({a, b, *et});
    }
    const auto found = (*detector)->Detect(textv);
    std::vector<std::size_t> offs, cps;
    for (const auto& e : found) {
      offs.push_back(e.start);
      offs.push_back(e.end);
    }
    cps.resize(offs.size());
    text::ByteToCodePointOffsets(textv, offs, cps);
    for (std::size_t k = 0; k < found.size(); ++k) pred.push_back({cps[2 * k], cps[2 * k + 1], found[k].type});

    ++lines;
    if (gold.empty()) {
      ++clean_lines;
      clean_flagged += !pred.empty();
    }
    for (const auto& tok : Tokens(textv)) {
      const int g = TypeAt(gold, tok.first, tok.second);
      const int p = TypeAt(pred, tok.first, tok.second);
      if (g >= 0 && g == p) {
        token_counts[g].tp++;
      } else {
        if (g >= 0) token_counts[g].fn++;
        if (p >= 0) token_counts[p].fp++;
      }
    }
    for (const auto& p : pred) {
      const bool match = HasExact(gold, p);
      span_counts[static_cast<int>(p.type)].fp += !match;
      span_counts[static_cast<int>(p.type)].tp += match;
    }
    for (const auto& g : gold) {
      span_counts[static_cast<int>(g.type)].fn += !HasExact(pred, g);
      // Leak: personal characters (not spaces) that no finding covers.
      std::size_t cp = 0, len = 0;
      for (std::size_t i = 0; i < textv.size(); i += len, ++cp) {
        const char32_t c = text::DecodeAt(textv, i, &len);
        if (cp < g.start || cp >= g.end || c == ' ' || c == '\n') continue;
        ++gold_chars;
        bool covered = false;
        for (const auto& p : pred) covered = covered || (p.start <= cp && cp < p.end);
        leaked_chars += !covered;
      }
    }
  }
  Counts tok_micro, span_micro;
  boost::json::object types;
  for (int k = 0; k < privacy::kEntityTypeCount; ++k) {
    const auto& tc = token_counts[k];
    const auto& sc = span_counts[k];
    if (tc.tp + tc.fn + tc.fp + sc.tp + sc.fn + sc.fp == 0) continue;
    tok_micro.tp += tc.tp, tok_micro.fp += tc.fp, tok_micro.fn += tc.fn;
    span_micro.tp += sc.tp, span_micro.fp += sc.fp, span_micro.fn += sc.fn;
    types[privacy::kEntityTypeNames[k]] = {
        {"token", {{"precision", tc.P()}, {"recall", tc.R()}, {"f1", tc.F()}, {"support", tc.tp + tc.fn}}},
        {"span", {{"precision", sc.P()}, {"recall", sc.R()}, {"f1", sc.F()}, {"support", sc.tp + sc.fn}}}};
  }
  const double leak = gold_chars ? static_cast<double>(leaked_chars) / static_cast<double>(gold_chars) : 0;
  const double flagged = clean_lines ? static_cast<double>(clean_flagged) / static_cast<double>(clean_lines) : 0;
  if (o.json) {
    boost::json::object ign;
    for (const auto& [k, n] : ignored) ign[k] = n;
    boost::json::object res{{"lines", lines},
                            {"types", types},
                            {"micro", {{"token_f1", tok_micro.F()}, {"span_f1", span_micro.F()},
                                       {"token_precision", tok_micro.P()}, {"token_recall", tok_micro.R()}}},
                            {"leak_rate", leak},
                            {"clean_lines", clean_lines},
                            {"clean_lines_flagged_rate", flagged},
                            {"ignored_gold_types", ign}};
    std::printf("%s\n", boost::json::serialize(res).c_str());
    return kExitOk;
  }
  std::printf("%-18s %9s %9s %9s %9s   %9s %9s\n", "type", "tok P", "tok R", "tok F1", "support", "span F1", "spans");
  for (const auto& [name, v] : types) {
    const auto& tk = v.at("token").as_object();
    const auto& sp = v.at("span").as_object();
    std::printf("%-18s %9.3f %9.3f %9.3f %9lld   %9.3f %9lld\n", std::string(name).c_str(),
                tk.at("precision").as_double(), tk.at("recall").as_double(), tk.at("f1").as_double(),
                static_cast<long long>(tk.at("support").as_uint64()), sp.at("f1").as_double(),
                static_cast<long long>(sp.at("support").as_uint64()));
  }
  std::printf("%-18s %9.3f %9.3f %9.3f %9s   %9.3f\n", "micro", tok_micro.P(), tok_micro.R(), tok_micro.F(), "", span_micro.F());
  std::printf("\nlines %zu; leak rate %.4f (personal characters not covered)\n", lines, leak);
  std::printf("lines without personal data: %zu, of which flagged: %.4f\n", clean_lines, flagged);
  if (!ignored.empty()) {
    std::printf("gold types not scored (not personal data the gate detects):");
    for (const auto& [k, n] : ignored) std::printf(" %s(%zu)", k.c_str(), n);
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace

void RegisterEval(CLI::App& app, int& exit_code) {
  auto* eval = app.add_subcommand("eval", "Measure accuracy against labelled data");
  eval->require_subcommand(1);
  auto o = std::make_shared<EvalOptions>();
  auto* pii = eval->add_subcommand("pii", "Score PII detection against gold spans (JSON Lines)");
  pii->add_option("--gold", o->gold, "Gold file: {\"text\",\"spans\":[{\"start\",\"end\",\"type\"}]} per line")->required();
  pii->add_option("--map", o->maps, "Map a gold type to ours, FROM=TO (repeatable)");
  pii->add_option("--min-score", o->min_score, "Detector threshold")->capture_default_str();
  pii->add_flag("--json", o->json, "Print one JSON object instead of a table");
  pii->callback([o, &exit_code] { exit_code = RunEval(*o); });
}

}  // namespace hushdesk::app
