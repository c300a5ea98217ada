// libhyphen (package libhyphen-dev) ships no pkg-config file: the modulemap links it.
#include <hyphen.h>
