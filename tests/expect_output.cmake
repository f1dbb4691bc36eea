# Runs CMD (a ;-list) and fails unless it exits 0 and its standard output
# matches each of the regular expressions EXPECT1, EXPECT2, ... (one per
# variable: a regular expression's brackets would break a CMake list). Use:
#   cmake -DCMD="prog;arg;..." -DEXPECT1=re1 -DEXPECT2=re2 -P expect_output.cmake
# (PASS_REGULAR_EXPRESSION alone would ignore the exit status.)
execute_process(COMMAND ${CMD} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit status ${rc}; stderr:\n${err}")
endif()
foreach(i RANGE 1 9)
  if(DEFINED EXPECT${i} AND NOT out MATCHES "${EXPECT${i}}")
    message(FATAL_ERROR "standard output does not match '${EXPECT${i}}'")
  endif()
endforeach()
