package dev.strata.wasmsplit;

import java.util.ArrayList;
import java.util.List;

/** One instruction of a function body as a tree: a plain instruction or a block, loop or if with its bodies. */
sealed interface Node permits Node.Instr, Node.Struct {

  int size();

  int OP_UNREACHABLE = 0x00;
  int OP_BLOCK = 0x02;
  int OP_LOOP = 0x03;
  int OP_IF = 0x04;
  int OP_ELSE = 0x05;
  int OP_END = 0x0B;
  int OP_BR = 0x0C;
  int OP_BR_IF = 0x0D;
  int OP_BR_TABLE = 0x0E;
  int OP_RETURN = 0x0F;
  int OP_CALL = 0x10;
  int OP_LOCAL_GET = 0x20;
  int OP_LOCAL_SET = 0x21;
  int OP_LOCAL_TEE = 0x22;
  int OP_I32_CONST = 0x41;
  int OP_I32_EQ = 0x46;

  /**
   * A plain instruction: its encoding, the one index it carries that the splitter may rewrite (a
   * local, a branch depth, a function), br_table's labels (the default last), and its effect on the
   * operand stack ({@code terminal}: nothing after it runs: br, br_table, return, unreachable).
   */
  record Instr(int op, byte[] raw, int index, int[] labels, int pops, int pushes, boolean terminal) implements Node {
    @Override
    public int size() {
      return raw.length;
    }

    static Instr simple(int op, int pops, int pushes) {
      return new Instr(op, new byte[] {(byte) op}, 0, null, pops, pushes, op == OP_UNREACHABLE || op == OP_RETURN);
    }

    static Instr withIndex(int op, int index) {
      byte[] raw = new Bytes.Writer().u8(op).u32(index & 0xffffffffL).toByteArray();
      return switch (op) {
        case OP_LOCAL_GET -> new Instr(op, raw, index, null, 0, 1, false);
        case OP_LOCAL_SET -> new Instr(op, raw, index, null, 1, 0, false);
        case OP_LOCAL_TEE -> new Instr(op, raw, index, null, 1, 1, false);
        case OP_BR -> new Instr(op, raw, index, null, 0, 0, true);
        case OP_BR_IF -> new Instr(op, raw, index, null, 1, 0, false);
        default -> throw new IllegalArgumentException("not an indexed instruction: " + op);
      };
    }

    static Instr call(int function, FuncType type) {
      byte[] raw = new Bytes.Writer().u8(OP_CALL).u32(function).toByteArray();
      return new Instr(OP_CALL, raw, function, null, type.params().size(), type.results().size(), false);
    }

    static Instr i32Const(int value) {
      byte[] raw = new Bytes.Writer().u8(OP_I32_CONST).s64(value).toByteArray();
      return new Instr(OP_I32_CONST, raw, value, null, 0, 1, false);
    }

    /** A zero of value type {@code type}. */
    static Instr zero(byte type) {
      Bytes.Writer w = new Bytes.Writer();
      switch (type) {
        case 0x7F -> w.u8(0x41).u8(0);
        case 0x7E -> w.u8(0x42).u8(0);
        case 0x7D -> w.u8(0x43).bytes(new byte[4]);
        case 0x7C -> w.u8(0x44).bytes(new byte[8]);
        case 0x70, 0x6F -> w.u8(0xD0).u8(type);
        default -> throw new WasmFormatException("no zero for value type 0x" + Integer.toHexString(type & 0xff));
      }
      byte[] raw = w.toByteArray();
      return new Instr(raw[0] & 0xff, raw, 0, null, 0, 1, false);
    }

    static Instr brTable(int[] labels) {
      Bytes.Writer w = new Bytes.Writer().u8(OP_BR_TABLE).u32(labels.length - 1);
      for (int l : labels) {
        w.u32(l);
      }
      return new Instr(OP_BR_TABLE, w.toByteArray(), 0, labels.clone(), 1, 0, true);
    }
  }

  /** A block, loop or if: its block type (encoded, and resolved), its body, and an if's else body (or null). */
  final class Struct implements Node {
    final int op;
    final byte[] blockType;
    final FuncType type;
    List<Node> body;
    List<Node> elseBody;
    private int size = -1;

    Struct(int op, byte[] blockType, FuncType type, List<Node> body, List<Node> elseBody) {
      this.op = op;
      this.blockType = blockType;
      this.type = type;
      this.body = body;
      this.elseBody = elseBody;
    }

    static Struct block(byte[] blockType, FuncType type, List<Node> body) {
      return new Struct(OP_BLOCK, blockType, type, body, null);
    }

    static Struct emptyIf(List<Node> body) {
      return new Struct(OP_IF, new byte[] {0x40}, FuncType.EMPTY, body, null);
    }

    /** Forgets the cached size, after a body changed. */
    void changed() {
      size = -1;
    }

    @Override
    public int size() {
      if (size < 0) {
        int s = 1 + blockType.length + sizeOf(body) + 1;
        if (elseBody != null) {
          s += 1 + sizeOf(elseBody);
        }
        size = s;
      }
      return size;
    }

    /** Where a branch to this construct's label goes needs these values. */
    List<Byte> labelTypes() {
      return op == OP_LOOP ? type.params() : type.results();
    }
  }

  static int sizeOf(List<Node> nodes) {
    int s = 0;
    for (Node n : nodes) {
      s += n.size();
    }
    return s;
  }

  static List<Node> list(Node... nodes) {
    return new ArrayList<>(List.of(nodes));
  }
}
