#include "io/file.h"

#include <fcntl.h>
#include <lzma.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <random>

namespace chokepoint::io {

namespace {
std::string ErrnoText() { return std::strerror(errno); }
}  // namespace

Result<std::string> ReadFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": cannot open: " + ErrnoText());
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(path + ": is a directory, expected a file");
  }
  std::string out;
  if (st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = ErrnoText();
      ::close(fd);
      return Status::IoError(path + ": read failed: " + err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

namespace {
// Writes all of `data` to `fd`; an error names `path`.
Status WriteAll(int fd, const std::string& path, std::string_view data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path + ": write failed: " + ErrnoText());
    }
    off += static_cast<size_t>(n);
  }
  return Status::Ok();
}
}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view data) {
  // A target that exists and is not a regular file (/dev/null, /dev/stdout,
  // a named pipe) is written in place: renaming a file over it would
  // replace the device or pipe itself.
  struct stat target;
  if (::stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode)) {
    if (S_ISDIR(target.st_mode)) {
      return Status::InvalidArgument(path + ": is a directory, expected a file");
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return Status::IoError(path + ": cannot open: " + ErrnoText());
    Status st = WriteAll(fd, path, data);
    ::close(fd);
    return st;
  }
  std::string dir = ".";
  size_t slash = path.rfind('/');
  if (slash != std::string::npos) dir = slash == 0 ? "/" : path.substr(0, slash);
  std::random_device rd;
  std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(rd());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(path + ": cannot create temporary file: " + ErrnoText());
  if (Status st = WriteAll(fd, path, data); !st.ok()) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return st;
  }
  if (::fsync(fd) != 0) {
    std::string err = ErrnoText();
    ::close(fd);
    ::unlink(tmp.c_str());
    return Status::IoError(path + ": fsync failed: " + err);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = ErrnoText();
    ::unlink(tmp.c_str());
    return Status::IoError(path + ": rename failed: " + err);
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

Result<std::string> DecompressXz(std::string_view data, const std::string& name) {
  lzma_stream strm = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&strm, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
    return Status::Internal(name + ": cannot start xz decoder");
  }
  std::string out;
  out.resize(data.size() * 4 + 4096);
  strm.next_in = reinterpret_cast<const uint8_t*>(data.data());
  strm.avail_in = data.size();
  size_t produced = 0;
  while (true) {
    if (produced == out.size()) out.resize(out.size() * 2);
    strm.next_out = reinterpret_cast<uint8_t*>(out.data() + produced);
    strm.avail_out = out.size() - produced;
    lzma_ret ret = lzma_code(&strm, LZMA_FINISH);
    produced = out.size() - strm.avail_out;
    if (ret == LZMA_STREAM_END) break;
    if (ret == LZMA_OK || ret == LZMA_BUF_ERROR) {
      if (ret == LZMA_BUF_ERROR && strm.avail_in == 0 && strm.avail_out != 0) {
        lzma_end(&strm);
        return Status::ParseError(name + ": truncated xz stream");
      }
      continue;
    }
    lzma_end(&strm);
    if (ret == LZMA_FORMAT_ERROR) return Status::ParseError(name + ": not an xz file");
    if (ret == LZMA_DATA_ERROR) return Status::ParseError(name + ": corrupt xz data");
    return Status::ParseError(name + ": xz decoding failed (code " + std::to_string(ret) + ")");
  }
  lzma_end(&strm);
  out.resize(produced);
  return out;
}

Result<std::string> CompressXz(std::string_view data, int preset) {
  std::string out;
  out.resize(lzma_stream_buffer_bound(data.size()));
  size_t out_pos = 0;
  lzma_ret ret =
      lzma_easy_buffer_encode(static_cast<uint32_t>(preset), LZMA_CHECK_CRC64, nullptr,
                              reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                              reinterpret_cast<uint8_t*>(out.data()), &out_pos, out.size());
  if (ret != LZMA_OK) return Status::Internal("xz compression failed");
  out.resize(out_pos);
  return out;
}

Result<std::string> CompressZstd(std::string_view data, int level) {
  std::string out;
  out.resize(ZSTD_compressBound(data.size()));
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
  if (ZSTD_isError(n)) return Status::Internal(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

Result<std::string> DecompressZstd(std::string_view data, const std::string& name) {
  unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    return Status::ParseError(name + ": not a zstd frame with a known size");
  }
  if (size > (1ull << 34)) return Status::ParseError(name + ": zstd frame too large");
  std::string out;
  out.resize(size);
  size_t n = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(n)) {
    return Status::ParseError(name + ": zstd: " + ZSTD_getErrorName(n));
  }
  if (n != size) return Status::ParseError(name + ": zstd frame shorter than declared");
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

std::string FileModifiedUtc(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "";
  return FormatUtc(st.st_mtime);
}

std::string FormatUtc(time_t t) {
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string NowUtc() { return FormatUtc(::time(nullptr)); }

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace chokepoint::io
