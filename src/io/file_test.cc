#include "io/file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace chokepoint::io {
namespace {

namespace fs = std::filesystem;

// A fresh folder under the system's temporary folder, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "chokepoint-io-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  size_t Entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(path_), {}));
  }

 private:
  std::string path_;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(WriteFileAtomicTest, ReplacesARegularFile) {
  TempDir dir;
  const std::string path = dir / "out.csv";
  ASSERT_TRUE(WriteFileAtomic(path, "first\n").ok());
  ASSERT_TRUE(WriteFileAtomic(path, "second\n").ok());
  EXPECT_EQ(Slurp(path), "second\n");
  EXPECT_EQ(dir.Entries(), 1u);  // no temporary file left behind
}

TEST(WriteFileAtomicTest, WritesANamedPipeInPlace) {
  // Renaming a temporary file over a pipe (or /dev/null) would replace it
  // with a regular file: the bytes must go through the pipe, and the pipe
  // must still be one afterwards.
  TempDir dir;
  const std::string path = dir / "pipe";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  std::string text(100000, 'x');
  for (size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 26);
  // Held open for writing as well, so that the reader's open returns at
  // once and its read ends when this is closed, whatever the call did.
  int keep = ::open(path.c_str(), O_RDWR);
  ASSERT_GE(keep, 0);
  std::string received;
  std::thread reader([&] {
    int fd = ::open(path.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) received.append(buf, static_cast<size_t>(n));
    ::close(fd);
  });
  Status st = WriteFileAtomic(path, text);
  ::close(keep);
  reader.join();
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(received, text);
  struct stat after;
  ASSERT_EQ(::stat(path.c_str(), &after), 0);
  EXPECT_TRUE(S_ISFIFO(after.st_mode));
  EXPECT_EQ(dir.Entries(), 1u);
}

TEST(WriteFileAtomicTest, RefusesAFolder) {
  TempDir dir;
  const std::string path = dir / "sub";
  fs::create_directory(path);
  Status st = WriteFileAtomic(path, "x");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("is a directory"), std::string::npos) << st.ToString();
  EXPECT_TRUE(fs::is_directory(path));
}

}  // namespace
}  // namespace chokepoint::io
