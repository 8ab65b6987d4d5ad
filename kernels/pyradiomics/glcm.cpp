#include "pyradiomics/glcm.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <numbers>
#include <numeric>

#include <Eigen/Eigenvalues>
#include <tbb/parallel_for.h>

#include "texture/glcm.hpp"

namespace voxfeat::kernels::pyradiomics {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();  // numpy.spacing(1), in every log2(x + eps)
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<double GlcmFeatures::*, 24> all_fields{
    &GlcmFeatures::autocorrelation,     &GlcmFeatures::joint_average,      &GlcmFeatures::cluster_prominence,
    &GlcmFeatures::cluster_shade,       &GlcmFeatures::cluster_tendency,   &GlcmFeatures::contrast,
    &GlcmFeatures::correlation,         &GlcmFeatures::difference_average, &GlcmFeatures::difference_entropy,
    &GlcmFeatures::difference_variance, &GlcmFeatures::joint_energy,       &GlcmFeatures::joint_entropy,
    &GlcmFeatures::imc1,                &GlcmFeatures::imc2,               &GlcmFeatures::idm,
    &GlcmFeatures::mcc,                 &GlcmFeatures::idmn,               &GlcmFeatures::id,
    &GlcmFeatures::idn,                 &GlcmFeatures::inverse_variance,   &GlcmFeatures::maximum_probability,
    &GlcmFeatures::sum_average,         &GlcmFeatures::sum_entropy,        &GlcmFeatures::sum_squares};

double entropy_term(double p) { return p * std::log2(p + eps); }

/// The eigenvalues of Q(i, j) = Σ_k p(i, k) p(j, k) / (p_x(i) p_y(k) + eps) (glcm.py, getMCCFeatureValue), Q built
/// as the product of the weighted and the plain matrix (Eigen's blocked product: the O(n³) part stays fast).
Eigen::VectorXcd mcc_eigenvalues(std::span<const double> p, std::span<const double> px, std::span<const double> py) {
  const auto n = Eigen::Index(px.size());
  Eigen::MatrixXd plain(n, n), weighted(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index k = 0; k < n; ++k) {
      plain(i, k) = p[std::size_t(i * n + k)];
      weighted(i, k) = plain(i, k) / (px[std::size_t(i)] * py[std::size_t(k)] + eps);
    }
  const Eigen::MatrixXd q = weighted * plain.transpose();
  return Eigen::EigenSolver<Eigen::MatrixXd>(q, false).eigenvalues();
}

/// Every feature of one angle's normalised matrix but MCC (its eigenvalues go to `eigenvalues`).
GlcmFeatures angle_features(std::span<const double> p, std::span<const double> g, int ng,
                            Eigen::VectorXcd& eigenvalues) {
  GlcmFeatures f{};
  const std::size_t n = g.size();
  if (std::isnan(p[0])) {  // an empty matrix divided by a NaN sum: numpy gives NaN for every feature
    for (const auto field : all_fields) f.*field = nan;
    return f;
  }
  std::vector<double> px(n, 0.0), py(n, 0.0);
  std::vector<double> sum_p(2 * std::size_t(ng) - 1, 0.0);   // p_{x+y}(k), k = 2 … 2 Ng
  std::vector<double> diff_p(std::size_t(ng), 0.0);          // p_{x−y}(k), k = 0 … Ng − 1
  double ux = 0, uy = 0, hxy = 0;
  f.maximum_probability = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const double v = p[i * n + j];
      px[i] += v, py[j] += v;
      ux += g[i] * v, uy += g[j] * v;
      sum_p[std::size_t(g[i] + g[j]) - 2] += v;
      diff_p[std::size_t(std::abs(g[i] - g[j]))] += v;
      hxy -= entropy_term(v);
      f.autocorrelation += v * g[i] * g[j];
      f.contrast += v * (g[i] - g[j]) * (g[i] - g[j]);
      f.joint_energy += v * v;
      f.maximum_probability = std::max(f.maximum_probability, v);
    }
  f.joint_average = ux;
  f.joint_entropy = hxy;
  double var_x = 0, var_y = 0, covariance = 0, hxy1 = 0, hxy2 = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const double v = p[i * n + j], t = g[i] + g[j] - ux - uy;
      f.cluster_tendency += v * t * t;
      f.cluster_shade += v * t * t * t;
      f.cluster_prominence += v * t * t * t * t;
      var_x += v * (g[i] - ux) * (g[i] - ux);
      var_y += v * (g[j] - uy) * (g[j] - uy);
      covariance += v * (g[i] - ux) * (g[j] - uy);
      hxy1 -= v * std::log2(px[i] * py[j] + eps);
      hxy2 -= entropy_term(px[i] * py[j]);
    }
  f.sum_squares = var_x;
  // Correlation: 1 where σx σy = 0 (a flat region); eps in the denominator as glcm.py has it.
  const double sigma_xy = std::sqrt(var_x) * std::sqrt(var_y);
  f.correlation = sigma_xy == 0 ? 1.0 : covariance / (sigma_xy + eps);
  double hx = 0, hy = 0;
  for (std::size_t i = 0; i < n; ++i) hx -= entropy_term(px[i]), hy -= entropy_term(py[i]);
  // Imc1 = 0 where both marginal entropies are 0; numpy.fmax ignores a NaN.
  const double div = std::fmax(hx, hy);
  f.imc1 = div == 0 ? 0.0 : (hxy - hxy1) / div;
  // Imc2: 0 where HXY2 = HXY; NaN (skipped by nanmean) where round-off makes HXY > HXY2.
  f.imc2 = hxy2 == hxy ? 0.0 : std::sqrt(1.0 - std::pow(std::numbers::e, -2.0 * (hxy2 - hxy)));
  for (std::size_t k = 0; k < diff_p.size(); ++k) {
    const double d = diff_p[k], kk = double(k);
    f.difference_average += kk * d;
    f.difference_entropy -= entropy_term(d);
    f.idm += d / (1.0 + kk * kk);
    f.idmn += d / (1.0 + kk * kk / (double(ng) * double(ng)));
    f.id += d / (1.0 + kk);
    f.idn += d / (1.0 + kk / double(ng));
    if (k > 0) f.inverse_variance += d / (kk * kk);
  }
  for (std::size_t k = 0; k < diff_p.size(); ++k)
    f.difference_variance += diff_p[k] * (double(k) - f.difference_average) * (double(k) - f.difference_average);
  for (std::size_t k = 0; k < sum_p.size(); ++k) {
    f.sum_average += double(k + 2) * sum_p[k];
    f.sum_entropy -= entropy_term(sum_p[k]);
  }
  if (n >= 2) eigenvalues = mcc_eigenvalues(p, px, py);
  return f;
}

/// MCC per angle: the square root of the second largest eigenvalue, as numpy takes it. numpy.linalg.eigvals returns
/// real eigenvalues only when every eigenvalue of every angle is real; then a negative one gives NaN (skipped by
/// nanmean), else eigenvalues sort by real, then imaginary part and the real part of the complex root is kept.
std::vector<double> mcc_per_angle(const std::vector<Eigen::VectorXcd>& eigenvalues) {
  bool all_real = true;
  for (const auto& w : eigenvalues)
    for (const auto& z : w) all_real = all_real && z.imag() == 0.0;
  std::vector<double> mcc;
  for (const auto& w : eigenvalues) {
    if (w.size() < 2) {  // a NaN matrix: numpy's eigvals refuses it and PyRadiomics reports NaN
      mcc.push_back(nan);
      continue;
    }
    std::vector<std::complex<double>> sorted(w.begin(), w.end());
    std::sort(sorted.begin(), sorted.end(), [](const std::complex<double>& a, const std::complex<double>& b) {
      return a.real() != b.real() ? a.real() < b.real() : a.imag() < b.imag();
    });
    const std::complex<double> second = sorted[sorted.size() - 2];
    mcc.push_back(all_real ? std::sqrt(second.real()) : std::sqrt(second).real());
  }
  return mcc;
}

}  // namespace

AngleMatrices glcm_matrices(const GreyLevels& levels, const GlcmSettings& s) {
  const auto offsets = angles(levels.extent, s.distances, s.force2d_dimension, false);
  AngleMatrices m{levels.present.size(), levels.present.size(), {}};
  m.values.assign(offsets.size() * m.rows * m.cols, 0.0);
  if (!offsets.empty()) {
    const auto counts = texture::glcm_matrices(scope_of(levels), texture_offsets(offsets),
                                               std::uint32_t(levels.ng), s.symmetrical);
    const auto row = rows_of_levels(levels.present, levels.ng);
    for (std::size_t a = 0; a < counts.size(); ++a)
      for (const auto& e : counts[a].entries())
        m.angle(a)[std::size_t(row[e.row + 1]) * m.cols + std::size_t(row[e.col + 1])] = double(e.count);
  }
  if (s.weighting != WeightingNorm::none && m.angle_count() > 0) {
    std::vector<double> weights;
    for (const Offset& o : offsets) {
      const double length = angle_length(o, levels.spacing, s.weighting);
      weights.push_back(std::exp(-length * length));
    }
    sum_weighted_angles(m, weights);
  }
  drop_empty_angles(m);
  for (std::size_t a = 0; a < m.angle_count(); ++a) {
    const auto p = m.angle(a);
    double sum = std::accumulate(p.begin(), p.end(), 0.0);
    if (sum == 0) sum = nan;
    for (double& v : p) v /= sum;
  }
  return m;
}

GlcmFeatures glcm_features(const AngleMatrices& p, std::span<const int> present, int ng) {
  const std::size_t n = p.angle_count();
  const std::vector<double> g(present.begin(), present.end());
  std::vector<GlcmFeatures> per_angle(n);
  std::vector<Eigen::VectorXcd> eigenvalues(n);
  tbb::parallel_for(std::size_t(0), n,
                    [&](std::size_t a) { per_angle[a] = angle_features(p.angle(a), g, ng, eigenvalues[a]); });

  GlcmFeatures f = nanmean_per_field<GlcmFeatures>(per_angle, all_fields);
  // JointAverage is ux.mean() in glcm.py: a NaN angle is not skipped.
  double sum = 0;
  for (const auto& x : per_angle) sum += x.joint_average;
  f.joint_average = n ? sum / double(n) : nan;
  // MCC: 1 for a single grey level (a 1 × 1 matrix has one eigenvalue), whatever the angles.
  f.mcc = present.size() < 2 ? 1.0 : nanmean(mcc_per_angle(eigenvalues));
  return f;
}

}  // namespace voxfeat::kernels::pyradiomics
