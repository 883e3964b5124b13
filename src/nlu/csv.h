// Reading labelled CSV files (RFC 4180: quoted fields may hold commas, quotes and line breaks):
// a header row, then rows whose first column is the text and second the label.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "common/status.h"

namespace hushdesk::nlu {

struct Example {
  std::string text;
  std::string label;
};

// Parses one record starting at the stream's position into `fields`. Returns false at end of
// input. `line` counts physical lines (quoted fields may span several); InvalidArgument names
// the line of an unclosed quote.
common::StatusOr<bool> ReadCsvRecord(std::istream& in, std::vector<std::string>& fields, std::size_t& line);

// Reads every row after the header. InvalidArgument names the line of a malformed row (an
// unterminated quote, fewer than two columns, invalid UTF-8, an empty label).
common::StatusOr<std::vector<Example>> ReadLabelledCsv(std::istream& in);
common::StatusOr<std::vector<Example>> ReadLabelledCsvFile(const std::string& path);

}  // namespace hushdesk::nlu
