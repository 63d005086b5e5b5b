package dev.strata.lint.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JVM methods Chicory's compiler made of the split parser's functions ({@code func_N}, one per
 * WebAssembly function) are small enough for HotSpot's JIT compiler (8,000 bytes of bytecode,
 * {@code -XX:-DontCompileHugeMethods} aside): a larger one runs in the bytecode interpreter on every
 * call. The one exception allowed is a pure table selector (the switch's selector, see
 * strata-wasm-split's {@code SwitchSplitter}): a table switch whose every branch returns a constant,
 * cheap even interpreted. Chicory's own glue ({@code call_dispatch_N}, which host calls into the
 * module go through, a few per statement) is not the splitter's to size.
 */
class CompiledParserMethodSizeTest {
  private static final int HUGE = 8000;

  /** A method's name and its bytecode. */
  private record Method(String className, String name, byte[] code) {}

  @Test
  void every_compiled_parser_method_but_the_switch_selector_is_small_enough_for_the_jit() throws Exception {
    List<Method> methods = compiledParserMethods();
    assertThat(methods).as("methods of the compiled parser classes").hasSizeGreaterThan(400);
    List<String> huge = new ArrayList<>();
    int selectors = 0;
    int largest = 0;
    for (Method m : methods) {
      if (!m.name.startsWith("func_")) {
        continue;
      }
      if (m.code.length <= HUGE) {
        largest = Math.max(largest, m.code.length);
        continue;
      }
      if (isTableSelector(m.code)) {
        selectors++;
      } else {
        huge.add(m.className + "." + m.name + ": " + m.code.length + " bytes");
      }
    }
    System.out.printf("[strata] compiled parser: %d methods, largest function %d bytes of bytecode besides %d table"
        + " selector(s)%n", methods.size(), largest, selectors);
    assertThat(huge).as("methods over %d bytes of bytecode that HotSpot will not compile", HUGE).isEmpty();
    assertThat(selectors).as("table selectors over %d bytes", HUGE).isLessThanOrEqualTo(1);
  }

  @Test
  void the_selector_check_tells_a_table_of_constants_from_other_code() {
    // iload_0; tableswitch 0..1 -> +28, +31, default +34; iconst_1; ireturn; bipush 7; ireturn; iconst_0; ireturn
    byte[] selector = {0x1A, (byte) 0xAA, 0, 0, 0, 0, 0, 34, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 31,
        0x04, (byte) 0xAC, 0x00, 0x00, 0x10, 7, (byte) 0xAC, 0x03, (byte) 0xAC};
    assertThat(isTableSelector(selector)).isTrue();
    byte[] withCall = selector.clone();
    withCall[31] = 0x60; // iadd instead of iconst_0: computes, not a constant
    assertThat(isTableSelector(withCall)).isFalse();
  }

  /**
   * True when {@code code} only loads an int argument, switches on it and returns constants (or
   * jumps to such a return): no calls, no memory, nothing else that could be slow interpreted.
   */
  static boolean isTableSelector(byte[] code) {
    int pc = 0;
    while (pc < code.length) {
      int op = code[pc] & 0xff;
      switch (op) {
        // iload_n, iconst_n, ireturn, nop, athrow (Chicory ends a function whose end is unreachable with one)
        case 0x1A, 0x1B, 0x1C, 0x1D, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xAC, 0x00, 0xBF -> pc += 1;
        case 0x15, 0x10, 0x12 -> pc += 2; // iload, bipush, ldc
        case 0x11, 0x13, 0xA7 -> pc += 3; // sipush, ldc_w, goto
        case 0xAA, 0xAB -> { // tableswitch, lookupswitch
          int p = (pc + 4) & ~3;
          if (p + 12 > code.length) {
            return false;
          }
          if (op == 0xAA) {
            int low = readInt(code, p + 4);
            int high = readInt(code, p + 8);
            pc = p + 12 + 4 * (high - low + 1);
          } else {
            pc = p + 8 + 8 * readInt(code, p + 4);
          }
        }
        default -> {
          return false;
        }
      }
    }
    return pc == code.length;
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }

  private static List<Method> compiledParserMethods() throws IOException, URISyntaxException {
    Path dir = Path.of(LibPgQueryModule.class.getResource("LibPgQueryModule.class").toURI()).getParent();
    List<Method> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("LibPgQueryModule")
          && p.getFileName().toString().endsWith(".class")).sorted().toList()) {
        all.addAll(methodsOf(f.getFileName().toString(), Files.readAllBytes(f)));
      }
    }
    return all;
  }

  /** The methods of a class file with their Code attribute (JVMS 4.1, 4.6, 4.7.3). */
  private static List<Method> methodsOf(String className, byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException(className + " is not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        default -> throw new IOException(className + ": unknown constant pool tag " + tag);
      }
    }
    in.skipNBytes(6);
    in.skipNBytes(2L * in.readUnsignedShort());
    skipMembers(in);
    List<Method> methods = new ArrayList<>();
    int n = in.readUnsignedShort();
    for (int m = 0; m < n; m++) {
      in.readUnsignedShort();
      String name = utf8[in.readUnsignedShort()];
      in.readUnsignedShort();
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attr = utf8[in.readUnsignedShort()];
        int length = in.readInt();
        if (!"Code".equals(attr)) {
          in.skipNBytes(length);
          continue;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        byte[] code = new byte[in.readInt()];
        in.readFully(code);
        in.skipNBytes(length - 8 - code.length);
        methods.add(new Method(className, name, code));
      }
    }
    return methods;
  }

  private static void skipMembers(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    for (int i = 0; i < n; i++) {
      in.skipNBytes(6);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.skipNBytes(2);
        in.skipNBytes(in.readInt());
      }
    }
  }
}
