package io.github.ssosync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserAttributeKeyTest {
  @Test
  void everyDocumentedFormParsesAndSpellsItselfBack() {
    for (String key :
        List.of(
            "name.fullName",
            "name.displayName",
            "organizations.costCenter",
            "phones",
            "phones.mobile",
            "addresses.locality",
            "addresses.work.postalCode",
            "externalIds.organization",
            "relations.manager",
            "locations.deskCode",
            "languages",
            "emails.work",
            "customSchemas.AWS.Username")) {
      assertThat(UserAttributeKey.parse(key).toString()).isEqualTo(key);
    }
    assertThat(UserAttributeKey.parse("addresses.home.region"))
        .isEqualTo(new UserAttributeKey("addresses", "home", "region"));
    assertThat(UserAttributeKey.parse("customSchemas.HR.level"))
        .isEqualTo(new UserAttributeKey("customSchemas", "HR", "level"));
    assertThat(UserAttributeKey.parse("organizations.title"))
        .isEqualTo(new UserAttributeKey("organizations", null, "title"));
  }

  @Test
  void aKeyNoSourceFillsIsRefusedNamingIt() {
    for (String key :
        List.of(
            "department",
            "organizations",
            "organizations.team",
            "name.givenName",
            "phones.work.value",
            "addresses.work.street",
            "externalIds",
            "languages.en",
            "emails",
            "customSchemas.AWS",
            "customSchemas..x",
            "locations.floor")) {
      assertThatThrownBy(() -> UserAttributeKey.parse(key))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("unknown user attribute \"" + key + "\"");
      assertThat(UserAttributeKey.isKnown(key)).isFalse();
    }
    assertThatThrownBy(() -> UserAttributeKey.parse("organizations.team"))
        .hasMessageContaining("known: costCenter, department, description");
  }
}
