#pragma once
// PyRadiomics' diagnostics_* values (radiomics/generalinfo.py, additionalInfo) for one case, written as PyRadiomics
// writes them (Python reprs: tuples, shortest round-trip floats), so that users who read them keep doing so:
// versions, settings, image and mask hashes (SHA-1 of the voxel arrays in their stored type, as PyRadiomics hashes
// them), geometry, bounding box, voxel and component counts, centres of mass; for a corrected mask and a resampled
// ROI too. docs/pyradiomics.md lists them and what differs.
#include <string>

#include "extraction/case_source.hpp"
#include "processing/roi_processing.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::detail {

/// The diagnostics of a case as a JSON object of strings, keys in PyRadiomics' order. `processed` is the ROI the
/// features were computed on (the resampled one when the settings resample).
std::string pyradiomics_diagnostics(const CaseSource& source, const LoadedCase& loaded, const ProcessedRoi& processed,
                                    const Settings& settings);

/// Python's repr() of a float: the shortest text that reads back to the same double, in fixed notation for
/// exponents -4..15 (with ".0" when integral), else in Python's exponent form ("1e-05").
std::string python_float_repr(double value);

}  // namespace voxfeat::detail
