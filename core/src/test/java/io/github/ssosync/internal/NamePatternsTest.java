package io.github.ssosync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamePatternsTest {
  @Test
  void exactNamesAndGlobsMatchIgnoringCase() {
    NamePatterns p =
        NamePatterns.of(List.of("Admin@Example.com", "*-bot@example.com", "svc.*.ci@*"));
    assertThat(p.matches("admin@example.COM")).isTrue();
    assertThat(p.matches("build-bot@example.com")).isTrue();
    assertThat(p.matches("svc.deploy.ci@other.org")).isTrue();
    assertThat(p.matches("admin@example.co")).isFalse();
    assertThat(p.matches("bot@example.com")).isFalse();
    // Regex metacharacters in a pattern are literal.
    assertThat(NamePatterns.of(List.of("a.b+c@x")).matches("aXb+c@x")).isFalse();
    assertThat(NamePatterns.none().matches("anything")).isFalse();
  }
}
