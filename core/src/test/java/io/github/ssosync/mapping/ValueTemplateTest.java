package io.github.ssosync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTemplateTest {
  private static final DirectoryUser ADA =
      new DirectoryUser(
          "1",
          "ada.lovelace@example.com",
          "Ada",
          "Lovelace",
          false,
          false,
          "/Engineering",
          Map.of(
              "organizations.department", " Analytical Engines ",
              "customSchemas.AWS.Username", "alovelace",
              "relations.manager", "charles@example.com"));

  @Test
  void placeholdersReadFieldsAttributesAndCustomSchemaFields() {
    assertThat(ValueTemplate.user("{givenName} {familyName}").render(ADA))
        .isEqualTo("Ada Lovelace");
    assertThat(ValueTemplate.user("{custom:AWS.Username}").render(ADA)).isEqualTo("alovelace");
    assertThat(ValueTemplate.user("{customSchemas.AWS.Username}").render(ADA))
        .isEqualTo("alovelace");
    assertThat(ValueTemplate.user("{organizations.department}").render(ADA))
        .as("values are stripped")
        .isEqualTo("Analytical Engines");
    assertThat(ValueTemplate.user("{email.local}@corp.example").render(ADA))
        .isEqualTo("ada.lovelace@corp.example");
    assertThat(ValueTemplate.user("{orgUnitPath}").render(ADA)).isEqualTo("/Engineering");
    assertThat(ValueTemplate.user("{attr:anything.a.source.gives}").attributeKeys())
        .containsExactly("anything.a.source.gives");
  }

  @Test
  void transformsApplyInOrderAndDefaultsFillEmptyValues() {
    DirectoryGroup admins = DirectoryGroup.of("g", "aws-admins@example.com", "Admins");
    assertThat(ValueTemplate.group("AWS-{email.local|removePrefix:aws-|capitalize}").render(admins))
        .isEqualTo("AWS-Admins");
    assertThat(ValueTemplate.group("{email|localPart|upper}").render(admins))
        .isEqualTo("AWS-ADMINS");
    assertThat(ValueTemplate.group("{email|domain}").render(admins)).isEqualTo("example.com");
    assertThat(ValueTemplate.group("{name|lower|replace:a:4}").render(admins)).isEqualTo("4dmins");
    assertThat(ValueTemplate.user("{organizations.title|default:Staff}").render(ADA))
        .isEqualTo("Staff");
    assertThat(ValueTemplate.user("{{{givenName}}}").render(ADA)).isEqualTo("{Ada}");
    assertThat(ValueTemplate.user("{organizations.title}").render(ADA)).isEmpty();
  }

  @Test
  void theKeysASourceMustReadAreNamedWithoutBuiltInFields() {
    assertThat(
            ValueTemplate.user("{givenName} {custom:HR.level} {organizations.title}")
                .attributeKeys())
        .containsExactly("customSchemas.HR.level", "organizations.title");
  }

  @Test
  void everyProblemOfATemplateIsReportedAtOnce() {
    assertThatThrownBy(() -> ValueTemplate.user("{organizations.departmnet} {givenName|shout} {"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field {organizations.departmnet}")
        .hasMessageContaining("unknown transform 'shout'")
        .hasMessageContaining("unclosed '{'");
    assertThatThrownBy(() -> ValueTemplate.group("{givenName}"))
        .hasMessageContaining("unknown field {givenName}; use id, email, name");
    assertThatThrownBy(() -> ValueTemplate.user(" ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> ValueTemplate.user("a}b")).hasMessageContaining("unmatched '}'");
  }

  @Test
  void aUserTemplateCannotRenderAGroup() {
    assertThatThrownBy(
            () ->
                ValueTemplate.user("{givenName}")
                    .render(DirectoryGroup.of("g", "g@example.com", "G")))
        .isInstanceOf(IllegalStateException.class);
  }
}
