// File access, compression and hashing.
//
// ReadFile and WriteFileAtomic return errors naming the path and the
// operating system's reason. WriteFileAtomic writes to a temporary file in the
// same folder, fsyncs it, renames it over the target and fsyncs the folder, so
// that a crash leaves either the old file or the new one. A target that
// exists and is not a regular file (/dev/null, a named pipe) is written in
// place instead.
//
// Thread safety: pure functions (apart from the file system itself).

#ifndef CHOKEPOINT_IO_FILE_H_
#define CHOKEPOINT_IO_FILE_H_

#include <ctime>
#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint::io {

Result<std::string> ReadFile(const std::string& path);
Status WriteFileAtomic(const std::string& path, std::string_view data);

// xz/lzma: decompresses a whole .xz stream. `name` is used in errors.
Result<std::string> DecompressXz(std::string_view data, const std::string& name);
// xz compression at the given preset (0-9).
Result<std::string> CompressXz(std::string_view data, int preset = 6);

// zstd: one frame.
Result<std::string> CompressZstd(std::string_view data, int level = 9);
Result<std::string> DecompressZstd(std::string_view data, const std::string& name);

// SHA-256 of `data`, lower-case hex.
std::string Sha256Hex(std::string_view data);

// Modification time of `path` as "YYYY-MM-DDTHH:MM:SSZ", or "" when unknown.
std::string FileModifiedUtc(const std::string& path);

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string NowUtc();
// A time as "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string FormatUtc(time_t t);

bool FileExists(const std::string& path);

}  // namespace chokepoint::io

#endif  // CHOKEPOINT_IO_FILE_H_
