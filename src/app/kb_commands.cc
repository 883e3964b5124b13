// `hushdesk eval kb`: answer selection scored on labelled queries.
#include <chrono>
#include <cstdio>

#include "app/commands.h"
#include "kb/kb.h"
#include "nlu/csv.h"

namespace hushdesk::app {
namespace {

struct EvalKbFlags {
  std::string kb;
  std::string data;
  std::string lang;
  float threshold = 0.35f;
  bool json = false;
};

// Queries: CSV with a header, text then the id of the article that answers it.
int RunEvalKb(const EvalKbFlags& f) {
  auto articles = kb::ReadFile(f.kb, f.lang.empty() ? "en" : f.lang);
  if (!articles.ok()) {
    std::fprintf(stderr, "hushdesk eval kb: %s\n", articles.status().message().c_str());
    return articles.status().code() == common::StatusCode::kNotFound ? kExitFailure : kExitBadInput;
  }
  auto queries = nlu::ReadLabelledCsvFile(f.data);
  if (!queries.ok()) {
    std::fprintf(stderr, "hushdesk eval kb: %s\n", queries.status().message().c_str());
    return queries.status().code() == common::StatusCode::kNotFound ? kExitFailure : kExitBadInput;
  }
  const auto index = kb::Index::Build(std::move(*articles));
  for (std::size_t i = 0; i < queries->size(); ++i) {
    if (!index->Find((*queries)[i].label)) {
      std::fprintf(stderr, "hushdesk eval kb: %s: row %zu names article \"%s\", which the knowledge base lacks\n",
                   f.data.c_str(), i + 1, (*queries)[i].label.c_str());
      return kExitBadInput;
    }
  }
  std::size_t top1 = 0, top3 = 0, answered = 0, answered_right = 0;
  double rr = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const auto& q : *queries) {
    const auto m = index->Search(q.text, 10, f.lang);
    for (std::size_t r = 0; r < m.size(); ++r) {
      if (index->articles()[m[r].article].id != q.label) continue;
      if (r == 0) ++top1;
      if (r < 3) ++top3;
      rr += 1.0 / static_cast<double>(r + 1);
      break;
    }
    if (!m.empty() && m[0].confidence >= f.threshold) {
      ++answered;
      answered_right += index->articles()[m[0].article].id == q.label;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double n = static_cast<double>(queries->size());
  auto share = [](std::size_t a, double b) { return b > 0 ? static_cast<double>(a) / b : 0.0; };
  if (f.json) {
    std::printf("{\"queries\":%zu,\"articles\":%zu,\"accuracy\":%.4f,\"top3\":%.4f,\"mrr\":%.4f,\"threshold\":%.2f,"
                "\"answered\":%.4f,\"answered_accuracy\":%.4f,\"queries_per_s\":%.0f}\n",
                queries->size(), index->articles().size(), share(top1, n), share(top3, n), n > 0 ? rr / n : 0,
                f.threshold, share(answered, n), share(answered_right, static_cast<double>(answered)),
                secs > 0 ? n / secs : 0);
  } else {
    std::printf("queries %zu, articles %zu\nright answer first %.4f, in the top 3 %.4f, MRR %.4f\n", queries->size(),
                index->articles().size(), share(top1, n), share(top3, n), n > 0 ? rr / n : 0);
    std::printf("confidence >= %.2f: answered %.4f of queries, %.4f of those right\n", f.threshold,
                share(answered, n), share(answered_right, static_cast<double>(answered)));
    std::printf("%.0f queries/s (one thread)\n", secs > 0 ? n / secs : 0);
  }
  return kExitOk;
}

}  // namespace

void RegisterKb(CLI::App& app, int& exit_code) {
  CLI::App* eval = app.get_subcommand("eval");
  auto f = std::make_shared<EvalKbFlags>();
  auto* ek = eval->add_subcommand("kb", "Score answer selection: is the right article first?");
  ek->add_option("--kb", f->kb, "Knowledge base: .csv (id,question,answer[,lang,title,intent]) or .md")->required();
  ek->add_option("--data", f->data, "CSV with a header; query text, then the id of the article that answers it")
      ->required();
  ek->add_option("--lang", f->lang, "Language of the queries (zh|en); articles in it are preferred");
  ek->add_option("--threshold", f->threshold, "Confidence at which the bot answers")->capture_default_str();
  ek->add_flag("--json", f->json, "Print one JSON object");
  ek->callback([f, &exit_code] { exit_code = RunEvalKb(*f); });
}

}  // namespace hushdesk::app
