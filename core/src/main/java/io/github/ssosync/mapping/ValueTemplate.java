package io.github.ssosync.mapping;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.UserAttributeKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A compiled source expression: literal text with placeholders that read a directory user's or
 * group's fields, each optionally passed through transforms. Parsed once, rendered per object.
 *
 * <pre>{@code
 * {givenName} {familyName}                 -> Ada Lovelace
 * {custom:AWS.Username}                    -> the custom schema field AWS.Username
 * {organizations.department|default:none}  -> the primary organization's department, or "none"
 * AWS-{email.local|removePrefix:aws-|capitalize}   (a group aws-admins@example.com) -> AWS-Admins
 * }</pre>
 *
 * <p>Placeholders of a user: {@code id}, {@code primaryEmail}, {@code givenName}, {@code
 * familyName}, {@code orgUnitPath}, {@code email.local} and {@code email.domain} (of the primary
 * email), and the attribute keys {@link DirectoryUser} documents ({@code organizations.title},
 * {@code customSchemas.HR.costCenter}, …; {@code custom:S.F} is short for {@code
 * customSchemas.S.F}). Of a group: {@code id}, {@code email}, {@code name}, {@code description},
 * {@code email.local}, {@code email.domain}. {@code attr:KEY} reads any further attribute a custom
 * source provides. Transforms: {@code lower}, {@code upper}, {@code capitalize} (each word's first
 * letter, words split at space, {@code -}, {@code _} and {@code .}), {@code trim}, {@code
 * localPart} and {@code domain} (of an email), {@code removePrefix:X}, {@code removeSuffix:X},
 * {@code replace:A:B}, {@code default:X} (when the value so far is empty). {@code {{} and {@code
 * }}} write literal braces.
 */
public final class ValueTemplate {

  /** What a template reads. */
  public enum Subject {
    /** A directory user. */
    USER,
    /** A directory group. */
    GROUP
  }

  private static final Set<String> USER_FIELDS =
      Set.of(
          "id",
          "primaryEmail",
          "givenName",
          "familyName",
          "orgUnitPath",
          "email.local",
          "email.domain");
  private static final Set<String> GROUP_FIELDS =
      Set.of("id", "email", "name", "description", "email.local", "email.domain");

  private record Part(@Nullable String literal, @Nullable String key, UnaryOperator<String> how) {}

  private final String text;
  private final Subject subject;
  private final List<Part> parts;
  private final Set<String> attributeKeys;

  private ValueTemplate(String text, Subject subject, List<Part> parts, Set<String> attributeKeys) {
    this.text = text;
    this.subject = subject;
    this.parts = parts;
    this.attributeKeys = attributeKeys;
  }

  /**
   * @param text a template over a directory user
   * @return the compiled template
   * @throws IllegalArgumentException naming every problem
   */
  public static ValueTemplate user(String text) {
    return parse(text, Subject.USER);
  }

  /**
   * @param text a template over a directory group
   * @return the compiled template
   * @throws IllegalArgumentException naming every problem
   */
  public static ValueTemplate group(String text) {
    return parse(text, Subject.GROUP);
  }

  /**
   * @param text the template
   * @param subject what it reads
   * @return the compiled template
   * @throws IllegalArgumentException naming every problem, separated by {@code "; "}
   */
  public static ValueTemplate parse(String text, Subject subject) {
    Objects.requireNonNull(text, "text");
    List<String> problems = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        literal.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        literal.append('}');
        i += 2;
      } else if (c == '}') {
        problems.add("unmatched '}' at position " + (i + 1) + " (write '}}' for a brace)");
        i++;
      } else if (c == '{') {
        int close = text.indexOf('}', i);
        if (close < 0) {
          problems.add("unclosed '{' at position " + (i + 1));
          break;
        }
        if (literal.length() > 0) {
          parts.add(new Part(literal.toString(), null, UnaryOperator.identity()));
          literal.setLength(0);
        }
        Part p = placeholder(text.substring(i + 1, close), subject, problems);
        if (p != null) {
          parts.add(p);
          if (p.key() != null && !builtIn(p.key(), subject)) {
            keys.add(p.key());
          }
        }
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null, UnaryOperator.identity()));
    }
    if (text.isBlank()) {
      problems.add("the template is empty");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "template \"" + text + "\": " + String.join("; ", problems));
    }
    return new ValueTemplate(text, subject, List.copyOf(parts), Collections.unmodifiableSet(keys));
  }

  private static @Nullable Part placeholder(String body, Subject subject, List<String> problems) {
    String[] pieces = body.split("\\|", -1);
    String key = pieces[0].strip();
    if (key.startsWith("custom:")) {
      key = "customSchemas." + key.substring("custom:".length());
    } else if (key.startsWith("attr:") && key.length() > "attr:".length()) {
      key = key.substring("attr:".length()); // any key a custom source provides
    } else if (!known(key, subject)) {
      problems.add(
          "unknown field {"
              + key
              + "}"
              + (subject == Subject.USER
                  ? "; use id, primaryEmail, givenName, familyName, orgUnitPath, email.local,"
                      + " email.domain, an attribute key such as organizations.department or"
                      + " custom:Schema.field, or attr:KEY"
                  : "; use id, email, name, description, email.local or email.domain"));
      return null;
    }
    UnaryOperator<String> how = UnaryOperator.identity();
    for (int t = 1; t < pieces.length; t++) {
      UnaryOperator<String> next = transform(pieces[t].strip(), problems);
      if (next != null) {
        UnaryOperator<String> before = how;
        how = v -> next.apply(before.apply(v));
      }
    }
    return new Part(null, key, how);
  }

  private static boolean builtIn(String key, Subject subject) {
    return (subject == Subject.USER ? USER_FIELDS : GROUP_FIELDS).contains(key);
  }

  private static boolean known(String key, Subject subject) {
    return builtIn(key, subject) || (subject == Subject.USER && UserAttributeKey.isKnown(key));
  }

  private static @Nullable UnaryOperator<String> transform(String spec, List<String> problems) {
    int colon = spec.indexOf(':');
    String name = colon < 0 ? spec : spec.substring(0, colon);
    String arg = colon < 0 ? null : spec.substring(colon + 1);
    switch (name) {
      case "lower":
        return v -> v.toLowerCase(Locale.ROOT);
      case "upper":
        return v -> v.toUpperCase(Locale.ROOT);
      case "capitalize":
        return ValueTemplate::capitalize;
      case "trim":
        return String::strip;
      case "localPart":
        return v -> v.indexOf('@') < 0 ? v : v.substring(0, v.indexOf('@'));
      case "domain":
        return v -> v.indexOf('@') < 0 ? "" : v.substring(v.lastIndexOf('@') + 1);
      default:
        break;
    }
    if (arg == null) {
      problems.add("unknown transform '" + spec + "'" + TRANSFORMS);
      return null;
    }
    switch (name) {
      case "removePrefix":
        return v -> v.regionMatches(true, 0, arg, 0, arg.length()) ? v.substring(arg.length()) : v;
      case "removeSuffix":
        return v ->
            v.regionMatches(true, v.length() - arg.length(), arg, 0, arg.length())
                ? v.substring(0, v.length() - arg.length())
                : v;
      case "default":
        return v -> v.isBlank() ? arg : v;
      case "replace":
        int sep = arg.indexOf(':');
        if (sep <= 0) {
          problems.add("transform '" + spec + "' needs replace:FROM:TO");
          return null;
        }
        String from = arg.substring(0, sep);
        String to = arg.substring(sep + 1);
        return v -> v.replace(from, to);
      default:
        problems.add("unknown transform '" + spec + "'" + TRANSFORMS);
        return null;
    }
  }

  private static final String TRANSFORMS =
      "; use lower, upper, capitalize, trim, localPart, domain, removePrefix:X, removeSuffix:X,"
          + " replace:A:B or default:X";

  private static String capitalize(String v) {
    StringBuilder out = new StringBuilder(v.length());
    boolean start = true;
    for (int i = 0; i < v.length(); ) {
      int c = v.codePointAt(i);
      out.appendCodePoint(start ? Character.toUpperCase(c) : c);
      start = c == ' ' || c == '-' || c == '_' || c == '.';
      i += Character.charCount(c);
    }
    return out.toString();
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  /** What the template reads. */
  public Subject subject() {
    return subject;
  }

  /**
   * The keys of {@link DirectoryUser#attributes()} the template reads (not the built-in fields), so
   * that the source is asked for them.
   */
  public Set<String> attributeKeys() {
    return attributeKeys;
  }

  /**
   * @param user the directory user
   * @return the value, white space around it removed; empty when every field it reads is empty
   */
  public String render(DirectoryUser user) {
    requireSubject(Subject.USER);
    return render(key -> userValue(user, key));
  }

  /**
   * @param group the directory group
   * @return the value, white space around it removed
   */
  public String render(DirectoryGroup group) {
    requireSubject(Subject.GROUP);
    return render(key -> groupValue(group, key));
  }

  private void requireSubject(Subject wanted) {
    if (subject != wanted) {
      throw new IllegalStateException("a " + subject + " template cannot render a " + wanted);
    }
  }

  private String render(Function<String, @Nullable String> values) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p.literal() != null) {
        out.append(p.literal());
      } else {
        String v = values.apply(Objects.requireNonNull(p.key()));
        out.append(p.how().apply(v == null ? "" : v.strip()));
      }
    }
    return out.toString().strip();
  }

  private static @Nullable String userValue(DirectoryUser u, String key) {
    return switch (key) {
      case "id" -> u.id();
      case "primaryEmail" -> u.primaryEmail();
      case "givenName" -> u.givenName();
      case "familyName" -> u.familyName();
      case "orgUnitPath" -> u.orgUnitPath();
      case "email.local" -> local(u.primaryEmail());
      case "email.domain" -> domain(u.primaryEmail());
      default -> u.attributes().get(key);
    };
  }

  private static @Nullable String groupValue(DirectoryGroup g, String key) {
    return switch (key) {
      case "id" -> g.id();
      case "email" -> g.email();
      case "name" -> g.name();
      case "description" -> g.description();
      case "email.local" -> local(g.email());
      case "email.domain" -> domain(g.email());
      default -> null;
    };
  }

  private static String local(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? email : email.substring(0, at);
  }

  private static String domain(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? "" : email.substring(at + 1);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ValueTemplate t && t.text.equals(text) && t.subject == subject;
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, subject);
  }

  @Override
  public String toString() {
    return text;
  }
}
