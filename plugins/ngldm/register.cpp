// Built-in family "ngldm" (IBSI 1 section 3.11, REK0): neighbouring grey level dependence features.
#include <string>

#include "ngldm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_ngldm(Registry& registry) {
  // Every feature is defined for any non-empty ROI (each ROI voxel is a centre with dependence j ≥ 1); NaN only for
  // an empty ROI, and with 2D aggregation a slice without ROI voxels is not part of the average.
  const std::string nan = " NaN only when the ROI is empty.";
  FamilyDescriptor family{
      .name = "ngldm",
      .version = "1.0.0",
      .ibsi_code = "REK0",
      .column_prefix = "ngldm",
      .doc = "Neighbouring grey level dependence matrix features of the discretised grey levels. IBSI's definition: "
             "every ROI voxel is a centre; its dependence j counts itself and the ROI voxels within Chebyshev "
             "distance 'distance' whose level differs by at most 'coarseness' (α); voxels outside the ROI never "
             "count (in-plane for 2D and 2.5D, 26-neighbourhood at distance 1 for 3D). s_ij: number of centres of "
             "level i with dependence j, N_s = Σ s_ij. Memory: sparse matrix; while building, dense counts per "
             "worker thread when grey levels × (2δ+1)^d ≤ 2^20 cells (8 MiB), else 8 bytes per ROI voxel, so 4096 "
             "levels work.",
      .dims = Dims::both,
      .params = {{"distance", ParamType::integer, "1", "Chebyshev distance δ of the neighbourhood (1..8); IBSI uses 1", {}, 1, 8},
                 {"coarseness", ParamType::integer, "0",
                  "IBSI α: a neighbour is dependent when its level differs by at most α (0..10^6); IBSI uses 0", {}, 0, 1e6}},
      .outputs =
          {
              {"low_dependence_emphasis", "1", "SODN", "Σ_j s_.j / j² / N_s." + nan},
              {"high_dependence_emphasis", "1", "IMOQ", "Σ_j j² s_.j / N_s." + nan},
              {"low_grey_level_count_emphasis", "1", "TL9H", "Σ_i s_i. / i² / N_s." + nan},
              {"high_grey_level_count_emphasis", "1", "OAE7", "Σ_i i² s_i. / N_s." + nan},
              {"low_dependence_low_grey_level_emphasis", "1", "EQ3F", "Σ s_ij / (i² j²) / N_s." + nan},
              {"low_dependence_high_grey_level_emphasis", "1", "JA6D", "Σ i² s_ij / j² / N_s." + nan},
              {"high_dependence_low_grey_level_emphasis", "1", "NBZI", "Σ j² s_ij / i² / N_s." + nan},
              {"high_dependence_high_grey_level_emphasis", "1", "9QMG", "Σ i² j² s_ij / N_s." + nan},
              {"grey_level_non_uniformity", "1", "FP8K", "Σ_i s_i.² / N_s." + nan},
              {"normalised_grey_level_non_uniformity", "1", "5SPA", "Σ_i s_i.² / N_s²." + nan},
              {"dependence_count_non_uniformity", "1", "Z87G", "Σ_j s_.j² / N_s." + nan},
              {"normalised_dependence_count_non_uniformity", "1", "OKJI", "Σ_j s_.j² / N_s²." + nan},
              {"dependence_count_percentage", "1", "6XV8",
               "N_s / N_v: always 1 under IBSI's definition (every ROI voxel is a centre)." + nan},
              {"grey_level_variance", "1", "1PFV", "Σ (i − µ)² p_ij with p_ij = s_ij / N_s." + nan},
              {"dependence_count_variance", "1", "DNX2", "Σ (j − µ)² p_ij." + nan},
              {"dependence_count_entropy", "1", "FCBV", "−Σ p_ij log2 p_ij." + nan},
              {"dependence_count_energy", "1", "CAS9", "Σ p_ij²." + nan},
          },
      .aggregations = neighbourhood_aggregations(),
      .dependencies = {"discretised"},
      .compute_cpu = &ngldm::compute_cpu,
#if VOXFEAT_HAVE_CUDA
      .compute_cuda = &ngldm::compute_cuda,
#endif
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
