// Placeholder until the reader lands; replaced wholesale by its implementation.
#include "lists/readers.h"

namespace chokepoint::lists {

Result<ReadOutput> ReadOfsiCsv(std::span<const InputFile>, const ReadOptions&) {
  return Status::Internal("ReadOfsiCsv: reader not built yet");
}

}  // namespace chokepoint::lists
