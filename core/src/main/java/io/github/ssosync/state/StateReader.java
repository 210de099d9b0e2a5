package io.github.ssosync.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetUser;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code ssosync-state/1} JSON into a {@link SyncState}, one object at a time. Strict, like
 * the plan reader: a state that is not exactly what {@link StateWriter} writes (a field missing,
 * unknown or of the wrong type, a value out of range) fails with the JSON pointer of the place, and
 * the run then reconciles in full. A state decides what is read again, so nothing is defaulted.
 */
final class StateReader extends StrictJsonReader {

  private static final String[] ROOT = {
    "writtenBy",
    "writtenAt",
    "lastFullAt",
    "policyFingerprint",
    "directory",
    "target",
    "cursors",
    "ownRuns",
    "recheck",
    "lastWrites"
  };
  private static final String[] DIRECTORY = {
    "users", "groups", "members", "matchedUserIds", "matchedGroupIds", "warnings"
  };
  private static final String[] DIRECTORY_USER = {
    "id",
    "primaryEmail",
    "givenName",
    "familyName",
    "suspended",
    "archived",
    "orgUnitPath",
    "attributes"
  };
  private static final String[] DIRECTORY_GROUP = {"id", "email", "name", "description"};
  private static final String[] MEMBER = {"id", "email", "type", "role"};
  private static final String[] WARNING = {"subject", "message"};
  private static final String[] TARGET = {"users", "groups", "memberships", "membershipsRead"};
  private static final String[] TARGET_USER = {
    "id",
    "userName",
    "displayName",
    "givenName",
    "familyName",
    "email",
    "active",
    "externalIds",
    "updatedAt",
    "optional"
  };
  private static final String[] TARGET_GROUP = {"id", "displayName", "description", "externalIds"};
  private static final String[] MEMBERSHIP = {"id", "groupId", "userId"};
  private static final String[] EXTERNAL_ID = {"issuer", "id"};
  private static final String[] CHANGES = {
    "userIds", "groupIds", "membershipGroupIds", "membershipIds"
  };

  /** Optional attributes by the key the writer uses. */
  private static final Map<String, UserAttribute> ATTRIBUTES = new HashMap<>();

  static {
    for (UserAttribute a : UserAttribute.values()) {
      ATTRIBUTES.put(a.key(), a);
    }
  }

  StateReader(JsonParser in) {
    super(in);
  }

  SyncState read() throws IOException {
    if (in.nextToken() != JsonToken.START_OBJECT) {
      throw fail("expected a JSON object, found " + found());
    }
    // The format comes first (the writer puts it there): nothing else is read before it is known.
    if (in.nextToken() != JsonToken.FIELD_NAME || !"format".equals(in.currentName())) {
      throw fail(
          "expected the field \"format\": \""
              + StateCodec.FORMAT
              + "\" first, found "
              + found()
              + ": not an ssosync state");
    }
    in.nextToken();
    String format = text();
    if (!StateCodec.FORMAT.equals(format)) {
      throw new StateFormatException(
          "the state's format is \""
              + format
              + "\", this version of ssosync reads \""
              + StateCodec.FORMAT
              + "\"");
    }
    Object[] v = fields(ROOT, this::root, true);
    SyncState state =
        build(
            () ->
                new SyncState(
                    (String) v[0],
                    (Instant) v[1],
                    (Instant) v[2],
                    (String) v[3],
                    (DirectorySnapshot) v[4],
                    (TargetView) v[5],
                    instantMap(v[6]),
                    instantMap(v[7]),
                    (TargetChanges) v[8],
                    (Long) v[9]));
    if (in.nextToken() != null) {
      throw fail("expected the end of the state, found " + found());
    }
    return state;
  }

  private @Nullable Object root(int field) throws IOException {
    return switch (field) {
      case 0, 3 -> text();
      case 1, 2 -> instant();
      case 4 -> directory();
      case 5 -> target();
      case 6, 7 -> instants();
      case 9 -> count();
      default -> changes();
    };
  }

  private DirectorySnapshot directory() throws IOException {
    Object[] v =
        object(
            DIRECTORY,
            f ->
                switch (f) {
                  case 0 -> array(this::directoryUser);
                  case 1 -> array(this::directoryGroup);
                  case 2 -> members();
                  case 3, 4 -> stringSet();
                  default -> array(this::warning);
                });
    return build(
        () ->
            new DirectorySnapshot(
                list(v[0]), list(v[1]), cast(v[2]), cast(v[3]), cast(v[4]), list(v[5])));
  }

  private DirectoryUser directoryUser() throws IOException {
    Object[] v =
        object(
            DIRECTORY_USER,
            f ->
                switch (f) {
                  case 0, 1 -> text();
                  case 4, 5 -> bool();
                  case 7 -> stringMap();
                  default -> optText();
                });
    return build(
        () ->
            new DirectoryUser(
                (String) v[0],
                (String) v[1],
                (String) v[2],
                (String) v[3],
                (Boolean) v[4],
                (Boolean) v[5],
                (String) v[6],
                cast(v[7])));
  }

  private DirectoryGroup directoryGroup() throws IOException {
    Object[] v = object(DIRECTORY_GROUP, f -> f == 3 ? optText() : text());
    return build(
        () -> new DirectoryGroup((String) v[0], (String) v[1], (String) v[2], (String) v[3]));
  }

  private Map<String, List<DirectoryMember>> members() throws IOException {
    expect(JsonToken.START_OBJECT, "an object of member lists by group id");
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String group = in.currentName();
      in.nextToken();
      members.put(group, array(this::member));
    }
    return members;
  }

  private DirectoryMember member() throws IOException {
    Object[] v =
        object(
            MEMBER,
            f ->
                switch (f) {
                  case 0 -> text();
                  case 1 -> optText();
                  case 2 -> constant(MemberType.class);
                  default -> constant(MemberRole.class);
                });
    return build(
        () ->
            new DirectoryMember(
                (String) v[0], (String) v[1], (MemberType) v[2], (MemberRole) v[3]));
  }

  private DirectoryWarning warning() throws IOException {
    Object[] v = object(WARNING, f -> text());
    return build(() -> new DirectoryWarning((String) v[0], (String) v[1]));
  }

  private TargetView target() throws IOException {
    Object[] v =
        object(
            TARGET,
            f ->
                switch (f) {
                  case 0 -> array(this::targetUser);
                  case 1 -> array(this::targetGroup);
                  case 2 -> array(this::membership);
                  default -> stringSet();
                });
    return build(() -> new TargetView(list(v[0]), list(v[1]), list(v[2]), cast(v[3])));
  }

  private TargetUser targetUser() throws IOException {
    Object[] v =
        object(
            TARGET_USER,
            f ->
                switch (f) {
                  case 0, 1 -> text();
                  case 6 -> bool();
                  case 7 -> array(this::externalId);
                  case 8 -> in.currentToken() == JsonToken.VALUE_NULL ? null : instant();
                  case 9 -> optional();
                  default -> optText();
                });
    return build(
        () ->
            new TargetUser(
                (String) v[0],
                (String) v[1],
                (String) v[2],
                (String) v[3],
                (String) v[4],
                (String) v[5],
                (Boolean) v[6],
                list(v[7]),
                (Instant) v[8],
                cast(v[9])));
  }

  private Map<UserAttribute, String> optional() throws IOException {
    expect(JsonToken.START_OBJECT, "an object of attribute values by attribute key");
    Map<UserAttribute, String> values = new EnumMap<>(UserAttribute.class);
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      UserAttribute a = ATTRIBUTES.get(in.currentName());
      if (a == null) {
        throw fail("\"" + in.currentName() + "\" is not a user attribute's key");
      }
      in.nextToken();
      values.put(a, text());
    }
    return values;
  }

  private TargetGroup targetGroup() throws IOException {
    Object[] v =
        object(
            TARGET_GROUP,
            f ->
                switch (f) {
                  case 0, 1 -> text();
                  case 2 -> optText();
                  default -> array(this::externalId);
                });
    return build(() -> new TargetGroup((String) v[0], (String) v[1], (String) v[2], list(v[3])));
  }

  private TargetMembership membership() throws IOException {
    Object[] v = object(MEMBERSHIP, f -> text());
    return build(() -> new TargetMembership((String) v[0], (String) v[1], (String) v[2]));
  }

  private ExternalId externalId() throws IOException {
    Object[] v = object(EXTERNAL_ID, f -> text());
    return build(() -> new ExternalId((String) v[0], (String) v[1]));
  }

  private TargetChanges changes() throws IOException {
    Object[] v = object(CHANGES, f -> stringSet());
    return build(() -> new TargetChanges(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3])));
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object o) {
    return (List<T>) o;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  private static Map<String, Instant> instantMap(Object o) {
    return cast(o);
  }
}
