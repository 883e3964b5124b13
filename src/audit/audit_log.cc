#include "audit/audit_log.h"

#include <sodium.h>

#include <chrono>

namespace hushdesk::audit {
namespace {

void Feed(crypto_generichash_state& st, std::string_view field) {
  unsigned char len[8];
  std::uint64_t n = field.size();
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
  crypto_generichash_update(&st, len, sizeof len);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
}

std::string_view AsView(const store::Blob& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace

store::Blob ChainHash(const store::AuditRecord& r) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, kHashSize);
  Feed(st, "hushdesk audit v1");
  Feed(st, std::to_string(r.seq));
  Feed(st, std::to_string(r.at_ms));
  Feed(st, r.actor);
  Feed(st, r.action);
  Feed(st, r.object);
  Feed(st, r.reason);
  Feed(st, AsView(r.prev_hash));
  store::Blob out(kHashSize);
  crypto_generichash_final(&st, out.data(), out.size());
  return out;
}

common::StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(store::Store& store,
                                                          const common::Clock& clock) {
  auto last = store.LastAudit();
  if (!last.ok()) return last.status();
  auto log = std::unique_ptr<AuditLog>(new AuditLog(store, clock));
  if (last->has_value()) {
    log->last_seq_ = (*last)->seq;
    log->last_hash_ = (*last)->hash;
  } else {
    log->last_hash_.assign(kHashSize, 0);
  }
  return log;
}

common::StatusOr<store::AuditRecord> AuditLog::Append(std::string_view actor,
                                                      std::string_view action,
                                                      std::string_view object,
                                                      std::string_view reason) {
  std::lock_guard lock(mu_);
  store::AuditRecord r;
  r.seq = last_seq_ + 1;
  r.at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                clock_.Now().time_since_epoch())
                .count();
  r.actor = std::string(actor);
  r.action = std::string(action);
  r.object = std::string(object);
  r.reason = std::string(reason);
  r.prev_hash = last_hash_;
  r.hash = ChainHash(r);
  HD_RETURN_IF_ERROR(store_.AppendAudit(r));
  last_seq_ = r.seq;
  last_hash_ = r.hash;
  return r;
}

common::StatusOr<VerifyResult> Verify(store::Store& store) {
  VerifyResult result;
  store::Blob prev(kHashSize, 0);
  std::int64_t expect = 1;
  while (true) {
    auto batch = store.ReadAudit(expect - 1, 4096);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    for (const store::AuditRecord& r : *batch) {
      ++result.records;
      if (r.seq != expect) {
        result.first_bad = expect;
        result.problem = "record " + std::to_string(expect) + " is missing (next is " +
                         std::to_string(r.seq) + ")";
        return result;
      }
      if (r.prev_hash != prev) {
        result.first_bad = r.seq;
        result.problem = "does not link to the record before it";
        return result;
      }
      if (ChainHash(r) != r.hash) {
        result.first_bad = r.seq;
        result.problem = "its contents do not match its hash (modified)";
        return result;
      }
      prev = r.hash;
      ++expect;
    }
  }
  return result;
}

}  // namespace hushdesk::audit
