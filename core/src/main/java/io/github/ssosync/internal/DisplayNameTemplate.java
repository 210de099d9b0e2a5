package io.github.ssosync.internal;

import io.github.ssosync.directory.DirectoryUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A compiled display-name template such as {@code "{givenName} {familyName}"}. Parsing once and
 * rendering many times keeps the planner's per-user cost low.
 */
public final class DisplayNameTemplate {
  private final List<Function<DirectoryUser, String>> parts;

  private DisplayNameTemplate(List<Function<DirectoryUser, String>> parts) {
    this.parts = parts;
  }

  /**
   * Parses a template.
   *
   * @param template the template
   * @return the compiled template
   * @throws IllegalArgumentException with a message naming the bad placeholder
   */
  public static DisplayNameTemplate parse(String template) {
    List<Function<DirectoryUser, String>> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        String literal = template.substring(i);
        parts.add(u -> literal);
        break;
      }
      if (open > i) {
        String literal = template.substring(i, open);
        parts.add(u -> literal);
      }
      int close = template.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '{' at position " + open);
      }
      parts.add(placeholder(template.substring(open + 1, close)));
      i = close + 1;
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("the template is empty");
    }
    return new DisplayNameTemplate(List.copyOf(parts));
  }

  private static Function<DirectoryUser, String> placeholder(String name) {
    switch (name) {
      case "givenName":
        return u -> Objects.requireNonNullElse(u.givenName(), "");
      case "familyName":
        return u -> Objects.requireNonNullElse(u.familyName(), "");
      case "primaryEmail":
        return DirectoryUser::primaryEmail;
      default:
        if (name.startsWith("attr:") && name.length() > 5) {
          String key = name.substring(5);
          return u -> u.attributes().getOrDefault(key, "");
        }
        throw new IllegalArgumentException(
            "unknown placeholder {"
                + name
                + "}; use {givenName}, {familyName}, {primaryEmail} or {attr:NAME}");
    }
  }

  /**
   * @param user the user
   * @return the display name, with surrounding white space removed
   */
  public String render(DirectoryUser user) {
    StringBuilder out = new StringBuilder();
    for (Function<DirectoryUser, String> part : parts) {
      out.append(part.apply(user));
    }
    return out.toString().strip();
  }
}
