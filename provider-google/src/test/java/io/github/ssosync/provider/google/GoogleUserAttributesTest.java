package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attributes a mapping reads arrive through the real Directory client, in the same calls as the
 * users themselves: no call more, and custom schema fields only when asked for.
 */
class GoogleUserAttributesTest {
  /** One of every documented key. */
  private static final Map<String, String> EVERY_KEY =
      Map.ofEntries(
          Map.entry("name.fullName", "Ann M. Lee"),
          Map.entry("name.displayName", "Annie"),
          Map.entry("organizations.title", "Engineer"),
          Map.entry("organizations.department", "Platform"),
          Map.entry("organizations.costCenter", "CC-1001"),
          Map.entry("organizations.name", "Example Corp"),
          Map.entry("organizations.description", "Staff"),
          Map.entry("organizations.location", "HQ"),
          Map.entry("organizations.symbol", "EXM"),
          Map.entry("organizations.domain", "example.com"),
          Map.entry("phones", "+1 555 0100"),
          Map.entry("phones.mobile", "+1 555 0199"),
          Map.entry("phones.desk-line", "+1 555 0142"),
          Map.entry("addresses.locality", "London"),
          Map.entry("addresses.countryCode", "GB"),
          Map.entry("addresses.home.postalCode", "N1 9GU"),
          Map.entry("externalIds.organization", "E042"),
          Map.entry("externalIds.badge", "B-7"),
          Map.entry("relations.manager", "bob@example.com"),
          Map.entry("locations.buildingId", "B4"),
          Map.entry("locations.deskCode", "4-017"),
          Map.entry("languages", "en"),
          Map.entry("emails.work", "ann.lee@example.com"),
          Map.entry("customSchemas.AWS.Role", "admin"),
          Map.entry("customSchemas.HR.level", "7"));

  private static final DirectoryUser ANN =
      new DirectoryUser("1", "ann@example.com", "Ann", "Lee", false, false, "/", EVERY_KEY);
  private static final DirectoryUser BOB = DirectoryUser.of("2", "bob@example.com", "Bob", "Ray");

  @TempDir Path dir;

  private static DirectoryQuery users(Set<String> attributes) {
    return new DirectoryQuery(List.of("*"), List.of(), attributes);
  }

  private static DirectoryContent annAndBob() {
    return DirectoryContent.builder().user(ANN).user(BOB).build();
  }

  private static DirectoryUser ann(DirectorySnapshot s) {
    return s.users().stream().filter(u -> u.id().equals("1")).findFirst().orElseThrow();
  }

  @Test
  void everyDocumentedKeyArrivesAsItWasSeeded() {
    try (GoogleFixture f = new GoogleFixture(annAndBob(), dir)) {
      DirectorySnapshot s = f.source().read(users(EVERY_KEY.keySet()));
      assertThat(ann(s).attributes()).containsAllEntriesOf(EVERY_KEY);
      // The primary phone and address carry a type too (work, the one no typed key took), so
      // they are also the first of that type, as a Google user's would be.
      Map<String, String> more = new LinkedHashMap<>(ann(s).attributes());
      more.keySet().removeAll(EVERY_KEY.keySet());
      assertThat(more)
          .containsOnly(
              Map.entry("phones.work", "+1 555 0100"),
              Map.entry("addresses.work.locality", "London"),
              Map.entry("addresses.work.countryCode", "GB"));
      assertThat(f.emulator.lastParameters("users.list"))
          .containsEntry("projection", "custom")
          .containsEntry("customFieldMask", "AWS,HR");
    }
  }

  @Test
  void aReadAskingNoAttributesIsAsSmallAsBeforeAndGetsNone() {
    try (GoogleFixture f = new GoogleFixture(annAndBob(), dir)) {
      DirectorySnapshot s = f.source().read(users(Set.of()));
      assertThat(ann(s).attributes()).isEmpty();
      assertThat(f.emulator.lastParameters("users.list"))
          .containsEntry(
              "fields",
              "nextPageToken,users(id,primaryEmail,name(givenName,familyName),suspended,archived,"
                  + "orgUnitPath)")
          .doesNotContainKeys("projection", "customFieldMask");
    }
  }

  @Test
  void customSchemaFieldsArriveOnlyWhenAskedAndOnlyTheirSchemas() {
    try (GoogleFixture f = new GoogleFixture(annAndBob(), dir)) {
      GoogleDirectorySource source = f.source();
      DirectoryUser noCustom = ann(source.read(users(Set.of("organizations.department"))));
      assertThat(noCustom.attributes()).containsEntry("organizations.department", "Platform");
      assertThat(noCustom.attributes().keySet()).noneMatch(k -> k.startsWith("customSchemas."));
      assertThat(noCustom.attributes().keySet()).noneMatch(k -> k.startsWith("phones"));
      assertThat(f.emulator.lastParameters("users.list")).doesNotContainKey("projection");

      DirectoryUser aws = ann(source.read(users(Set.of("customSchemas.AWS.Role"))));
      assertThat(aws.attributes()).containsExactly(Map.entry("customSchemas.AWS.Role", "admin"));
      assertThat(f.emulator.lastParameters("users.list"))
          .containsEntry("projection", "custom")
          .containsEntry("customFieldMask", "AWS");
    }
  }

  @Test
  void primaryElseFirstCustomTypesAndAMultiValuedFieldsFirstValue() {
    try (GoogleFixture f = new GoogleFixture(annAndBob(), dir)) {
      f.emulator.userFields(
          "2",
          """
          {"organizations": [{"title": "Intern", "type": "school"},
                             {"title": "Lead", "department": "Ops", "primary": true}],
           "phones": [{"value": "+1 555 0001", "type": "home"},
                      {"value": "+1 555 0002", "type": "work"},
                      {"value": "+1 555 0003", "type": "work"}],
           "externalIds": [{"value": "X9", "type": "custom", "customType": "payroll"}],
           "languages": [{"customLanguage": "Klingon"}],
           "emails": [{"address": "bob@example.com", "primary": true},
                      {"address": "bob@alias.example.com"},
                      {"address": "robert@example.com", "type": "work"}],
           "customSchemas": {"Skills": {"lang": [{"value": "Go"}, {"value": "Java"}]}}}
          """);
      DirectorySnapshot s =
          f.source()
              .read(
                  users(
                      Set.of(
                          "organizations.title",
                          "phones",
                          "phones.work",
                          "externalIds.payroll",
                          "languages",
                          "emails.work",
                          "customSchemas.Skills.lang")));
      DirectoryUser bob = s.users().stream().filter(u -> u.id().equals("2")).findFirst().get();
      assertThat(bob.attributes())
          .containsEntry("organizations.title", "Lead") // the primary, though second
          .containsEntry("organizations.department", "Ops")
          .containsEntry("phones", "+1 555 0001") // no primary: the first
          .containsEntry("phones.work", "+1 555 0002") // the first of its type
          .containsEntry("externalIds.payroll", "X9") // a custom type by its name
          .containsEntry("languages", "Klingon")
          .containsEntry("emails.work", "robert@example.com")
          .containsEntry("customSchemas.Skills.lang", "Go"); // a multi-valued field's first
    }
  }

  @Test
  void attributesCostNoCallMoreOnTheListAndGetPathsAndPagingStaysRight() {
    // 501 users in 2 pages; a group naming 5 of them (read by users.get when the user query
    // does not select them) and another naming 40 (read by listing every user).
    DirectoryContent base =
        SyntheticDirectory.builder()
            .seed(3)
            .users(501)
            .groups(0)
            .memberships(0)
            .userAttributes(true)
            .build();
    DirectoryContent.Builder b = DirectoryContent.builder();
    base.users().forEach(b::user);
    b.group(
        DirectoryGroup.of("g1", "aws-few@example.com", "Few"),
        base.users().subList(0, 5).stream()
            .map(DirectoryMember::user)
            .toArray(DirectoryMember[]::new));
    b.group(
        DirectoryGroup.of("g2", "aws-many@example.com", "Many"),
        base.users().subList(100, 140).stream()
            .map(DirectoryMember::user)
            .toArray(DirectoryMember[]::new));
    DirectoryContent content = b.build();
    Set<String> mapped =
        Set.of(
            "organizations.title",
            "organizations.department",
            "organizations.costCenter",
            "externalIds.organization",
            "relations.manager",
            "phones.work",
            "addresses.locality",
            "locations.buildingId",
            "languages",
            "customSchemas.Employment.level");
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      GoogleDirectorySource source = f.source();
      source.read(new DirectoryQuery(List.of(), List.of("email:none*"))); // the access token
      for (List<String> userQueries : List.of(List.of("*"), List.<String>of())) {
        for (String groups :
            userQueries.isEmpty()
                ? List.of("email:aws-few*", "email:aws-many*")
                : List.of("email:aws-few*")) {
          f.emulator.resetCalls();
          source.read(new DirectoryQuery(userQueries, List.of(groups)));
          Map<String, Long> without = f.emulator.calls();
          f.emulator.resetCalls();
          DirectorySnapshot read =
              source.read(new DirectoryQuery(userQueries, List.of(groups), mapped));
          Map<String, Long> with = f.emulator.calls();
          assertThat(with).as(userQueries + " " + groups).isEqualTo(without);
          assertThat(read.users()).isNotEmpty();
          for (DirectoryUser u : read.users()) {
            DirectoryUser seeded = content.user(u.id()).orElseThrow();
            assertThat(u.attributes()).as(u.id()).containsAllEntriesOf(seeded.attributes());
          }
          if (userQueries.isEmpty()) {
            assertThat(with.getOrDefault(groups.contains("few") ? "users.get" : "users.list", 0L))
                .isEqualTo(groups.contains("few") ? 5 : 2);
          } else {
            assertThat(read.users()).hasSize(501);
            assertThat(with).containsEntry("users.list", 2L); // 500 + 1
          }
        }
      }
    }
  }

  @Test
  void aSchemaTheTenantLacksFailsTheReadNamingIt() {
    try (GoogleFixture f = new GoogleFixture(annAndBob(), dir)) {
      assertThatThrownBy(() -> f.source().read(users(Set.of("customSchemas.Nope.field"))))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
          .hasMessageContaining("users.list (all users) (custom schemas Nope)")
          .hasMessageContaining("Invalid Input: customFieldMask");
    }
  }

  @Test
  void aKeyNoSourceFillsIsRefusedBeforeAnyCall() {
    try (GoogleFixture f = new GoogleFixture(annAndBob(), dir)) {
      assertThatThrownBy(() -> f.source().read(users(Set.of("organizations.team"))))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
          .hasMessageContaining("organizations.team");
      assertThat(f.emulator.calls()).doesNotContainKeys("users.list", "users.get");
    }
  }
}
