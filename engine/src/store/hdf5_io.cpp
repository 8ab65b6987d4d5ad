#include "store/hdf5_io.hpp"

#include <cstring>

#include "voxfeat/error.hpp"

namespace voxfeat::detail::h5 {
namespace {

H5Id string_type() {
  H5Id type(H5Tcopy(H5T_C_S1), &H5Tclose);
  if (type.get() < 0 || H5Tset_size(type.get(), H5T_VARIABLE) < 0 || H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0)
    throw IoError("HDF5: cannot make the variable-length string type");
  return type;
}

/// The deepest message of HDF5's error stack (the one naming the actual cause), or empty.
std::string hdf5_cause() {
  std::string cause;
  const auto walker = [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
    auto* out = static_cast<std::string*>(data);
    if (e->desc != nullptr && *e->desc != '\0') *out = e->desc;  // walking downward: the last one is the innermost
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, walker, &cause);
  H5Eclear2(H5E_DEFAULT);
  return cause;
}

/// Frees what HDF5 allocated for variable-length strings. Debian's 1.10.8 declares H5Treclaim but does not export
/// it; H5Dvlen_reclaim is its 1.10 name.
herr_t reclaim_strings(hid_t type, hid_t space, void* buffer) {
#if H5_VERSION_GE(1, 12, 0)
  return H5Treclaim(type, space, H5P_DEFAULT, buffer);
#else
  return H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer);
#endif
}

H5Id file_access_properties() {
  H5Id fapl(H5Pcreate(H5P_FILE_ACCESS), &H5Pclose);
  if (fapl.get() < 0) throw IoError("HDF5: cannot create file access properties");
  // Published stores are never modified in place (they are replaced by rename), so HDF5's own file lock protects
  // nothing; turning it off lets readers work on cluster file systems without flock (NFS, Lustre).
  H5Pset_file_locking(fapl.get(), false, true);
  // STRONG: H5Fclose closes everything and fails loudly instead of leaving the file open behind a leaked id.
  H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG);
  return fapl;
}

}  // namespace

QuietErrors::QuietErrors() {
  H5Eget_auto2(H5E_DEFAULT, &m_function, &m_data);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, m_function, m_data); }

File File::create(const std::filesystem::path& path) {
  const H5Id fapl = file_access_properties();
  const hid_t id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get());
  if (id < 0) throw IoError(path.string() + ": cannot create HDF5 file (" + hdf5_cause() + ")");
  return File(path, H5Id(id, &H5Fclose));
}

File File::open_read(const std::filesystem::path& path) {
  const H5Id fapl = file_access_properties();
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get());
  if (id < 0) throw IoError(path.string() + ": not a readable HDF5 file (" + hdf5_cause() + ")");
  return File(path, H5Id(id, &H5Fclose));
}

void File::close() {
  if (m_file.close() < 0) fail("cannot finish writing the file");
}

void File::fail(const std::string& what) const {
  const std::string cause = hdf5_cause();
  throw IoError(m_path.string() + ": HDF5: " + what + (cause.empty() ? "" : " (" + cause + ")"));
}

H5Id File::check(hid_t id, H5Id::Closer closer, const std::string& what) const {
  if (id < 0) fail(what);
  return H5Id(id, closer);
}

void File::check(herr_t status, const std::string& what) const {
  if (status < 0) fail(what);
}

H5Id File::create_group(hid_t parent, const std::string& name) {
  return check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), &H5Gclose,
               "cannot create group " + name);
}

void File::write_strings(hid_t group, const std::string& name, const std::vector<std::string>& values) {
  const H5Id type = string_type();
  const hsize_t n = values.size();
  const H5Id space = check(H5Screate_simple(1, &n, nullptr), &H5Sclose, "cannot create dataspace for " + name);
  const H5Id dataset = check(H5Dcreate2(group, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                                        H5P_DEFAULT),
                             &H5Dclose, "cannot create dataset " + name);
  if (values.empty()) return;
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& v : values) pointers.push_back(v.c_str());
  check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        "cannot write dataset " + name);
}

void File::write_doubles(hid_t group, const std::string& name, const std::vector<double>& values) {
  const hsize_t n = values.size();
  const H5Id space = check(H5Screate_simple(1, &n, nullptr), &H5Sclose, "cannot create dataspace for " + name);
  const H5Id dataset = check(H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT,
                                        H5P_DEFAULT),
                             &H5Dclose, "cannot create dataset " + name);
  if (values.empty()) return;
  check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "cannot write dataset " + name);
}

template <class T>
void File::write_unsigned(hid_t group, const std::string& name, const std::vector<T>& values, hid_t file_type,
                          hid_t memory_type) {
  const hsize_t n = values.size();
  const H5Id space = check(H5Screate_simple(1, &n, nullptr), &H5Sclose, "cannot create dataspace for " + name);
  const H5Id dataset = check(H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT,
                                        H5P_DEFAULT),
                             &H5Dclose, "cannot create dataset " + name);
  if (values.empty()) return;
  check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "cannot write dataset " + name);
}

void File::write_u8(hid_t group, const std::string& name, const std::vector<std::uint8_t>& values) {
  write_unsigned(group, name, values, H5T_STD_U8LE, H5T_NATIVE_UINT8);
}

void File::write_u32(hid_t group, const std::string& name, const std::vector<std::uint32_t>& values) {
  write_unsigned(group, name, values, H5T_STD_U32LE, H5T_NATIVE_UINT32);
}

void File::set_string_attribute(hid_t object, const std::string& name, const std::string& value) {
  const H5Id type = string_type();
  const H5Id space = check(H5Screate(H5S_SCALAR), &H5Sclose, "cannot create scalar dataspace");
  const H5Id attribute = check(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                               &H5Aclose, "cannot create attribute " + name);
  const char* text = value.c_str();
  check(H5Awrite(attribute.get(), type.get(), &text), "cannot write attribute " + name);
}

void File::set_u64_attribute(hid_t object, const std::string& name, std::uint64_t value) {
  const H5Id space = check(H5Screate(H5S_SCALAR), &H5Sclose, "cannot create scalar dataspace");
  const H5Id attribute = check(
      H5Acreate2(object, name.c_str(), H5T_STD_U64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), &H5Aclose,
      "cannot create attribute " + name);
  check(H5Awrite(attribute.get(), H5T_NATIVE_UINT64, &value), "cannot write attribute " + name);
}

bool File::has_link(hid_t group, const std::string& name) const {
  const htri_t exists = H5Lexists(group, name.c_str(), H5P_DEFAULT);
  if (exists < 0) fail("cannot look up " + name);
  return exists > 0;
}

H5Id File::open_group(hid_t parent, const std::string& name) const {
  if (!has_link(parent, name)) fail("missing group " + name);
  return check(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), &H5Gclose, "cannot open group " + name);
}

H5Id File::open_dataset(hid_t parent, const std::string& name) const {
  if (!has_link(parent, name)) fail("missing dataset " + name);
  return check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), &H5Dclose, "cannot open dataset " + name);
}

std::vector<std::string> File::child_names(hid_t group) const {
  std::vector<std::string> names;
  const auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), "cannot list group members");
  return names;
}

std::size_t File::length_1d(hid_t dataset, const std::string& name) const {
  const H5Id space = check(H5Dget_space(dataset), &H5Sclose, "cannot read the shape of " + name);
  if (H5Sget_simple_extent_ndims(space.get()) != 1) fail(name + " is not one-dimensional");
  hsize_t n = 0;
  check(H5Sget_simple_extent_dims(space.get(), &n, nullptr), "cannot read the shape of " + name);
  return std::size_t(n);
}

std::vector<std::string> File::read_strings(hid_t group, const std::string& name) const {
  const H5Id dataset = open_dataset(group, name);
  const H5Id file_type = check(H5Dget_type(dataset.get()), &H5Tclose, "cannot read the type of " + name);
  if (H5Tget_class(file_type.get()) != H5T_STRING || H5Tis_variable_str(file_type.get()) <= 0)
    fail(name + " is not a variable-length string dataset");
  const std::size_t n = length_1d(dataset.get(), name);
  std::vector<std::string> values;
  if (n == 0) return values;
  const H5Id type = string_type();
  const H5Id space = check(H5Dget_space(dataset.get()), &H5Sclose, "cannot read the shape of " + name);
  std::vector<char*> pointers(n, nullptr);
  check(H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        "cannot read dataset " + name);
  values.reserve(n);
  for (const char* p : pointers) values.emplace_back(p == nullptr ? "" : p);
  reclaim_strings(type.get(), space.get(), pointers.data());
  return values;
}

std::vector<double> File::read_doubles(hid_t group, const std::string& name) const {
  const H5Id dataset = open_dataset(group, name);
  const H5Id file_type = check(H5Dget_type(dataset.get()), &H5Tclose, "cannot read the type of " + name);
  if (H5Tget_class(file_type.get()) != H5T_FLOAT) fail(name + " is not a floating-point dataset");
  std::vector<double> values(length_1d(dataset.get(), name));
  if (values.empty()) return values;
  check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "cannot read dataset " + name);
  return values;
}

template <class T>
std::vector<T> File::read_unsigned(hid_t group, const std::string& name, hid_t memory_type) const {
  const H5Id dataset = open_dataset(group, name);
  const H5Id file_type = check(H5Dget_type(dataset.get()), &H5Tclose, "cannot read the type of " + name);
  if (H5Tget_class(file_type.get()) != H5T_INTEGER) fail(name + " is not an integer dataset");
  std::vector<T> values(length_1d(dataset.get(), name));
  if (values.empty()) return values;
  check(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "cannot read dataset " + name);
  return values;
}

std::vector<std::uint8_t> File::read_u8(hid_t group, const std::string& name) const {
  return read_unsigned<std::uint8_t>(group, name, H5T_NATIVE_UINT8);
}

std::vector<std::uint32_t> File::read_u32(hid_t group, const std::string& name) const {
  return read_unsigned<std::uint32_t>(group, name, H5T_NATIVE_UINT32);
}

bool File::has_attribute(hid_t object, const std::string& name) const {
  const htri_t exists = H5Aexists(object, name.c_str());
  if (exists < 0) fail("cannot look up attribute " + name);
  return exists > 0;
}

std::string File::string_attribute(hid_t object, const std::string& name) const {
  if (!has_attribute(object, name)) fail("missing attribute " + name);
  const H5Id attribute = check(H5Aopen(object, name.c_str(), H5P_DEFAULT), &H5Aclose, "cannot open attribute " + name);
  const H5Id file_type = check(H5Aget_type(attribute.get()), &H5Tclose, "cannot read the type of attribute " + name);
  if (H5Tget_class(file_type.get()) != H5T_STRING || H5Tis_variable_str(file_type.get()) <= 0)
    fail("attribute " + name + " is not a variable-length string");
  const H5Id space = check(H5Aget_space(attribute.get()), &H5Sclose, "cannot read the shape of attribute " + name);
  if (H5Sget_simple_extent_npoints(space.get()) != 1) fail("attribute " + name + " is not a scalar");
  const H5Id type = string_type();
  char* text = nullptr;
  check(H5Aread(attribute.get(), type.get(), &text), "cannot read attribute " + name);
  std::string value = text == nullptr ? "" : text;
  reclaim_strings(type.get(), space.get(), &text);
  return value;
}

std::uint64_t File::u64_attribute(hid_t object, const std::string& name) const {
  if (!has_attribute(object, name)) fail("missing attribute " + name);
  const H5Id attribute = check(H5Aopen(object, name.c_str(), H5P_DEFAULT), &H5Aclose, "cannot open attribute " + name);
  const H5Id file_type = check(H5Aget_type(attribute.get()), &H5Tclose, "cannot read the type of attribute " + name);
  if (H5Tget_class(file_type.get()) != H5T_INTEGER) fail("attribute " + name + " is not an integer");
  std::uint64_t value = 0;
  check(H5Aread(attribute.get(), H5T_NATIVE_UINT64, &value), "cannot read attribute " + name);
  return value;
}

}  // namespace voxfeat::detail::h5
