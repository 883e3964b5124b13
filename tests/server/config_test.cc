#include "server/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace hushdesk::server {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string WriteToml(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("hushdesk-config-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsNeedNoFile) {
  auto c = LoadConfig("", Env({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->data_dir, "./var");
  EXPECT_EQ(c->listen, "127.0.0.1:8080");
  EXPECT_EQ(c->MasterKeyFile(), "./var/master.key");
  EXPECT_TRUE(c->demo);
}

TEST(Config, EnvironmentOverridesTheFile) {
  const std::string file = WriteToml("listen = \"0.0.0.0:9000\"\ndemo = false\nthreads = 4\n");
  auto c = LoadConfig(file, Env({{"HUSHDESK_LISTEN", "127.0.0.1:9100"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->listen, "127.0.0.1:9100");
  EXPECT_FALSE(c->demo);
  EXPECT_EQ(c->threads, 4);
  std::string host;
  unsigned short port = 0;
  ASSERT_TRUE(c->SplitListen(host, port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 9100);
  std::filesystem::remove(file);
}

TEST(Config, ErrorsNameTheKeyAndTheProblem) {
  const std::string file = WriteToml("threads = \"many\"\n");
  auto c = LoadConfig(file, Env({}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("\"threads\" must be an integer"), std::string::npos);

  std::ofstream(file) << "listen = \n";
  c = LoadConfig(file, Env({}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find(file + ":1:"), std::string::npos) << c.status().message();

  c = LoadConfig("", Env({{"HUSHDESK_DEMO", "perhaps"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("HUSHDESK_DEMO"), std::string::npos);

  c = LoadConfig("", Env({{"HUSHDESK_TLS_CERT", "/x.pem"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("tls_key"), std::string::npos);

  c = LoadConfig("", Env({{"HUSHDESK_LISTEN", "localhost"}}));
  EXPECT_FALSE(c.ok());
  c = LoadConfig("", Env({{"HUSHDESK_LISTEN", "127.0.0.1:70000"}}));
  EXPECT_FALSE(c.ok());
  EXPECT_FALSE(LoadConfig("/nonexistent/hushdesk.toml", Env({})).ok());
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace hushdesk::server
