#include "privacy/gate.h"

#include "privacy/operators.h"

namespace hushdesk::privacy {
namespace {

constexpr std::string_view kOpen = "\xE2\x9F\xA6";   // ⟦
constexpr std::string_view kClose = "\xE2\x9F\xA7";  // ⟧

// Appends `text` with literal ⟦ ⟧ replaced by [ ].
void AppendNeutralized(std::string_view text, std::string& out) {
  std::size_t pos = 0;
  while (true) {
    const std::size_t hit = text.find("\xE2\x9F", pos);
    if (hit == std::string_view::npos || hit + 2 >= text.size()) break;
    const char c = text[hit + 2];
    if (c == '\xA6' || c == '\xA7') {
      out.append(text.substr(pos, hit - pos));
      out.push_back(c == '\xA6' ? '[' : ']');
    } else {
      out.append(text.substr(pos, hit + 3 - pos));
    }
    pos = hit + 3;
  }
  out.append(text.substr(pos));
}

// The entity type named inside a token "⟦TYPE:id⟧".
EntityType TokenType(std::string_view token) {
  const std::string_view body = token.substr(kOpen.size(), token.size() - kOpen.size() - kClose.size());
  return *ParseEntityType(body.substr(0, body.find(':')));
}

}  // namespace

void Gate::Process(std::string_view text, const SecretKey& scope_key, std::string_view scope,
                   GateScratch& scratch, GateResult& out) const {
  out.Clear();
  std::string neutral;
  if (text.find("\xE2\x9F") != std::string_view::npos) {
    AppendNeutralized(text, neutral);
    text = neutral;
  }
  detector_.Detect(text, scratch.detect, scratch.entities);
  std::size_t pos = 0;
  for (const Entity& e : scratch.entities) {
    out.stored.append(text.substr(pos, e.start - pos));
    const std::string_view value = text.substr(e.start, e.end - e.start);
    std::string token = TokenFor(scope_key, e.type, value);
    out.stored.append(token);
    ++out.items;
    bool seen = false;
    for (const SealedEntry& s : out.entries) seen = seen || s.token == token;
    if (!seen) {
      std::vector<std::uint8_t> sealed = Seal(scope_key, scope, token, value, random_);
      out.entries.push_back({std::move(token), std::string(value), std::move(sealed)});
    }
    pos = e.end;
  }
  out.stored.append(text.substr(pos));
}

std::string Gate::Tag(std::string_view text, GateScratch& scratch) const {
  std::string neutral;
  AppendNeutralized(text, neutral);
  detector_.Detect(neutral, scratch.detect, scratch.entities);
  std::string out;
  std::size_t pos = 0;
  for (const Entity& e : scratch.entities) {
    out.append(std::string_view(neutral).substr(pos, e.start - pos));
    out.push_back('<');
    out.append(EntityTypeName(e.type));
    out.push_back('>');
    pos = e.end;
  }
  out.append(std::string_view(neutral).substr(pos));
  return out;
}

std::vector<TextPart> RenderParts(std::string_view stored, View view, const TokenOpener& open) {
  std::vector<TextPart> parts;
  std::size_t pos = 0;
  std::size_t copied = 0;
  while ((pos = stored.find(kOpen, pos)) != std::string_view::npos) {
    const std::size_t len = MatchToken(stored.substr(pos));
    if (len == 0) {
      pos += kOpen.size();
      continue;
    }
    if (pos > copied) parts.push_back({std::string(stored.substr(copied, pos - copied)), {}, {}});
    TextPart part;
    part.token = std::string(stored.substr(pos, len));
    part.type = TokenType(part.token);
    bool done = false;
    if (view != View::kTagged && open) {
      auto value = open(part.token);
      if (value.ok()) {
        part.text = view == View::kOriginal ? *value : Mask(part.type, *value);
        done = true;
      }
    }
    if (!done) {
      part.text = "<" + std::string(EntityTypeName(part.type)) + ">";
    }
    parts.push_back(std::move(part));
    pos += len;
    copied = pos;
  }
  if (copied < stored.size()) parts.push_back({std::string(stored.substr(copied)), {}, {}});
  return parts;
}

}  // namespace hushdesk::privacy
