package io.github.ssosync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private static final int EXAMPLES = Integer.getInteger("ssosync.examples", 200);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyStateSurvivesEncodeThenDecode() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SyncState state = StateSamples.random(new Random(seed));
              assertThat(StateCodec.decode(StateCodec.encode(state))).isEqualTo(state);
            });
  }

  @Test
  void theFormatComesFirstAndTheBytesAreGzip() throws IOException {
    byte[] bytes = StateCodec.encode(StateSamples.random(new Random(1)));
    assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
    assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
    assertThat(gunzip(bytes)).startsWith("{\"format\":\"ssosync-state/1\",");
  }

  @Test
  void aLargeStateSurvivesEncodeThenDecode() {
    // The large directory; no timing asserted (the machine's load is not ours).
    SyncState state = StateSamples.large(100_000, 10_000, 500_000);
    byte[] bytes = StateCodec.encode(state);
    SyncState back = StateCodec.decode(bytes);
    assertThat(back.target().memberships()).hasSize(500_000);
    assertThat(back.directory().users()).hasSize(100_000);
    assertThat(back).isEqualTo(state);
  }

  @Test
  void bytesThatAreNotGzipAreRefusedSayingWhatTheyAre() {
    assertThatThrownBy(() -> StateCodec.decode(new byte[0]))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("is empty")
        .hasMessageContaining("gzip");
    assertThatThrownBy(() -> StateCodec.decode("{\"format\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("uncompressed JSON")
        .hasMessageContaining("ssosync-state/1");
    assertThatThrownBy(() -> StateCodec.decode(new byte[] {'P', 'K', 3, 4, 0}))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("starts with the bytes 50 4b 03 04")
        .hasMessageContaining("1f 8b");
  }

  @Test
  void truncatedGzipIsRefused() {
    byte[] bytes = StateCodec.encode(StateSamples.random(new Random(2)));
    byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> StateCodec.decode(cut))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("truncated or corrupt");
  }

  @Test
  void gzipThatIsNotJsonIsRefused() {
    assertThatThrownBy(() -> StateCodec.decode(gzip("hello, world")))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> StateCodec.decode(gzip("[1,2]")))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("expected a JSON object, found an array");
  }

  @Test
  void anotherFormatIsRefusedNamingBoth() {
    assertThatThrownBy(() -> StateCodec.decode(gzip("{\"format\":\"ssosync-state/2\"}")))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("\"ssosync-state/2\"")
        .hasMessageContaining("reads \"ssosync-state/1\"");
    assertThatThrownBy(() -> StateCodec.decode(gzip("{\"schema\":\"ssosync-plan/v1\"}")))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("expected the field \"format\"")
        .hasMessageContaining("found the field \"schema\"");
  }

  @Test
  void aMissingFieldIsNamedWithItsPlace() throws IOException {
    assertThatThrownBy(() -> StateCodec.decode(edited(root -> root.remove("cursors"))))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("top level")
        .hasMessageContaining("no field \"cursors\"");
    assertThatThrownBy(
            () -> StateCodec.decode(edited(root -> user(root, 1).remove("primaryEmail"))))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("/directory/users/1")
        .hasMessageContaining("missing field \"primaryEmail\"");
    // A nullable field is still required: null, not absent.
    assertThatThrownBy(() -> StateCodec.decode(edited(root -> user(root, 0).remove("givenName"))))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("missing field \"givenName\"");
  }

  @Test
  void wrongValuesAreNamedWithTheirPlace() throws IOException {
    assertThatThrownBy(() -> StateCodec.decode(edited(root -> user(root, 0).putNull("id"))))
        .hasMessageContaining("/directory/users/0/id")
        .hasMessageContaining("expected a string, found null");
    assertThatThrownBy(() -> StateCodec.decode(edited(root -> root.put("writtenAt", "yesterday"))))
        .hasMessageContaining("/writtenAt")
        .hasMessageContaining("\"yesterday\" is not an ISO-8601 instant");
    assertThatThrownBy(
            () -> StateCodec.decode(edited(root -> user(root, 0).put("suspended", "no"))))
        .hasMessageContaining("expected true or false");
    assertThatThrownBy(
            () -> StateCodec.decode(edited(root -> root.withObject("/directory").put("extra", 1))))
        .hasMessageContaining("unknown field \"extra\"");
    assertThatThrownBy(
            () ->
                StateCodec.decode(
                    edited(
                        root ->
                            ((ObjectNode) root.withArray("/target/users").get(0))
                                .withObject("/optional")
                                .put("shoeSize", "x"))))
        .hasMessageContaining("\"shoeSize\" is not a user attribute's key");
    // The record's own rule, reported at the record's place.
    assertThatThrownBy(
            () ->
                StateCodec.decode(
                    edited(
                        root ->
                            ((ObjectNode) root.withArray("/target/users").get(0))
                                .withObject("/optional")
                                .put("userName", "x"))))
        .hasMessageContaining("/target/users/0: userName is a required attribute");
    assertThatThrownBy(
            () ->
                StateCodec.decode(
                    edited(
                        root ->
                            ((ObjectNode) root.withArray("/target/memberships").get(0))
                                .put("groupId", 7))))
        .hasMessageContaining("/target/memberships/0/groupId");
  }

  @Test
  void duplicatesAndTrailingContentAreRefused() throws IOException {
    String json = gunzip(StateCodec.encode(StateSamples.random(new Random(3))));
    assertThatThrownBy(() -> StateCodec.decode(gzip(json + " {}")))
        .hasMessageContaining("expected the end of the state");
    String twice = json.replaceFirst("\"writtenBy\":", "\"writtenBy\":\"x\",\"writtenBy\":");
    assertThatThrownBy(() -> StateCodec.decode(gzip(twice)))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("writtenBy");
    assertThatThrownBy(
            () ->
                StateCodec.decode(
                    edited(root -> root.withArray("/recheck/userIds").add("u").add("u"))))
        .hasMessageContaining("\"u\" is listed twice");
  }

  private static ObjectNode user(ObjectNode root, int i) {
    return (ObjectNode) root.withArray("/directory/users").get(i);
  }

  /** A valid state's JSON with one edit, gzipped again. */
  private static byte[] edited(Consumer<ObjectNode> edit) throws IOException {
    SyncState state = StateSamples.random(new Random(4));
    ObjectNode root = (ObjectNode) JSON.readTree(gunzip(StateCodec.encode(state)));
    ArrayNode users = root.withArray("/directory/users");
    assertThat(users.size()).isGreaterThanOrEqualTo(2);
    assertThat(root.withArray("/target/users").size()).isGreaterThanOrEqualTo(1);
    assertThat(root.withArray("/target/memberships").size()).isGreaterThanOrEqualTo(1);
    edit.accept(root);
    return gzip(JSON.writeValueAsString(root));
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  static String gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
