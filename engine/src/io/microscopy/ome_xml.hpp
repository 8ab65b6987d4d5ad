#pragma once
// The part of an OME-TIFF's OME-XML (ImageDescription of the first IFD) that says where a plane is and how large a
// pixel is: the first Image's Pixels element and its TiffData children. A small scanner, not a general XML parser:
// it reads elements and attributes and skips comments, processing instructions and CDATA, which is all this needs.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace voxfeat::io::microscopy {

/// One TiffData element: PlaneCount planes, starting at plane (FirstC, FirstZ, FirstT), stored from IFD on, in the
/// file UUID's FileName names (this file when absent).
struct OmeTiffData {
  std::size_t ifd = 0, first_c = 0, first_z = 0, first_t = 0;
  std::optional<std::size_t> plane_count;  ///< absent: 1 when IFD is given, else every plane (OME's defaults)
  bool ifd_given = false;
  std::optional<std::string> file_name;
};

struct OmePixels {
  std::size_t size_x = 0, size_y = 0, size_c = 1, size_z = 1, size_t_points = 1;
  std::string dimension_order;  ///< "XY" followed by C, Z and T in some order; the first varies fastest
  std::optional<double> pixel_size_x_um, pixel_size_y_um;
  std::vector<OmeTiffData> tiff_data;
};

/// True when an ImageDescription holds OME-XML (an OME root element).
bool is_ome_xml(std::string_view description);

/// Reads the first Image's Pixels. Throws IoError naming `file` when the XML lacks what OME requires (sizes,
/// DimensionOrder) or holds unparsable numbers, InputError for a pixel size that is not a positive length in a
/// known unit.
OmePixels parse_ome_pixels(std::string_view xml, const std::filesystem::path& file);

/// The IFD holding OME channel `channel` at z and t, from TiffData or, without TiffData, OME's default (IFD = plane
/// index in DimensionOrder). An IFD holds `samples_per_ifd` consecutive channels (3 for an RGB IFD; SizeC counts
/// them all), so plane indices count channels in steps of it. Throws IoError when TiffData maps the plane to another
/// file of a multi-file OME-TIFF or to no IFD.
std::size_t ifd_of_plane(const OmePixels& pixels, std::size_t channel, std::size_t z, std::size_t t,
                         std::size_t samples_per_ifd, const std::filesystem::path& file);

}  // namespace voxfeat::io::microscopy
