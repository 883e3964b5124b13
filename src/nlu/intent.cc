#include "nlu/intent.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>
#include <unordered_map>

#include "text/script.h"
#include "text/utf8.h"

namespace hushdesk::nlu {
namespace {

std::uint64_t Fnv(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::uint64_t Tagged(char tag, std::string_view s) {
  const char t[2] = {tag, ':'};
  return Fnv(s, Fnv(std::string_view(t, 2)));
}

// Words: runs of ASCII letters and digits (lower-cased), runs of other non-Han letters, and
// each Han character on its own.
void Words(std::string_view text, std::vector<std::string>& words) {
  words.clear();
  std::string cur;
  std::size_t i = 0;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  while (i < text.size()) {
    std::size_t len = 1;
    const char32_t c = text::DecodeAt(text, i, &len);
    if (c < 0x80) {
      const char a = static_cast<char>(c);
      if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) {
        cur.push_back(a);
      } else if (a >= 'A' && a <= 'Z') {
        cur.push_back(static_cast<char>(a + 32));
      } else if (a == '\'' && !cur.empty()) {
        // don't → dont
      } else {
        flush();
      }
    } else if (text::IsHan(c)) {
      flush();
      words.emplace_back(text.substr(i, len));
    } else if (c == 0x3000 || (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
               (c >= 0xFF1A && c <= 0xFF20) || c == 0x2019 || c == 0x201C || c == 0x201D) {
      flush();  // CJK and full-width punctuation, curly quotes
    } else {
      cur.append(text.substr(i, len));
    }
    i += len;
  }
  flush();
}

}  // namespace

void FeatureHashes(std::string_view text, std::vector<std::uint64_t>& out) {
  out.clear();
  thread_local std::vector<std::string> words;
  Words(text, words);
  const std::uint64_t word_seed = Tagged('w', "");
  const std::uint64_t bigram_seed = Tagged('b', "");
  const std::uint64_t char_seed = Tagged('c', "");
  char padded[66];
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    out.push_back(Fnv(w, word_seed));
    if (i + 1 < words.size()) out.push_back(Fnv(words[i + 1], Fnv(" ", Fnv(w, bigram_seed))));
    // Character n-grams of Latin words carry morphology and survive typos.
    if (static_cast<unsigned char>(w[0]) < 0x80 && w.size() >= 3 && w.size() <= 64) {
      padded[0] = '<';
      std::memcpy(padded + 1, w.data(), w.size());
      padded[w.size() + 1] = '>';
      const std::string_view p(padded, w.size() + 2);
      for (std::size_t n = 3; n <= 5; ++n) {
        for (std::size_t k = 0; k + n <= p.size(); ++k) out.push_back(Fnv(p.substr(k, n), char_seed));
      }
    }
  }
  if (out.empty()) out.push_back(Tagged('e', ""));
}

std::uint32_t IntentModel::Lookup(std::uint64_t hash) const {
  if (index_.empty()) return UINT32_MAX;
  // FNV's low bits are weak; mix before masking.
  std::uint64_t i = (hash * 0x9E3779B97F4A7C15ull) >> 17;
  for (;; ++i) {
    const Slot& s = index_[i & index_mask_];
    if (s.id == UINT32_MAX) return UINT32_MAX;
    if (s.hash == hash) return s.id;
  }
}

void IntentModel::Features(std::string_view text, std::vector<std::uint32_t>& out) const {
  thread_local std::vector<std::uint64_t> hashes;
  FeatureHashes(text, hashes);
  out.clear();
  for (const std::uint64_t h : hashes) {
    const std::uint32_t id = Lookup(h);
    if (id != UINT32_MAX) out.push_back(id);
  }
}

void IntentModel::Scores(const std::vector<std::uint32_t>& features, std::vector<float>& probs) const {
  const std::size_t d = static_cast<std::size_t>(dim_);
  thread_local std::vector<float> hidden;
  hidden.assign(d, 0.0f);
  // The rows are scattered over megabytes: ask for a row a few features ahead while summing.
  constexpr std::size_t kAhead = 6;
  const std::size_t n = features.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) {
      const char* next = reinterpret_cast<const char*>(&qembed_[features[i + kAhead] * d]);
      for (std::size_t b = 0; b < d; b += 64) __builtin_prefetch(next + b);
    }
    const std::int8_t* e = &qembed_[features[i] * d];
    const float s = qscale_[features[i]];
    for (std::size_t k = 0; k < d; ++k) hidden[k] += s * static_cast<float>(e[k]);
  }
  if (!features.empty()) {
    const float inv = 1.0f / static_cast<float>(features.size());
    for (float& h : hidden) h *= inv;
  }
  // Scores as a sum of scaled rows of the transposed output matrix: no reductions, so the
  // compiler vectorizes both loops.
  const std::size_t n_labels = labels_.size();
  probs.assign(n_labels, 0.0f);
  for (std::size_t k = 0; k < d; ++k) {
    const float h = hidden[k];
    const float* row = &output_t_[k * n_labels];
    for (std::size_t l = 0; l < n_labels; ++l) probs[l] += row[l] * h;
  }
  float max = -1e30f;
  for (const float p : probs) max = std::max(max, p);
  float sum = 0;
  for (float& p : probs) sum += (p = std::exp(p - max));
  for (float& p : probs) p /= sum;
}

Prediction IntentModel::Decide(const std::vector<float>& probs) const {
  int best = -1;
  for (int l = 0; l < static_cast<int>(probs.size()); ++l) {
    if (l == oos_) continue;
    if (best < 0 || probs[static_cast<std::size_t>(l)] > probs[static_cast<std::size_t>(best)]) best = l;
  }
  Prediction p;
  if (best < 0) return p;
  p.confidence = probs[static_cast<std::size_t>(best)];
  const bool oos_wins = oos_ >= 0 && probs[static_cast<std::size_t>(oos_)] > p.confidence;
  p.label = (oos_wins || p.confidence < threshold_) ? kOutOfScope : std::string_view(labels_[static_cast<std::size_t>(best)]);
  return p;
}

void IntentModel::BuildIndex() {
  const std::size_t d = static_cast<std::size_t>(dim_);
  const std::size_t rows = d ? embeddings_.size() / d : 0;
  qembed_.assign(rows * d, 0);
  qscale_.assign(rows, 0.0f);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* e = &embeddings_[r * d];
    float m = 0;
    for (std::size_t k = 0; k < d; ++k) m = std::max(m, std::fabs(e[k]));
    if (m == 0) continue;
    qscale_[r] = m / 127.0f;
    for (std::size_t k = 0; k < d; ++k) qembed_[r * d + k] = static_cast<std::int8_t>(std::lround(e[k] / qscale_[r]));
  }
  const std::size_t n_labels = labels_.size();
  output_t_.assign(d * n_labels, 0.0f);
  for (std::size_t l = 0; l < n_labels && output_.size() == d * n_labels; ++l) {
    for (std::size_t k = 0; k < d; ++k) output_t_[k * n_labels + l] = output_[l * d + k];
  }
  std::size_t capacity = 16;
  while (capacity < 2 * feature_hashes_.size()) capacity *= 2;
  index_.assign(capacity, Slot{});
  index_mask_ = capacity - 1;
  for (std::size_t f = 0; f < feature_hashes_.size(); ++f) {
    const std::uint64_t h = feature_hashes_[f];
    std::uint64_t i = (h * 0x9E3779B97F4A7C15ull) >> 17;
    for (;; ++i) {
      Slot& s = index_[i & index_mask_];
      if (s.id == UINT32_MAX) {
        s = {h, static_cast<std::uint32_t>(f)};
        break;
      }
      if (s.hash == h) break;  // a duplicate hash keeps its first id, as emplace did
    }
  }
}

Prediction IntentModel::Predict(std::string_view text) const {
  thread_local std::vector<std::uint32_t> features;
  thread_local std::vector<float> probs;
  Features(text, features);
  Scores(features, probs);
  return Decide(probs);
}

void IntentModel::Probabilities(std::string_view text, std::vector<float>& probs) const {
  thread_local std::vector<std::uint32_t> features;
  Features(text, features);
  Scores(features, probs);
}

namespace {

// Trains embeddings and output weights in place (no threshold).
void Fit(int dim, const std::vector<std::vector<std::uint32_t>>& xs,
         const std::vector<int>& ys, std::size_t n_features, std::size_t n_labels,
         const TrainOptions& o, std::vector<float>& emb, std::vector<float>& out,
         std::size_t progress_offset, std::size_t progress_total) {
  const std::size_t d = static_cast<std::size_t>(dim);
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<float> init(-1.0f / static_cast<float>(dim), 1.0f / static_cast<float>(dim));
  emb.resize(n_features * d);
  for (float& w : emb) w = init(rng);
  out.assign(n_labels * d, 0.0f);
  std::vector<std::size_t> order(xs.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<float> hidden(d), grad(d), probs(n_labels);
  const std::size_t total = static_cast<std::size_t>(o.epochs) * xs.size();
  std::size_t step = 0;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (const std::size_t i : order) {
      const float lr = o.learning_rate * (1.0f - static_cast<float>(step) / static_cast<float>(total));
      ++step;
      const auto& x = xs[i];
      if (x.empty()) continue;
      std::fill(hidden.begin(), hidden.end(), 0.0f);
      for (const std::uint32_t f : x) {
        const float* e = &emb[f * d];
        for (std::size_t k = 0; k < d; ++k) hidden[k] += e[k];
      }
      const float inv = 1.0f / static_cast<float>(x.size());
      for (float& h : hidden) h *= inv;
      float max = -1e30f;
      for (std::size_t l = 0; l < n_labels; ++l) {
        const float* w = &out[l * d];
        float s = 0;
        for (std::size_t k = 0; k < d; ++k) s += w[k] * hidden[k];
        probs[l] = s;
        max = std::max(max, s);
      }
      float sum = 0;
      for (float& p : probs) sum += (p = std::exp(p - max));
      std::fill(grad.begin(), grad.end(), 0.0f);
      for (std::size_t l = 0; l < n_labels; ++l) {
        const float g = probs[l] / sum - (static_cast<int>(l) == ys[i] ? 1.0f : 0.0f);
        if (std::fabs(g) < 1e-6f) continue;
        float* w = &out[l * d];
        for (std::size_t k = 0; k < d; ++k) {
          grad[k] += g * w[k];
          w[k] -= lr * g * hidden[k];
        }
      }
      for (const std::uint32_t f : x) {
        float* e = &emb[f * d];
        for (std::size_t k = 0; k < d; ++k) e[k] -= lr * grad[k] * inv;
      }
    }
    if (o.progress) o.progress(progress_offset + step, progress_total);
  }
}

}  // namespace

common::StatusOr<IntentModel> IntentModel::Train(const std::vector<Example>& data,
                                                 const TrainOptions& o) {
  if (data.size() < 2) return common::InvalidArgumentError("training needs at least two examples");
  if (o.dim < 1 || o.dim > 1024 || o.epochs < 1 || o.learning_rate <= 0) {
    return common::InvalidArgumentError("dim must be 1..1024, epochs ≥ 1, learning rate > 0");
  }
  IntentModel m;
  m.dim_ = o.dim;
  std::unordered_map<std::string, int> label_index;
  for (const Example& e : data) {
    if (label_index.emplace(e.label, 0).second) m.labels_.push_back(e.label);
  }
  std::sort(m.labels_.begin(), m.labels_.end());
  for (std::size_t i = 0; i < m.labels_.size(); ++i) {
    label_index[m.labels_[i]] = static_cast<int>(i);
    if (m.labels_[i] == kOutOfScope) m.oos_ = static_cast<int>(i);
  }
  if (m.labels_.size() < 2) return common::InvalidArgumentError("training needs at least two labels");

  // Vocabulary of features.
  std::unordered_map<std::uint64_t, int> counts;
  std::vector<std::uint64_t> hashes;
  for (const Example& e : data) {
    FeatureHashes(e.text, hashes);
    for (const auto h : hashes) ++counts[h];
  }
  for (const auto& [h, n] : counts) {
    if (n >= o.min_count) m.feature_hashes_.push_back(h);
  }
  std::sort(m.feature_hashes_.begin(), m.feature_hashes_.end());
  m.BuildIndex();
  std::vector<std::vector<std::uint32_t>> xs(data.size());
  std::vector<int> ys(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    m.Features(data[i].text, xs[i]);
    ys[i] = label_index[data[i].label];
  }

  // Calibrate the out-of-scope threshold on a stratified held-out part: the threshold that
  // maximizes the mean of in-scope accuracy and out-of-scope recall (out-of-scope examples
  // there: the "oos" label). Without out-of-scope examples the threshold stays 0.
  const bool calibrate = (m.oos_ >= 0 || o.calibrate_without_oos) && o.calibration_fraction > 0;
  const std::size_t fit_work = static_cast<std::size_t>(o.epochs) * data.size();
  const std::size_t total_work = calibrate ? 2 * fit_work : fit_work;
  if (calibrate) {
    std::vector<std::size_t> cal, fit;
    std::unordered_map<int, int> seen;
    std::mt19937_64 rng(o.seed + 7);
    std::vector<std::size_t> idx(data.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::shuffle(idx.begin(), idx.end(), rng);
    for (const std::size_t i : idx) {
      const int every = std::max(2, static_cast<int>(std::lround(1.0 / o.calibration_fraction)));
      (++seen[ys[i]] % every == 0 ? cal : fit).push_back(i);
    }
    std::vector<std::vector<std::uint32_t>> fx;
    std::vector<int> fy;
    for (const std::size_t i : fit) {
      fx.push_back(xs[i]);
      fy.push_back(ys[i]);
    }
    IntentModel probe = m;
    Fit(o.dim, fx, fy, m.feature_hashes_.size(), m.labels_.size(), o, probe.embeddings_,
        probe.output_, 0, total_work);
    probe.BuildIndex();
    std::vector<float> probs;
    std::vector<std::pair<float, bool>> scored;  // (top in-scope probability, in scope and right)
    std::size_t in_scope = 0;
    for (const std::size_t i : cal) {
      probe.Scores(xs[i], probs);
      probe.threshold_ = 0;
      const Prediction p = probe.Decide(probs);
      const bool is_oos = ys[i] == m.oos_;
      if (!is_oos) ++in_scope;
      // Below a threshold t: predicted oos. Record what each example contributes.
      const bool right = !is_oos && p.label == m.labels_[static_cast<std::size_t>(ys[i])];
      scored.emplace_back(p.label == kOutOfScope ? -1.0f : p.confidence, right);
    }
    // The highest threshold that costs at most `max_in_scope_loss` of in-scope accuracy: it
    // depends on how confident the model is on in-scope queries, which the held-out part
    // measures well, rather than on the few out-of-scope examples a training set has.
    auto in_scope_accuracy = [&](float t) {
      std::size_t in_right = 0;
      for (std::size_t k = 0; k < cal.size(); ++k) {
        if (ys[cal[k]] != m.oos_ && scored[k].first >= t && scored[k].second) ++in_right;
      }
      return in_scope ? static_cast<double>(in_right) / static_cast<double>(in_scope) : 0.0;
    };
    const double base = in_scope_accuracy(0);
    float best_t = 0;
    for (float t = 0.01f; t < 0.95f; t += 0.01f) {
      if (in_scope_accuracy(t) < base - o.max_in_scope_loss) break;
      best_t = t;
    }
    m.threshold_ = best_t;
  }
  Fit(o.dim, xs, ys, m.feature_hashes_.size(), m.labels_.size(), o, m.embeddings_, m.output_,
      total_work - fit_work, total_work);
  m.BuildIndex();
  return m;
}

namespace {
constexpr char kMagic[8] = {'H', 'D', 'I', 'N', 'T', 'E', 'N', '1'};

template <typename T>
void Put(std::ofstream& f, const T& v) {
  f.write(reinterpret_cast<const char*>(&v), sizeof v);
}
template <typename T>
bool Get(std::ifstream& f, T& v) {
  return static_cast<bool>(f.read(reinterpret_cast<char*>(&v), sizeof v));
}
}  // namespace

common::Status IntentModel::Save(const std::string& path) const {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return common::UnavailableError("cannot write " + path);
  f.write(kMagic, sizeof kMagic);
  Put(f, static_cast<std::uint32_t>(dim_));
  Put(f, static_cast<std::int32_t>(oos_));
  Put(f, threshold_);
  Put(f, static_cast<std::uint32_t>(labels_.size()));
  for (const auto& l : labels_) {
    Put(f, static_cast<std::uint32_t>(l.size()));
    f.write(l.data(), static_cast<std::streamsize>(l.size()));
  }
  Put(f, static_cast<std::uint64_t>(feature_hashes_.size()));
  f.write(reinterpret_cast<const char*>(feature_hashes_.data()),
          static_cast<std::streamsize>(feature_hashes_.size() * sizeof(std::uint64_t)));
  f.write(reinterpret_cast<const char*>(embeddings_.data()),
          static_cast<std::streamsize>(embeddings_.size() * sizeof(float)));
  f.write(reinterpret_cast<const char*>(output_.data()),
          static_cast<std::streamsize>(output_.size() * sizeof(float)));
  f.flush();
  if (!f) return common::UnavailableError("writing " + path + " failed");
  return common::Status::Ok();
}

common::StatusOr<IntentModel> IntentModel::Load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return common::NotFoundError("cannot read " + path);
  const auto bad = common::InvalidArgumentError(path + ": not an intent model (or truncated)");
  char magic[8];
  if (!f.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0) return bad;
  IntentModel m;
  std::uint32_t dim = 0, n_labels = 0;
  std::int32_t oos = -1;
  if (!Get(f, dim) || !Get(f, oos) || !Get(f, m.threshold_) || !Get(f, n_labels)) return bad;
  if (dim == 0 || dim > 1024 || n_labels < 2 || n_labels > 100000) return bad;
  m.dim_ = static_cast<int>(dim);
  m.oos_ = oos;
  for (std::uint32_t i = 0; i < n_labels; ++i) {
    std::uint32_t len = 0;
    if (!Get(f, len) || len > 4096) return bad;
    std::string l(len, '\0');
    if (!f.read(l.data(), len)) return bad;
    m.labels_.push_back(std::move(l));
  }
  std::uint64_t n_features = 0;
  if (!Get(f, n_features) || n_features > (1ull << 28)) return bad;
  m.feature_hashes_.resize(n_features);
  m.embeddings_.resize(n_features * dim);
  m.output_.resize(static_cast<std::size_t>(n_labels) * dim);
  if (!f.read(reinterpret_cast<char*>(m.feature_hashes_.data()), static_cast<std::streamsize>(n_features * 8)) ||
      !f.read(reinterpret_cast<char*>(m.embeddings_.data()), static_cast<std::streamsize>(m.embeddings_.size() * 4)) ||
      !f.read(reinterpret_cast<char*>(m.output_.data()), static_cast<std::streamsize>(m.output_.size() * 4))) {
    return bad;
  }
  if (oos >= static_cast<std::int32_t>(n_labels)) return bad;
  m.BuildIndex();
  return m;
}

}  // namespace hushdesk::nlu
