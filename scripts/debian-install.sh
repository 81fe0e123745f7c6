#!/bin/sh
# debian-install.sh WHAT PACKAGE...: install Debian packages when run as root (updating the
# package lists once if the first try fails), otherwise say what is missing and how to get it.
# The Makefile calls it for system libraries and tools that pip and npm do not provide.
what=$1
shift
if [ "$(id -u)" = 0 ]; then
  echo "Installing $what ..."
  apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && apt-get install -y -qq "$@" >/dev/null; }
else
  echo "$what is missing: apt-get install $*"
fi
