#include "io/microscopy/dimension_choice.hpp"

#include <string>

#include "voxfeat/error.hpp"

namespace voxfeat::io::microscopy {
namespace {

struct Words {
  const char* option;    // the PlaneChoice field
  const char* one;       // one entry
  const char* many;      // several entries
  const char* holder;    // who has them: pages belong to the file, the rest to the image
};

Words words_of(Dimension d) {
  switch (d) {
    case Dimension::page: return {"page", "page", "pages", "the file"};
    case Dimension::channel: return {"channel", "channel", "channels", "the image"};
    case Dimension::z: return {"z", "z plane", "z planes", "the image"};
    case Dimension::t: return {"t", "time point", "time points", "the image"};
  }
  return {"?", "?", "?", "?"};
}

std::string count_of(std::size_t n, const Words& w) { return std::to_string(n) + " " + (n == 1 ? w.one : w.many); }

}  // namespace

std::size_t choose_index(const std::filesystem::path& file, Dimension dimension,
                         const std::optional<std::size_t>& requested, std::size_t count) {
  const Words w = words_of(dimension);
  if (requested) {
    if (*requested < count) return *requested;
    throw ConfigError(file.string() + ": " + w.option + " " + std::to_string(*requested) + " requested, " + w.holder +
                      " has " + count_of(count, w));
  }
  if (count == 1) return 0;
  // Several entries and no choice: guessing the first would silently measure the wrong plane or channel.
  throw ConfigError(file.string() + ": " + w.holder + " has " + count_of(count, w) + "; choose one with " + w.option +
                    " (0 to " + std::to_string(count - 1) + ")");
}

}  // namespace voxfeat::io::microscopy
