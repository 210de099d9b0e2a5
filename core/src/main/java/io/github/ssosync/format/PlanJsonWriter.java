package io.github.ssosync.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.plan.ApplyStep;
import io.github.ssosync.plan.PendingDeletion;
import io.github.ssosync.plan.PlanStats;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.plan.SyncPlan;
import java.util.List;

/**
 * Writes plans as JSON, built node by node rather than by reflection so that the documented schema
 * stays stable when records gain fields.
 */
final class PlanJsonWriter {
  /** The plan schema's id, written as {@code "schema"}. */
  static final String PLAN_SCHEMA = "ssosync-plan/v1";

  /** The shared mapper; pretty-prints. */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJsonWriter() {}

  /**
   * @param node a JSON tree
   * @return the tree as pretty-printed text
   */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /**
   * @param plan a plan
   * @return the plan as a JSON tree
   */
  static ObjectNode plan(SyncPlan plan) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", PLAN_SCHEMA);
    root.put("plannedAt", plan.plannedAt().toString());
    root.put("blocked", plan.blocked());
    ObjectNode run = root.putObject("run");
    run.put("kind", plan.basis().kind().name());
    run.put("reason", plan.basis().reason());
    ObjectNode guard = root.putObject("guard");
    guard.put("blocked", plan.guard().blocked());
    guard.put("removals", plan.guard().removals());
    guard.put("owned", plan.guard().owned());
    guard.put("reason", plan.guard().reason());
    ObjectNode summary = root.putObject("summary");
    plan.counts().forEach((kind, count) -> summary.put(kind.name(), count));
    PlanStats s = plan.stats();
    ObjectNode stats = root.putObject("stats");
    stats.put("desiredUsers", s.desiredUsers());
    stats.put("desiredGroups", s.desiredGroups());
    stats.put("desiredMemberships", s.desiredMemberships());
    stats.put("targetUsers", s.targetUsers());
    stats.put("targetGroups", s.targetGroups());
    stats.put("ownedUsers", s.ownedUsers());
    stats.put("ownedGroups", s.ownedGroups());
    stats.put("unownedUsers", s.unownedUsers());
    stats.put("unownedGroups", s.unownedGroups());
    if (plan.targetFingerprint() != null) {
      root.put("targetFingerprint", plan.targetFingerprint());
    }
    ArrayNode changes = root.putArray("changes");
    for (int i = 0; i < plan.changes().size(); i++) {
      ObjectNode node = change(plan.changes().get(i));
      ApplyStep step = plan.order().get(i);
      node.put("phase", step.phase());
      ArrayNode deps = node.putArray("dependsOn");
      step.dependsOn().forEach(deps::add);
      changes.add(node);
    }
    ArrayNode warnings = root.putArray("warnings");
    for (PlanWarning w : plan.warnings()) {
      ObjectNode node = warnings.addObject();
      node.put("kind", w.kind().name());
      node.put("subject", w.subject());
      node.put("message", w.message());
    }
    ArrayNode pending = root.putArray("pendingDeletions");
    for (PendingDeletion p : plan.pendingDeletions()) {
      ObjectNode node = pending.addObject();
      node.set(p.type() == PendingDeletion.Type.USER ? "user" : "group", ref(p.subject()));
      node.put("dueAt", p.dueAt().toString());
    }
    return root;
  }

  /**
   * @param change a change
   * @return the change as a JSON object
   */
  static ObjectNode change(Change change) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", change.kind().name());
    node.set("subject", ref(change.subject()));
    switch (change.kind()) {
      case CREATE_USER -> node.set("attributes", user(((Change.CreateUser) change).attributes()));
      case UPDATE_USER -> {
        Change.UpdateUser c = (Change.UpdateUser) change;
        node.set("attributes", user(c.attributes()));
        node.set("changes", attributeChanges(c.changes()));
      }
      case DISABLE_USER -> {
        Change.DisableUser c = (Change.DisableUser) change;
        if (c.deleteAfter() != null) {
          node.put("deleteAfter", c.deleteAfter().toString());
        }
      }
      case CREATE_GROUP -> {
        Change.CreateGroup c = (Change.CreateGroup) change;
        node.set("attributes", group(c.attributes()));
        ArrayNode members = node.putArray("members");
        c.members().forEach(m -> members.add(ref(m)));
      }
      case UPDATE_GROUP -> {
        Change.UpdateGroup c = (Change.UpdateGroup) change;
        node.set("attributes", group(c.attributes()));
        node.set("changes", attributeChanges(c.changes()));
      }
      case ADD_MEMBERSHIP -> node.set("member", ref(((Change.AddMembership) change).user()));
      case REMOVE_MEMBERSHIP -> {
        Change.RemoveMembership c = (Change.RemoveMembership) change;
        node.set("member", ref(c.user()));
        if (c.membershipId() != null) {
          node.put("membershipId", c.membershipId());
        }
      }
      case RETIRE_GROUP -> {
        Change.RetireGroup c = (Change.RetireGroup) change;
        node.put("externalId", c.externalId());
        if (c.deleteAfter() != null) {
          node.put("deleteAfter", c.deleteAfter().toString());
        }
      }
      case DELETE_USER, DELETE_GROUP -> {}
    }
    node.put("reason", change.reason());
    return node;
  }

  /**
   * @param ref a reference
   * @return the reference as a JSON object
   */
  static ObjectNode ref(ObjectRef ref) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", ref.name());
    node.put("targetId", ref.targetId());
    node.put("sourceId", ref.sourceId());
    return node;
  }

  private static ObjectNode user(UserAttributes a) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("userName", a.userName());
    node.put("givenName", a.givenName());
    node.put("familyName", a.familyName());
    node.put("displayName", a.displayName());
    node.put("email", a.email());
    node.put("active", a.active());
    node.put("externalId", a.externalId());
    if (!a.optional().isEmpty()) {
      ObjectNode optional = node.putObject("optional");
      a.optional().forEach((attribute, value) -> optional.put(attribute.key(), value));
    }
    if (a.manager() != null) {
      node.set("manager", ref(a.manager()));
    }
    return node;
  }

  private static ObjectNode group(GroupAttributes a) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("displayName", a.displayName());
    node.put("description", a.description());
    node.put("externalId", a.externalId());
    return node;
  }

  private static ArrayNode attributeChanges(List<AttributeChange> changes) {
    ArrayNode array = MAPPER.createArrayNode();
    for (AttributeChange c : changes) {
      ObjectNode node = array.addObject();
      node.put("attribute", c.attribute());
      node.put("before", c.before());
      node.put("after", c.after());
    }
    return array;
  }
}
