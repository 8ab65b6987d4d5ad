#include "pyradiomics/square_contour.hpp"

#include <cmath>
#include <stdexcept>

#include "pyradiomics/marching_tables.hpp"

namespace voxfeat::kernels::pyradiomics {

PlaneAxes plane_axes(int normal_axis) {
  // numpy's axis order is (z, y, x): of the two remaining voxfeat axes, the larger index is numpy's slower one.
  PlaneAxes p;
  p.row = normal_axis == 2 ? 1 : 2;
  p.column = normal_axis == 0 ? 1 : 0;
  return p;
}

ContourSums square_contour_sums(const PaddedRoi& roi, int normal_axis) {
  ContourSums sums;
  if (roi.empty()) return sums;
  if (roi.box_size(normal_axis) != 1) throw std::invalid_argument("square_contour_sums: the ROI is not one plane");
  const PlaneAxes axes = plane_axes(normal_axis);
  const auto r_axis = std::size_t(axes.row), c_axis = std::size_t(axes.column);
  const View3<std::uint8_t> v = roi.view();
  const auto pixel = [&](std::size_t r, std::size_t c) {
    std::array<std::size_t, 3> at{1, 1, 1};  // the ROI's plane is the middle one of the padded three
    at[r_axis] = r, at[c_axis] = c;
    return v(at[0], at[1], at[2]) != 0;
  };
  const double s_row = v.spacing[r_axis], s_col = v.spacing[c_axis];
  const auto& segments = square_segments();
  for (std::size_t iy = 0; iy + 1 < v.extent[r_axis]; ++iy)
    for (std::size_t ix = 0; ix + 1 < v.extent[c_axis]; ++ix) {
      unsigned index = 0;
      for (std::size_t k = 0; k < 4; ++k)
        index |= unsigned(pixel(iy + std::size_t(k_square_corner[k][0]), ix + std::size_t(k_square_corner[k][1]))) << k;
      const auto vertex = [&](std::int8_t edge) {
        const auto& ends = k_square_edge[std::size_t(edge)];
        const auto& p = k_square_corner[std::size_t(ends[0])];
        const auto& q = k_square_corner[std::size_t(ends[1])];
        return std::array<double, 2>{(double(iy) + 0.5 * (p[0] + q[0])) * s_row,
                                     (double(ix) + 0.5 * (p[1] + q[1])) * s_col};
      };
      const auto& row = segments[index];
      for (std::size_t t = 0; t < row.size() && row[t] >= 0; t += 2) {
        const auto a = vertex(row[t]), b = vertex(row[t + 1]);
        sums.surface += a[0] * b[1] - b[0] * a[1];
        const double dr = a[0] - b[0], dc = a[1] - b[1];
        sums.perimeter += std::sqrt(dr * dr + dc * dc);
      }
    }
  sums.surface /= 2.0;
  return sums;
}

}  // namespace voxfeat::kernels::pyradiomics
