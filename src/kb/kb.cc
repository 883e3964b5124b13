#include "kb/kb.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <unordered_set>

#include "nlu/csv.h"
#include "text/script.h"
#include "text/utf8.h"

namespace hushdesk::kb {
namespace {

constexpr float kK1 = 1.2f;
constexpr float kB = 0.75f;
constexpr float kAnswerWeight = 0.3f;

bool IsStopword(std::string_view w) {
  static const std::unordered_set<std::string_view> kStop = {
      "a", "an", "the", "i", "me", "my", "we", "our", "you", "your", "to", "of", "in", "on",
      "for", "is", "are", "was", "be", "do", "doe", "did", "can", "could", "would", "it", "this",
      "that", "and", "or", "please", "with", "at", "from", "have", "ha", "am", "im", "there",
      "any", "some", "will", "should", "hi", "hello", "hey", "thank", "thanks", "u",
      "的", "了", "吗", "呢", "吧", "啊", "呀", "我", "你", "您", "是", "在", "请", "问", "一", "下",
      "个", "么", "嘛", "哦", "谢"};
  return kStop.count(w) > 0;
}

// A light English stemmer: enough that "returns", "returning", "returned" meet "return".
std::string Stem(std::string w) {
  auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() && std::string_view(w).substr(w.size() - suffix.size()) == suffix;
  };
  if (w.size() > 4 && ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 5 && ends("ing")) return w.substr(0, w.size() - 3);
  if (w.size() > 4 && ends("ed")) return w.substr(0, w.size() - 2);
  if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us")) return w.substr(0, w.size() - 1);
  return w;
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  std::string prev_han;
  auto flush_word = [&] {
    if (!word.empty()) {
      std::string stemmed = Stem(std::move(word));
      if (!IsStopword(stemmed)) out.push_back(std::move(stemmed));
    }
    word.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    // A vault token ⟦TYPE:…⟧ is one term naming its type: "my phone is ⟦PHONE_NUMBER:3f9a⟧".
    if (text.compare(i, 3, "\xE2\x9F\xA6") == 0) {
      const std::size_t close = text.find("\xE2\x9F\xA7", i);
      const std::size_t colon = text.find(':', i);
      if (close != std::string_view::npos && colon < close) {
        flush_word();
        prev_han.clear();
        std::string t = "<";
        for (const char c : text.substr(i + 3, colon - i - 3)) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        out.push_back(t + ">");
        i = close + 3;
        continue;
      }
    }
    std::size_t len = 1;
    const char32_t c = text::DecodeAt(text, i, &len);
    if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
      prev_han.clear();
      word.push_back(static_cast<char>(std::tolower(static_cast<int>(c))));
    } else if (c < 0x80 && c == '\'' && !word.empty()) {
      // "don't" → "dont"
    } else if (text::IsHan(c)) {
      flush_word();
      std::string ch(text.substr(i, len));
      if (!IsStopword(ch)) out.push_back(ch);
      if (!prev_han.empty()) out.push_back(prev_han + ch);
      prev_han = std::move(ch);
    } else if (c >= 0xFF10 && c <= 0xFF5A) {
      // full-width letters and digits: as ASCII
      prev_han.clear();
      const char a = static_cast<char>(c - 0xFEE0);
      if (std::isalnum(static_cast<unsigned char>(a))) {
        word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(a))));
      } else {
        flush_word();
      }
    } else {
      flush_word();
      prev_han.clear();
    }
    i += len;
  }
  flush_word();
  return out;
}

common::Status Validate(const Article& a) {
  if (a.id.empty() || a.id.size() > 64) return common::InvalidArgumentError("article id must be 1–64 characters");
  for (const char c : a.id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return common::InvalidArgumentError("article id \"" + a.id + "\" may hold only letters, digits, - _ .");
    }
  }
  if (a.lang != "zh" && a.lang != "en") {
    return common::InvalidArgumentError("article " + a.id + ": lang must be zh or en");
  }
  if (Trim(a.answer).empty()) return common::InvalidArgumentError("article " + a.id + ": the answer is empty");
  if (a.answer.size() > 16 * 1024) return common::InvalidArgumentError("article " + a.id + ": the answer is over 16 KiB");
  if (a.questions.empty() && Trim(a.title).empty()) {
    return common::InvalidArgumentError("article " + a.id + ": needs a title or at least one question");
  }
  if (a.questions.size() > 500) return common::InvalidArgumentError("article " + a.id + ": over 500 questions");
  for (const auto& q : a.questions) {
    if (q.size() > 1024) return common::InvalidArgumentError("article " + a.id + ": a question is over 1 KiB");
    if (auto st = text::ValidateUtf8(q); !st.ok()) return common::InvalidArgumentError("article " + a.id + ": " + st.message());
  }
  if (a.products.size() > 100) return common::InvalidArgumentError("article " + a.id + ": over 100 products");
  for (const auto& p : a.products) {
    if (p.empty() || p.size() > 200) return common::InvalidArgumentError("article " + a.id + ": a product name is empty or over 200 bytes");
    if (auto st = text::ValidateUtf8(p); !st.ok()) return common::InvalidArgumentError("article " + a.id + ": " + st.message());
  }
  for (const std::string* s : {&a.title, &a.answer, &a.intent}) {
    if (auto st = text::ValidateUtf8(*s); !st.ok()) return common::InvalidArgumentError("article " + a.id + ": " + st.message());
  }
  return common::Status::Ok();
}

std::vector<std::string> SplitProducts(std::string_view list) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string p = Trim(cur);
    if (!p.empty()) out.push_back(std::move(p));
    cur.clear();
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i] == ';') {
      flush();
    } else if (list.compare(i, 3, "；") == 0) {  // full-width semicolon
      flush();
      i += 2;
    } else {
      cur += list[i];
    }
  }
  flush();
  return out;
}

common::StatusOr<std::vector<Article>> ParseCsv(std::istream& in, std::string_view default_lang) {
  std::vector<std::string> fields;
  std::size_t line = 0;
  auto header = nlu::ReadCsvRecord(in, fields, line);
  if (!header.ok()) return header.status();
  if (!*header) return common::InvalidArgumentError("line 1: expected a header (id,question,answer[,lang,title,intent])");
  int col_id = -1, col_q = -1, col_a = -1, col_lang = -1, col_title = -1, col_intent = -1, col_products = -1;
  for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
    const std::string h = Trim(fields[static_cast<std::size_t>(i)]);
    if (h == "id") col_id = i;
    else if (h == "question") col_q = i;
    else if (h == "answer") col_a = i;
    else if (h == "lang") col_lang = i;
    else if (h == "title") col_title = i;
    else if (h == "intent") col_intent = i;
    else if (h == "products") col_products = i;
  }
  if (col_q < 0 || col_a < 0) {
    return common::InvalidArgumentError("line 1: the header needs the columns question and answer (and usually id)");
  }
  std::vector<Article> out;
  std::unordered_map<std::string, std::size_t> by_id;
  std::size_t row = 0;
  while (true) {
    const std::size_t record_line = line + 1;
    auto more = nlu::ReadCsvRecord(in, fields, line);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    ++row;
    const std::string where = "line " + std::to_string(record_line);
    auto get = [&](int col) { return col >= 0 && static_cast<std::size_t>(col) < fields.size() ? Trim(fields[static_cast<std::size_t>(col)]) : std::string(); };
    const std::string id = col_id >= 0 ? get(col_id) : "row-" + std::to_string(row);
    if (id.empty()) return common::InvalidArgumentError(where + ": the id is empty");
    auto [it, fresh] = by_id.emplace(id, out.size());
    if (fresh) {
      Article a;
      a.id = id;
      a.lang = get(col_lang);
      if (a.lang.empty()) a.lang = std::string(default_lang);
      a.title = get(col_title);
      a.intent = get(col_intent);
      out.push_back(std::move(a));
    }
    Article& a = out[it->second];
    const std::string q = get(col_q);
    if (!q.empty() && std::find(a.questions.begin(), a.questions.end(), q) == a.questions.end()) a.questions.push_back(q);
    if (a.answer.empty()) a.answer = get(col_a);
    for (std::string& p : SplitProducts(get(col_products))) {
      if (std::find(a.products.begin(), a.products.end(), p) == a.products.end()) a.products.push_back(std::move(p));
    }
    if (fresh) {
      if (auto st = text::ValidateUtf8(a.answer); !st.ok()) return common::InvalidArgumentError(where + ": " + st.message());
    }
  }
  for (const Article& a : out) {
    if (auto st = Validate(a); !st.ok()) return st;
  }
  return out;
}

common::StatusOr<std::vector<Article>> ParseMarkdown(std::istream& in, std::string_view default_lang) {
  std::vector<Article> out;
  std::string line;
  std::size_t n = 0;
  std::string answer;
  auto finish = [&] {
    if (out.empty()) return;
    out.back().answer = Trim(answer);
    answer.clear();
  };
  auto strip_prefix = [](const std::string& s, std::initializer_list<std::string_view> prefixes, std::string& rest) {
    for (const std::string_view p : prefixes) {
      if (s.compare(0, p.size(), p) == 0) {
        rest = Trim(std::string_view(s).substr(p.size()));
        return true;
      }
    }
    return false;
  };
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (auto st = text::ValidateUtf8(line); !st.ok()) {
      return common::InvalidArgumentError("line " + std::to_string(n) + ": " + st.message());
    }
    std::string rest;
    if (line.compare(0, 3, "## ") == 0) {
      finish();
      Article a;
      a.title = Trim(std::string_view(line).substr(3));
      a.lang = std::string(default_lang);
      a.id = "md-" + std::to_string(out.size() + 1);
      out.push_back(std::move(a));
    } else if (out.empty()) {
      continue;  // text before the first article (a "# " page title) is not an answer
    } else if (strip_prefix(line, {"Q:", "Q：", "问：", "问:"}, rest)) {
      if (!rest.empty()) out.back().questions.push_back(rest);
    } else if (strip_prefix(line, {"id:"}, rest)) {
      out.back().id = rest;
    } else if (strip_prefix(line, {"lang:"}, rest)) {
      out.back().lang = rest;
    } else if (strip_prefix(line, {"intent:"}, rest)) {
      out.back().intent = rest;
    } else if (strip_prefix(line, {"products:", "产品：", "产品:"}, rest)) {
      for (std::string& p : SplitProducts(rest)) out.back().products.push_back(std::move(p));
    } else {
      answer += line;
      answer += '\n';
    }
  }
  finish();
  for (const Article& a : out) {
    if (auto st = Validate(a); !st.ok()) return st;
  }
  return out;
}

common::StatusOr<std::vector<Article>> ReadFile(const std::string& path, std::string_view default_lang) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return common::NotFoundError("cannot read " + path);
  const bool md = path.size() >= 3 && (path.ends_with(".md") || path.ends_with(".markdown"));
  auto articles = md ? ParseMarkdown(in, default_lang) : ParseCsv(in, default_lang);
  if (!articles.ok()) return common::InvalidArgumentError(path + ": " + articles.status().message());
  return articles;
}

std::shared_ptr<const Index> Index::Build(std::vector<Article> articles) {
  auto index = std::shared_ptr<Index>(new Index());
  Index& x = *index;
  x.articles_ = std::move(articles);
  std::vector<std::vector<std::string>> doc_terms;
  for (std::size_t a = 0; a < x.articles_.size(); ++a) {
    const Article& art = x.articles_[a];
    auto add = [&](const std::string& text, float weight) {
      auto terms = Terms(text);
      if (terms.empty()) return;
      x.docs_.push_back({a, static_cast<float>(terms.size()), weight});
      doc_terms.push_back(std::move(terms));
    };
    if (!art.title.empty()) add(art.title, 1.0f);
    for (const auto& q : art.questions) add(q, 1.0f);
    add(art.answer, kAnswerWeight);
  }
  // Question documents set the average length (answers are long and would skew it).
  double total = 0;
  std::size_t questions = 0;
  for (const Doc& d : x.docs_) {
    if (d.weight == 1.0f) {
      total += d.length;
      ++questions;
    }
  }
  x.avg_length_ = questions ? static_cast<float>(total / static_cast<double>(questions)) : 1.0f;
  for (std::size_t d = 0; d < doc_terms.size(); ++d) {
    std::unordered_map<std::uint32_t, std::uint16_t> tf;
    for (const auto& t : doc_terms[d]) {
      auto [it, fresh] = x.term_ids_.emplace(t, static_cast<std::uint32_t>(x.postings_.size()));
      if (fresh) x.postings_.emplace_back();
      ++tf[it->second];
    }
    for (const auto& [term, count] : tf) x.postings_[term].emplace_back(static_cast<std::uint32_t>(d), count);
  }
  const float n = static_cast<float>(x.docs_.size());
  x.idf_.resize(x.postings_.size());
  for (std::size_t t = 0; t < x.postings_.size(); ++t) {
    const float df = static_cast<float>(x.postings_[t].size());
    x.idf_[t] = std::log(1.0f + (n - df + 0.5f) / (df + 0.5f));
  }
  // Each question against itself: the score a perfect match reaches.
  x.self_score_.assign(x.docs_.size(), 0.0f);
  for (std::size_t d = 0; d < doc_terms.size(); ++d) {
    std::unordered_map<std::uint32_t, float> q;
    for (const auto& t : doc_terms[d]) q[x.term_ids_[t]] += 1;
    std::vector<std::pair<std::uint32_t, float>> qv(q.begin(), q.end());
    x.self_score_[d] = x.ScoreDoc(d, qv);
  }
  return index;
}

float Index::ScoreDoc(std::size_t doc, const std::vector<std::pair<std::uint32_t, float>>& query_terms) const {
  float s = 0;
  const Doc& d = docs_[doc];
  const float norm = kK1 * (1 - kB + kB * d.length / avg_length_);
  for (const auto& [term, qtf] : query_terms) {
    const auto& p = postings_[term];
    const auto it = std::lower_bound(p.begin(), p.end(), std::make_pair(static_cast<std::uint32_t>(doc), std::uint16_t{0}));
    if (it == p.end() || it->first != doc) continue;
    const float tf = it->second;
    s += idf_[term] * tf * (kK1 + 1) / (tf + norm) * qtf;
  }
  return s;
}

Index::Query Index::ParseQuery(std::string_view text) const {
  Query out;
  std::unordered_map<std::uint32_t, float> q;
  float max_idf = 0;
  for (const float v : idf_) max_idf = std::max(max_idf, v);
  for (const auto& t : Terms(text)) {
    const auto it = term_ids_.find(t);
    if (it == term_ids_.end()) {
      out.mass += max_idf;
    } else {
      q[it->second] += 1;
      out.mass += idf_[it->second];
    }
  }
  out.terms.assign(q.begin(), q.end());
  return out;
}

float Index::Confidence(std::size_t doc, float score, const Query& q) const {
  if (self_score_[doc] <= 0) return 0;
  // How much of a perfect match to the question, and how much of the query it covers.
  const float doc_cover = std::min(1.0f, score / self_score_[doc]);
  float matched = 0;
  for (const auto& [term, qtf] : q.terms) {
    const auto& p = postings_[term];
    if (std::binary_search(p.begin(), p.end(), std::make_pair(static_cast<std::uint32_t>(doc), std::uint16_t{0}),
                           [](const auto& x, const auto& y) { return x.first < y.first; })) {
      matched += idf_[term] * qtf;
    }
  }
  const float query_cover = q.mass > 0 ? std::min(1.0f, matched / q.mass) : 0;
  return doc_cover * query_cover;
}

float Index::Similarity(std::string_view query, std::size_t article) const {
  const Query q = ParseQuery(query);
  if (q.terms.empty()) return 0;
  // The article's documents are contiguous (Build adds them in article order).
  auto it = std::lower_bound(docs_.begin(), docs_.end(), article,
                             [](const Doc& d, std::size_t a) { return d.article < a; });
  float best = 0;
  for (; it != docs_.end() && it->article == article; ++it) {
    if (it->weight < 1.0f) continue;
    const auto d = static_cast<std::size_t>(it - docs_.begin());
    best = std::max(best, Confidence(d, ScoreDoc(d, q.terms), q));
  }
  return best;
}

const Article* Index::Find(std::string_view id) const {
  for (const Article& a : articles_) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

std::vector<Match> Index::Search(std::string_view query, std::size_t k, std::string_view lang) const {
  std::vector<Match> out;
  if (docs_.empty() || k == 0) return out;
  const Query parsed = ParseQuery(query);
  const auto& q = parsed.terms;
  if (q.empty()) return out;
  thread_local std::vector<float> acc;
  acc.assign(docs_.size(), 0.0f);
  for (const auto& [term, qtf] : q) {
    const float idf = idf_[term];
    for (const auto& [doc, tf] : postings_[term]) {
      const Doc& d = docs_[doc];
      const float norm = kK1 * (1 - kB + kB * d.length / avg_length_);
      acc[doc] += idf * static_cast<float>(tf) * (kK1 + 1) / (static_cast<float>(tf) + norm) * qtf;
    }
  }
  // Per article: the best question plus a share of the answer's score.
  struct Best {
    float question = 0, answer = 0;
    std::size_t doc = SIZE_MAX;
  };
  std::unordered_map<std::size_t, Best> best;
  for (std::size_t d = 0; d < docs_.size(); ++d) {
    if (acc[d] <= 0) continue;
    Best& b = best[docs_[d].article];
    if (docs_[d].weight < 1.0f) {
      b.answer = acc[d] * docs_[d].weight;
    } else if (acc[d] > b.question) {
      b.question = acc[d];
      b.doc = d;
    }
  }
  bool lang_matches = false;
  if (!lang.empty()) {
    for (const auto& [a, b] : best) lang_matches |= articles_[a].lang == lang;
  }
  for (const auto& [a, b] : best) {
    if (lang_matches && articles_[a].lang != lang) continue;
    Match m;
    m.article = a;
    m.score = b.question + b.answer;
    if (b.doc != SIZE_MAX) m.confidence = Confidence(b.doc, b.question, parsed);
    out.push_back(m);
  }
  std::sort(out.begin(), out.end(), [](const Match& x, const Match& y) {
    return x.score != y.score ? x.score > y.score : x.article < y.article;
  });
  // A runner-up nearly as good makes the best less certain.
  if (out.size() >= 2 && out[0].score > 0) {
    const float gap = 1.0f - out[1].score / out[0].score;
    out[0].confidence *= 0.7f + 0.3f * std::min(1.0f, 3.0f * gap);
  }
  if (out.size() > k) out.resize(k);
  return out;
}

}  // namespace hushdesk::kb
