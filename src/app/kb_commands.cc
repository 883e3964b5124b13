// `hushdesk eval kb`: answer selection scored on labelled queries, and question matching scored
// on labelled pairs of questions.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <unordered_map>

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
  std::string pairs;      // question matching: sentence1,sentence2,label (1 = same meaning)
  std::string calibrate;  // pairs to choose the threshold on
};

struct Pair {
  std::string a, b;
  bool same = false;
};

common::StatusOr<std::vector<Pair>> ReadPairs(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return common::NotFoundError("cannot read " + path);
  std::vector<std::string> fields;
  std::size_t line = 0;
  auto header = nlu::ReadCsvRecord(in, fields, line);
  if (!header.ok()) return common::InvalidArgumentError(path + ": " + header.status().message());
  if (!*header || fields.size() < 3) {
    return common::InvalidArgumentError(path + ": line 1: expected a header with three columns (sentence1,sentence2,label)");
  }
  std::vector<Pair> out;
  for (;;) {
    const std::size_t at = line + 1;
    auto more = nlu::ReadCsvRecord(in, fields, line);
    if (!more.ok()) return common::InvalidArgumentError(path + ": " + more.status().message());
    if (!*more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() < 3 || (fields[2] != "0" && fields[2] != "1")) {
      return common::InvalidArgumentError(path + ": line " + std::to_string(at) +
                                          ": expected sentence1,sentence2,label with label 0 or 1");
    }
    out.push_back({std::move(fields[0]), std::move(fields[1]), fields[2] == "1"});
  }
  if (out.empty()) return common::InvalidArgumentError(path + ": no pairs");
  return out;
}

// Each pair's similarity: every distinct sentence is a one-question article of one index (so
// idf comes from the file's own questions), scored both ways and averaged.
std::vector<float> PairScores(const std::vector<Pair>& pairs) {
  std::vector<kb::Article> articles;
  std::unordered_map<std::string, std::size_t> id;
  auto article_of = [&](const std::string& s) {
    auto [it, fresh] = id.emplace(s, articles.size());
    if (fresh) {
      kb::Article a;
      a.id = "s" + std::to_string(articles.size());
      a.questions.push_back(s);
      articles.push_back(std::move(a));
    }
    return it->second;
  };
  std::vector<std::pair<std::size_t, std::size_t>> refs;
  refs.reserve(pairs.size());
  for (const Pair& p : pairs) {
    const std::size_t a = article_of(p.a);
    refs.emplace_back(a, article_of(p.b));
  }
  const auto index = kb::Index::Build(std::move(articles));
  std::vector<float> out;
  out.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    out.push_back(0.5f * (index->Similarity(pairs[i].b, refs[i].first) + index->Similarity(pairs[i].a, refs[i].second)));
  }
  return out;
}

struct PairCounts {
  std::size_t tp = 0, fp = 0, tn = 0, fn = 0;
  double accuracy() const { return static_cast<double>(tp + tn) / static_cast<double>(std::max<std::size_t>(1, tp + fp + tn + fn)); }
  double f1() const { return tp ? 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn) : 0.0; }
};

PairCounts Count(const std::vector<Pair>& pairs, const std::vector<float>& scores, float threshold) {
  PairCounts c;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const bool said = scores[i] >= threshold;
    if (said && pairs[i].same) ++c.tp;
    else if (said) ++c.fp;
    else if (pairs[i].same) ++c.fn;
    else ++c.tn;
  }
  return c;
}

int RunEvalPairs(const EvalKbFlags& f) {
  auto fail = [](const common::Status& st) {
    std::fprintf(stderr, "hushdesk eval kb: %s\n", st.message().c_str());
    return st.code() == common::StatusCode::kNotFound ? kExitFailure : kExitBadInput;
  };
  float threshold = f.threshold;
  bool calibrated = false;
  if (!f.calibrate.empty()) {
    auto cal = ReadPairs(f.calibrate);
    if (!cal.ok()) return fail(cal.status());
    const auto scores = PairScores(*cal);
    // The threshold with the best accuracy on the calibration pairs (ties: the lower one).
    double best = -1;
    for (int t = 0; t <= 100; ++t) {
      const float th = static_cast<float>(t) / 100.0f;
      const double acc = Count(*cal, scores, th).accuracy();
      if (acc > best) {
        best = acc;
        threshold = th;
      }
    }
    calibrated = true;
  }
  auto pairs = ReadPairs(f.pairs);
  if (!pairs.ok()) return fail(pairs.status());
  const auto started = std::chrono::steady_clock::now();
  const auto scores = PairScores(*pairs);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const PairCounts c = Count(*pairs, scores, threshold);
  const std::size_t n = pairs->size();
  const std::size_t same = c.tp + c.fn;
  const double majority = static_cast<double>(std::max(same, n - same)) / static_cast<double>(n);
  if (f.json) {
    std::printf("{\"pairs\":%zu,\"same_share\":%.4f,\"majority_accuracy\":%.4f,\"accuracy\":%.4f,\"f1_same\":%.4f,"
                "\"threshold\":%.2f,\"calibrated\":%s,\"pairs_per_s\":%.0f}\n",
                n, static_cast<double>(same) / static_cast<double>(n), majority, c.accuracy(), c.f1(), threshold,
                calibrated ? "true" : "false", secs > 0 ? static_cast<double>(n) / secs : 0);
  } else {
    std::printf("pairs %zu, same meaning %.4f (always answering the majority scores %.4f)\n", n,
                static_cast<double>(same) / static_cast<double>(n), majority);
    std::printf("similarity >= %.2f%s: accuracy %.4f, F1 of \"same\" %.4f\n", threshold,
                calibrated ? " (calibrated)" : "", c.accuracy(), c.f1());
    std::printf("%.0f pairs/s (one thread, index build included)\n", secs > 0 ? static_cast<double>(n) / secs : 0);
  }
  return kExitOk;
}

// Queries: CSV with a header, text then the id of the article that answers it.
int RunEvalKb(const EvalKbFlags& f) {
  if (!f.pairs.empty()) {
    if (!f.kb.empty() || !f.data.empty()) {
      std::fprintf(stderr, "hushdesk eval kb: --pairs scores question matching; it takes no --kb or --data\n");
      return kExitUsage;
    }
    return RunEvalPairs(f);
  }
  if (f.kb.empty() || f.data.empty()) {
    std::fprintf(stderr, "hushdesk eval kb: give --kb and --data (answer selection) or --pairs (question matching)\n");
    return kExitUsage;
  }
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
  auto* ek = eval->add_subcommand(
      "kb", "Score answer selection (is the right article first?) or, with --pairs, question matching");
  ek->add_option("--kb", f->kb, "Knowledge base: .csv (id,question,answer[,lang,title,intent,products]) or .md");
  ek->add_option("--data", f->data, "CSV with a header; query text, then the id of the article that answers it");
  ek->add_option("--pairs", f->pairs, "Question matching: CSV sentence1,sentence2,label (1 = same meaning)");
  ek->add_option("--calibrate", f->calibrate, "With --pairs: choose the threshold with the best accuracy on these pairs");
  ek->add_option("--lang", f->lang, "Language of the queries (zh|en); articles in it are preferred");
  ek->add_option("--threshold", f->threshold, "Confidence at which the bot answers")->capture_default_str();
  ek->add_flag("--json", f->json, "Print one JSON object");
  ek->callback([f, &exit_code] { exit_code = RunEvalKb(*f); });
}

}  // namespace hushdesk::app
