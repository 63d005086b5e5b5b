package dev.strata.wasmsplit;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The splitter on small hand-assembled modules, run by Chicory's interpreter before and after: the
 * split function must compute the same results on every input, through branches out of outlined
 * runs at several depths (br, br_if, a br_table with labels inside and outside), a return from
 * inside a run, a loop around it all, and locals written inside runs.
 */
class WasmSplitTest {
  private static final int I32 = 0x7F;

  /** A tiny assembler: instructions by opcode, numbers as LEB128. */
  private static final class Asm {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Asm op(int... bytes) {
      for (int b : bytes) {
        out.write(b);
      }
      return this;
    }

    Asm raw(byte[] bytes) {
      out.write(bytes, 0, bytes.length);
      return this;
    }

    Asm u(int v) {
      do {
        int b = v & 0x7f;
        v >>>= 7;
        out.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
      return this;
    }

    Asm get(int l) {
      return op(0x20).u(l);
    }

    Asm set(int l) {
      return op(0x21).u(l);
    }

    Asm i32(int v) {
      op(0x41);
      while (true) { // signed LEB128
        int b = v & 0x7f;
        v >>= 7;
        boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
        out.write(done ? b : b | 0x80);
        if (done) {
          return this;
        }
      }
    }

    Asm block() {
      return op(0x02, 0x40);
    }

    Asm loop() {
      return op(0x03, 0x40);
    }

    Asm end() {
      return op(0x0B);
    }

    Asm br(int d) {
      return op(0x0C).u(d);
    }

    Asm brIf(int d) {
      return op(0x0D).u(d);
    }

    /** {@code times} statements of {@code l = (l + a) ^ k}: straight-line filler that writes {@code l} (local 3 only by tee). */
    Asm pad(int l, int a, int times) {
      for (int i = 0; i < times; i++) {
        get(l).get(a).op(0x6A).i32(i % 60 + 1).op(0x73);
        if (l != 3 && i % 2 == 0) {
          set(l);
        } else {
          op(0x22).u(l).op(0x1A); // local.tee, drop
        }
      }
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /**
   * f(a, b) -> i32 with locals x (2) and y (3): a loop whose iterations leave through br_if to the
   * outer block, a br_table to labels at three depths, and a return from inside a run.
   */
  private static byte[] module() {
    Asm f = new Asm();
    f.i32(0).set(2);
    f.block(); // $exit
    f.loop(); // $top
    f.get(0).i32(1).op(0x6A).set(0); // a = a + 1
    f.pad(2, 0, 30);
    f.get(2).i32(16000).op(0x4B).brIf(1); // x > 16000 (unsigned) -> $exit
    f.block(); // $b1
    f.block(); // $b2
    f.get(0).i32(3).op(0x70); // a % 3
    f.op(0x0E).u(2).u(0).u(1).u(2); // br_table $b2 $b1 default $top
    f.end(); // $b2
    f.pad(3, 0, 30);
    f.get(3).i32(7).op(0x71).i32(5).op(0x46); // (y & 7) == 5
    f.op(0x04, 0x40).get(3).get(2).op(0x6A).op(0x0F).end(); // if: return y + x
    f.br(1); // $top
    f.end(); // $b1
    f.pad(2, 3, 30);
    f.get(0).get(1).op(0x49).brIf(0); // a < b -> $top
    f.end(); // loop
    f.end(); // block
    f.get(2).get(3).op(0x6A);
    f.end();
    return moduleOf(new Asm().u(1).u(2).op(I32).raw(f.bytes()).bytes());
  }

  /**
   * g(a, b) -> i32, a switch as compilers emit it: 120 nested blocks and, in the innermost, a
   * br_table over 250 entries (a % 250) to all of them; after each block's end, that case's code.
   * Most cases leave the switch with br; every fifth falls through into the next case's code;
   * every seventh jumps three cases ahead with a br to a deeper label; a loop runs the switch
   * b times.
   */
  private static byte[] switchModule() {
    int levels = 120;
    Asm f = switchHead(levels, 250, e -> (e * 7) % levels, levels - 1);
    for (int k = 0; k < levels; k++) {
      f.end(); // the block at depth levels-1-k ends: case k's code follows
      f.pad(2, 0, 1 + k % 2);
      f.get(0).i32(k + 1).op(0x6A).set(0);
      int remaining = levels - 1 - k; // blocks still open around this case, inside $after
      if (k % 7 == 3 && remaining >= 3) {
        f.br(2); // jump to the code of the case three levels out
      } else if (k % 5 != 4) {
        f.br(remaining); // leave the switch
      } // else fall through into the next case's code
    }
    f.end(); // $after
    f.get(1).i32(1).op(0x6B).set(1); // b = b - 1
    f.get(1).i32(0).op(0x4A).brIf(0); // b > 0 -> $again
    f.end(); // loop
    f.end(); // $done
    f.get(2).get(0).op(0x73);
    f.end();
    return moduleOf(new Asm().u(1).u(2).op(I32).raw(f.bytes()).bytes());
  }

  /**
   * h(a, b) -> i32 with locals x (2), y (3), z (4): a switch of 60 cases under a br_table over
   * a % 97 (labels to cases, to the code after the switch, and to the block around the loop), in
   * a loop run b times. Every case writes x and y, which the code after the switch reads; by k % 6
   * a case leaves the switch (0), falls through into the next case (1), jumps 12 cases ahead (2),
   * returns from the function when (x & 3) == 1 (3), continues the loop or leaves it, two and three
   * blocks out (4), or branches by a br_table to the next case, five cases ahead, out of the switch
   * or out of the loop (5).
   */
  private static byte[] switchCasesModule() {
    int levels = 60;
    Asm f = switchHead(levels, 97, e -> e % 13 == 5 ? levels + 2 : (e * 11) % (levels + 1), levels);
    for (int k = 0; k < levels; k++) {
      f.end(); // case k's code follows
      int remaining = levels - 1 - k; // blocks still open around this case, inside $after
      f.pad(2, 0, 1 + k % 3);
      f.get(3).i32(k + 1).op(0x6A).set(3); // y = y + k + 1
      switch (k % 6) {
        case 0 -> f.br(remaining);
        case 1 -> { } // fall through
        case 2 -> f.br(remaining >= 12 ? 12 : remaining);
        case 3 -> {
          f.get(2).i32(3).op(0x71).i32(1).op(0x46); // (x & 3) == 1
          f.op(0x04, 0x40).get(2).get(3).op(0x6A).op(0x0F).end(); // if: return x + y
          f.br(remaining);
        }
        case 4 -> {
          f.get(1).i32(1).op(0x6B).op(0x22).u(1).i32(0).op(0x4A); // (b = b - 1) > 0
          f.brIf(remaining + 1); // continue the loop, skipping the code after the switch
          f.br(remaining + 2); // leave the loop
        }
        default -> {
          f.get(2).i32(3).op(0x71);
          f.op(0x0E).u(4).u(0).u(Math.min(4, remaining)).u(remaining).u(remaining + 2).u(remaining);
        }
      }
    }
    f.end(); // $after
    f.get(4).get(3).op(0x73).set(4); // z = z ^ y
    f.get(0).i32(7).op(0x6A).set(0); // a = a + 7
    f.get(1).i32(1).op(0x6B).op(0x22).u(1).i32(0).op(0x4A).brIf(0); // (b = b - 1) > 0 -> $again
    f.end(); // loop
    f.end(); // $done
    f.get(2).get(3).i32(31).op(0x6C).op(0x6A).get(4).op(0x6A); // x + y * 31 + z
    f.end();
    return moduleOf(new Asm().u(1).u(3).op(I32).raw(f.bytes()).bytes());
  }

  /**
   * The start of a switch as compilers emit it, in a loop: blocks $done, $again (the loop) and
   * $after (the switch's exit), then {@code levels} nested blocks and, in the innermost, a br_table
   * over a % {@code entries} to {@code label.applyAsInt(entry)}, {@code fallback} by default.
   */
  private static Asm switchHead(int levels, int entries, java.util.function.IntUnaryOperator label, int fallback) {
    Asm f = new Asm();
    f.block(); // $done
    f.loop(); // $again
    f.block(); // $after (the switch's exit)
    for (int k = 0; k < levels; k++) {
      f.block();
    }
    f.get(0).i32(entries).op(0x70); // a % entries
    f.op(0x0E).u(entries);
    for (int e = 0; e < entries; e++) {
      f.u(label.applyAsInt(e));
    }
    f.u(fallback);
    return f;
  }

  private static byte[] moduleOf(byte[] body) {
    Asm m = new Asm().op(0, 'a', 's', 'm', 1, 0, 0, 0);
    section(m, 1, new Asm().u(1).op(0x60).u(2).op(I32, I32).u(1).op(I32).bytes());
    section(m, 3, new Asm().u(1).u(0).bytes());
    section(m, 7, new Asm().u(1).u(1).op('f').u(0).u(0).bytes());
    section(m, 10, new Asm().u(1).u(body.length).raw(body).bytes());
    return m.bytes();
  }

  private static void section(Asm m, int id, byte[] payload) {
    m.op(id).u(payload.length).raw(payload);
  }

  private static long run(byte[] wasm, int a, int b) {
    Instance instance = Instance.builder(Parser.parse(wasm)).build();
    try {
      return instance.export("f").apply(a, b)[0];
    } catch (RuntimeException e) {
      return Long.MIN_VALUE; // a trap: the split module must trap alike
    }
  }

  @Test
  void split_function_computes_what_the_original_computes() {
    byte[] original = module();
    WasmSplit.Result split = WasmSplit.split(original, 256);
    assertThat(split.functionsAdded()).as("runs outlined").isGreaterThanOrEqualTo(3);
    System.out.printf("[strata] wasm-split test module: %d functions added, largest body %d -> %d bytes%n",
        split.functionsAdded(), split.largestBefore(), split.largestAfter());
    assertThat(split.largestAfter()).isLessThan(split.largestBefore());
    int compared = 0;
    for (int a = 0; a < 12; a++) {
      for (int b = 0; b < 40; b += 3) {
        assertThat(run(split.wasm(), a, b)).as("f(%d, %d)", a, b).isEqualTo(run(original, a, b));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(168);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a wrong split can loop forever: fail, not hang
  void a_switch_cut_into_pieces_runs_every_case_as_before() {
    byte[] original = switchModule();
    // a small hard limit, so that the switch is cut like libpg_query's parser: a selector and
    // groups of cases
    WasmSplit.Result split = WasmSplit.split(original, 256, 1000);
    assertThat(split.functionsAdded()).as("runs outlined").isGreaterThanOrEqualTo(4);
    assertThat(split.switchGroups()).as("groups of cases").isGreaterThanOrEqualTo(4);
    assertThat(split.largestAfter()).isLessThan(split.largestBefore() / 2);
    System.out.printf("[strata] wasm-split switch module: %d functions added, largest body %d -> %d bytes%n",
        split.functionsAdded(), split.largestBefore(), split.largestAfter());
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int a = 0; a < 500; a += 2) {
      int b = 1 + a % 5;
      long want = run(original, a, b);
      assertThat(run(split.wasm(), a, b)).as("g(%d, %d)", a, b).isEqualTo(want);
      distinct.add(want);
    }
    assertThat(distinct).as("the inputs reach many different cases").hasSizeGreaterThan(100);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a wrong split can loop forever: fail, not hang
  void a_switch_in_groups_of_cases_runs_every_path_as_before() {
    byte[] original = switchCasesModule();
    // small limits: groups of a few cases each, so that fall-through, jumps ahead and branches
    // out of the switch cross from one group's function into another's
    WasmSplit.Result split = WasmSplit.split(original, 256, 1000);
    System.out.printf("[strata] wasm-split switch cases module: %d functions added (%d groups), largest body %d -> %d bytes%n",
        split.functionsAdded(), split.switchGroups(), split.largestBefore(), split.largestAfter());
    assertThat(split.switchGroups()).as("groups of cases").isGreaterThanOrEqualTo(8);
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int a = 0; a < 400; a++) {
      int b = 1 + a % 6;
      long want = run(original, a, b);
      assertThat(want).as("h(%d, %d) does not trap", a, b).isNotEqualTo(Long.MIN_VALUE);
      assertThat(run(split.wasm(), a, b)).as("h(%d, %d)", a, b).isEqualTo(want);
      distinct.add(want);
    }
    assertThat(distinct).as("the inputs reach many different paths").hasSizeGreaterThan(200);
  }

  @Test
  void module_without_large_functions_is_left_as_it_is() {
    byte[] original = module();
    WasmSplit.Result same = WasmSplit.split(original, 100_000);
    assertThat(same.wasm()).isEqualTo(original);
    assertThat(same.functionsAdded()).isZero();
  }

  @Test
  void a_file_that_is_not_webassembly_is_refused_with_a_reason() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WasmSplit.split(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 4096))
        .isInstanceOf(WasmFormatException.class).hasMessageContaining("not a WebAssembly module");
  }
}
