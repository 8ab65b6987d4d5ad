#include "extraction/pyradiomics_diagnostics.hpp"

#include <openssl/evp.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "io/image_reader.hpp"
#include "processing/roi_box.hpp"
#include "voxfeat/version.hpp"

namespace voxfeat::detail {
namespace {

using Json = nlohmann::ordered_json;

std::string sha1_hex(const void* data, std::size_t bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data, bytes, digest, &length, EVP_sha1(), nullptr);
  std::string hex;
  for (unsigned i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string tuple(const auto& values, const auto& format) {
  std::string text = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += ", ";
    text += format(values[i]);
  }
  text += ')';
  return text;
}
std::string float_tuple(const std::vector<double>& v) { return tuple(v, python_float_repr); }
std::string size_tuple(const Index3& v) {
  return tuple(v, [](std::size_t x) { return std::to_string(x); });
}
std::string spacing(const Geometry& g) { return float_tuple({g.spacing[0], g.spacing[1], g.spacing[2]}); }

/// Components of the mask under face connectivity (SimpleITK's ConnectedComponent default), within its box.
std::size_t component_count(const Volume<std::uint8_t>& mask, const IndexBox& box) {
  const Index3 e = box.extent();
  std::vector<std::uint8_t> seen(e[0] * e[1] * e[2], 0);
  const auto local = [&](std::size_t x, std::size_t y, std::size_t z) { return x + e[0] * (y + e[1] * z); };
  std::vector<std::array<std::size_t, 3>> stack;
  std::size_t components = 0;
  for (std::size_t z = 0; z < e[2]; ++z)
    for (std::size_t y = 0; y < e[1]; ++y)
      for (std::size_t x = 0; x < e[0]; ++x) {
        if (seen[local(x, y, z)] || !mask(box.lo[0] + x, box.lo[1] + y, box.lo[2] + z)) continue;
        ++components;
        seen[local(x, y, z)] = 1;
        stack.push_back({x, y, z});
        while (!stack.empty()) {
          const auto p = stack.back();
          stack.pop_back();
          for (int axis = 0; axis < 3; ++axis)
            for (int step : {-1, 1}) {
              auto q = p;
              if ((step < 0 && q[axis] == 0) || (step > 0 && q[axis] + 1 == e[axis])) continue;
              q[axis] = std::size_t(long(q[axis]) + step);
              if (seen[local(q[0], q[1], q[2])] || !mask(box.lo[0] + q[0], box.lo[1] + q[1], box.lo[2] + q[2]))
                continue;
              seen[local(q[0], q[1], q[2])] = 1;
              stack.push_back(q);
            }
        }
      }
  return components;
}

/// ITK's TransformContinuousIndexToPhysicalPoint: origin + (direction · diag(spacing)) · index, the matrix first.
std::vector<double> physical_point(const Geometry& g, const std::vector<double>& index) {
  std::vector<double> p(3);
  for (int r = 0; r < 3; ++r) {
    p[r] = g.origin[r];
    for (int c = 0; c < 3; ++c) p[r] += (g.direction[r * 3 + c] * g.spacing[c]) * index[c];
  }
  return p;
}

/// The canonical settings on one line (YAML flow style, like the dict PyRadiomics prints), so that a CSV row stays
/// one line.
std::string one_line(const std::string& yaml) {
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << YAML::Load(yaml);
  return out.c_str();
}

std::string intensity_text(double v, bool integer) {
  return integer ? fmt::format("{}", (long long)v) : python_float_repr(v);
}

/// generalinfo.addMaskElements: geometry, box, counts and centres of mass of one mask; with `image` on its grid,
/// also the mean, minimum and maximum intensity inside it (PyRadiomics adds them for corrected and resampled masks).
void add_mask(Json& out, const std::string& prefix, const Volume<std::uint8_t>& mask, const Volume<float>* image,
              bool integer_image, const std::string& hash) {
  const IndexBox box = bounding_box(mask);
  if (!hash.empty()) out[prefix + "Hash"] = hash;
  out[prefix + "Spacing"] = spacing(mask.geometry());
  out[prefix + "Size"] = size_tuple(mask.size());
  const Index3 e = box.extent();
  out[prefix + "BoundingBox"] = fmt::format("({}, {}, {}, {}, {}, {})", box.lo[0], box.lo[1], box.lo[2], e[0], e[1],
                                            e[2]);
  std::size_t voxels = 0;
  double sx = 0, sy = 0, sz = 0, sum = 0, lo = INFINITY, hi = -INFINITY;
  for (std::size_t z = box.lo[2]; z < box.hi[2]; ++z)
    for (std::size_t y = box.lo[1]; y < box.hi[1]; ++y)
      for (std::size_t x = box.lo[0]; x < box.hi[0]; ++x) {
        if (!mask(x, y, z)) continue;
        ++voxels;
        sx += double(x), sy += double(y), sz += double(z);
        if (image) {
          const double v = (*image)(x, y, z);
          sum += v, lo = std::min(lo, v), hi = std::max(hi, v);
        }
      }
  out[prefix + "VoxelNum"] = std::to_string(voxels);
  out[prefix + "VolumeNum"] = std::to_string(component_count(mask, box));
  const std::vector<double> centre{sx / double(voxels), sy / double(voxels), sz / double(voxels)};
  out[prefix + "CenterOfMassIndex"] = float_tuple(centre);
  out[prefix + "CenterOfMass"] = float_tuple(physical_point(mask.geometry(), centre));
  if (image) {
    out[prefix + "Mean"] = python_float_repr(sum / double(voxels));
    out[prefix + "Minimum"] = intensity_text(lo, integer_image);
    out[prefix + "Maximum"] = intensity_text(hi, integer_image);
  }
}

}  // namespace

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0.0) return std::signbit(value) ? "-0.0" : "0.0";
  // The shortest round-trip digits and exponent, then laid out by Python's rule (float_repr_style 'short').
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific).ptr;
  const std::string sci(buffer, end);  // e.g. "-3.057e+03"
  const auto e_at = sci.find('e');
  const bool negative = sci[0] == '-';
  std::string digits;
  for (std::size_t i = negative ? 1 : 0; i < e_at; ++i)
    if (sci[i] != '.') digits += sci[i];
  const int exponent = std::stoi(sci.substr(e_at + 1));
  std::string text;
  if (negative) text += '-';
  if (exponent < -4 || exponent >= 16) {
    text += digits[0];
    if (digits.size() > 1) text.append(".").append(digits, 1);
    text += fmt::format("e{}{:02d}", exponent < 0 ? '-' : '+', std::abs(exponent));
  } else if (exponent < 0) {
    text.append("0.").append(std::size_t(-exponent - 1), '0').append(digits);
  } else if (std::size_t(exponent) + 1 >= digits.size()) {
    text.append(digits).append(std::size_t(exponent) + 1 - digits.size(), '0').append(".0");
  } else {
    text.append(digits, 0, std::size_t(exponent) + 1).append(".").append(digits, std::size_t(exponent) + 1);
  }
  return text;
}

std::string pyradiomics_diagnostics(const CaseSource& source, const LoadedCase& loaded, const ProcessedRoi& processed,
                                    const Settings& settings) {
  Json out;
  out["diagnostics_Versions_voxfeat"] = engine_version;
  out["diagnostics_Configuration_Settings"] = one_line(settings.canonical_text());
  out["diagnostics_Configuration_EnabledImageTypes"] = "{'Original': {}}";

  const bool image_file = !std::filesystem::is_directory(source.image);
  const io::StoredPixelType image_type =
      image_file ? io::read_stored_pixel_type(source.image) : io::StoredPixelType{"float32", false, 0, 0, 4};
  const Volume<float>& image = loaded.image;
  // Image files: hashed while read, in their own voxel type. DICOM series: their decoded float32 values.
  out["diagnostics_Image-original_Hash"] =
      image_file ? loaded.image_sha1 : sha1_hex(image.data(), image.voxel_count() * sizeof(float));
  out["diagnostics_Image-original_Dimensionality"] = image.size()[2] == 1 ? "2D" : "3D";
  out["diagnostics_Image-original_Spacing"] = spacing(image.geometry());
  out["diagnostics_Image-original_Size"] = size_tuple(image.size());
  // Per-slice sums added in slice order: the same mean for any thread count.
  const Index3& n = image.size();
  const std::size_t plane = n[0] * n[1];
  std::vector<double> sums(n[2]), lows(n[2]), highs(n[2]);
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    double s = 0.0;
    float l = INFINITY, h = -INFINITY;
    for (const float* v = image.data() + z * plane; v != image.data() + (z + 1) * plane; ++v)
      s += *v, l = std::min(l, *v), h = std::max(h, *v);
    sums[z] = s, lows[z] = l, highs[z] = h;
  });
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  for (std::size_t z = 0; z < n[2]; ++z) sum += sums[z], lo = std::min(lo, lows[z]), hi = std::max(hi, highs[z]);
  out["diagnostics_Image-original_Mean"] = python_float_repr(sum / double(image.voxel_count()));
  out["diagnostics_Image-original_Minimum"] = intensity_text(lo, image_type.integer);
  out["diagnostics_Image-original_Maximum"] = intensity_text(hi, image_type.integer);

  // The label image's hash, taken while reading it (RTSTRUCT and SEG masks are not voxel arrays: none).
  const std::string& mask_hash = loaded.mask_sha1;
  const bool corrected = !loaded.uncorrected_mask.empty();
  add_mask(out, "diagnostics_Mask-original_", corrected ? loaded.uncorrected_mask : loaded.mask, nullptr, false,
           mask_hash);
  if (corrected) add_mask(out, "diagnostics_Mask-corrected_", loaded.mask, &image, image_type.integer, "");
  if (settings.interpolation.image != InterpolationMethod::none) {
    // On the resampled grid. voxfeat keeps the ROI's neighbourhood of it, not PyRadiomics' padded box, so only what
    // does not depend on that region is reported (no image statistics, sizes or box indices).
    out["diagnostics_Image-interpolated_Spacing"] = spacing(processed.image.geometry());
    Json mask;
    const bool integer = loaded.integer_pixels.has_value() && !settings.normalisation.enabled;
    add_mask(mask, "", processed.morphological_mask, &processed.image, integer, "");
    for (const char* key : {"Spacing", "VoxelNum", "VolumeNum", "CenterOfMass", "Mean", "Minimum", "Maximum"})
      out[std::string("diagnostics_Mask-interpolated_") + key] = mask[key];
  }
  return out.dump();
}

}  // namespace voxfeat::detail
