// Placeholder until the reader lands; replaced wholesale by its implementation.
#include "lists/readers.h"

namespace chokepoint::lists {

Result<ReadOutput> ReadFtmJson(std::span<const InputFile>, const ReadOptions&) {
  return Status::Internal("ReadFtmJson: reader not built yet");
}

}  // namespace chokepoint::lists
