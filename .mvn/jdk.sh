# Sourced by ./mvnw, ./capsim and .ci/run (POSIX sh): makes JAVA_HOME name a
# JDK 21 or newer. The project compiles with --release 21, and machines here
# ship an older default java beside a newer one under /usr/lib/jvm.
# Exits 5 when there is none: launcher failures use codes 5 and up, never the
# codes 0-4 of capsim itself (see the README).
CAPSIM_EXIT_NO_JDK=5

capsim_java_major() {
  # Prints the feature version of the java binary given as $1 (e.g. 17, 21, 25).
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

capsim_pick_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(capsim_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  best=""; bestv=0
  # mvnw runs under "set -f"; globbing is needed for the search.
  case $- in *f*) capsim_noglob=1; set +f ;; *) capsim_noglob=0 ;; esac
  # CAPSIM_JVM_DIRS replaces the directories searched (tests use it to stage a machine without a JDK).
  for r in ${CAPSIM_JVM_DIRS:-/usr/lib/jvm /opt/java /usr/local/lib/jvm}; do
    for d in "$r"/*; do
      [ -x "$d/bin/javac" ] || continue
      v=$(capsim_java_major "$d/bin/java")
      [ -n "$v" ] || continue
      if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
    done
  done
  [ "$capsim_noglob" = 0 ] || set -f
  if [ -z "$best" ] && [ -z "${CAPSIM_JVM_DIRS-}" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(capsim_java_major "$d/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then best=$d; fi
  fi
  if [ -z "$best" ]; then
    echo "capsim: no JDK 21 or newer found (looked in JAVA_HOME, ${CAPSIM_JVM_DIRS:-/usr/lib/jvm, /opt/java, /usr/local/lib/jvm} and PATH)." >&2
    echo "capsim: Debian 12 packages only openjdk-17; install Temurin 21 from Adoptium's apt repository (as root):" >&2
    echo "  apt-get install -y wget gpg" >&2
    echo "  wget -qO- https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor > /usr/share/keyrings/adoptium.gpg" >&2
    echo "  echo 'deb [signed-by=/usr/share/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb bookworm main' > /etc/apt/sources.list.d/adoptium.list" >&2
    echo "  apt-get update && apt-get install -y temurin-21-jdk" >&2
    echo "capsim: (Debian 13 and Ubuntu 24.04: apt-get install openjdk-21-jdk.) Or unpack a JDK 21+ from https://adoptium.net and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}

capsim_pick_jdk || exit $CAPSIM_EXIT_NO_JDK

# Maven's own libraries touch sun.misc.Unsafe; JDK 24+ warns about it on every run.
if [ "$(capsim_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  case " ${MAVEN_OPTS-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi

# A bare environment (no LANG, LC_ALL or LC_CTYPE) makes the JVM decode file
# names and arguments as ASCII, so a scenario named 'héllo.scn' cannot even be
# named. Give the JVM glibc's built-in C.UTF-8 unless the locale is UTF-8.
capsim_utf8_locale() {
  case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*) ;;
    *) LC_ALL=C.UTF-8; export LC_ALL ;;
  esac
}
