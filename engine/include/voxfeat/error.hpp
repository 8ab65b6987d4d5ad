#pragma once
// Error types of voxfeat. Every message names what failed (file, case, field) and why, so that a batch log line
// is enough to fix the input without a debugger.
#include <stdexcept>
#include <string>

namespace voxfeat {

/// Base of every error voxfeat throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A file could not be read or written, or its content is not what the format promises.
class IoError : public Error {
 public:
  using Error::Error;
};

/// The input is readable but unusable: geometry mismatch, empty mask, NaN voxels, absent label.
class InputError : public Error {
 public:
  using Error::Error;
};

/// A settings file, manifest or command line is invalid.
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// A pseudonymisation key is missing, too short, or not the key a store was started with.
class KeyError : public Error {
 public:
  using Error::Error;
};

}  // namespace voxfeat
