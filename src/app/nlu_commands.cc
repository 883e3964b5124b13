// `hushdesk train intent` and `hushdesk eval intent`.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <type_traits>

#include "app/commands.h"
#include "nlu/intent.h"
#include "nlu/sentiment.h"

namespace hushdesk::app {
namespace {

struct TrainFlags {
  std::string data;
  std::string out;
  nlu::TrainOptions options;
};

// Trains `Model` (IntentModel or SentimentModel) from f.data and writes it to f.out.
template <typename Model>
int RunTrain(const char* what, TrainFlags& f) {
  auto data = nlu::ReadLabelledCsvFile(f.data);
  if (!data.ok()) {
    std::fprintf(stderr, "hushdesk train %s: %s\n", what, data.status().message().c_str());
    return data.status().code() == common::StatusCode::kNotFound ? kExitFailure : kExitBadInput;
  }
  const bool tty = ::isatty(STDERR_FILENO);
  const auto started = std::chrono::steady_clock::now();
  if (tty) {
    f.options.progress = [started](std::size_t done, std::size_t total) {
      const int pct = static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total));
      const int bars = pct / 4;
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr, "\rtraining [%.*s%*s] %3d%% %5.1fs", bars, "#########################", 25 - bars, "", pct, secs);
    };
  }
  auto model = Model::Train(*data, f.options);
  if (tty) std::fprintf(stderr, "\r%60s\r", "");
  if (!model.ok()) {
    std::fprintf(stderr, "hushdesk train %s: %s\n", what, model.status().message().c_str());
    return kExitBadInput;
  }
  if (auto st = model->Save(f.out); !st.ok()) {
    std::fprintf(stderr, "hushdesk train %s: %s\n", what, st.message().c_str());
    return kExitFailure;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string threshold;
  if constexpr (std::is_same_v<Model, nlu::IntentModel>) {
    if (model->threshold() > 0) threshold = ", out-of-scope threshold " + std::to_string(model->threshold()).substr(0, 4);
  }
  std::fprintf(stderr, "trained on %zu examples%s in %.1f s; wrote %s\n", data->size(), threshold.c_str(), secs,
               f.out.c_str());
  return kExitOk;
}

struct EvalFlags {
  std::string model;
  std::string data;
  bool json = false;
};

// Accuracy, macro-F1 over the gold labels and, when gold has "oos" rows, in-scope accuracy and
// out-of-scope recall; printed as one JSON object or as text.
void PrintScores(const std::vector<nlu::Example>& data, const std::vector<std::string>& predicted, double secs,
                 bool json, const std::string& extra_json) {
  std::size_t right = 0, in_scope = 0, in_right = 0, oos = 0, oos_caught = 0;
  std::map<std::string, std::array<std::size_t, 3>> per_label;  // tp, fp, fn
  std::set<std::string> labels;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const std::string& gold = data[i].label;
    const std::string& got = predicted[i];
    labels.insert(gold);
    if (got == gold) {
      ++right;
      ++per_label[gold][0];
    } else {
      ++per_label[got][1];
      ++per_label[gold][2];
    }
    if (gold == nlu::kOutOfScope) {
      ++oos;
      if (got == gold) ++oos_caught;
    } else {
      ++in_scope;
      if (got == gold) ++in_right;
    }
  }
  double f1_sum = 0;
  for (const auto& l : labels) {
    const auto& c = per_label[l];
    const double p = c[0] + c[1] ? static_cast<double>(c[0]) / static_cast<double>(c[0] + c[1]) : 0;
    const double r = c[0] + c[2] ? static_cast<double>(c[0]) / static_cast<double>(c[0] + c[2]) : 0;
    f1_sum += p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  const double n = static_cast<double>(data.size());
  const double accuracy = n > 0 ? static_cast<double>(right) / n : 0;
  const double macro_f1 = labels.empty() ? 0 : f1_sum / static_cast<double>(labels.size());
  const double rate = secs > 0 ? n / secs : 0;
  const double in_acc = in_scope ? static_cast<double>(in_right) / static_cast<double>(in_scope) : 0;
  const double oos_recall = oos ? static_cast<double>(oos_caught) / static_cast<double>(oos) : 0;
  if (json) {
    std::printf("{\"examples\":%zu,\"labels\":%zu,\"accuracy\":%.4f,\"macro_f1\":%.4f", data.size(),
                labels.size(), accuracy, macro_f1);
    if (oos > 0) std::printf(",\"in_scope_accuracy\":%.4f,\"oos_recall\":%.4f", in_acc, oos_recall);
    std::printf("%s,\"predictions_per_s\":%.0f}\n", extra_json.c_str(), rate);
  } else {
    std::printf("examples %zu, labels %zu\naccuracy %.4f, macro-F1 %.4f\n", data.size(), labels.size(), accuracy,
                macro_f1);
    if (oos > 0) std::printf("in-scope accuracy %.4f, out-of-scope recall %.4f\n", in_acc, oos_recall);
    std::printf("%.0f predictions/s (one thread)\n", rate);
  }
}

int RunEvalIntent(const EvalFlags& f) {
  auto model = nlu::IntentModel::Load(f.model);
  if (!model.ok()) {
    std::fprintf(stderr, "hushdesk eval intent: %s\n", model.status().message().c_str());
    return kExitFailure;
  }
  auto data = nlu::ReadLabelledCsvFile(f.data);
  if (!data.ok()) {
    std::fprintf(stderr, "hushdesk eval intent: %s\n", data.status().message().c_str());
    return kExitBadInput;
  }
  std::vector<std::string> predicted;
  predicted.reserve(data->size());
  const auto started = std::chrono::steady_clock::now();
  for (const auto& e : *data) predicted.emplace_back(model->Predict(e.text).label);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  PrintScores(*data, predicted, secs, f.json, "");
  return kExitOk;
}

// Without --model the built-in lexicon is scored. Gold labels must be polarities.
int RunEvalSentiment(const EvalFlags& f) {
  nlu::SentimentModel model;
  if (!f.model.empty()) {
    auto loaded = nlu::SentimentModel::Load(f.model);
    if (!loaded.ok()) {
      std::fprintf(stderr, "hushdesk eval sentiment: %s\n", loaded.status().message().c_str());
      return loaded.status().code() == common::StatusCode::kNotFound ? kExitFailure : kExitBadInput;
    }
    model = std::move(*loaded);
  }
  auto data = nlu::ReadLabelledCsvFile(f.data);
  if (!data.ok()) {
    std::fprintf(stderr, "hushdesk eval sentiment: %s\n", data.status().message().c_str());
    return kExitBadInput;
  }
  bool has_neutral = false;
  for (std::size_t i = 0; i < data->size(); ++i) {
    const std::string& l = (*data)[i].label;
    if (l != "negative" && l != "neutral" && l != "positive") {
      std::fprintf(stderr, "hushdesk eval sentiment: %s: row %zu: label \"%s\" is not negative, neutral or positive\n",
                   f.data.c_str(), i + 1, l.c_str());
      return kExitBadInput;
    }
    has_neutral |= l == "neutral";
  }
  std::vector<std::string> predicted;
  predicted.reserve(data->size());
  std::size_t angry = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const auto& e : *data) {
    nlu::Sentiment s = model.Analyze(e.text);
    // Two-class gold data: choose between negative and positive only.
    if (!has_neutral) s.polarity = s.negative >= s.positive ? nlu::Polarity::kNegative : nlu::Polarity::kPositive;
    predicted.emplace_back(nlu::PolarityName(s.polarity));
    angry += s.angry;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double share = data->empty() ? 0 : static_cast<double>(angry) / static_cast<double>(data->size());
  char extra[96];
  std::snprintf(extra, sizeof extra, ",\"model\":\"%s\",\"angry_share\":%.4f", std::string(model.kind()).c_str(), share);
  PrintScores(*data, predicted, secs, f.json, extra);
  if (!f.json) std::printf("model: %s; flagged angry: %.1f %%\n", std::string(model.kind()).c_str(), 100 * share);
  return kExitOk;
}

}  // namespace

void RegisterNlu(CLI::App& app, int& exit_code) {
  auto* train = app.add_subcommand("train", "Train a model");
  train->require_subcommand(1);
  auto tf = std::make_shared<TrainFlags>();
  auto* intent = train->add_subcommand("intent", "Train the intent classifier from CSV (text,label)");
  intent->add_option("--data", tf->data, "CSV with a header; first column text, second label")->required();
  intent->add_option("--out", tf->out, "Where to write the model")->required();
  intent->add_option("--epochs", tf->options.epochs, "Passes over the data")->capture_default_str();
  intent->add_option("--dim", tf->options.dim, "Embedding size")->capture_default_str();
  intent->add_option("--lr", tf->options.learning_rate, "Initial learning rate")->capture_default_str();
  intent->add_option("--min-count", tf->options.min_count, "Drop features seen fewer times")->capture_default_str();
  intent->add_option("--seed", tf->options.seed, "Random seed")->capture_default_str();
  intent->add_option("--max-in-scope-loss", tf->options.max_in_scope_loss,
                     "Out-of-scope threshold: in-scope accuracy it may cost on held-out data")
      ->capture_default_str();
  intent->add_flag("--reject-unsure", tf->options.calibrate_without_oos,
                   "Calibrate an out-of-scope threshold even without oos rows in the data");
  intent->callback([tf, &exit_code] { exit_code = RunTrain<nlu::IntentModel>("intent", *tf); });

  auto sf = std::make_shared<TrainFlags>();
  sf->options.epochs = 10;  // two or three classes over long reviews overfit with more passes
  auto* sentiment = train->add_subcommand(
      "sentiment", "Train the sentiment classifier from CSV (text,label with labels negative/neutral/positive)");
  sentiment->add_option("--data", sf->data, "CSV with a header; first column text, second label")->required();
  sentiment->add_option("--out", sf->out, "Where to write the model")->required();
  sentiment->add_option("--epochs", sf->options.epochs, "Passes over the data")->capture_default_str();
  sentiment->add_option("--dim", sf->options.dim, "Embedding size")->capture_default_str();
  sentiment->add_option("--lr", sf->options.learning_rate, "Initial learning rate")->capture_default_str();
  sentiment->add_option("--min-count", sf->options.min_count, "Drop features seen fewer times")->capture_default_str();
  sentiment->add_option("--seed", sf->options.seed, "Random seed")->capture_default_str();
  sentiment->callback([sf, &exit_code] { exit_code = RunTrain<nlu::SentimentModel>("sentiment", *sf); });

  CLI::App* eval = app.get_subcommand("eval");
  auto ef = std::make_shared<EvalFlags>();
  auto* ei = eval->add_subcommand("intent", "Score the intent classifier on labelled CSV");
  ei->add_option("--model", ef->model, "A model from `hushdesk train intent`")->required();
  ei->add_option("--data", ef->data, "CSV with a header; first column text, second label")->required();
  ei->add_flag("--json", ef->json, "Print one JSON object");
  ei->callback([ef, &exit_code] { exit_code = RunEvalIntent(*ef); });

  auto sef = std::make_shared<EvalFlags>();
  auto* es = eval->add_subcommand("sentiment", "Score sentiment on labelled CSV (negative/neutral/positive)");
  es->add_option("--model", sef->model, "A model from `hushdesk train sentiment` (default: the built-in lexicon)");
  es->add_option("--data", sef->data, "CSV with a header; first column text, second label")->required();
  es->add_flag("--json", sef->json, "Print one JSON object");
  es->callback([sef, &exit_code] { exit_code = RunEvalSentiment(*sef); });
}

}  // namespace hushdesk::app
