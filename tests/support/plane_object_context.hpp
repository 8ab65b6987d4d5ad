#pragma once
// An ObjectContext over planes in memory, for tests that call per-object families directly (their CPU and GPU
// functions): the object table from kernels::microscopy::collect_objects, shared products kept per context.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"
#include "voxfeat/object_context.hpp"

namespace voxfeat::test {

class PlaneObjectContext final : public ObjectContext {
 public:
  PlaneObjectContext(std::vector<std::uint32_t> labels, std::vector<float> intensities, std::int32_t width,
                     std::int32_t height, ExecutionContext execution = {},
                     std::optional<std::array<double, 2>> pixel_size_um = std::nullopt)
      : m_labels(std::move(labels)),
        m_intensities(std::move(intensities)),
        m_width(width),
        m_height(height),
        m_execution(execution),
        m_pixel_size(pixel_size_um),
        m_table(kernels::microscopy::collect_objects(m_labels.data(), width, height)) {}

  const kernels::microscopy::ObjectTable& objects() const override { return m_table; }
  kernels::microscopy::PlaneView<std::uint32_t> labels() const override { return {m_labels.data(), m_width, m_height}; }
  kernels::microscopy::PlaneView<float> intensities() const override {
    return {m_intensities.data(), m_width, m_height};
  }
  std::optional<std::array<double, 2>> pixel_size_um() const override { return m_pixel_size; }
  const ExecutionContext& execution() const override { return m_execution; }

 protected:
  std::shared_ptr<const void> shared_product(const std::string& key, const std::type_info& /*type*/,
                                             const std::function<std::shared_ptr<const void>()>& make) const override {
    const std::lock_guard lock(m_mutex);  // tests call families one at a time; a lock is enough
    auto& slot = m_products[key];
    if (!slot) slot = make();
    return slot;
  }

 private:
  std::vector<std::uint32_t> m_labels;
  std::vector<float> m_intensities;
  std::int32_t m_width, m_height;
  ExecutionContext m_execution;
  std::optional<std::array<double, 2>> m_pixel_size;
  kernels::microscopy::ObjectTable m_table;
  mutable std::mutex m_mutex;
  mutable std::map<std::string, std::shared_ptr<const void>> m_products;
};

/// The seeded synthetic cells (detail::SyntheticCells) of a `size` × `size` plane as an ObjectContext.
inline PlaneObjectContext synthetic_cells(std::int32_t size, std::size_t cells, std::uint64_t seed,
                                          ExecutionContext execution = {}) {
  detail::SyntheticCellsSpec spec;
  spec.width = spec.height = size;
  spec.cells = cells;
  spec.seed = seed;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensities;
  detail::SyntheticCells(spec).fill(labels, intensities);
  return PlaneObjectContext(std::move(labels), std::move(intensities), size, size, execution);
}

}  // namespace voxfeat::test
