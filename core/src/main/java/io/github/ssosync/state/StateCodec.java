package io.github.ssosync.state;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes a {@link SyncState} as bytes and back: gzip-compressed JSON whose first field is {@code
 * "format": "ssosync-state/1"}.
 *
 * <p>Streamed both ways (Jackson's generator and parser, never a tree), so that a state of 100,000
 * users and 500,000 memberships is never held twice. Gzip because the JSON repeats its field names
 * and ids: the state is kept in S3 or on disk and loaded every run. Decoding is strict: anything
 * but a complete state of this format fails with a {@link StateFormatException} saying what was
 * found and what was expected, and the run then reconciles in full.
 */
public final class StateCodec {
  /** The format written, as the state's {@code "format"} field. */
  public static final String FORMAT = "ssosync-state/1";

  /** The gzip magic number (RFC 1952, section 2.3.1: ID1 = 31, ID2 = 139). */
  private static final int GZIP_ID1 = 0x1f;

  private static final int GZIP_ID2 = 0x8b;
  private static final int BUFFER = 64 * 1024;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          // A key given twice would make the state mean whichever came last: refuse it.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private StateCodec() {}

  /**
   * @param state the state
   * @return its bytes: gzip-compressed {@code ssosync-state/1} JSON
   */
  public static byte[] encode(SyncState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(BUFFER);
    try (JsonGenerator out =
        JSON.createGenerator(new GZIPOutputStream(bytes, BUFFER), JsonEncoding.UTF8)) {
      new StateWriter(out).write(state);
    } catch (IOException e) {
      // Only memory is written to; an IOException here is a bug, not a condition to handle.
      throw new UncheckedIOException("cannot encode the state", e);
    }
    return bytes.toByteArray();
  }

  /**
   * @param content stored bytes
   * @return the state
   * @throws StateFormatException if the bytes are not a state this version reads, saying what they
   *     are instead
   */
  public static SyncState decode(byte[] content) {
    if (content.length < 2 || (content[0] & 0xff) != GZIP_ID1 || (content[1] & 0xff) != GZIP_ID2) {
      throw new StateFormatException(
          "the state is not gzip-compressed "
              + FORMAT
              + " JSON: it "
              + describe(content)
              + ", where gzip data starts with the bytes 1f 8b");
    }
    try (JsonParser in =
        JSON.createParser(new GZIPInputStream(new ByteArrayInputStream(content), BUFFER))) {
      return new StateReader(in).read();
    } catch (StreamReadException e) {
      throw new StateFormatException(
          "the state is gzip-compressed but not valid JSON, near "
              + e.getLocation().offsetDescription()
              + " of the uncompressed data: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new StateFormatException(
          "the state is not complete gzip data (truncated or corrupt: " + e.getMessage() + ")", e);
    }
  }

  private static String describe(byte[] content) {
    if (content.length == 0) {
      return "is empty";
    }
    int i = 0;
    while (i < content.length && Character.isWhitespace(content[i])) {
      i++;
    }
    if (i < content.length && (content[i] == '{' || content[i] == '[')) {
      return "looks like uncompressed JSON";
    }
    StringBuilder b = new StringBuilder("starts with the bytes");
    for (int k = 0; k < Math.min(4, content.length); k++) {
      b.append(String.format(" %02x", content[k] & 0xff));
    }
    return b.toString();
  }
}
