#include "nlu/csv.h"

#include <fstream>

#include "text/utf8.h"

namespace hushdesk::nlu {

common::StatusOr<bool> ReadCsvRecord(std::istream& in, std::vector<std::string>& fields,
                                  std::size_t& line) {
  fields.clear();
  if (in.peek() == std::char_traits<char>::eof()) return false;
  ++line;
  const std::size_t start_line = line;
  std::string field;
  bool quoted = false;
  bool after_quote = false;
  char c;
  while (in.get(c)) {
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get(c);
          field.push_back('"');
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (c == '\n') {
      break;
    } else if (c == '\r') {
      // CRLF: the \n ends the record.
    } else if (c == '"' && field.empty() && !after_quote) {
      quoted = true;
    } else {
      field.push_back(c);
    }
  }
  if (quoted) {
    return common::InvalidArgumentError("line " + std::to_string(start_line) +
                                        ": a quoted field is not closed");
  }
  fields.push_back(std::move(field));
  return true;
}

common::StatusOr<std::vector<Example>> ReadLabelledCsv(std::istream& in) {
  std::vector<std::string> fields;
  std::size_t line = 0;
  auto header = ReadCsvRecord(in, fields, line);
  if (!header.ok()) return header.status();
  if (!*header || fields.size() < 2) {
    return common::InvalidArgumentError("line 1: expected a header with at least two columns (text,label)");
  }
  std::vector<Example> out;
  while (true) {
    const std::size_t record_line = line + 1;
    auto more = ReadCsvRecord(in, fields, line);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    const std::string where = "line " + std::to_string(record_line);
    if (fields.size() < 2) return common::InvalidArgumentError(where + ": expected text,label");
    if (auto st = text::ValidateUtf8(fields[0]); !st.ok()) {
      return common::InvalidArgumentError(where + ": " + st.message());
    }
    if (fields[1].empty()) return common::InvalidArgumentError(where + ": the label is empty");
    out.push_back({std::move(fields[0]), std::move(fields[1])});
  }
  return out;
}

common::StatusOr<std::vector<Example>> ReadLabelledCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return common::NotFoundError("cannot read " + path);
  auto rows = ReadLabelledCsv(in);
  if (!rows.ok()) return common::InvalidArgumentError(path + ": " + rows.status().message());
  return rows;
}

}  // namespace hushdesk::nlu
