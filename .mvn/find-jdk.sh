# Sourced by ./mvnw: points JAVA_HOME at a JDK 25 or newer, so that the build works where the default
# `java` is older (JDK 17 here) and nobody exported JAVA_HOME. Stops with what to install when none is found.
set +f # mvnw runs with globbing off; the search below needs it
__jdk_major() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}
__want=25
__major=$(__jdk_major "${JAVA_HOME:-/nonexistent}")
if [ -z "$__major" ] || [ "$__major" -lt "$__want" ]; then
  __best= ; __best_major=
  __java_on_path=$(command -v java 2>/dev/null) && __java_on_path=$(dirname "$(dirname "$(readlink -f "$__java_on_path")")")
  for __c in "$__java_on_path" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
             "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$__c" ] || continue
    __m=$(__jdk_major "$__c")
    [ -n "$__m" ] && [ "$__m" -ge "$__want" ] || continue
    # prefer the oldest JDK that qualifies: the build is tested on 25
    if [ -z "$__best" ] || [ "$__m" -lt "$__best_major" ]; then __best=$__c; __best_major=$__m; fi
  done
  if [ -z "$__best" ]; then
    echo "This build needs a JDK $__want or newer, and none was found (JAVA_HOME=${JAVA_HOME:-unset}," >&2
    echo "java on PATH is ${__major:-older or missing}; looked in /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks)." >&2
    echo "Install one, for example Temurin 25 (apt-get install temurin-25-jdk, or https://adoptium.net)," >&2
    echo "or set JAVA_HOME to a JDK $__want+." >&2
    exit 1
  fi
  export JAVA_HOME="$__best"
fi
unset __want __major __best __best_major __c __m __java_on_path
set -f
