package io.github.ssosync.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A set of names and globs ({@code *} matches any run of characters), compared case-insensitively,
 * as used by ignore and include lists. Exact names are looked up in a hash set so that long ignore
 * lists stay cheap on 100,000 users.
 */
public final class NamePatterns {
  private static final NamePatterns NONE = new NamePatterns(Set.of(), List.of());

  private final Set<String> exact;
  private final List<Pattern> globs;

  private NamePatterns(Set<String> exact, List<Pattern> globs) {
    this.exact = exact;
    this.globs = globs;
  }

  /** Matches nothing. */
  public static NamePatterns none() {
    return NONE;
  }

  /**
   * @param patterns names or globs
   * @return the compiled set
   */
  public static NamePatterns of(List<String> patterns) {
    if (patterns.isEmpty()) {
      return NONE;
    }
    Set<String> exact = new HashSet<>();
    List<Pattern> globs = new ArrayList<>();
    for (String raw : patterns) {
      String p = fold(raw.strip());
      if (p.indexOf('*') < 0) {
        exact.add(p);
      } else {
        globs.add(globToRegex(p));
      }
    }
    return new NamePatterns(Set.copyOf(exact), List.copyOf(globs));
  }

  /** Whether the set is empty (matches nothing). */
  public boolean isEmpty() {
    return exact.isEmpty() && globs.isEmpty();
  }

  /**
   * @param name a name, such as an email
   * @return whether any pattern matches it, ignoring case
   */
  public boolean matches(String name) {
    String folded = fold(name.strip());
    if (exact.contains(folded)) {
      return true;
    }
    for (Pattern glob : globs) {
      if (glob.matcher(folded).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param name a name
   * @return the name folded for case-insensitive comparison
   */
  public static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int start = 0;
    for (int star; (star = glob.indexOf('*', start)) >= 0; start = star + 1) {
      regex.append(Pattern.quote(glob.substring(start, star))).append(".*");
    }
    regex.append(Pattern.quote(glob.substring(start)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
