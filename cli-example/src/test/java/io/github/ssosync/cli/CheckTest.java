package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.directory.DirectoryScopes;
import io.github.ssosync.cli.internal.AwsAccess;
import io.github.ssosync.cli.internal.ExitCode;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssosync check} against the emulators: each problem a user meets first, one ✖ line. */
class CheckTest {
  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness(dir).scim();
    cli.env.remove("SSOSYNC_IDENTITY_STORE_ID"); // found with ListInstances
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private int check(String... flags) {
    String[] args = new String[flags.length + 3];
    args[0] = "check";
    args[1] = "-g";
    args[2] = "email:aws-*";
    System.arraycopy(flags, 0, args, 3, flags.length);
    return cli.run(args);
  }

  private List<String> lines(String mark) {
    return Arrays.stream(cli.out.split("\n")).filter(l -> l.startsWith(mark)).toList();
  }

  @Test
  void aGoodSetupPassesEveryCheckReadsOnlyAndPrintsNoSecret() {
    assertThat(check()).as(cli.out).isEqualTo(ExitCode.OK);
    assertThat(lines("✖")).isEmpty();
    assertThat(lines("✔"))
        .anyMatch(l -> l.startsWith("✔ configuration"))
        .anyMatch(l -> l.contains("admin.directory.user.readonly"))
        .anyMatch(l -> l.contains("admin.directory.group.readonly"))
        .anyMatch(l -> l.contains("admin.directory.group.member.readonly: members.list answered"))
        .anyMatch(l -> l.startsWith("✔ Google customer my_customer"))
        .anyMatch(
            l ->
                l.contains("temporary credentials")
                    && l.contains("the environment the CLI was given"))
        .anyMatch(l -> l.contains("found with sso:ListInstances"))
        .anyMatch(l -> l.contains("ListUsers and ListGroups answered"))
        .anyMatch(l -> l.startsWith("✔ eu-west-1 is the instance's primary region"))
        .anyMatch(l -> l.contains("accepts the access token"))
        .anyMatch(l -> l.startsWith("✔ dry plan: ") && l.contains("create user"));
    assertThat(cli.out).contains("All checks passed");
    assertThat(cli.writes()).isZero();
    assertThat(cli.aws.users()).isEmpty();
    assertThat(cli.out + cli.err)
        .doesNotContain(cli.aws.scimToken())
        .doesNotContain(CliHarness.SESSION_TOKEN)
        .doesNotContain("temporary-secret")
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void aMissingTokenIsAConfigurationProblemAndTheTokenIsNotTried() {
    cli.env.remove("SSOSYNC_ACCESS_TOKEN");
    assertThat(check()).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(lines("✖"))
        .singleElement()
        .asString()
        .contains("--endpoint (SSOSYNC_ENDPOINT) is set but --access-token (SSOSYNC_ACCESS_TOKEN)");
    assertThat(cli.aws.scimCalls()).isEmpty();
    assertThat(cli.out).contains("– dry plan: not made");
  }

  @Test
  void anEndpointInAnotherRegionIsNamedWithBothRegionsAndNotCalled() {
    cli.env.put(
        "SSOSYNC_ENDPOINT", "https://scim.us-east-1.amazonaws.com/a1b2c3d4-tenant/scim/v2/");
    assertThat(check()).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(lines("✖"))
        .singleElement()
        .asString()
        .contains(
            "--endpoint (SSOSYNC_ENDPOINT) is in us-east-1 but --region (SSOSYNC_REGION) is eu-west-1");
    assertThat(cli.out).contains("– SCIM token: not tried");
  }

  @Test
  void aPlainHttpEndpointIsRefusedBeforeTheTokenTravelsInClear() {
    cli.env.put("SSOSYNC_ENDPOINT", "http://scim.eu-west-1.amazonaws.com/a1b2c3d4-tenant/scim/v2/");
    assertThat(check()).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(lines("✖")).singleElement().asString().contains("must be an https URL");
    assertThat(cli.out).contains("– SCIM token: not tried");
  }

  @Test
  void anAdditionalRegionOfTheInstanceIsNamed() {
    cli.aws.primaryRegion("us-east-1");
    assertThat(check()).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(lines("✖"))
        .singleElement()
        .asString()
        .startsWith("✖ eu-west-1 is an additional region of the instance");
  }

  @Test
  void aRefusedTokenIsACredentialProblem() {
    cli.aws.revokeScimToken();
    assertThat(check()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(lines("✖"))
        .singleElement()
        .asString()
        .contains("refused the access token (HTTP 401)")
        .contains("Manage access tokens");
    assertThat(cli.out).doesNotContain(cli.aws.scimToken());
  }

  @Test
  void aScopeMissingFromTheDelegationIsNamedAlone() {
    cli.google.refuseDelegatedScope(DirectoryScopes.ADMIN_DIRECTORY_GROUP_MEMBER_READONLY);
    assertThat(check()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(lines("✖"))
        .singleElement()
        .asString()
        .contains("Google delegation for admin.directory.group.member.readonly")
        .contains("Google refused an access token")
        .endsWith("needs " + DirectoryScopes.ADMIN_DIRECTORY_GROUP_MEMBER_READONLY);
    assertThat(lines("✔")).anyMatch(l -> l.contains("admin.directory.group.readonly"));
  }

  @Test
  void refusedAwsCredentialsAreACredentialProblem() {
    cli.env.remove("AWS_SESSION_TOKEN");
    assertThat(check()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(lines("✖"))
        .singleElement()
        .asString()
        .contains("identity store discovery")
        .contains("security token included in the request is invalid");
  }

  @Test
  void aWrongIdentityStoreIdIsAConfigurationProblem() {
    cli.env.put("SSOSYNC_IDENTITY_STORE_ID", "d-0000000000");
    assertThat(check()).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(lines("✖"))
        .singleElement()
        .asString()
        .contains("d-0000000000")
        .contains("--identity-store-id and --region");
  }

  @Test
  void theRegionOfAScimEndpointIsReadFromItsHost() {
    assertThat(
            AwsAccess.scimRegion(
                URI.create("https://scim.eu-central-1.amazonaws.com/a1b2c3-tenant/scim/v2/")))
        .isEqualTo("eu-central-1");
    assertThat(
            AwsAccess.scimRegion(URI.create("https://scim.us-gov-west-1.amazonaws.com/t/scim/v2/")))
        .isEqualTo("us-gov-west-1");
    assertThat(AwsAccess.scimRegion(URI.create("https://scim.example.com/scim/v2/"))).isNull();
    assertThat(AwsAccess.scimRegion(cli.aws.scimEndpoint())).isNull();
  }
}
