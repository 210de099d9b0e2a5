package io.github.ssosync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeMappingTest {

  @Test
  void theDefaultMapsTheRequiredAttributesOnly() {
    AttributeMapping m = AttributeMapping.DEFAULT;
    assertThat(m.users().keySet())
        .containsExactly(
            UserAttribute.USER_NAME,
            UserAttribute.GIVEN_NAME,
            UserAttribute.FAMILY_NAME,
            UserAttribute.DISPLAY_NAME,
            UserAttribute.EMAIL);
    assertThat(m.optional()).isEmpty();
    assertThat(m.attributeKeys()).isEmpty();
    assertThat(m.groupName().text()).isEqualTo("{email}");
  }

  @Test
  void suggestedSourcesCoverTheCommonCasesAndNameWhatTheSourceMustRead() {
    AttributeMapping m =
        AttributeMapping.builder()
            .mapSuggested(List.of("title", "department", "costCenter", "manager"))
            .map(UserAttribute.USER_NAME, "{custom:AWS.Username}")
            .build();
    assertThat(m.optional())
        .containsExactly(
            UserAttribute.TITLE,
            UserAttribute.COST_CENTER,
            UserAttribute.DEPARTMENT,
            UserAttribute.MANAGER);
    assertThat(m.attributeKeys())
        .containsExactlyInAnyOrder(
            "customSchemas.AWS.Username",
            "organizations.title",
            "organizations.department",
            "organizations.costCenter",
            "relations.manager");
    assertThat(m.toBuilder().build()).isEqualTo(m);
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsAttribute() {
    assertThatThrownBy(
            () ->
                AttributeMapping.builder()
                    .map("departmnet", null, null)
                    .map("nickName", null, null)
                    .map(UserAttribute.TITLE, "{organizations.tilte}")
                    .unmap(UserAttribute.EMAIL)
                    .groupName("{givenName}")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown user attribute \"departmnet\"; IAM Identity Center keeps:")
        .hasMessageContaining("nickName: no directory field is its obvious source")
        .hasMessageContaining("title: template \"{organizations.tilte}\": unknown field")
        .hasMessageContaining("email: IAM Identity Center requires it")
        .hasMessageContaining("group name: template \"{givenName}\"");
  }

  @Test
  void attributesAreNamedByKeyOrPathInAnyCase() {
    assertThat(UserAttribute.named("COSTCENTER")).isEqualTo(UserAttribute.COST_CENTER);
    assertThat(UserAttribute.named("enterprise.department")).isEqualTo(UserAttribute.DEPARTMENT);
    assertThat(UserAttribute.named("name.middleName")).isEqualTo(UserAttribute.MIDDLE_NAME);
    assertThat(UserAttribute.named("shoeSize")).isNull();
  }
}
