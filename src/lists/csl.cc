// Placeholder until the reader lands; replaced wholesale by its implementation.
#include "lists/readers.h"

namespace chokepoint::lists {

Result<ReadOutput> ReadCsl(std::span<const InputFile>, const ReadOptions&) {
  return Status::Internal("ReadCsl: reader not built yet");
}

}  // namespace chokepoint::lists
