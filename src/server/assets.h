// The browser UI, embedded in the binary at build time from src/web (cmake/embed_assets.cmake).
#pragma once

#include <span>
#include <string_view>

namespace hushdesk::server {

struct Asset {
  std::string_view path;  // "/static/desk.js"
  std::string_view content_type;
  std::string_view body;
};

// Every embedded file, under /static/.
std::span<const Asset> AllAssets();

// The asset served at `path`: /static/<file>, and the pages "/" (index.html), "/demo"
// (demo.html) and "/desk" (desk.html). nullptr when there is none.
const Asset* FindAsset(std::string_view path);

}  // namespace hushdesk::server
