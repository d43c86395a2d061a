# Sourced by ./mvnw, ./capsim and .ci/run (POSIX sh): makes JAVA_HOME name a
# JDK 21 or newer. The project compiles with --release 21, and machines here
# ship an older default java beside a newer one under /usr/lib/jvm.

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
  for d in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(capsim_java_major "$d/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  [ "$capsim_noglob" = 0 ] || set -f
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(capsim_java_major "$d/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then best=$d; fi
  fi
  if [ -z "$best" ]; then
    echo "capsim: no JDK 21 or newer found (looked in JAVA_HOME, /usr/lib/jvm, /opt/java)." >&2
    echo "capsim: install one (e.g. 'apt-get install temurin-25-jdk' or 'openjdk-21-jdk') or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}

capsim_pick_jdk || exit 1

# Maven's own libraries touch sun.misc.Unsafe; JDK 24+ warns about it on every run.
if [ "$(capsim_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  case " ${MAVEN_OPTS-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
