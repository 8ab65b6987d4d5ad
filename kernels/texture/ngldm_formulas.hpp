#pragma once
// NGLDM feature slots (IBSI 1 section 3.11, REK0) of a neighbouring grey level dependence matrix (row = grey level
// i − 1, col = dependence j − 1) and its one formula of its own, the energy. Compiled by g++ and nvcc (VOXFEAT_HD).
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "texture/count_matrix.hpp"
#include "texture/size_zone_formulas.hpp"

namespace voxfeat::kernels::texture::ngldm {

/// Feature slots, in the order of the family's outputs.
enum Feature : std::size_t {
  low_dependence_emphasis,                   // SODN
  high_dependence_emphasis,                  // IMOQ
  low_grey_level_count_emphasis,             // TL9H
  high_grey_level_count_emphasis,            // OAE7
  low_dependence_low_grey_level_emphasis,    // EQ3F
  low_dependence_high_grey_level_emphasis,   // JA6D
  high_dependence_low_grey_level_emphasis,   // NBZI
  high_dependence_high_grey_level_emphasis,  // 9QMG
  grey_level_non_uniformity,                 // FP8K
  normalised_grey_level_non_uniformity,      // 5SPA
  dependence_count_non_uniformity,           // Z87G
  normalised_dependence_count_non_uniformity,  // OKJI
  dependence_count_percentage,               // 6XV8
  grey_level_variance,                       // 1PFV
  dependence_count_variance,                 // DNX2
  dependence_count_entropy,                  // FCBV
  dependence_count_energy,                   // CAS9
  feature_count
};

// Slots 0..15 are the size-zone formulas (size_zone_formulas.hpp) with "dependence count" for "zone size", and
// N_v = N_s: every ROI voxel is a centre under IBSI's definition (also after merging), so the percentage (6XV8) is 1.
// Only the energy (CAS9) is NGLDM's own.
static_assert(std::size_t(dependence_count_entropy) == std::size_t(size_entropy));
static_assert(std::size_t(dependence_count_percentage) == std::size_t(zone_percentage));
static_assert(std::size_t(dependence_count_energy) == std::size_t(size_zone_feature_count));

/// CAS9: Σ p_ij² over the non-zero entries of a matrix with N_s = total > 0.
VOXFEAT_HD inline double dependence_count_energy_of(const MatrixEntry* entries, std::size_t entry_count,
                                                    std::uint64_t total) {
  double energy = 0.0;
  for (std::size_t e = 0; e < entry_count; ++e) {
    const double p = double(entries[e].count) / double(total);
    energy += p * p;
  }
  return energy;
}

}  // namespace voxfeat::kernels::texture::ngldm
