package io.github.ssosync.provider;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP {@code Retry-After} header (RFC 9110 §10.2.3): {@code HTTP-date / delay-seconds}. A
 * recipient must accept all three HTTP-date forms (RFC 9110 §5.6.7): IMF-fixdate ({@code Sun, 06
 * Nov 1994 08:49:37 GMT}), the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and
 * asctime ({@code Sun Nov 6 08:49:37 1994}).
 */
final class RetryAfterHeader {
  /** A hint longer than this is not believed; the caller's own backoff applies instead. */
  static final Duration LONGEST = Duration.ofHours(1);

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
  private static final Pattern IMF_FIXDATE =
      Pattern.compile(
          "[A-Za-z]{3}, (\\d{2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT");
  private static final Pattern RFC_850 =
      Pattern.compile(
          "[A-Za-z]{6,9}, (\\d{2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT");
  private static final Pattern ASCTIME =
      Pattern.compile("[A-Za-z]{3} ([A-Za-z]{3}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})");

  private RetryAfterHeader() {}

  /**
   * @param header the header's value, possibly absent
   * @param now the time the response arrived, for the date form
   * @return how long to wait (zero for a date already past), or null when absent, unreadable or
   *     longer than {@link #LONGEST}
   */
  static @Nullable Duration parse(@Nullable String header, Instant now) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    Duration delay;
    if (SECONDS.matcher(value).matches()) {
      delay = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    } else {
      Instant at = date(value, now);
      if (at == null) {
        return null;
      }
      delay = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }
    return delay.compareTo(LONGEST) > 0 ? null : delay;
  }

  private static @Nullable Instant date(String value, Instant now) {
    Matcher m = IMF_FIXDATE.matcher(value);
    if (m.matches()) {
      return at(m.group(3), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
    }
    m = RFC_850.matcher(value);
    if (m.matches()) {
      int year = twoDigitYear(Integer.parseInt(m.group(3)), now);
      return at(String.valueOf(year), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
    }
    m = ASCTIME.matcher(value);
    if (m.matches()) {
      return at(m.group(6), m.group(1), m.group(2).strip(), m.group(3), m.group(4), m.group(5));
    }
    return null;
  }

  /**
   * RFC 9110 §5.6.7: a two-digit year that appears to be more than 50 years in the future is the
   * most recent past year with the same last two digits.
   */
  private static int twoDigitYear(int yy, Instant now) {
    int current = now.atOffset(ZoneOffset.UTC).getYear();
    int year = current - Math.floorMod(current, 100) + yy;
    if (year > current + 50) {
      year -= 100;
    } else if (year + 100 <= current + 50) {
      year += 100;
    }
    return year;
  }

  private static @Nullable Instant at(
      String year, String month, String day, String hour, String minute, String second) {
    int m = MONTHS.indexOf(month.toLowerCase(java.util.Locale.ROOT));
    if (m < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(
              Integer.parseInt(year),
              m + 1,
              Integer.parseInt(day),
              Integer.parseInt(hour),
              Integer.parseInt(minute),
              Integer.parseInt(second))
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
