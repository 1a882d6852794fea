// Placeholder until the reader lands; replaced wholesale by its implementation.
#include "lists/readers.h"

namespace chokepoint::lists {

Result<ReadOutput> ReadUnXml(std::span<const InputFile>, const ReadOptions&) {
  return Status::Internal("ReadUnXml: reader not built yet");
}

}  // namespace chokepoint::lists
