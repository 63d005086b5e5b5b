package dev.strata.wasmsplit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A WebAssembly module as its sections, with the parts the splitter reads decoded: the types, each
 * function's type, and the function bodies. Everything else is kept as the bytes it was.
 */
final class ModuleBinary {
  static final int TYPE = 1;
  static final int IMPORT = 2;
  static final int FUNCTION = 3;
  static final int CODE = 10;

  /** One section as read: its id and its payload. */
  record Section(int id, byte[] payload) {}

  final List<Section> sections = new ArrayList<>();
  final List<FuncType> types = new ArrayList<>();
  /** The type index of every function, imported ones first. */
  final List<Integer> functionTypes = new ArrayList<>();
  int importedFunctions;
  /** The bodies of the defined functions, encoded (locals and expression, without the size). */
  final List<byte[]> bodies = new ArrayList<>();

  static ModuleBinary read(byte[] wasm) {
    if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') {
      throw new WasmFormatException("not a WebAssembly module (no \\0asm header)");
    }
    if (wasm[4] != 1 || wasm[5] != 0 || wasm[6] != 0 || wasm[7] != 0) {
      throw new WasmFormatException("unsupported WebAssembly binary version");
    }
    ModuleBinary m = new ModuleBinary();
    Bytes.Reader r = new Bytes.Reader(wasm, 8, wasm.length);
    while (r.more()) {
      int id = r.u8();
      int size = r.u32();
      byte[] payload = Arrays.copyOfRange(wasm, r.pos, r.pos + size);
      r.skip(size);
      m.sections.add(new Section(id, payload));
      Bytes.Reader s = new Bytes.Reader(payload, 0, payload.length);
      switch (id) {
        case TYPE -> m.readTypes(s);
        case IMPORT -> m.readImports(s);
        case FUNCTION -> {
          int n = s.u32();
          for (int i = 0; i < n; i++) {
            m.functionTypes.add(s.u32());
          }
        }
        case CODE -> {
          int n = s.u32();
          for (int i = 0; i < n; i++) {
            int len = s.u32();
            m.bodies.add(Arrays.copyOfRange(payload, s.pos, s.pos + len));
            s.skip(len);
          }
        }
        default -> { }
      }
    }
    if (m.bodies.size() != m.functionTypes.size() - m.importedFunctions) {
      throw new WasmFormatException("the function and code sections disagree on the number of functions");
    }
    return m;
  }

  private void readTypes(Bytes.Reader s) {
    int n = s.u32();
    for (int i = 0; i < n; i++) {
      int form = s.u8();
      if (form != 0x60) {
        throw new WasmFormatException("type " + i + " is not a function type (GC types are not supported)");
      }
      types.add(new FuncType(valTypes(s), valTypes(s)));
    }
  }

  private static List<Byte> valTypes(Bytes.Reader s) {
    int n = s.u32();
    List<Byte> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add((byte) s.u8());
    }
    return out;
  }

  private void readImports(Bytes.Reader s) {
    int n = s.u32();
    for (int i = 0; i < n; i++) {
      s.name();
      s.name();
      int kind = s.u8();
      switch (kind) {
        case 0 -> {
          functionTypes.add(s.u32());
          importedFunctions++;
        }
        case 1 -> {
          s.u8();
          limits(s);
        }
        case 2 -> limits(s);
        case 3 -> {
          s.u8();
          s.u8();
        }
        case 4 -> {
          s.u8();
          s.u32();
        }
        default -> throw new WasmFormatException("unknown import kind " + kind);
      }
    }
  }

  private static void limits(Bytes.Reader s) {
    int flags = s.u8();
    s.u32();
    if ((flags & 1) != 0) {
      s.u32();
    }
  }

  FuncType functionType(int function) {
    return types.get(functionTypes.get(function));
  }

  /** The index of {@code type}, appended when the module has none equal to it. */
  int typeIndex(FuncType type) {
    int i = types.indexOf(type);
    if (i >= 0) {
      return i;
    }
    types.add(type);
    return types.size() - 1;
  }

  /** Appends a function of type {@code type} with {@code body}; returns its index. */
  int addFunction(FuncType type, byte[] body) {
    functionTypes.add(typeIndex(type));
    bodies.add(body);
    return functionTypes.size() - 1;
  }

  /** The module with the type, function and code sections written anew and every other section as it was. */
  byte[] write() {
    Bytes.Writer out = new Bytes.Writer();
    out.bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    for (Section s : sections) {
      byte[] payload = switch (s.id()) {
        case TYPE -> typeSection();
        case FUNCTION -> functionSection();
        case CODE -> codeSection();
        default -> s.payload();
      };
      out.u8(s.id()).sized(payload);
    }
    return out.toByteArray();
  }

  private byte[] typeSection() {
    Bytes.Writer w = new Bytes.Writer().u32(types.size());
    for (FuncType t : types) {
      w.u8(0x60).u32(t.params().size());
      t.params().forEach(w::u8);
      w.u32(t.results().size());
      t.results().forEach(w::u8);
    }
    return w.toByteArray();
  }

  private byte[] functionSection() {
    Bytes.Writer w = new Bytes.Writer().u32(functionTypes.size() - importedFunctions);
    for (int i = importedFunctions; i < functionTypes.size(); i++) {
      w.u32(functionTypes.get(i));
    }
    return w.toByteArray();
  }

  private byte[] codeSection() {
    Bytes.Writer w = new Bytes.Writer().u32(bodies.size());
    for (byte[] b : bodies) {
      w.sized(b);
    }
    return w.toByteArray();
  }
}
