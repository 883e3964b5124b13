// The audit log: append-only records of who did what to which object, why and when. Each
// record carries the hash of the one before it, so changing, removing or reordering any record
// breaks the chain at that point, and Verify names it.
//
// Records hold no personal data: actors and objects are ids and tokens, and a stated reason
// passes through the privacy gate before it reaches the log.
//
// Thread-safety: AuditLog is safe to call from any thread (appends are serialized).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "store/store.h"

namespace hushdesk::audit {

constexpr std::size_t kHashSize = 32;

// BLAKE2b-256 over the record's fields (seq, time, actor, action, object, reason) and
// prev_hash, each length-prefixed so field boundaries cannot shift.
store::Blob ChainHash(const store::AuditRecord& record);

class AuditLog {
 public:
  // Reads the head of the chain from `store`. Both are borrowed.
  static common::StatusOr<std::unique_ptr<AuditLog>> Open(store::Store& store,
                                                          const common::Clock& clock);

  // Appends one durable record and returns it.
  common::StatusOr<store::AuditRecord> Append(std::string_view actor, std::string_view action,
                                              std::string_view object,
                                              std::string_view reason = {});

 private:
  AuditLog(store::Store& store, const common::Clock& clock) : store_(store), clock_(clock) {}

  store::Store& store_;
  const common::Clock& clock_;
  std::mutex mu_;
  std::int64_t last_seq_ = 0;
  store::Blob last_hash_;
};

struct VerifyResult {
  std::int64_t records = 0;     // records checked
  std::int64_t first_bad = 0;   // seq of the first broken record, 0 when intact
  std::string problem;          // what is wrong with it
  bool intact() const { return first_bad == 0; }
};

// Walks the whole chain from the first record. Fails only when the store cannot be read.
common::StatusOr<VerifyResult> Verify(store::Store& store);

}  // namespace hushdesk::audit
