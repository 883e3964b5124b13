// The privacy gate as the server runs it: detect personal data in a message, seal each
// original under the conversation's key and replace it with its token. What leaves the gate
// holds tokens only; the sealed originals go to the vault in the store.
//
// Rendering turns stored text back into what a role may see: originals (the customer's own),
// masked values (agents), or type tags (quality reviewers, admins).
//
// Thread-safety: a Gate is immutable and may be shared; each thread passes its own scratch.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/random.h"
#include "common/status.h"
#include "privacy/detector.h"
#include "privacy/vault.h"

namespace hushdesk::privacy {

struct SealedEntry {
  std::string token;                // ⟦TYPE:id⟧
  std::string value;                // the original (in memory only, for live fan-out)
  std::vector<std::uint8_t> sealed;  // nonce || ciphertext, see Seal()
};

struct GateResult {
  std::string stored;  // the text with every item replaced by its token
  std::vector<SealedEntry> entries;  // one per distinct token in this message
  int items = 0;                     // items replaced (counting repeats)

  void Clear() {
    stored.clear();
    entries.clear();
    items = 0;
  }
};

struct GateScratch {
  DetectScratch detect;
  std::vector<Entity> entities;
};

class Gate {
 public:
  // Both are borrowed and must outlive the gate.
  Gate(const Detector& detector, common::Random& random) : detector_(detector), random_(random) {}

  // De-identifies `text` (valid UTF-8) for `scope` (a conversation id) whose key is
  // `scope_key`. Literal token brackets typed by a user are replaced by plain brackets first,
  // so stored text holds only tokens the gate made.
  void Process(std::string_view text, const SecretKey& scope_key, std::string_view scope,
               GateScratch& scratch, GateResult& out) const;

  // `text` with every item replaced by its type tag (<PHONE_NUMBER>): for free text that must
  // not carry personal data but needs no vault, such as a stated reason in the audit log.
  std::string Tag(std::string_view text, GateScratch& scratch) const;

 private:
  const Detector& detector_;
  common::Random& random_;
};

enum class View { kOriginal, kMasked, kTagged };

// Opens one token of the text being rendered: returns the original value.
using TokenOpener = std::function<common::StatusOr<std::string>(std::string_view token)>;

// One piece of rendered text: plain text, or the rendering of one token (so a user interface
// can offer to reveal that item).
struct TextPart {
  std::string text;
  std::string token;  // empty for plain text
  EntityType type = EntityType::kPerson;  // meaningful only when token is set
};

// Renders stored text for `view` as parts. kTagged needs no opener (tokens become <TYPE>); the
// other views open each token. A token that cannot be opened (its key destroyed) renders as its
// tag.
std::vector<TextPart> RenderParts(std::string_view stored, View view, const TokenOpener& open);

}  // namespace hushdesk::privacy
