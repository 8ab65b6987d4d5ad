// Uses the installed libvoxfeat through its C++ API (voxfeat.hpp): one extraction, then the same extraction on four
// threads at once, each with its own extractor, which must all give the first one's values (thread safety of separate
// handles). Prints "ok <feature count>" or the first difference, and exits non-zero on failure.
#include <cmath>
#include <cstdint>
#include <iostream>
#include <thread>
#include <vector>

#include <voxfeat/voxfeat.hpp>

int main() {
  const std::size_t nx = 24, ny = 22, nz = 12;
  std::vector<float> image(nx * ny * nz);
  std::vector<std::uint8_t> mask(image.size());
  for (std::size_t i = 0; i < image.size(); ++i) {
    const std::size_t x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
    const double dx = (double(x) - 11.5) / 9.0, dy = (double(y) - 10.5) / 8.0, dz = (double(z) - 5.5) / 5.0;
    mask[i] = dx * dx + dy * dy + dz * dz <= 1.0;
    image[i] = float(100.0 + 7.0 * std::sin(0.9 * double(x)) + 2.0 * double(y) - double(z));
  }
  try {
    voxfeat::Extractor first;
    const auto reference = first.extract_buffers(image.data(), mask.data(), {nx, ny, nz}, {1.0, 1.0, 1.5});
    std::vector<std::vector<voxfeat::Feature>> results(4);
    std::vector<std::thread> threads;
    for (auto& r : results)
      threads.emplace_back([&] {
        voxfeat::Extractor x;
        r = x.extract_buffers(image.data(), mask.data(), {nx, ny, nz}, {1.0, 1.0, 1.5});
      });
    for (auto& t : threads) t.join();
    for (const auto& r : results) {
      if (r.size() != reference.size()) return std::cout << "different feature counts\n", 1;
      for (std::size_t i = 0; i < r.size(); ++i) {
        const bool same = r[i].name == reference[i].name &&
                          (r[i].value == reference[i].value || (std::isnan(r[i].value) && std::isnan(reference[i].value)));
        if (!same) return std::cout << "thread result differs at " << reference[i].name << "\n", 1;
      }
    }
    // An error comes back as an exception with the status and message.
    try {
      voxfeat::Extractor bad("families: {no_such_family: {}}");
      return std::cout << "bad settings accepted\n", 1;
    } catch (const voxfeat::ApiError& e) {
      if (e.status() != VOXFEAT_ERROR_SETTINGS) return std::cout << "wrong status " << e.status() << "\n", 1;
    }
    std::cout << "ok " << reference.size() << "\n";
  } catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
