// `hushdesk bench pii`: throughput and per-message latency of the detector on a corpus, with
// the Vectorscan regex baseline measured in the same run (docs/benchmarks.md).
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/io.h"
#include "app/line_reader.h"
#include "privacy/detector.h"
#include "privacy/regex_baseline.h"

namespace hushdesk::app {
namespace {

struct BenchOptions {
  std::string input;
  double seconds = 3;
  bool json = false;
  bool baseline = true;
};

struct Result {
  double mb_per_s = 0;
  double msgs_per_s = 0;
  double p50_us = 0, p99_us = 0, p999_us = 0, max_us = 0;
  std::size_t entities = 0;
};

template <typename DetectFn>
Result Measure(const std::vector<std::string>& msgs, std::size_t bytes, double seconds, DetectFn detect) {
  using Clock = std::chrono::steady_clock;
  std::vector<double> lat;
  lat.reserve(msgs.size() * 4);
  Result r;
  for (const auto& m : msgs) detect(m);  // warm caches and lazily loaded data
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    for (const auto& m : msgs) {
      const auto t0 = Clock::now();
      detect(m);
      lat.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  // Throughput without per-message timing overhead: one more timed pass over the corpus.
  const auto t0 = Clock::now();
  std::size_t entities = 0;
  for (const auto& m : msgs) entities += detect(m);
  const double pass = std::chrono::duration<double>(Clock::now() - t0).count();
  r.mb_per_s = static_cast<double>(bytes) / 1e6 / pass;
  r.msgs_per_s = static_cast<double>(msgs.size()) / pass;
  r.entities = entities;
  std::sort(lat.begin(), lat.end());
  const auto q = [&](double f) { return lat[std::min(lat.size() - 1, static_cast<std::size_t>(f * static_cast<double>(lat.size())))]; };
  r.p50_us = q(0.5), r.p99_us = q(0.99), r.p999_us = q(0.999), r.max_us = lat.back();
  return r;
}

int RunBench(const BenchOptions& o) {
  auto in = OpenInput(o.input);
  if (!in.ok()) {
    std::fprintf(stderr, "hushdesk bench pii: %s\n", in.status().message().c_str());
    return kExitFailure;
  }
  // Messages: the "text" field of JSON Lines, or plain lines.
  std::vector<std::string> msgs;
  std::size_t bytes = 0;
  LineReader reader(in->get(), 1 << 20);
  std::string_view line;
  for (LineReader::Result r; (r = reader.Next(&line)) != LineReader::Result::kEnd;) {
    if (r != LineReader::Result::kLine || line.empty()) continue;
    std::string text(line);
    if (line.front() == '{') {
      boost::system::error_code ec;
      const auto v = boost::json::parse(line, ec);
      if (!ec && v.is_object() && v.as_object().contains("text") && v.at("text").is_string()) {
        text = std::string(v.at("text").as_string());
      }
    }
    bytes += text.size();
    msgs.push_back(std::move(text));
  }
  if (msgs.empty()) {
    std::fprintf(stderr, "hushdesk bench pii: no messages in %s\n", o.input.c_str());
    return kExitBadInput;
  }
  auto detector = privacy::Detector::Create();
  if (!detector.ok()) {
    std::fprintf(stderr, "hushdesk bench pii: %s\n", detector.status().message().c_str());
    return kExitFailure;
  }
  privacy::DetectScratch scratch;
  std::vector<privacy::Entity> out;
  const Result ours = Measure(msgs, bytes, o.seconds, [&](const std::string& m) {
    (*detector)->Detect(m, scratch, out);
    return out.size();
  });
  Result base;
  if (o.baseline) {
    auto rb = privacy::RegexBaseline::Create();
    if (!rb.ok()) {
      std::fprintf(stderr, "hushdesk bench pii: %s\n", rb.status().message().c_str());
      return kExitFailure;
    }
    auto rs = (*rb)->NewScratch();
    base = Measure(msgs, bytes, o.seconds, [&](const std::string& m) {
      (*rb)->Detect(m, *rs, out);
      return out.size();
    });
  }
  const auto obj = [](const Result& r) {
    return boost::json::object{{"mb_per_s", r.mb_per_s}, {"msgs_per_s", r.msgs_per_s}, {"p50_us", r.p50_us},
                               {"p99_us", r.p99_us},     {"p999_us", r.p999_us},       {"max_us", r.max_us},
                               {"entities_per_pass", r.entities}};
  };
  if (o.json) {
    boost::json::object res{{"messages", msgs.size()}, {"bytes", bytes}, {"detector", obj(ours)}};
    if (o.baseline) {
      res["regex_baseline"] = obj(base);
      res["speedup"] = ours.mb_per_s / base.mb_per_s;
    }
    std::printf("%s\n", boost::json::serialize(res).c_str());
    return kExitOk;
  }
  std::printf("corpus: %zu messages, %.2f MB, mean %.0f bytes\n", msgs.size(), static_cast<double>(bytes) / 1e6,
              static_cast<double>(bytes) / static_cast<double>(msgs.size()));
  std::printf("%-16s %10s %12s %9s %9s %9s %9s %10s\n", "engine", "MB/s", "msgs/s", "p50 us", "p99 us", "p99.9 us", "max us", "entities");
  const auto row = [](const char* name, const Result& r) {
    std::printf("%-16s %10.1f %12.0f %9.2f %9.2f %9.2f %9.1f %10zu\n", name, r.mb_per_s, r.msgs_per_s, r.p50_us,
                r.p99_us, r.p999_us, r.max_us, r.entities);
  };
  row("detector", ours);
  if (o.baseline) {
    row("regex-baseline", base);
    std::printf("speedup (detector / regex baseline, same run): %.2fx\n", ours.mb_per_s / base.mb_per_s);
  }
  return kExitOk;
}

}  // namespace

void RegisterBench(CLI::App& app, int& exit_code) {
  auto* bench = app.add_subcommand("bench", "Measure speed");
  bench->require_subcommand(1);
  auto o = std::make_shared<BenchOptions>();
  auto* pii = bench->add_subcommand("pii", "PII detection throughput and latency, single thread");
  pii->add_option("--input", o->input, "Corpus: JSON Lines with \"text\", or plain lines")->required();
  pii->add_option("--seconds", o->seconds, "Time per engine")->capture_default_str();
  pii->add_flag("--json", o->json, "Print one JSON object");
  pii->add_flag("!--no-baseline", o->baseline, "Skip the regex baseline");
  pii->callback([o, &exit_code] { exit_code = RunBench(*o); });
}

}  // namespace hushdesk::app
