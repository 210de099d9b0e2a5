package io.github.ssosync.internal;

/** Counts for people: "1 user", "2 users", "1 change", "0 warnings". */
public final class Plural {
  private Plural() {}

  /**
   * @param n how many
   * @param noun the singular noun, made plural with an "s"
   * @return {@code n} and the noun, singular when {@code n} is 1
   */
  public static String of(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
