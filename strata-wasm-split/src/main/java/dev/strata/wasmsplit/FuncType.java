package dev.strata.wasmsplit;

import java.util.List;

/** A WebAssembly function type: value types (binary codes such as 0x7F for i32) in and out. */
record FuncType(List<Byte> params, List<Byte> results) {
  FuncType {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  static final FuncType EMPTY = new FuncType(List.of(), List.of());
}
