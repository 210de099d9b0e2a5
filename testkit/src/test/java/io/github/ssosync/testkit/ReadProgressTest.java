package io.github.ssosync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.emulators.InMemoryIdentityTarget;
import io.github.ssosync.engine.ProgressListener;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncPhase;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.ReadCounter;
import io.github.ssosync.provider.ReadCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine tells its listener what this read has read, from each side, ending with the total. */
class ReadProgressTest {
  @Test
  void theLastCountsAreThisReadsGrowthAndComeBeforeTheReadEnds() {
    ReadCounter counter = new ReadCounter();
    counter.users(5); // an earlier read by the same source: not this run's
    DirectorySource source =
        new DirectorySource() {
          @Override
          public DirectorySnapshot read(DirectoryQuery query) {
            counter.users(100);
            counter.groups(10);
            for (int i = 0; i < 8; i++) {
              counter.memberList();
            }
            return new DirectorySnapshot(List.of(), List.of(), Map.of(), Set.of(), Set.of());
          }

          @Override
          public ReadCounts readCounts() {
            return counter.snapshot();
          }
        };
    List<String> heard = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public synchronized void onProgress(SyncPhase phase, long done, long total) {
            heard.add(phase + " " + done);
          }

          @Override
          public synchronized void onRead(ReadCounts directory, ReadCounts target) {
            heard.add("read " + directory + " " + target);
          }
        };
    SyncEngine.builder()
        .source(source)
        .target(InMemoryIdentityTarget.builder().build())
        .policy(SyncPolicy.builder().groupMatch("*").build())
        .progressListener(listener)
        .build()
        .plan();
    int done = heard.indexOf("READ 1");
    assertThat(done).isPositive();
    assertThat(heard.get(done - 1))
        .isEqualTo(
            "read "
                + new ReadCounts(100, 10, 8)
                + " "
                + ReadCounts.NONE); // the in-memory target does not count
  }
}
