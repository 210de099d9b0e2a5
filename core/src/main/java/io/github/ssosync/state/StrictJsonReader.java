package io.github.ssosync.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Strict reading over a streaming parser: each method reads one value where the parser stands and
 * fails, with the JSON pointer of the place and what was found there, on anything but what it
 * expects. {@link StateReader} says what a state is made of; this says how a value is read.
 */
abstract class StrictJsonReader {
  /** Marks a field not seen yet (null is a value: an absent optional one). */
  private static final Object MISSING = new Object();

  /** Reads one field's value; the parser stands on the value's first token. */
  interface FieldValue {
    @Nullable Object read(int field) throws IOException;
  }

  /** Reads one element of an array; the parser stands on its first token. */
  interface Element<T> {
    T read() throws IOException;
  }

  final JsonParser in;

  StrictJsonReader(JsonParser in) {
    this.in = in;
  }

  Object[] object(String[] names, FieldValue value) throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    return fields(names, value, false);
  }

  /** Reads an object's fields (the parser inside it), requiring exactly {@code names}. */
  Object[] fields(String[] names, FieldValue value, boolean root) throws IOException {
    Object[] v = new Object[names.length];
    Arrays.fill(v, MISSING);
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      int i = indexOf(names, name);
      if (i < 0) {
        throw fail("unknown field \"" + name + "\" (expected " + String.join(", ", names) + ")");
      }
      in.nextToken();
      v[i] = value.read(i);
    }
    for (int i = 0; i < names.length; i++) {
      if (v[i] == MISSING) {
        // The parser has left the object: its pointer now names the object itself.
        throw fail((root ? "the state has no field \"" : "missing field \"") + names[i] + "\"");
      }
    }
    return v;
  }

  <T> List<T> array(Element<T> element) throws IOException {
    expect(JsonToken.START_ARRAY, "an array");
    List<T> list = new ArrayList<>();
    while (in.nextToken() != JsonToken.END_ARRAY) {
      list.add(element.read());
    }
    return list;
  }

  Set<String> stringSet() throws IOException {
    expect(JsonToken.START_ARRAY, "an array of strings");
    Set<String> set = new HashSet<>();
    while (in.nextToken() != JsonToken.END_ARRAY) {
      String s = text();
      if (!set.add(s)) {
        throw fail("\"" + s + "\" is listed twice");
      }
    }
    return set;
  }

  Map<String, String> stringMap() throws IOException {
    expect(JsonToken.START_OBJECT, "an object of strings");
    Map<String, String> map = new HashMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String key = in.currentName();
      in.nextToken();
      map.put(key, text());
    }
    return map;
  }

  Map<String, Instant> instants() throws IOException {
    expect(JsonToken.START_OBJECT, "an object of instants");
    Map<String, Instant> map = new HashMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String key = in.currentName();
      in.nextToken();
      map.put(key, instant());
    }
    return map;
  }

  String text() throws IOException {
    expect(JsonToken.VALUE_STRING, "a string");
    return in.getText();
  }

  @Nullable String optText() throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : text();
  }

  Boolean bool() throws IOException {
    JsonToken t = in.currentToken();
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw fail("expected true or false, found " + found());
    }
    return t == JsonToken.VALUE_TRUE;
  }

  long count() throws IOException {
    if (in.currentToken() != JsonToken.VALUE_NUMBER_INT || in.getLongValue() < 0) {
      throw fail("expected a count (a whole number, 0 or more), found " + found());
    }
    return in.getLongValue();
  }

  Instant instant() throws IOException {
    String s = text();
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw fail("\"" + s + "\" is not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }

  <E extends Enum<E>> E constant(Class<E> type) throws IOException {
    String s = text();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    throw fail(
        "\"" + s + "\" is not one of " + Arrays.toString(type.getEnumConstants()).replace(" ", ""));
  }

  void expect(JsonToken token, String what) throws IOException {
    if (in.currentToken() != token) {
      throw fail("expected " + what + ", found " + found());
    }
  }

  String found() throws IOException {
    JsonToken t = in.currentToken();
    if (t == null) {
      return "the end of the document";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case FIELD_NAME -> "the field \"" + in.currentName() + "\"";
      case VALUE_STRING -> "the string \"" + abbreviate(in.getText()) + "\"";
      case VALUE_NULL -> "null";
      default -> in.getText();
    };
  }

  /** A failure at the parser's place, named by its JSON pointer. */
  StateFormatException fail(String what) {
    String at = in.getParsingContext().pathAsPointer().toString();
    return new StateFormatException(
        "the state is not valid at " + (at.isEmpty() ? "its top level" : at) + ": " + what);
  }

  /** Builds a record, turning its own validation into a failure at the parser's place. */
  <T> T build(Builder<T> builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw fail(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  interface Builder<T> {
    T build();
  }

  static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
