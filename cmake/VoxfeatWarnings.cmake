# Warnings for our own targets only; third-party headers come in as SYSTEM includes (TOOLCHAIN.md, trap 3).
add_library(voxfeat_warnings INTERFACE)
target_compile_options(voxfeat_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX,C>:-Wall -Wextra -Wpedantic>
  $<$<AND:$<COMPILE_LANGUAGE:CXX,C>,$<BOOL:${VOXFEAT_WERROR}>>:-Werror>)
