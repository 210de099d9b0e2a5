package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's profile fields and custom schemas, through the real Directory client: shaped as
 * the Users resource has them, custom schemas only with the projection that asks for them.
 */
class GoogleUserProfileEmulatorTest {
  private static final DirectoryUser ANN =
      new DirectoryUser(
          "1",
          "ann@example.com",
          "Ann",
          "Lee",
          false,
          false,
          "/",
          Map.of(
              "organizations.department", "Platform",
              "organizations.title", "Engineer",
              "phones", "+1 555 0100",
              "phones.mobile", "+1 555 0199",
              "externalIds.organization", "E042",
              "relations.manager", "bob@example.com",
              "emails.work", "ann.lee@example.com",
              "customSchemas.AWS.Role", "admin",
              "customSchemas.HR.level", "7"));

  @TempDir Path dir;
  private GoogleFixture f;
  private Directory d;

  @BeforeEach
  void start() {
    DirectoryContent content =
        DirectoryContent.builder()
            .user(ANN)
            .user(DirectoryUser.of("2", "bob@example.com", "Bob", "Ray"))
            .build();
    f = new GoogleFixture(content, dir);
    d = f.directory();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void profileFieldsComeShapedAsTheUsersResourceHasThem() throws IOException {
    User u = d.users().get("1").execute();
    assertThat(u.getOrganizations())
        .asList()
        .singleElement()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("department", "Platform")
        .containsEntry("title", "Engineer")
        .containsEntry("primary", true);
    assertThat(u.getPhones().toString())
        .contains("value=+1 555 0100", "primary=true", "type=mobile", "value=+1 555 0199");
    assertThat(u.getExternalIds().toString()).contains("type=organization", "value=E042");
    assertThat(u.getRelations().toString()).contains("type=manager", "value=bob@example.com");
    // emails holds the primary address too, marked primary, as Google's do
    assertThat(u.getEmails().toString())
        .contains("address=ann@example.com", "primary=true", "address=ann.lee@example.com");
  }

  @Test
  void customSchemasComeOnlyWithTheProjectionThatAsksForThem() throws IOException {
    assertThat(d.users().get("1").execute().getCustomSchemas()).isNull(); // basic, the default
    assertThat(d.users().get("1").setProjection("basic").execute().getCustomSchemas()).isNull();
    assertThat(d.users().get("1").setProjection("full").execute().getCustomSchemas())
        .containsOnlyKeys("AWS", "HR");
    User custom = d.users().get("1").setProjection("custom").setCustomFieldMask("AWS").execute();
    assertThat(custom.getCustomSchemas()).containsOnlyKeys("AWS");
    assertThat(custom.getCustomSchemas().get("AWS")).containsEntry("Role", "admin");
    Users list =
        d.users()
            .list()
            .setCustomer("my_customer")
            .setProjection("custom")
            .setCustomFieldMask("HR,AWS")
            .execute();
    assertThat(list.getUsers().get(0).getCustomSchemas()).containsOnlyKeys("AWS", "HR");
    assertThat(list.getUsers().get(1).getCustomSchemas()).isNull(); // bob has none
    assertThat(d.users().list().setCustomer("my_customer").execute().getUsers())
        .allSatisfy(u -> assertThat(u.getCustomSchemas()).isNull());
  }

  @Test
  void aMaskWithoutTheCustomProjectionOrAnUnknownSchemaIsRefused() {
    for (ThrowingCallable call :
        List.<ThrowingCallable>of(
            () -> d.users().get("1").setCustomFieldMask("AWS").execute(),
            () -> d.users().get("1").setProjection("full").setCustomFieldMask("AWS").execute(),
            () -> d.users().get("1").setProjection("custom").execute(),
            () -> d.users().get("1").setProjection("custom").setCustomFieldMask("Nope").execute(),
            () ->
                d.users().list().setCustomer("my_customer").setCustomFieldMask("AWS").execute())) {
      assertThatThrownBy(call)
          .isInstanceOfSatisfying(
              GoogleJsonResponseException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(400);
                assertThat(e.getDetails().getMessage()).isEqualTo("Invalid Input: customFieldMask");
              });
    }
  }

  @Test
  void theFieldsMaskAppliesToProfileFieldsAndCustomSchemas() throws IOException {
    User u =
        d.users()
            .get("1")
            .setProjection("full")
            .setFields("id,organizations(title),customSchemas/AWS")
            .execute();
    assertThat(u.getPrimaryEmail()).isNull();
    assertThat(u.getPhones()).isNull();
    assertThat(u.getOrganizations().toString()).isEqualTo("[{title=Engineer}]");
    assertThat(u.getCustomSchemas()).containsOnlyKeys("AWS");
    // asked for in fields but not by the projection: absent
    assertThat(d.users().get("1").setFields("id,customSchemas").execute().getCustomSchemas())
        .isNull();
  }

  @Test
  void googleShapedFieldsSetByATestAreServedAndUnknownOnesRefused() throws IOException {
    f.emulator.userFields(
        "2",
        """
        {"organizations": [{"title": "Intern", "type": "school"},
                           {"title": "Lead", "primary": true}],
         "customSchemas": {"Skills": {"lang": [{"value": "Go"}, {"value": "Java"}]}}}
        """);
    User bob = d.users().get("2").setProjection("custom").setCustomFieldMask("Skills").execute();
    assertThat(bob.getOrganizations().toString()).contains("Intern", "Lead");
    assertThat(bob.getCustomSchemas().get("Skills").get("lang").toString())
        .isEqualTo("[{value=Go}, {value=Java}]");
    assertThatThrownBy(() -> f.emulator.userFields("2", "{\"department\": \"x\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no field \"department\"");
  }

  @Test
  void searchSeesTheProfileKeysAsGooglesSearchFields() throws IOException {
    Users found =
        d.users()
            .list()
            .setCustomer("my_customer")
            .setQuery("orgDepartment='Platform' AWS.Role=admin")
            .execute();
    assertThat(found.getUsers()).extracting(User::getId).containsExactly("1");
  }
}
