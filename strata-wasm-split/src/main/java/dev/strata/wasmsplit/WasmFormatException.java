package dev.strata.wasmsplit;

/** A WebAssembly module the splitter cannot read or does not support, with the reason. */
public final class WasmFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WasmFormatException(String message) {
    super(message);
  }
}
