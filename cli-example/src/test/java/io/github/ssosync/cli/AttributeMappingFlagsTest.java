package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.cli.internal.EnvDefaults;
import io.github.ssosync.cli.internal.Options;
import io.github.ssosync.cli.internal.Wiring;
import io.github.ssosync.cli.lambda.LambdaSettings;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.UserAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --user-attributes}, {@code --attribute-mapping} and {@code --group-name} templates. */
class AttributeMappingFlagsTest {
  @TempDir Path dir;

  private static AttributeMapping mapping(Map<String, String> env, String... args) {
    Options o = new Options();
    CommandLine cli = new CommandLine(o);
    cli.setDefaultValueProvider(new EnvDefaults(env));
    cli.parseArgs(args);
    return Wiring.policy(o).attributeMapping();
  }

  @Test
  void commonAttributesComeFromTheirUsualGoogleFields() {
    AttributeMapping m =
        mapping(Map.of(), "-g", "*", "--user-attributes", "title, department,costCenter,manager");
    assertThat(m.optional())
        .containsExactly(
            UserAttribute.TITLE,
            UserAttribute.COST_CENTER,
            UserAttribute.DEPARTMENT,
            UserAttribute.MANAGER);
    assertThat(m.entry(UserAttribute.MANAGER).template().text()).isEqualTo("{relations.manager}");
    assertThat(mapping(Map.of("SSOSYNC_USER_ATTRIBUTES", "department"), "-g", "*").optional())
        .containsExactly(UserAttribute.DEPARTMENT);
  }

  @Test
  void aMappingFileNamesAnyAttributeWithSourcesDefaultsAndTheGroupName() throws Exception {
    Path file = dir.resolve("mapping.yaml");
    Files.writeString(
        file,
        """
        users:
          userName: "{custom:AWS.Username}"
          department:
          costCenter: { source: "{custom:HR.costCenter}", default: "0000" }
        groups:
          name: "AWS-{email.local|removePrefix:aws-|capitalize}"
          description: false
        """);
    AttributeMapping m = mapping(Map.of(), "-g", "*", "--attribute-mapping", file.toString());
    assertThat(m.entry(UserAttribute.USER_NAME).template().text())
        .isEqualTo("{custom:AWS.Username}");
    assertThat(m.entry(UserAttribute.DEPARTMENT).template().text())
        .isEqualTo("{organizations.department}");
    assertThat(m.entry(UserAttribute.COST_CENTER).defaultValue()).isEqualTo("0000");
    assertThat(m.groupName().text()).isEqualTo("AWS-{email.local|removePrefix:aws-|capitalize}");
    assertThat(m.syncGroupDescription()).isFalse();
    assertThat(m.attributeKeys())
        .containsExactlyInAnyOrder(
            "customSchemas.AWS.Username",
            "organizations.department",
            "customSchemas.HR.costCenter");
  }

  @Test
  void unknownKeysAndBadValuesAreErrorsNamingTheKeyTheFileAndTheFlag() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        users:
          departmnet: "{organizations.department}"
          title: { source: "{organizations.title}", fallback: "x" }
          nickName:
        group:
          name: x
        """);
    assertThatThrownBy(() -> mapping(Map.of(), "-g", "*", "--attribute-mapping", file.toString()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "--attribute-mapping (SSOSYNC_ATTRIBUTE_MAPPING) " + file)
                                .contains("unknown key \"group\""))
                    .anySatisfy(p -> assertThat(p).contains("unknown key \"users.title.fallback\""))
                    .anySatisfy(
                        p -> assertThat(p).contains("unknown user attribute \"departmnet\""))
                    .anySatisfy(
                        p ->
                            assertThat(p).contains("nickName: no directory field is its obvious")));
    assertThatThrownBy(
            () ->
                mapping(
                    Map.of(),
                    "-g",
                    "*",
                    "--attribute-mapping",
                    dir.resolve("missing.yaml").toString()))
        .hasMessageContaining("--attribute-mapping (SSOSYNC_ATTRIBUTE_MAPPING): cannot read");
    assertThatThrownBy(() -> mapping(Map.of(), "-g", "*", "--group-name", "{givenName}"))
        .hasMessageContaining("--group-name (SSOSYNC_GROUP_NAME): group name: template");
  }

  @Test
  void theLambdaTakesTheSameSettingsAndAnInlineDocument() {
    Map<String, String> env =
        Map.of(
            "SSOSYNC_GROUP_MATCH", "*",
            "SSOSYNC_GOOGLE_ADMIN", "admin@example.com",
            "SSOSYNC_GOOGLE_CREDENTIALS", "key.json",
            "SSOSYNC_USER_ATTRIBUTES", "title",
            "SSOSYNC_ATTRIBUTE_MAPPING",
                "{\"users\": {\"employeeNumber\": \"{externalIds.organization}\"}}",
            "SSOSYNC_GROUP_NAME", "AWS-{email.local}");
    AttributeMapping m = LambdaSettings.from(env).policy().attributeMapping();
    assertThat(m.optional()).containsExactly(UserAttribute.TITLE, UserAttribute.EMPLOYEE_NUMBER);
    assertThat(m.groupName().text()).isEqualTo("AWS-{email.local}");
  }
}
