// Master-key loading for the command line: from --key-file, else the HUSHDESK_MASTER_KEY
// environment variable (64 hex characters).
#pragma once

#include <string>

#include "common/status.h"
#include "privacy/vault.h"

namespace hushdesk::app {

// The master key from `key_file` when non-empty, else from $HUSHDESK_MASTER_KEY.
// InvalidArgument with a hint when neither is set or the key is malformed.
common::StatusOr<privacy::SecretKey> LoadMasterKey(const std::string& key_file);

}  // namespace hushdesk::app
