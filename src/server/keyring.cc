#include "server/keyring.h"

namespace hushdesk::server {
namespace {

std::string TenantLabel(std::string_view name) { return "tenant:" + std::string(name); }
std::string CustomerLabel(std::int64_t tenant_id) {
  return "customer-of-tenant:" + std::to_string(tenant_id);
}

}  // namespace

store::Blob KeyRing::NewTenantKey(std::string_view tenant_name) {
  const privacy::SecretKey key = privacy::NewKey(random_);
  return privacy::WrapKey(master_, TenantLabel(tenant_name), key, random_);
}

common::StatusOr<privacy::SecretKey> KeyRing::TenantKey(std::int64_t tenant_id) {
  {
    std::lock_guard lock(mu_);
    auto it = tenants_.find(tenant_id);
    if (it != tenants_.end()) return it->second;
  }
  auto tenant = store_.GetTenant(tenant_id);
  if (!tenant.ok()) return tenant.status();
  auto key = privacy::UnwrapKey(master_, TenantLabel(tenant->name), tenant->wrapped_key);
  if (!key.ok()) {
    return common::DataLossError("the key of tenant " + std::to_string(tenant_id) +
                                 " cannot be unwrapped: is this the master key the data was "
                                 "created with?");
  }
  std::lock_guard lock(mu_);
  tenants_.emplace(tenant_id, *key);
  return key;
}

common::StatusOr<store::Blob> KeyRing::NewCustomerKey(std::int64_t tenant_id) {
  auto tenant_key = TenantKey(tenant_id);
  if (!tenant_key.ok()) return tenant_key.status();
  const privacy::SecretKey key = privacy::NewKey(random_);
  return privacy::WrapKey(*tenant_key, CustomerLabel(tenant_id), key, random_);
}

common::StatusOr<privacy::SecretKey> KeyRing::ConversationKey(const store::Conversation& c) {
  {
    std::lock_guard lock(mu_);
    auto it = conversations_.find(c.id);
    if (it != conversations_.end()) return it->second;
  }
  auto tenant_key = TenantKey(c.tenant_id);
  if (!tenant_key.ok()) return tenant_key.status();
  auto customer = store_.GetCustomer(c.customer_id);
  if (!customer.ok()) return customer.status();
  if (customer->wrapped_key.empty()) {
    return common::NotFoundError("the customer's data key was destroyed");
  }
  auto customer_key =
      privacy::UnwrapKey(*tenant_key, CustomerLabel(c.tenant_id), customer->wrapped_key);
  if (!customer_key.ok()) return customer_key.status();
  privacy::SecretKey key = privacy::DeriveKey(*customer_key, "conversation:" + c.id);
  Remember(c.id, key);
  return key;
}

void KeyRing::Remember(const std::string& id, const privacy::SecretKey& key) {
  std::lock_guard lock(mu_);
  if (!conversations_.emplace(id, key).second) return;
  order_.push_back(id);
  while (order_.size() > cache_size_) {
    conversations_.erase(order_.front());
    order_.pop_front();
  }
}

}  // namespace hushdesk::server
