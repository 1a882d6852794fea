// Placeholder until the reader lands; replaced wholesale by its implementation.
#include "lists/readers.h"

namespace chokepoint::lists {

Result<ReadOutput> ReadOfacAdvancedXml(std::span<const InputFile>, const ReadOptions&) {
  return Status::Internal("ReadOfacAdvancedXml: reader not built yet");
}

}  // namespace chokepoint::lists
