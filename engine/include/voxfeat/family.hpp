#pragma once
// A feature family is data: its name, parameters, outputs and compute functions. Column names, CLI listings and
// docs are generated from it; there is no central enum of features (DESIGN.md). Built-in families and external
// plugins describe themselves with the same fields.
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace voxfeat {

class RoiContext;

enum class Dims { d2, d3, both };
enum class ParamType { integer, real, boolean, text };

/// One tunable parameter. `default_value` is text as written in a settings file ("auto" is allowed where the doc
/// says so); `choices` restricts text parameters, [minimum, maximum] numeric ones. Settings files are checked
/// against both when they are read, so a bad value stops a run before its first case, naming the key.
struct ParamSpec {
  std::string name;
  ParamType type = ParamType::real;
  std::string default_value;
  std::string doc;
  std::vector<std::string> choices{};
  double minimum = -std::numeric_limits<double>::infinity();
  double maximum = std::numeric_limits<double>::infinity();
};

/// One output value. `unit` uses: "mm", "mm^2", "mm^3", "mm^-1", "intensity", "intensity^2", "intensity^2 mm^3",
/// "count", "1" (none).
struct OutputSpec {
  /// snake_case (PyRadiomics-profile families: PyRadiomics' names), unique in the family; the column is
  /// <prefix>_<name>[_<aggregation>]
  std::string name;
  std::string unit;
  std::string ibsi_code;  ///< 4-character IBSI code, empty for features IBSI does not define
  std::string doc;
  /// Per-object families: the scikit-image `regionprops_table` column with the same definition (e.g. "area",
  /// "moments_hu-3"), so that users moving from scikit-image find theirs; empty when it has none.
  std::string skimage{};
};

/// An IBSI aggregation method (how slices/directions are combined). Whole-ROI 3D features use `whole_roi_3d()`;
/// per-object 2D features `per_object_2d()`.
struct AggregationSpec {
  std::string name;           ///< as in the IBSI manual, e.g. "3D" or "3D, merged"
  std::string ibsi_code;      ///< e.g. "DHQ4", "IAZD"
  std::string column_suffix;  ///< appended to columns when the family has several aggregations; "" for DHQ4
};

inline AggregationSpec whole_roi_3d() { return {"3D", "DHQ4", ""}; }
inline AggregationSpec per_object_2d() { return {"per object, 2D", "", ""}; }

/// Resolved parameter values of one family in one settings file (text, checked against the ParamSpecs).
class ParamValues {
 public:
  ParamValues() = default;
  explicit ParamValues(std::map<std::string, std::string> values) : m_values(std::move(values)) {}

  [[nodiscard]] const std::string& text(const std::string& name) const;
  [[nodiscard]] double real(const std::string& name) const;
  [[nodiscard]] long long integer(const std::string& name) const;
  [[nodiscard]] bool boolean(const std::string& name) const;
  [[nodiscard]] bool is_auto(const std::string& name) const { return text(name) == "auto"; }
  [[nodiscard]] const std::map<std::string, std::string>& all() const { return m_values; }

 private:
  std::map<std::string, std::string> m_values;
};

/// Computes every output of a family for one ROI and one aggregation method. `out` has one slot per output, in
/// the order of FamilyDescriptor::outputs, pre-filled with NaN; a feature that is undefined for this ROI stays NaN.
/// Throws voxfeat::Error (or a subclass) when the ROI cannot be processed.
using ComputeCpuFn =
    std::function<void(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                       std::span<double> out)>;
/// Same contract on a GPU (stream in the RoiContext's ExecutionContext). Empty when the family has no GPU path.
using ComputeCudaFn = ComputeCpuFn;

class ObjectContext;
/// Per-object families (microscopy, profile "microscopy"): every output of every object of `objects` (its order),
/// into `out` of objects × outputs slots, row-major, pre-filled with NaN. Throws voxfeat::Error (or a subclass)
/// when the image cannot be processed.
using ComputeObjectsFn =
    std::function<void(const ObjectContext& objects, const ParamValues& params, std::span<double> out)>;

struct FamilyDescriptor {
  std::string name;           ///< e.g. "morphology"; the key in settings files
  std::string version;        ///< semantic version of the definitions; stored in each run's provenance
  std::string ibsi_code;      ///< IBSI code of the family, e.g. "HCUG"
  std::string column_prefix;  ///< e.g. "morph"
  std::string doc;
  Dims dims = Dims::d3;
  std::vector<ParamSpec> params{};
  std::vector<OutputSpec> outputs{};
  std::vector<AggregationSpec> aggregations{whole_roi_3d()};  ///< supported methods; first is the default
  std::vector<std::string> dependencies{};  ///< intermediate products used: "mesh", "discretised", ...
  ComputeCpuFn compute_cpu{};
  ComputeCudaFn compute_cuda{};
  /// Per-object families have these instead of compute_cpu/compute_cuda (one ROI-less call per image).
  ComputeObjectsFn compute_objects{};
  ComputeObjectsFn compute_objects_cuda{};
  std::string origin = "built-in";  ///< "built-in" or the plugin file it came from
  /// "ibsi": IBSI definitions, part of the default settings. "pyradiomics": PyRadiomics' definitions, enabled by a
  /// PyRadiomics parameter file (docs/pyradiomics.md) or by name, never by default. "microscopy": per-object
  /// families (compute_objects) of `voxfeat objects`, never in a radiomics extraction.
  std::string profile = "ibsi";
};

/// The store/CSV column of one output under one aggregation.
std::string column_name(const FamilyDescriptor& family, const OutputSpec& output, const AggregationSpec& aggregation);

}  // namespace voxfeat
