# Every allocation of the library goes through src/alloc.c (systec__malloc,
# systec__calloc, systec__realloc, systec__free), so the fault-injection
# build can fail any of them: no other file of src/ calls the C library's
# allocator directly. Usage: cmake -DSRC=<src dir> -P check_alloc.cmake
file(GLOB sources ${SRC}/*.c ${SRC}/*.h)
set(bad "")
foreach(f ${sources})
  get_filename_component(name ${f} NAME)
  if(name STREQUAL "alloc.c")
    continue()
  endif()
  file(STRINGS ${f} lines REGEX "(^|[^_A-Za-z0-9])(malloc|calloc|realloc|free|strdup|strndup|aligned_alloc|posix_memalign)[ ]*\\(")
  foreach(l ${lines})
    string(STRIP "${l}" l)
    list(APPEND bad "${name}: ${l}")
  endforeach()
endforeach()
if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "allocations outside src/alloc.c:\n  ${bad}")
endif()
message(STATUS "every allocation of src/ goes through src/alloc.c")
