#pragma once
// What the contexts families compute in (RoiContext, ObjectContext) offer alike: intermediate products several
// families compute the same way (the zones GLSZM and GLDZM both count, the per-object measurements), made once.
#include <functional>
#include <memory>
#include <string>
#include <typeinfo>

namespace voxfeat {

class SharesProducts {
 public:
  virtual ~SharesProducts() = default;

  /// Made once per context: the first family to ask for `key` runs `make` (which returns a T); later and concurrent
  /// callers get the same object, a concurrent one helping with make's parallel loops while it waits. `key` names the
  /// product and every parameter it depends on; a key always names the same type T. Thread-safe.
  template <class T, class Make>
  [[nodiscard]] std::shared_ptr<const T> shared(const std::string& key, Make&& make) const {
    return std::static_pointer_cast<const T>(shared_product(
        key, typeid(T), [&]() -> std::shared_ptr<const void> { return std::make_shared<const T>(make()); }));
  }

 protected:
  /// The store behind shared(): the product of `key` (of type `type`), made by `make` on first use. This default
  /// keeps nothing (every call makes its own), for contexts that live for one family, such as test fixtures.
  [[nodiscard]] virtual std::shared_ptr<const void> shared_product(
      const std::string& /*key*/, const std::type_info& /*type*/,
      const std::function<std::shared_ptr<const void>()>& make) const {
    return make();
  }
};

}  // namespace voxfeat
