package io.github.ssosync.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncPolicyTest {
  @Test
  void defaultsAreTheSafeOnes() {
    SyncPolicy p = SyncPolicy.builder().groupMatch("email:aws-*").build();
    assertThat(p.syncMethod()).isEqualTo(SyncMethod.GROUPS);
    assertThat(p.ownerMode()).isEqualTo(OwnerMode.ANCHORED);
    assertThat(p.suspendedAction()).isEqualTo(SuspendedAction.DISABLE);
    assertThat(p.gracePeriod()).isEqualTo(Duration.ofDays(7));
    assertThat(p.deletionGuard()).isEqualTo(new DeletionGuard(50, 10));
    assertThat(p.directoryQuery().groupQueries()).containsExactly("email:aws-*");
    assertThat(p.directoryQuery().userQueries()).isEmpty();
  }

  @Test
  void commaSeparatedQueriesSplitLikeSsosync() {
    assertThat(SyncPolicy.splitQueries("name:Admin*, email:aws-*"))
        .containsExactly("name:Admin*", "email:aws-*");
    assertThat(SyncPolicy.splitQueries("  ")).isEmpty();
    assertThat(SyncPolicy.builder().userMatch("*").build().directoryQuery().allUsers()).isTrue();
  }

  @Test
  void everyProblemIsReportedAtOnceNamingTheSetting() {
    assertThatThrownBy(
            () ->
                SyncPolicy.builder()
                    .groupMatch("name:Eng*,")
                    .ignoreUsers(List.of(" "))
                    .gracePeriod(Duration.ofDays(-1))
                    .deletionGuard(new DeletionGuard(-1, 101))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "groupMatch \"name:Eng*,\": empty query after ','",
                        "ignoreUsers: contains an empty entry",
                        "gracePeriod \"PT-24H\": must not be negative",
                        "deletionGuard.maxRemovals \"-1\": must be 0 (no limit) or more",
                        "deletionGuard.maxPercent \"101\": must be between 0 (no limit) and 100"));
  }

  @Test
  void anEmptyScopeIsABadConfigurationBecauseItWouldRemoveEverything() {
    assertThatThrownBy(() -> SyncPolicy.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("userMatch and groupMatch are both empty");
  }

  @Test
  void aQueryGoogleWouldRefuseIsAConfigurationErrorNamingTheSettingAndTheClause() {
    assertThatThrownBy(
            () ->
                SyncPolicy.builder()
                    .userMatch(List.of("email:ann*", "name:jan* isSuspended=false"))
                    .groupMatch(
                        List.of("*", "email:aws-admins", "memberKey=ann@example.com name:A*"))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "userMatch \"name:jan* isSuspended=false\": clause 'name:jan*': name takes"
                            + " =, :, not a prefix search ('*')",
                        "groupMatch \"email:aws-admins\": clause 'email:aws-admins': email takes"
                            + " =, :{PREFIX}*: write email:value* for a prefix",
                        "groupMatch \"memberKey=ann@example.com name:A*\": clause"
                            + " 'memberKey=ann@example.com': memberKey cannot be combined with"
                            + " email or name (here 'name:A*')"));
    assertThat(
            SyncPolicy.builder()
                .userMatch(
                    List.of("orgUnitPath=/Eng isEnrolledIn2Sv=true", "EmploymentData.level>=7"))
                .groupMatch(List.of("name:AWS* email:aws-*"))
                .build()
                .userMatch())
        .hasSize(2);
  }
}
