// `hushdesk detect`, `hushdesk redact` and `hushdesk reveal`: the privacy gate on files and
// streams. The formats are a contract (README "Command line").
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/io.h"
#include "app/keys.h"
#include "app/line_reader.h"
#include "common/random.h"
#include "privacy/detector.h"
#include "privacy/operators.h"
#include "privacy/vault.h"
#include "text/utf8.h"

namespace hushdesk::app {
namespace {

constexpr std::size_t kDefaultMaxLineBytes = 1 << 20;

// Options shared by detect and redact.
struct GateOptions {
  std::string input = "-";
  std::string output = "-";
  std::string types;  // comma-separated; empty = all
  float min_score = 0.5f;
  std::size_t max_line_bytes = kDefaultMaxLineBytes;
  bool skip_bad = false;
};

void AddGateOptions(CLI::App* cmd, GateOptions& o) {
  cmd->add_option("-i,--input", o.input, "Input file ('-' for standard input)")->capture_default_str();
  cmd->add_option("-o,--output", o.output, "Output file ('-' for standard output)")->capture_default_str();
  cmd->add_option("--types", o.types, "Comma-separated entity types to find (default: all)");
  cmd->add_option("--min-score", o.min_score, "Drop findings scoring below this")->capture_default_str();
  cmd->add_option("--max-line-bytes", o.max_line_bytes, "Longest accepted input line")->capture_default_str();
  cmd->add_flag("--skip-bad", o.skip_bad, "Report bad lines on stderr and go on with the rest");
}

common::StatusOr<privacy::EntityTypeSet> ParseTypes(const std::string& list) {
  if (list.empty()) return privacy::EntityTypeSet::All();
  privacy::EntityTypeSet set;
  std::stringstream ss(list);
  std::string name;
  while (std::getline(ss, name, ',')) {
    const auto t = privacy::ParseEntityType(name);
    if (!t) {
      std::string valid;
      for (const auto n : privacy::kEntityTypeNames) valid += (valid.empty() ? "" : ", ") + std::string(n);
      return common::InvalidArgumentError("unknown entity type '" + name + "'; valid types: " + valid);
    }
    set.insert(*t);
  }
  return set;
}

common::StatusOr<std::unique_ptr<privacy::Detector>> MakeDetector(const GateOptions& o) {
  auto types = ParseTypes(o.types);
  if (!types.ok()) return types.status();
  privacy::DetectorOptions options;
  options.types = *types;
  options.min_score = o.min_score;
  return privacy::Detector::Create(options);
}

// Parses one JSON Lines record and returns its "text" field, or an error naming the problem.
common::StatusOr<std::string> TextField(std::string_view line, boost::json::value& parsed) {
  boost::system::error_code ec;
  parsed = boost::json::parse(line, ec);
  if (ec) return common::InvalidArgumentError("malformed JSON (" + ec.message() + ")");
  if (!parsed.is_object()) return common::InvalidArgumentError("expected a JSON object");
  const auto* text = parsed.as_object().if_contains("text");
  if (text == nullptr) return common::InvalidArgumentError("missing field \"text\"");
  if (!text->is_string()) return common::InvalidArgumentError("field \"text\" is not a string");
  std::string s(text->as_string());
  if (auto st = text::ValidateUtf8(s); !st.ok()) {
    return common::InvalidArgumentError("field \"text\": " + st.message());
  }
  return s;
}

// Checks a raw input line before anything else looks at it.
common::Status CheckLine(LineReader::Result r, std::string_view line, std::size_t max) {
  if (r == LineReader::Result::kTooLong) {
    return common::InvalidArgumentError("line longer than " + std::to_string(max) +
                                        " bytes (raise --max-line-bytes)");
  }
  return text::ValidateUtf8(line);
}

struct Streams {
  File in, out;
};
// Opens the input and output of `o`, or prints why not (prefixed by `cmd`).
std::optional<Streams> OpenStreams(const char* cmd, const GateOptions& o) {
  auto in = OpenInput(o.input);
  auto out = in.ok() ? OpenOutput(o.output) : in.status();
  if (!in.ok() || !out.ok()) {
    std::fprintf(stderr, "hushdesk %s: %s\n", cmd, (in.ok() ? out.status() : in.status()).message().c_str());
    return std::nullopt;
  }
  return Streams{std::move(*in), std::move(*out)};
}

// Reports a bad line; returns true when processing should stop.
bool ReportBad(const char* cmd, std::size_t line_no, const common::Status& st, bool skip_bad,
               std::size_t& bad_lines) {
  std::fprintf(stderr, "hushdesk %s: line %zu: %s\n", cmd, line_no, st.message().c_str());
  ++bad_lines;
  return !skip_bad;
}

int Finish(const char* cmd, std::FILE* out, std::size_t lines, std::size_t bad_lines, bool stopped) {
  if (std::fflush(out) != 0 || std::ferror(out)) {
    std::fprintf(stderr, "hushdesk %s: write failed\n", cmd);
    return kExitFailure;
  }
  if (stopped) {
    std::fprintf(stderr, "hushdesk %s: stopped at the bad line (use --skip-bad to continue past bad lines)\n", cmd);
    return kExitBadInput;
  }
  if (bad_lines > 0) {
    std::fprintf(stderr, "hushdesk %s: %zu of %zu lines skipped as bad\n", cmd, bad_lines, lines);
  }
  return kExitOk;
}

int RunDetect(const GateOptions& o) {
  auto detector = MakeDetector(o);
  if (!detector.ok()) {
    std::fprintf(stderr, "hushdesk detect: %s\n", detector.status().message().c_str());
    return kExitUsage;
  }
  auto io = OpenStreams("detect", o);
  if (!io) return kExitFailure;
  const File& in = io->in;
  const File& out = io->out;
  LineReader reader(in.get(), o.max_line_bytes);
  Progress progress("detect", in.get());
  privacy::DetectScratch scratch;
  std::vector<privacy::Entity> entities;
  std::vector<std::size_t> offsets, cps;
  std::string buf;
  boost::json::value parsed;
  std::size_t bad = 0;
  bool stopped = false;
  std::string_view line;
  for (LineReader::Result r; (r = reader.Next(&line)) != LineReader::Result::kEnd;) {
    progress.Update(reader.bytes_read());
    common::StatusOr<std::string> text = common::InvalidArgumentError("");
    if (auto st = CheckLine(r, line, o.max_line_bytes); !st.ok()) {
      text = st;
    } else {
      text = TextField(line, parsed);
    }
    buf.clear();
    if (!text.ok()) {
      if (ReportBad("detect", reader.line_number(), text.status(), o.skip_bad, bad)) {
        stopped = true;
        break;
      }
      buf = "{\"entities\":[],\"error\":";
      AppendJsonString("line " + std::to_string(reader.line_number()) + ": " + text.status().message(), buf);
      buf += "}\n";
      std::fwrite(buf.data(), 1, buf.size(), out.get());
      continue;
    }
    (*detector)->Detect(*text, scratch, entities);
    // Code point offsets, converted in one pass over the sorted byte offsets.
    offsets.clear();
    for (const auto& e : entities) {
      offsets.push_back(e.start);
      offsets.push_back(e.end);
    }
    cps.resize(offsets.size());
    text::ByteToCodePointOffsets(*text, offsets, cps);
    buf = "{\"entities\":[";
    for (std::size_t k = 0; k < entities.size(); ++k) {
      char num[96];
      std::snprintf(num, sizeof num, "\",\"start\":%zu,\"end\":%zu,\"score\":%.2f}", cps[2 * k],
                    cps[2 * k + 1], static_cast<double>(entities[k].score));
      buf += k ? ",{\"type\":\"" : "{\"type\":\"";
      buf += privacy::EntityTypeName(entities[k].type);
      buf += num;
    }
    buf += "]}\n";
    std::fwrite(buf.data(), 1, buf.size(), out.get());
  }
  progress.Finish();
  return Finish("detect", out.get(), reader.line_number(), bad, stopped);
}

struct RedactOptions {
  GateOptions gate;
  std::string op = "tag";
  bool jsonl = false;
  std::string scope = "default";
  std::string scope_field;
  std::string vault_path;
  std::string key_file;
};

// Writes the vault next to its final path and renames it into place, so a crash never leaves
// a half-written vault.
common::Status SaveVault(const privacy::Vault& vault, const std::string& path) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    if (!f) return common::UnavailableError("cannot write " + tmp);
    HD_RETURN_IF_ERROR(vault.Save(f));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return common::UnavailableError("cannot rename " + tmp + " to " + path);
  }
  return common::Status::Ok();
}

int RunRedact(const RedactOptions& o) {
  const auto op = privacy::ParseOperator(o.op);
  if (!op) {
    std::fprintf(stderr, "hushdesk redact: unknown operator '%s' (tag, mask, pseudonym, token)\n", o.op.c_str());
    return kExitUsage;
  }
  if (*op == privacy::Operator::kToken && o.vault_path.empty()) {
    std::fprintf(stderr, "hushdesk redact: --operator token needs --vault FILE to keep the originals\n");
    return kExitUsage;
  }
  auto detector = MakeDetector(o.gate);
  if (!detector.ok()) {
    std::fprintf(stderr, "hushdesk redact: %s\n", detector.status().message().c_str());
    return kExitUsage;
  }
  std::unique_ptr<privacy::DerivedKeyProvider> keys;
  common::SystemRandom random;
  std::unique_ptr<privacy::Vault> vault;
  if (*op == privacy::Operator::kPseudonym || *op == privacy::Operator::kToken) {
    auto master = LoadMasterKey(o.key_file);
    if (!master.ok()) {
      std::fprintf(stderr, "hushdesk redact: %s\n", master.status().message().c_str());
      return kExitUsage;
    }
    keys = std::make_unique<privacy::DerivedKeyProvider>(*master);
  }
  if (*op == privacy::Operator::kToken) {
    vault = std::make_unique<privacy::Vault>(*keys, random);
    std::ifstream existing(o.vault_path);
    if (existing) {
      if (auto st = vault->Load(existing); !st.ok()) {
        std::fprintf(stderr, "hushdesk redact: %s: %s\n", o.vault_path.c_str(), st.message().c_str());
        return kExitFailure;
      }
    }
  }
  auto redactor = privacy::Redactor::Create(*op, keys.get(), vault.get());
  if (!redactor.ok()) {
    std::fprintf(stderr, "hushdesk redact: %s\n", redactor.status().message().c_str());
    return kExitUsage;
  }
  auto io = OpenStreams("redact", o.gate);
  if (!io) return kExitFailure;
  const File& in = io->in;
  const File& out = io->out;
  LineReader reader(in.get(), o.gate.max_line_bytes);
  Progress progress("redact", in.get());
  privacy::DetectScratch scratch;
  std::vector<privacy::Entity> entities;
  std::string buf;
  boost::json::value parsed;
  std::size_t bad = 0;
  bool stopped = false;
  std::string_view line;
  for (LineReader::Result r; (r = reader.Next(&line)) != LineReader::Result::kEnd;) {
    progress.Update(reader.bytes_read());
    common::Status st = CheckLine(r, line, o.gate.max_line_bytes);
    std::string text;
    std::string scope = o.scope;
    if (st.ok() && o.jsonl) {
      auto t = TextField(line, parsed);
      st = t.status();
      if (t.ok()) text = std::move(*t);
      if (st.ok() && !o.scope_field.empty()) {
        const auto* f = parsed.as_object().if_contains(o.scope_field);
        if (f && f->is_string()) {
          scope = std::string(f->as_string());
        } else if (f && f->is_int64()) {
          scope = std::to_string(f->as_int64());
        }
      }
    }
    buf.clear();
    if (st.ok()) {
      const std::string_view input = o.jsonl ? std::string_view(text) : line;
      (*detector)->Detect(input, scratch, entities);
      st = redactor->Apply(input, entities, scope, buf);
    }
    if (!st.ok()) {
      if (ReportBad("redact", reader.line_number(), st, o.gate.skip_bad, bad)) {
        stopped = true;
        break;
      }
      // Keep one output line per input line without echoing the bad input.
      const char* placeholder = o.jsonl ? "{\"error\":\"bad input line\"}\n" : "\n";
      std::fputs(placeholder, out.get());
      continue;
    }
    if (o.jsonl) {
      parsed.as_object()["text"] = buf;
      buf = boost::json::serialize(parsed);
    }
    buf.push_back('\n');
    std::fwrite(buf.data(), 1, buf.size(), out.get());
  }
  progress.Finish();
  if (vault) {
    if (auto s = SaveVault(*vault, o.vault_path); !s.ok()) {
      std::fprintf(stderr, "hushdesk redact: %s\n", s.message().c_str());
      return kExitFailure;
    }
  }
  return Finish("redact", out.get(), reader.line_number(), bad, stopped);
}

}  // namespace

void RegisterDetect(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<GateOptions>();
  auto* cmd = app.add_subcommand(
      "detect",
      "Find personal data. Reads JSON Lines with a \"text\" field; writes one "
      "{\"entities\":[{\"type\",\"start\",\"end\",\"score\"}]} per line (offsets in code points)");
  AddGateOptions(cmd, *o);
  cmd->callback([o, &exit_code] { exit_code = RunDetect(*o); });
}

void RegisterRedact(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<RedactOptions>();
  auto* cmd = app.add_subcommand("redact", "De-identify text (plain lines, or JSON Lines with --jsonl)");
  AddGateOptions(cmd, o->gate);
  cmd->add_option("--operator", o->op, "tag | mask | pseudonym | token")->capture_default_str();
  cmd->add_flag("--jsonl", o->jsonl, "Input is JSON Lines; the \"text\" field is redacted, other fields kept");
  cmd->add_option("--scope", o->scope, "Scope of pseudonyms and tokens (a conversation or tenant)")->capture_default_str();
  cmd->add_option("--scope-field", o->scope_field, "With --jsonl: take each line's scope from this field");
  cmd->add_option("--vault", o->vault_path, "Vault file for --operator token (created or extended)");
  cmd->add_option("--key-file", o->key_file, "Master key file (else $HUSHDESK_MASTER_KEY)");
  cmd->callback([o, &exit_code] { exit_code = RunRedact(*o); });

  auto r = std::make_shared<RedactOptions>();
  auto tokens = std::make_shared<std::vector<std::string>>();
  auto* rev = app.add_subcommand("reveal", "Print the originals behind vault tokens (needs the key)");
  rev->add_option("--vault", r->vault_path, "Vault file written by redact --operator token")->required();
  rev->add_option("--key-file", r->key_file, "Master key file (else $HUSHDESK_MASTER_KEY)");
  rev->add_option("--scope", r->scope, "Scope the tokens were made in")->capture_default_str();
  rev->add_option("tokens", *tokens, "Tokens such as ⟦PHONE_NUMBER:3f9a0c1e⟧")->required();
  rev->callback([r, tokens, &exit_code] {
    auto master = LoadMasterKey(r->key_file);
    if (!master.ok()) {
      std::fprintf(stderr, "hushdesk reveal: %s\n", master.status().message().c_str());
      exit_code = kExitUsage;
      return;
    }
    privacy::DerivedKeyProvider keys(*master);
    common::SystemRandom random;
    privacy::Vault vault(keys, random);
    std::ifstream f(r->vault_path);
    common::Status st = f ? vault.Load(f) : common::NotFoundError("cannot read " + r->vault_path);
    if (!st.ok()) {
      std::fprintf(stderr, "hushdesk reveal: %s\n", st.message().c_str());
      exit_code = kExitFailure;
      return;
    }
    for (const auto& token : *tokens) {
      auto value = vault.Reveal(r->scope, token);
      if (!value.ok()) {
        std::fprintf(stderr, "hushdesk reveal: %s: %s\n", token.c_str(), value.status().message().c_str());
        exit_code = kExitBadInput;
        continue;
      }
      std::printf("%s\n", value->c_str());
    }
  });
}

}  // namespace hushdesk::app
