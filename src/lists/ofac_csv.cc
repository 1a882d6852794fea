// Placeholder until the reader lands; replaced wholesale by its implementation.
#include "lists/readers.h"

namespace chokepoint::lists {

Result<ReadOutput> ReadOfacSdnCsv(std::span<const InputFile>, const ReadOptions&) {
  return Status::Internal("ReadOfacSdnCsv: reader not built yet");
}

Result<ReadOutput> ReadOfacConsCsv(std::span<const InputFile>, const ReadOptions&) {
  return Status::Internal("ReadOfacConsCsv: reader not built yet");
}

}  // namespace chokepoint::lists
