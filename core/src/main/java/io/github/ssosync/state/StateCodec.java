package io.github.ssosync.state;

/** Encodes a {@link SyncState} as bytes and back. (Being written: see the state-store branch.) */
public final class StateCodec {
  private StateCodec() {}

  /**
   * @param state the state
   * @return its bytes
   */
  public static byte[] encode(SyncState state) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * @param content stored bytes
   * @return the state
   * @throws StateFormatException if the bytes are not a state this version reads
   */
  public static SyncState decode(byte[] content) {
    throw new StateFormatException("not yet");
  }
}
