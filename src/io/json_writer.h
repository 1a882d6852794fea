// JsonWriter: a small streaming JSON writer with correct string escaping.
//
// Usage:
//   JsonWriter w;
//   w.BeginObject(); w.Key("n"); w.Int(3); w.EndObject();
//   std::string text = w.str();
// Commas are inserted automatically. Invalid UTF-8 in strings is replaced by
// U+FFFD so the output is always valid JSON. With `pretty`, objects and arrays
// are indented by two spaces.
//
// Thread safety: one writer per thread.

#ifndef CHOKEPOINT_IO_JSON_WRITER_H_
#define CHOKEPOINT_IO_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::io {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void UInt(uint64_t value);
  void Double(double value, int precision = 4);
  void Bool(bool value);
  void Null();
  // Inserts pre-serialised JSON as a value.
  void Raw(std::string_view json);
  // An array of strings.
  void StringArray(const std::vector<std::string>& values) {
    BeginArray();
    for (const auto& v : values) String(v);
    EndArray();
  }

  // Convenience: Key(k) then String(v) / Int(v).
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void FieldInt(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();
  void Newline();

  bool pretty_;
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends `s` as a quoted, escaped JSON string.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace chokepoint::io

#endif  // CHOKEPOINT_IO_JSON_WRITER_H_
