#include "app/keys.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/commands.h"
#include "common/random.h"

namespace hushdesk::app {

common::StatusOr<privacy::SecretKey> LoadMasterKey(const std::string& key_file) {
  if (!key_file.empty()) {
    std::ifstream in(key_file);
    if (!in) return common::InvalidArgumentError("cannot read key file " + key_file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto key = privacy::SecretKey::FromHex(ss.str());
    if (!key.ok()) return common::InvalidArgumentError(key_file + ": " + key.status().message());
    return key;
  }
  const char* env = std::getenv("HUSHDESK_MASTER_KEY");
  if (env == nullptr || *env == '\0') {
    return common::InvalidArgumentError(
        "this operation needs a master key: pass --key-file FILE (create one with "
        "`hushdesk keygen --out FILE`) or set HUSHDESK_MASTER_KEY to 64 hex characters");
  }
  auto key = privacy::SecretKey::FromHex(env);
  if (!key.ok()) return common::InvalidArgumentError("HUSHDESK_MASTER_KEY: " + key.status().message());
  return key;
}

void RegisterKeys(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("keygen", "Create a new random master key file (mode 0600)");
  auto out = std::make_shared<std::string>();
  cmd->add_option("--out", *out, "Where to write the key (refuses to overwrite)")->required();
  cmd->callback([out, &exit_code] {
    common::SystemRandom random;
    privacy::SecretKey key;
    random.Fill(std::span<std::uint8_t>(key.data(), privacy::SecretKey::kSize));
    std::FILE* f = std::fopen(out->c_str(), "wx");
    if (f == nullptr) {
      std::fprintf(stderr, "hushdesk keygen: cannot create %s (does it exist already?)\n", out->c_str());
      exit_code = kExitFailure;
      return;
    }
    ::chmod(out->c_str(), 0600);
    const std::string hex = key.ToHex() + "\n";
    const bool ok = std::fwrite(hex.data(), 1, hex.size(), f) == hex.size();
    if (std::fclose(f) != 0 || !ok) {
      std::fprintf(stderr, "hushdesk keygen: write to %s failed\n", out->c_str());
      exit_code = kExitFailure;
      return;
    }
    std::fprintf(stderr, "hushdesk keygen: wrote %s; keep it secret and backed up: without it "
                         "no token can be revealed\n", out->c_str());
  });
}

}  // namespace hushdesk::app
