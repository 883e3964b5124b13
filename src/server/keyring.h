// KeyRing: the key hierarchy of DESIGN.md. The master key (never stored) wraps one key per
// tenant; a tenant key wraps one data key per customer; a conversation's key is derived from
// its customer's data key, so destroying the customer key makes every vault entry of every
// conversation of that customer unreadable (crypto-shredding).
//
// Unwrapped keys are cached in memory (bounded) so the message path does not unwrap per
// message.
//
// Thread-safety: safe from any thread.
#pragma once

#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/random.h"
#include "common/status.h"
#include "privacy/vault.h"
#include "store/store.h"

namespace hushdesk::server {

class KeyRing {
 public:
  // `store` and `random` are borrowed.
  KeyRing(const privacy::SecretKey& master, store::Store& store, common::Random& random,
          std::size_t cache_size = 100000)
      : master_(master), store_(store), random_(random), cache_size_(cache_size) {}

  // A new tenant key, wrapped under the master key for tenant `name`.
  store::Blob NewTenantKey(std::string_view tenant_name);
  // A new customer data key for `tenant_id`, wrapped under the tenant key.
  common::StatusOr<store::Blob> NewCustomerKey(std::int64_t tenant_id);
  // The key of a conversation's vault entries (and its tokens).
  common::StatusOr<privacy::SecretKey> ConversationKey(const store::Conversation& conversation);

 private:
  common::StatusOr<privacy::SecretKey> TenantKey(std::int64_t tenant_id);
  void Remember(const std::string& id, const privacy::SecretKey& key);

  const privacy::SecretKey master_;
  store::Store& store_;
  common::Random& random_;
  const std::size_t cache_size_;

  std::mutex mu_;
  std::unordered_map<std::int64_t, privacy::SecretKey> tenants_;
  // Conversation keys, least recently inserted evicted first.
  std::unordered_map<std::string, privacy::SecretKey> conversations_;
  std::list<std::string> order_;
};

}  // namespace hushdesk::server
