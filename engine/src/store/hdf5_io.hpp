#pragma once
// Small RAII layer over the HDF5 C API: every hid_t is owned by an H5Id, every failed call becomes an IoError that
// names the file and the object. Strings are variable-length UTF-8 (h5dump prints them as text).
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace voxfeat::detail::h5 {

/// Owns one HDF5 identifier and closes it with the matching H5?close function.
class H5Id {
 public:
  using Closer = herr_t (*)(hid_t);
  H5Id() = default;
  H5Id(hid_t id, Closer closer) noexcept : m_id(id), m_closer(closer) {}
  H5Id(H5Id&& other) noexcept : m_id(std::exchange(other.m_id, H5I_INVALID_HID)), m_closer(other.m_closer) {}
  H5Id& operator=(H5Id&& other) noexcept {
    if (this != &other) {
      reset();
      m_id = std::exchange(other.m_id, H5I_INVALID_HID);
      m_closer = other.m_closer;
    }
    return *this;
  }
  H5Id(const H5Id&) = delete;
  H5Id& operator=(const H5Id&) = delete;
  ~H5Id() { reset(); }

  [[nodiscard]] hid_t get() const { return m_id; }
  /// Closes now and reports the result: closing a file is where HDF5 writes its metadata.
  herr_t close() noexcept {
    herr_t status = 0;
    if (m_id >= 0 && m_closer != nullptr) status = m_closer(m_id);
    m_id = H5I_INVALID_HID;
    return status;
  }
  void reset() noexcept { (void)close(); }

 private:
  hid_t m_id = H5I_INVALID_HID;
  Closer m_closer = nullptr;
};

/// Turns HDF5's automatic error printing off for the lifetime of the object (per thread in the thread-safe
/// library): failures are reported through IoError messages instead of a stack dump on stderr.
class QuietErrors {
 public:
  QuietErrors();
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t m_function = nullptr;
  void* m_data = nullptr;
};

/// One HDF5 file, opened for writing (created, truncated) or reading, with typed helpers.
class File {
 public:
  static File create(const std::filesystem::path& path);
  static File open_read(const std::filesystem::path& path);

  [[nodiscard]] hid_t root() const { return m_file.get(); }
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  /// Closes the file and throws IoError when HDF5 cannot finish writing it.
  void close();

  // Writing.
  H5Id create_group(hid_t parent, const std::string& name);
  void write_strings(hid_t group, const std::string& name, const std::vector<std::string>& values);
  void write_doubles(hid_t group, const std::string& name, const std::vector<double>& values);
  void write_u8(hid_t group, const std::string& name, const std::vector<std::uint8_t>& values);
  void write_u32(hid_t group, const std::string& name, const std::vector<std::uint32_t>& values);
  void set_string_attribute(hid_t object, const std::string& name, const std::string& value);
  void set_u64_attribute(hid_t object, const std::string& name, std::uint64_t value);

  // Reading.
  [[nodiscard]] bool has_link(hid_t group, const std::string& name) const;
  [[nodiscard]] H5Id open_group(hid_t parent, const std::string& name) const;
  [[nodiscard]] H5Id open_dataset(hid_t parent, const std::string& name) const;
  [[nodiscard]] std::vector<std::string> child_names(hid_t group) const;  ///< in name order
  [[nodiscard]] std::vector<std::string> read_strings(hid_t group, const std::string& name) const;
  [[nodiscard]] std::vector<double> read_doubles(hid_t group, const std::string& name) const;
  [[nodiscard]] std::vector<std::uint8_t> read_u8(hid_t group, const std::string& name) const;
  [[nodiscard]] std::vector<std::uint32_t> read_u32(hid_t group, const std::string& name) const;
  [[nodiscard]] bool has_attribute(hid_t object, const std::string& name) const;
  [[nodiscard]] std::string string_attribute(hid_t object, const std::string& name) const;
  [[nodiscard]] std::uint64_t u64_attribute(hid_t object, const std::string& name) const;

 private:
  File(std::filesystem::path path, H5Id file) : m_path(std::move(path)), m_file(std::move(file)) {}
  [[noreturn]] void fail(const std::string& what) const;
  H5Id check(hid_t id, H5Id::Closer closer, const std::string& what) const;
  void check(herr_t status, const std::string& what) const;
  std::size_t length_1d(hid_t dataset, const std::string& name) const;
  /// The unsigned-integer datasets: `file_type` on disk, `memory_type` the native type of T.
  template <class T>
  void write_unsigned(hid_t group, const std::string& name, const std::vector<T>& values, hid_t file_type,
                      hid_t memory_type);
  template <class T>
  std::vector<T> read_unsigned(hid_t group, const std::string& name, hid_t memory_type) const;

  std::filesystem::path m_path;
  H5Id m_file;
};

}  // namespace voxfeat::detail::h5
