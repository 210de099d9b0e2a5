package io.github.ssosync.policy;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them: {@code 7d}, {@code 12h}, {@code 90m}, {@code 30s}, {@code 0}. */
public final class Durations {
  private Durations() {}

  /**
   * @param d a duration
   * @return the shortest exact form among days, hours, minutes and seconds
   */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s == 0) {
      return "0";
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /**
   * Parses {@code 7d}, {@code 12h}, {@code 90m}, {@code 30s}, {@code 0}, or an ISO-8601 duration.
   *
   * @param text the text
   * @return the duration
   * @throws IllegalArgumentException if the text is neither form
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (t.startsWith("p")) {
      return Duration.parse(text.strip());
    }
    if (t.length() < 2) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 7d, 12h, 30m");
    }
    long n;
    try {
      n = Long.parseLong(t.substring(0, t.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 7d, 12h, 30m");
    }
    return switch (t.charAt(t.length() - 1)) {
      case 'd' -> Duration.ofDays(n);
      case 'h' -> Duration.ofHours(n);
      case 'm' -> Duration.ofMinutes(n);
      case 's' -> Duration.ofSeconds(n);
      default ->
          throw new IllegalArgumentException(
              "\"" + text + "\" is not a duration such as 7d, 12h, 30m");
    };
  }
}
