package dev.strata.wasmsplit;

import dev.strata.wasmsplit.Node.Instr;
import dev.strata.wasmsplit.Node.Struct;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** A function body decoded into a tree: the types of its declared locals and its instructions. */
final class FunctionBody {
  final List<Byte> locals;
  final List<Node> code;

  FunctionBody(List<Byte> locals, List<Node> code) {
    this.locals = locals;
    this.code = code;
  }

  static FunctionBody decode(byte[] body, ModuleBinary module) {
    Bytes.Reader r = new Bytes.Reader(body, 0, body.length);
    List<Byte> locals = new ArrayList<>();
    int groups = r.u32();
    for (int i = 0; i < groups; i++) {
      int count = r.u32();
      byte type = (byte) r.u8();
      if ((long) locals.size() + count > 50_000) {
        throw new WasmFormatException("too many locals");
      }
      for (int k = 0; k < count; k++) {
        locals.add(type);
      }
    }
    List<Node> root = new ArrayList<>();
    Deque<Struct> open = new ArrayDeque<>();
    List<Node> current = root;
    while (true) {
      int start = r.pos;
      int op = r.u8();
      switch (op) {
        case Node.OP_END -> {
          if (open.isEmpty()) {
            if (r.more()) {
              throw new WasmFormatException("bytes after the end of a function body");
            }
            return new FunctionBody(locals, root);
          }
          open.pop();
          Struct outer = open.peek();
          current = outer == null ? root : outer.elseBody != null ? outer.elseBody : outer.body;
        }
        case Node.OP_ELSE -> {
          Struct s = open.peek();
          if (s == null || s.op != Node.OP_IF || s.elseBody != null) {
            throw new WasmFormatException("else outside an if");
          }
          s.elseBody = new ArrayList<>();
          current = s.elseBody;
        }
        case Node.OP_BLOCK, Node.OP_LOOP, Node.OP_IF -> {
          int btStart = r.pos;
          FuncType type = blockType(r, module);
          Struct s = new Struct(op, Arrays.copyOfRange(body, btStart, r.pos), type, new ArrayList<>(), null);
          current.add(s);
          open.push(s);
          current = s.body;
        }
        default -> current.add(instr(op, r, body, start, module));
      }
    }
  }

  static FuncType blockType(Bytes.Reader r, ModuleBinary module) {
    int b = r.peek();
    if (b == 0x40) {
      r.u8();
      return FuncType.EMPTY;
    }
    if (isValType(b)) {
      r.u8();
      return new FuncType(List.of(), List.of((byte) b));
    }
    long index = r.s64();
    if (index < 0 || index >= module.types.size()) {
      throw new WasmFormatException("block type index out of range: " + index);
    }
    return module.types.get((int) index);
  }

  static boolean isValType(int b) {
    return b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C || b == 0x7B || b == 0x70 || b == 0x6F;
  }

  private static Instr instr(int op, Bytes.Reader r, byte[] body, int start, ModuleBinary module) {
    int index = 0;
    int[] labels = null;
    int pops;
    int pushes = 0;
    boolean terminal = false;
    switch (op) {
      case 0x00 -> {
        pops = 0;
        terminal = true;
      }
      case 0x01 -> pops = 0;
      case Node.OP_BR -> {
        index = r.u32();
        pops = 0;
        terminal = true;
      }
      case Node.OP_BR_IF -> {
        index = r.u32();
        pops = 1;
      }
      case Node.OP_BR_TABLE -> {
        int n = r.u32();
        if (n > 1_000_000) {
          throw new WasmFormatException("br_table too long");
        }
        labels = new int[n + 1];
        for (int i = 0; i <= n; i++) {
          labels[i] = r.u32();
        }
        pops = 1;
        terminal = true;
      }
      case Node.OP_RETURN -> {
        pops = 0;
        terminal = true;
      }
      case Node.OP_CALL -> {
        index = r.u32();
        if (index >= module.functionTypes.size()) {
          throw new WasmFormatException("call to an unknown function " + index);
        }
        FuncType t = module.functionType(index);
        pops = t.params().size();
        pushes = t.results().size();
      }
      case 0x11 -> {
        index = r.u32();
        r.u32();
        if (index >= module.types.size()) {
          throw new WasmFormatException("call_indirect with an unknown type " + index);
        }
        FuncType t = module.types.get(index);
        pops = t.params().size() + 1;
        pushes = t.results().size();
      }
      case 0x1A -> pops = 1;
      case 0x1B, 0x1C -> { // select, select with its value types (one byte each)
        if (op == 0x1C) {
          r.skip(r.u32());
        }
        pops = 3;
        pushes = 1;
      }
      case Node.OP_LOCAL_GET, 0x23 -> {
        index = r.u32();
        pops = 0;
        pushes = 1;
      }
      case Node.OP_LOCAL_SET, 0x24 -> {
        index = r.u32();
        pops = 1;
      }
      case Node.OP_LOCAL_TEE -> {
        index = r.u32();
        pops = 1;
        pushes = 1;
      }
      case 0x25, 0x26, 0x3F, 0x40 -> { // table.get, table.set, memory.size, memory.grow
        r.u32();
        pops = op == 0x3F ? 0 : op == 0x26 ? 2 : 1;
        pushes = op == 0x26 ? 0 : 1;
      }
      case 0x41, 0x42, 0x43, 0x44, 0xD0, 0xD2 -> { // constants: i32, i64, f32, f64, ref.null, ref.func
        switch (op) {
          case 0x41, 0x42 -> r.s64();
          case 0x43 -> r.skip(4);
          case 0x44 -> r.skip(8);
          case 0xD0 -> r.u8();
          default -> r.u32();
        }
        pops = 0;
        pushes = 1;
      }
      case 0xD1 -> {
        pops = 1;
        pushes = 1;
      }
      case 0xFC -> {
        int sub = r.u32();
        switch (sub) {
          case 0, 1, 2, 3, 4, 5, 6, 7 -> {
            pops = 1;
            pushes = 1;
          }
          case 8, 10, 12, 14 -> { // memory.init, memory.copy, table.init, table.copy: two immediates
            r.u32();
            r.u32();
            pops = 3;
          }
          case 9, 11, 13, 15, 16, 17 -> { // data.drop, memory.fill, elem.drop, table.grow, size, fill
            r.u32();
            pops = sub == 9 || sub == 13 || sub == 16 ? 0 : sub == 15 ? 2 : 3;
            pushes = sub == 15 || sub == 16 ? 1 : 0;
          }
          default -> throw new WasmFormatException("unsupported instruction 0xFC " + sub);
        }
      }
      default -> {
        if (op >= 0x28 && op <= 0x35) {
          memarg(r);
          pops = 1;
          pushes = 1;
        } else if (op >= 0x36 && op <= 0x3E) {
          memarg(r);
          pops = 2;
        } else if (op >= 0x45 && op <= 0xC4) {
          pops = isBinary(op) ? 2 : 1;
          pushes = 1;
        } else {
          throw new WasmFormatException("unsupported instruction 0x" + Integer.toHexString(op));
        }
      }
    }
    return new Instr(op, Arrays.copyOfRange(body, start, r.pos), index, labels, pops, pushes, terminal);
  }

  private static void memarg(Bytes.Reader r) {
    int align = r.u32();
    if ((align & 0x40) != 0) {
      r.u32();
    }
    r.u32();
  }

  private static boolean isBinary(int op) {
    return (op >= 0x46 && op <= 0x4F) || (op >= 0x51 && op <= 0x66) || (op >= 0x6A && op <= 0x78)
        || (op >= 0x7C && op <= 0x8A) || (op >= 0x92 && op <= 0x98) || (op >= 0xA0 && op <= 0xA6);
  }

  /** The body encoded: locals (runs of one type) and the instructions, closed by end. */
  byte[] encode() {
    Bytes.Writer w = new Bytes.Writer();
    List<int[]> groups = new ArrayList<>();
    for (int i = 0; i < locals.size(); i++) {
      if (i > 0 && locals.get(i).equals(locals.get(i - 1))) {
        groups.get(groups.size() - 1)[0]++;
      } else {
        groups.add(new int[] {1, locals.get(i)});
      }
    }
    w.u32(groups.size());
    for (int[] g : groups) {
      w.u32(g[0]).u8(g[1]);
    }
    write(w, code);
    w.u8(Node.OP_END);
    return w.toByteArray();
  }

  private static void write(Bytes.Writer w, List<Node> nodes) {
    for (Node n : nodes) {
      if (n instanceof Instr i) {
        w.bytes(i.raw());
      } else if (n instanceof Struct s) {
        w.u8(s.op).bytes(s.blockType);
        write(w, s.body);
        if (s.elseBody != null) {
          w.u8(Node.OP_ELSE);
          write(w, s.elseBody);
        }
        w.u8(Node.OP_END);
      }
    }
  }
}
