package io.github.ssosync.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.plan.ApplyStep;
import io.github.ssosync.plan.GuardVerdict;
import io.github.ssosync.plan.PendingDeletion;
import io.github.ssosync.plan.PlanStats;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.plan.SyncPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code ssosync-plan/v1} back into a {@link SyncPlan}. Strict: a missing field, a field of
 * the wrong type or an unknown kind fails the read with the JSON path that is wrong; a plan that is
 * applied must be exactly the plan that was reviewed, so nothing is guessed or defaulted.
 */
final class PlanJsonReader {
  private PlanJsonReader() {}

  static SyncPlan read(String json) {
    JsonNode root;
    try {
      root = PlanJsonWriter.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PlanFormatException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new PlanFormatException("not a plan: the document is not a JSON object");
    }
    String schema = text(root, "schema", "$");
    if (!PlanJsonWriter.PLAN_SCHEMA.equals(schema)) {
      throw new PlanFormatException(
          "schema \"" + schema + "\" is not " + PlanJsonWriter.PLAN_SCHEMA);
    }
    try {
      JsonNode g = object(root, "guard", "$");
      GuardVerdict guard =
          new GuardVerdict(
              bool(g, "blocked", "$.guard"),
              integer(g, "removals", "$.guard"),
              integer(g, "owned", "$.guard"),
              optText(g, "reason"));
      JsonNode s = object(root, "stats", "$");
      PlanStats stats =
          new PlanStats(
              integer(s, "desiredUsers", "$.stats"),
              integer(s, "desiredGroups", "$.stats"),
              integer(s, "desiredMemberships", "$.stats"),
              integer(s, "targetUsers", "$.stats"),
              integer(s, "targetGroups", "$.stats"),
              integer(s, "ownedUsers", "$.stats"),
              integer(s, "ownedGroups", "$.stats"),
              integer(s, "unownedUsers", "$.stats"),
              integer(s, "unownedGroups", "$.stats"));
      List<Change> changes = new ArrayList<>();
      List<ApplyStep> order = new ArrayList<>();
      JsonNode list = array(root, "changes", "$");
      for (int i = 0; i < list.size(); i++) {
        String at = "$.changes[" + i + "]";
        JsonNode c = list.get(i);
        changes.add(change(c, at));
        List<Integer> deps = new ArrayList<>();
        JsonNode d = array(c, "dependsOn", at);
        for (int k = 0; k < d.size(); k++) {
          if (!d.get(k).isInt()) {
            throw new PlanFormatException(at + ".dependsOn[" + k + "]: must be an integer");
          }
          deps.add(d.get(k).intValue());
        }
        order.add(new ApplyStep(integer(c, "phase", at), deps));
      }
      List<PlanWarning> warnings = new ArrayList<>();
      JsonNode ws = array(root, "warnings", "$");
      for (int i = 0; i < ws.size(); i++) {
        String at = "$.warnings[" + i + "]";
        JsonNode w = ws.get(i);
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.valueOf(text(w, "kind", at)),
                text(w, "subject", at),
                text(w, "message", at)));
      }
      List<PendingDeletion> pending = new ArrayList<>();
      JsonNode ps = array(root, "pendingDeletions", "$");
      for (int i = 0; i < ps.size(); i++) {
        String at = "$.pendingDeletions[" + i + "]";
        JsonNode p = ps.get(i);
        boolean user = p.has("user");
        pending.add(
            new PendingDeletion(
                ref(object(p, user ? "user" : "group", at), at + (user ? ".user" : ".group")),
                user ? PendingDeletion.Type.USER : PendingDeletion.Type.GROUP,
                instant(p, "dueAt", at)));
      }
      SyncPlan plan =
          new SyncPlan(
              instant(root, "plannedAt", "$"),
              changes,
              warnings,
              pending,
              guard,
              stats,
              order,
              optText(root, "targetFingerprint"),
              basis(root));
      if (root.has("blocked") && root.get("blocked").asBoolean() != guard.blocked()) {
        throw new PlanFormatException("$.blocked: differs from $.guard.blocked");
      }
      return plan;
    } catch (IllegalArgumentException | NullPointerException e) {
      // A value a record refuses (an unknown enum constant, a reference with no id, a dependency
      // on a later phase): the plan was edited or is damaged.
      throw new PlanFormatException("not a valid plan: " + e.getMessage());
    }
  }

  private static Change change(JsonNode c, String at) {
    ChangeKind kind = ChangeKind.valueOf(text(c, "kind", at));
    ObjectRef subject = ref(object(c, "subject", at), at + ".subject");
    String reason = text(c, "reason", at);
    return switch (kind) {
      case CREATE_USER -> new Change.CreateUser(subject, user(c, at), reason);
      case UPDATE_USER ->
          new Change.UpdateUser(subject, user(c, at), attributeChanges(c, at), reason);
      case DISABLE_USER -> new Change.DisableUser(subject, optInstant(c, "deleteAfter"), reason);
      case DELETE_USER -> new Change.DeleteUser(subject, reason);
      case CREATE_GROUP -> {
        List<ObjectRef> members = new ArrayList<>();
        JsonNode m = array(c, "members", at);
        for (int i = 0; i < m.size(); i++) {
          members.add(ref(m.get(i), at + ".members[" + i + "]"));
        }
        yield new Change.CreateGroup(subject, group(c, at), members, reason);
      }
      case UPDATE_GROUP ->
          new Change.UpdateGroup(subject, group(c, at), attributeChanges(c, at), reason);
      case DELETE_GROUP -> new Change.DeleteGroup(subject, reason);
      case RETIRE_GROUP ->
          new Change.RetireGroup(
              subject, text(c, "externalId", at), optInstant(c, "deleteAfter"), reason);
      case ADD_MEMBERSHIP ->
          new Change.AddMembership(subject, ref(object(c, "member", at), at + ".member"), reason);
      case REMOVE_MEMBERSHIP ->
          new Change.RemoveMembership(
              subject,
              ref(object(c, "member", at), at + ".member"),
              optText(c, "membershipId"),
              reason);
    };
  }

  private static ObjectRef ref(JsonNode r, String at) {
    return new ObjectRef(optText(r, "targetId"), optText(r, "sourceId"), text(r, "name", at));
  }

  private static UserAttributes user(JsonNode c, String at) {
    JsonNode a = object(c, "attributes", at);
    String in = at + ".attributes";
    Map<UserAttribute, String> optional = new EnumMap<>(UserAttribute.class);
    JsonNode values = a.get("optional");
    if (values != null && !values.isNull()) {
      if (!values.isObject()) {
        throw new PlanFormatException(in + ".optional: must be an object");
      }
      for (var e : (Iterable<Map.Entry<String, JsonNode>>) values::fields) {
        UserAttribute attribute = UserAttribute.named(e.getKey());
        if (attribute == null || attribute.required() || attribute == UserAttribute.MANAGER) {
          throw new PlanFormatException(
              in + ".optional." + e.getKey() + ": not an optional user attribute");
        }
        optional.put(attribute, text(values, e.getKey(), in + ".optional"));
      }
    }
    JsonNode manager = a.get("manager");
    return new UserAttributes(
        text(a, "userName", in),
        text(a, "givenName", in),
        text(a, "familyName", in),
        text(a, "displayName", in),
        text(a, "email", in),
        bool(a, "active", in),
        optText(a, "externalId"),
        optional,
        manager == null || manager.isNull() ? null : ref(manager, in + ".manager"));
  }

  private static GroupAttributes group(JsonNode c, String at) {
    JsonNode a = object(c, "attributes", at);
    String in = at + ".attributes";
    return new GroupAttributes(
        text(a, "displayName", in), optText(a, "description"), optText(a, "externalId"));
  }

  private static List<AttributeChange> attributeChanges(JsonNode c, String at) {
    List<AttributeChange> out = new ArrayList<>();
    JsonNode list = array(c, "changes", at);
    for (int i = 0; i < list.size(); i++) {
      JsonNode a = list.get(i);
      out.add(
          new AttributeChange(
              text(a, "attribute", at + ".changes[" + i + "]"),
              optText(a, "before"),
              optText(a, "after")));
    }
    return out;
  }

  private static JsonNode field(JsonNode node, String name, String at) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new PlanFormatException(at + "." + name + ": missing");
    }
    return v;
  }

  private static String text(JsonNode node, String name, String at) {
    JsonNode v = field(node, name, at);
    if (!v.isTextual()) {
      throw new PlanFormatException(at + "." + name + ": must be a string");
    }
    return v.textValue();
  }

  private static @Nullable String optText(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new PlanFormatException(name + ": must be a string or null");
    }
    return v.textValue();
  }

  private static int integer(JsonNode node, String name, String at) {
    JsonNode v = field(node, name, at);
    if (!v.isInt()) {
      throw new PlanFormatException(at + "." + name + ": must be an integer");
    }
    return v.intValue();
  }

  private static boolean bool(JsonNode node, String name, String at) {
    JsonNode v = field(node, name, at);
    if (!v.isBoolean()) {
      throw new PlanFormatException(at + "." + name + ": must be true or false");
    }
    return v.booleanValue();
  }

  private static JsonNode object(JsonNode node, String name, String at) {
    JsonNode v = field(node, name, at);
    if (!v.isObject()) {
      throw new PlanFormatException(at + "." + name + ": must be an object");
    }
    return v;
  }

  private static JsonNode array(JsonNode node, String name, String at) {
    JsonNode v = field(node, name, at);
    if (!v.isArray()) {
      throw new PlanFormatException(at + "." + name + ": must be an array");
    }
    return v;
  }

  private static Instant instant(JsonNode node, String name, String at) {
    String v = text(node, name, at);
    try {
      return Instant.parse(v);
    } catch (java.time.format.DateTimeParseException e) {
      throw new PlanFormatException(at + "." + name + ": \"" + v + "\" is not an ISO-8601 instant");
    }
  }

  private static @Nullable Instant optInstant(JsonNode node, String name) {
    return optText(node, name) == null ? null : instant(node, name, "");
  }

  /** The run's basis; a plan written before it was recorded reads as a stateless full run. */
  private static io.github.ssosync.plan.RunBasis basis(JsonNode root) {
    JsonNode run = root.get("run");
    if (run == null || run.isNull()) {
      return io.github.ssosync.plan.RunBasis.STATELESS;
    }
    String kind = text(run, "kind", "$.run");
    try {
      return new io.github.ssosync.plan.RunBasis(
          io.github.ssosync.plan.RunBasis.Kind.valueOf(kind), text(run, "reason", "$.run"));
    } catch (IllegalArgumentException e) {
      throw new PlanFormatException("$.run.kind: unknown kind " + kind);
    }
  }
}
