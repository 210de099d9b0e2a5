package io.github.ssosync.state;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetUser;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link SyncState} as {@code ssosync-state/1} JSON, one object at a time, so that a large
 * state never exists twice in memory (once as objects, once as a tree). Every field is written,
 * absent values as {@code null}: the reader then refuses a document missing any of them.
 */
final class StateWriter {
  private final JsonGenerator out;

  StateWriter(JsonGenerator out) {
    this.out = out;
  }

  void write(SyncState s) throws IOException {
    out.writeStartObject();
    // First, so that a reader knows what it reads before it reads anything else.
    out.writeStringField("format", StateCodec.FORMAT);
    out.writeStringField("writtenBy", s.writtenBy());
    instant("writtenAt", s.writtenAt());
    instant("lastFullAt", s.lastFullAt());
    out.writeStringField("policyFingerprint", s.policyFingerprint());
    out.writeFieldName("directory");
    directory(s.directory());
    out.writeFieldName("target");
    target(s.target());
    instants("cursors", s.cursors());
    instants("ownRuns", s.ownRuns());
    out.writeFieldName("recheck");
    changes(s.recheck());
    out.writeNumberField("lastWrites", s.lastWrites());
    out.writeEndObject();
  }

  private void directory(DirectorySnapshot d) throws IOException {
    out.writeStartObject();
    out.writeArrayFieldStart("users");
    for (DirectoryUser u : d.users()) {
      out.writeStartObject();
      out.writeStringField("id", u.id());
      out.writeStringField("primaryEmail", u.primaryEmail());
      string("givenName", u.givenName());
      string("familyName", u.familyName());
      out.writeBooleanField("suspended", u.suspended());
      out.writeBooleanField("archived", u.archived());
      string("orgUnitPath", u.orgUnitPath());
      out.writeObjectFieldStart("attributes");
      for (Map.Entry<String, String> a : u.attributes().entrySet()) {
        out.writeStringField(a.getKey(), a.getValue());
      }
      out.writeEndObject();
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("groups");
    for (DirectoryGroup g : d.groups()) {
      out.writeStartObject();
      out.writeStringField("id", g.id());
      out.writeStringField("email", g.email());
      out.writeStringField("name", g.name());
      string("description", g.description());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeObjectFieldStart("members");
    for (Map.Entry<String, List<DirectoryMember>> e : d.members().entrySet()) {
      out.writeArrayFieldStart(e.getKey());
      for (DirectoryMember m : e.getValue()) {
        out.writeStartObject();
        out.writeStringField("id", m.id());
        string("email", m.email());
        out.writeStringField("type", m.type().name());
        out.writeStringField("role", m.role().name());
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    out.writeEndObject();
    strings("matchedUserIds", d.matchedUserIds());
    strings("matchedGroupIds", d.matchedGroupIds());
    out.writeArrayFieldStart("warnings");
    for (DirectoryWarning w : d.warnings()) {
      out.writeStartObject();
      out.writeStringField("subject", w.subject());
      out.writeStringField("message", w.message());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private void target(TargetView t) throws IOException {
    out.writeStartObject();
    out.writeArrayFieldStart("users");
    for (TargetUser u : t.users()) {
      out.writeStartObject();
      out.writeStringField("id", u.id());
      out.writeStringField("userName", u.userName());
      string("displayName", u.displayName());
      string("givenName", u.givenName());
      string("familyName", u.familyName());
      string("email", u.email());
      out.writeBooleanField("active", u.active());
      externalIds(u.externalIds());
      Instant updatedAt = u.updatedAt();
      if (updatedAt == null) {
        out.writeNullField("updatedAt");
      } else {
        instant("updatedAt", updatedAt);
      }
      // Keyed by the attribute's key, the name mapping files use, not the enum constant's.
      out.writeObjectFieldStart("optional");
      for (Map.Entry<UserAttribute, String> a : u.optional().entrySet()) {
        out.writeStringField(a.getKey().key(), a.getValue());
      }
      out.writeEndObject();
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("groups");
    for (TargetGroup g : t.groups()) {
      out.writeStartObject();
      out.writeStringField("id", g.id());
      out.writeStringField("displayName", g.displayName());
      string("description", g.description());
      externalIds(g.externalIds());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("memberships");
    for (TargetMembership m : t.memberships()) {
      out.writeStartObject();
      out.writeStringField("id", m.id());
      out.writeStringField("groupId", m.groupId());
      out.writeStringField("userId", m.userId());
      out.writeEndObject();
    }
    out.writeEndArray();
    strings("membershipsRead", t.membershipsRead());
    out.writeEndObject();
  }

  private void changes(TargetChanges c) throws IOException {
    out.writeStartObject();
    strings("userIds", c.userIds());
    strings("groupIds", c.groupIds());
    strings("membershipGroupIds", c.membershipGroupIds());
    strings("membershipIds", c.membershipIds());
    out.writeEndObject();
  }

  private void externalIds(List<ExternalId> ids) throws IOException {
    out.writeArrayFieldStart("externalIds");
    for (ExternalId x : ids) {
      out.writeStartObject();
      out.writeStringField("issuer", x.issuer());
      out.writeStringField("id", x.id());
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private void instants(String name, Map<String, Instant> map) throws IOException {
    out.writeObjectFieldStart(name);
    for (Map.Entry<String, Instant> e : map.entrySet()) {
      instant(e.getKey(), e.getValue());
    }
    out.writeEndObject();
  }

  private void strings(String name, Collection<String> values) throws IOException {
    out.writeArrayFieldStart(name);
    for (String v : values) {
      out.writeString(v);
    }
    out.writeEndArray();
  }

  private void string(String name, @Nullable String value) throws IOException {
    if (value == null) {
      out.writeNullField(name);
    } else {
      out.writeStringField(name, value);
    }
  }

  private void instant(String name, Instant value) throws IOException {
    // ISO-8601 (Instant.toString): exact to the nanosecond and readable in a dump of the file.
    out.writeStringField(name, value.toString());
  }
}
