// The knowledge base: articles and FAQ pairs (question variants → one answer) in zh and en, an
// index over them, and answer retrieval with a confidence.
//
// Index: BM25 (k1 1.2, b 0.75) over each question variant (and the title) as its own
// document, so a short FAQ question is not drowned by a long answer; an article scores the
// best of its variants, plus a small share of the BM25 score of its answer text. Terms: Latin
// words lower-cased with a light English stemmer (plural, -ing, -ed), digits runs, and for
// Chinese each Han character and each pair of adjacent Han characters (no dictionary needed;
// bigrams carry most of the meaning of two-character words).
//
// Confidence: how much of a perfect match to its best question the query reaches (the score
// divided by that question's score against itself) times how much of the query's idf mass the
// question covers (words it does not know count at the highest idf), reduced when the
// runner-up is nearly as good. 0..1; the bot answers above a threshold (dialog/).
//
// Thread-safety: an Index is immutable after Build; Search may run on many threads. Replace
// the whole index (shared_ptr swap) when articles change.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace hushdesk::kb {

struct Article {
  std::string id;                      // stable, unique ("shop-returns")
  std::string lang;                    // "zh" | "en"
  std::string title;
  std::vector<std::string> questions;  // the ways customers ask it
  std::string answer;
  std::string intent;                  // optional: the intent it answers
  std::vector<std::string> products;   // optional: product names it is about (entity extraction)
  std::int64_t updated_ms = 0;
};

// Checks an article before it enters a knowledge base: id (letters, digits, - _ .; ≤ 64),
// lang zh|en, an answer, at least one question or a title; bounded sizes.
common::Status Validate(const Article& a);

// CSV import: a header naming the columns (any order): id, question, answer, and optionally
// lang, title, intent, products (names separated by ';'). Rows with the same id add question variants to one article (the first
// row's answer and title win; later rows may leave them empty). Without an id column each row
// is its own article (id "row-N"). Errors name the line.
common::StatusOr<std::vector<Article>> ParseCsv(std::istream& in, std::string_view default_lang);

// Markdown import: each "## " heading starts an article whose title is the heading; lines
// "Q: …" / "问：…" under it are question variants, "id: …", "lang: …", "intent: …" set those
// fields, "products: a; b" / "产品：a；b" names products, and the remaining text is the answer. The heading itself counts as a question.
common::StatusOr<std::vector<Article>> ParseMarkdown(std::istream& in, std::string_view default_lang);

// "a; b；c" → {"a", "b", "c"} (product lists in CSV and Markdown).
std::vector<std::string> SplitProducts(std::string_view list);

// Reads a .csv or .md file (chosen by extension).
common::StatusOr<std::vector<Article>> ReadFile(const std::string& path, std::string_view default_lang);

// The terms of a text, as the index sees them (exposed for tests).
std::vector<std::string> Terms(std::string_view text);

struct Match {
  std::size_t article = 0;  // index into Index::articles()
  float score = 0;          // BM25
  float confidence = 0;     // 0..1
};

class Index {
 public:
  static std::shared_ptr<const Index> Build(std::vector<Article> articles);

  // The best `k` articles for `query`, best first; empty when no term matches. `lang` (when
  // not empty) prefers articles in that language: others only when none of it matches.
  std::vector<Match> Search(std::string_view query, std::size_t k, std::string_view lang = {}) const;

  // How well `query` matches one article's best question (0..1): the confidence without the
  // runner-up discount, for question matching ("do these two questions mean the same?").
  float Similarity(std::string_view query, std::size_t article) const;

  const std::vector<Article>& articles() const { return articles_; }
  const Article* Find(std::string_view id) const;

 private:
  struct Query {
    std::vector<std::pair<std::uint32_t, float>> terms;  // known terms with their counts
    float mass = 0;  // idf mass of the whole query, unknown terms at the highest idf
  };
  Query ParseQuery(std::string_view text) const;
  float Confidence(std::size_t doc, float score, const Query& q) const;
  struct Doc {
    std::size_t article;
    float length;
    float weight;  // 1 for questions and titles, kAnswerWeight for the answer
  };
  float ScoreDoc(std::size_t doc, const std::vector<std::pair<std::uint32_t, float>>& query_terms) const;

  std::vector<Article> articles_;
  std::vector<Doc> docs_;
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<float> idf_;                                     // per term
  std::vector<std::vector<std::pair<std::uint32_t, std::uint16_t>>> postings_;  // term → (doc, tf)
  std::vector<float> self_score_;  // per article: its best question against itself
  float avg_length_ = 1;
};

}  // namespace hushdesk::kb
