#pragma once
// The store behind RoiContext::shared and ObjectContext::shared: products several families compute the same way,
// made once per ROI or image. Collaborative: a family asking for a product another is making joins that
// computation's parallel loops instead of blocking its thread (std::call_once would leave a core idle).
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <typeinfo>

#include <tbb/collaborative_call_once.h>

namespace voxfeat::detail {

class SharedProducts {
 public:
  /// The product of `key` (of type `type`), made by `make` on first use; a key asked for with another type is a
  /// programming error (std::logic_error).
  std::shared_ptr<const void> get(const std::string& key, const std::type_info& type,
                                  const std::function<std::shared_ptr<const void>()>& make) const {
    Product* product = nullptr;
    {
      const std::lock_guard lock(m_mutex);
      std::unique_ptr<Product>& slot = m_products[key];
      if (!slot) slot = std::make_unique<Product>(type);
      product = slot.get();  // stays put while other keys are added
    }
    if (product->type != std::type_index(type))
      throw std::logic_error("shared product '" + key + "' was requested with another type");
    tbb::collaborative_call_once(product->once, [&] { product->value = make(); });
    return product->value;
  }

 private:
  struct Product {
    explicit Product(const std::type_info& t) : type(t) {}
    std::type_index type;
    tbb::collaborative_once_flag once;
    std::shared_ptr<const void> value;
  };
  mutable std::mutex m_mutex;  // guards the map only; a product is made under its own once flag
  mutable std::map<std::string, std::unique_ptr<Product>> m_products;
};

}  // namespace voxfeat::detail
