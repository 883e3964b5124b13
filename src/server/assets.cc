#include "server/assets.h"

namespace hushdesk::server {

const Asset* FindAsset(std::string_view path) {
  if (path == "/" || path == "/index.html") path = "/static/index.html";
  if (path == "/demo" || path == "/demo/") path = "/static/demo.html";
  if (path == "/desk" || path == "/desk/") path = "/static/desk.html";
  for (const Asset& a : AllAssets()) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

}  // namespace hushdesk::server
