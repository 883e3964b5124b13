// Google Benchmark for the per-message understanding steps the bot runs on every customer
// message (entity extraction, the sentiment lexicon), over built-in synthetic zh/en service
// sentences. Run: build/hushdesk-nlu-bench  (figures in docs/benchmarks.md)
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "nlu/entities.h"
#include "nlu/sentiment.h"

namespace {

// Made-up customer messages: half mention entities, half do not; some carry privacy tokens as
// the bot sees them.
const std::vector<std::string>& Messages() {
  static const std::vector<std::string> m = {
      "我的订单号是SO20261122001，明天能到吗？",
      "退款199元什么时候到账",
      "你好，我想问一下怎么退货",
      "快递单号YT1234567890123查不到物流信息，已经三天了",
      "下周一下午3点半可以送货吗",
      "我的手机是⟦PHONE_NUMBER:3f9a0c1e⟧，请尽快联系我",
      "这个流明耳机坏了，还在保修期吗",
      "谢谢，问题已经解决了",
      "Hi, my order #556677 hasn't arrived yet, can you check?",
      "I was charged $25.99 twice on my card ⟦BANK_CARD:9c0e11aa⟧",
      "Can you deliver next Monday at 3pm?",
      "How do I reset my online banking password?",
      "The Lumen Buds I bought stopped working after a week",
      "Thanks a lot, that was really helpful!",
      "What are your opening hours on Saturday?",
      "Please refund 40 euros to my account by November 30th",
  };
  return m;
}

void BM_Entities(benchmark::State& state) {
  const hushdesk::nlu::EntityExtractor x({"Lumen Buds", "Lumen Phone X2", "流明耳机", "信用卡"});
  const auto& msgs = Messages();
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& m = msgs[i++ % msgs.size()];
    benchmark::DoNotOptimize(x.Extract(m, {2026, 11, 22}));
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Entities);

void BM_SentimentLexicon(benchmark::State& state) {
  const hushdesk::nlu::SentimentModel lexicon;
  const auto& msgs = Messages();
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& m = msgs[i++ % msgs.size()];
    benchmark::DoNotOptimize(lexicon.Analyze(m));
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SentimentLexicon);

}  // namespace

BENCHMARK_MAIN();
