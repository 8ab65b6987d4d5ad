#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "pseudonym/hmac_sha256.hpp"
#include "pseudonym/pseudonymiser.hpp"
#include "store/store_test_support.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace {

using voxfeat::KeyError;
using voxfeat::detail::hmac_sha256_hex;
using voxfeat::detail::Pseudonymiser;

const std::string test_key = "voxfeat-test-key-0123456789abcdef";  // 33 bytes

/// Runs f, expects a KeyError whose message contains every needle.
template <class F>
void expect_key_error(F f, std::initializer_list<std::string> needles) {
  try {
    f();
    FAIL() << "expected KeyError";
  } catch (const KeyError& e) {
    for (const auto& n : needles) EXPECT_NE(std::string(e.what()).find(n), std::string::npos) << e.what();
  }
}

TEST(Hmac, Rfc4231LargeKeyVectors) {
  // RFC 4231 section 4.7 and 4.8 (test cases 6 and 7): key = 131 bytes of 0xaa, HMAC-SHA-256.
  const std::string key(131, '\xaa');
  EXPECT_EQ(hmac_sha256_hex(key, "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(hmac_sha256_hex(key, "This is a test using a larger than block-size key and a larger than block-size "
                                 "data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(Pseudonymiser, MatchesOpensslCommandLine) {
  const voxfeat::test::ScopedTempDir scratch("pseudonym");
  const auto& dir = scratch.path;
  // The key file ends with a newline, which from_key_file drops (one only).
  const auto p = Pseudonymiser::from_key_file(voxfeat::test::write_key_file(dir, test_key + "\n"));
  // printf 'P-001' | openssl dgst -sha256 -hmac 'voxfeat-test-key-0123456789abcdef'   (OpenSSL 3.0, Debian 12)
  EXPECT_EQ(p.pseudonym("P-001"), "370d13fc9d6cab99af42a127d5d69eadf48779e6ea30e476bd456fdcddb13ec9");
  // printf 'voxfeat key fingerprint v1' | openssl dgst -sha256 -hmac 'voxfeat-test-key-0123456789abcdef'
  EXPECT_EQ(p.fingerprint(), "fd7f1f17554c4aa50ac0f9bc6fae33f5b668168a1ebad315f4aef1ffa2ae1525");
  EXPECT_FALSE(p.is_demo());
}

TEST(Pseudonymiser, NormalisesBeforeHashing) {
  EXPECT_EQ(Pseudonymiser::normalise("  p-001\t\n"), "P-001");
  EXPECT_EQ(Pseudonymiser::normalise("AbC xyz"), "ABC XYZ");  // inner white space is part of the id
  EXPECT_EQ(Pseudonymiser::normalise("\xc3\xa9t\xc3\xa9"), "\xc3\xa9T\xc3\xa9");  // non-ASCII bytes untouched
  EXPECT_EQ(Pseudonymiser::normalise("   "), "");
  const auto p = Pseudonymiser::demo();
  EXPECT_EQ(p.pseudonym(" p-001"), p.pseudonym("P-001"));
  EXPECT_NE(p.pseudonym("P-001"), p.pseudonym("P-002"));
  EXPECT_EQ(p.pseudonym(""), "");
  EXPECT_EQ(p.pseudonym(" \t"), "");
  EXPECT_EQ(p.pseudonym("P-001").size(), 64u);
}

TEST(Pseudonymiser, DemoKeyIsMarkedAndDiffersFromRealKeys) {
  const voxfeat::test::ScopedTempDir scratch("pseudonym");
  const auto& dir = scratch.path;
  const auto demo = Pseudonymiser::demo();
  const auto real = voxfeat::test::test_pseudonymiser(dir, test_key);
  EXPECT_TRUE(demo.is_demo());
  EXPECT_NE(demo.fingerprint(), real.fingerprint());
  EXPECT_NE(demo.pseudonym("P-001"), real.pseudonym("P-001"));
  EXPECT_EQ(Pseudonymiser::demo().fingerprint(), demo.fingerprint());  // fixed: demo stores can be merged
}

TEST(Pseudonymiser, RefusesShortMissingAndFolderKeys) {
  const voxfeat::test::ScopedTempDir scratch("pseudonym");
  const auto& dir = scratch.path;
  const auto short_key = voxfeat::test::write_key_file(dir, std::string(31, 'k') + "\n", "short.key");
  expect_key_error([&] { (void)Pseudonymiser::from_key_file(short_key); },
                   {short_key.string(), "31 bytes", "at least 32"});
  const auto missing = dir / "missing.key";
  expect_key_error([&] { (void)Pseudonymiser::from_key_file(missing); }, {missing.string(), "not found"});
  expect_key_error([&] { (void)Pseudonymiser::from_key_file(dir); }, {dir.string(), "folder"});
  // Exactly 32 bytes is enough.
  EXPECT_NO_THROW((void)Pseudonymiser::from_key_file(voxfeat::test::write_key_file(dir, std::string(32, 'k'))));
}

TEST(Pseudonymiser, ResolveOrder) {
  const voxfeat::test::ScopedTempDir scratch("pseudonym");
  const auto& dir = scratch.path;
  const auto option_key = voxfeat::test::write_key_file(dir, std::string(40, 'a'), "option.key");
  const auto env_key = voxfeat::test::write_key_file(dir, std::string(40, 'b'), "env.key");
  const char* saved = std::getenv("VOXFEAT_KEY_FILE");
  const std::string saved_value = saved ? saved : "";

  ::setenv("VOXFEAT_KEY_FILE", env_key.c_str(), 1);
  EXPECT_EQ(Pseudonymiser::resolve(option_key.string(), false).fingerprint(),
            Pseudonymiser::from_key_file(option_key).fingerprint());
  EXPECT_EQ(Pseudonymiser::resolve("", false).fingerprint(), Pseudonymiser::from_key_file(env_key).fingerprint());
  ::setenv("VOXFEAT_KEY_FILE", (dir / "gone.key").c_str(), 1);
  expect_key_error([&] { (void)Pseudonymiser::resolve("", true); }, {"gone.key"});  // a named key never falls back

  ::unsetenv("VOXFEAT_KEY_FILE");
  EXPECT_TRUE(Pseudonymiser::resolve("", true).is_demo());
  expect_key_error([&] { (void)Pseudonymiser::resolve("", false); },
                   {"--key-file", "VOXFEAT_KEY_FILE", "--demo-key"});

  if (saved) ::setenv("VOXFEAT_KEY_FILE", saved_value.c_str(), 1);
}

}  // namespace
