package dev.strata.wasmsplit;

import dev.strata.wasmsplit.Node.Instr;
import dev.strata.wasmsplit.Node.Struct;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * Moves a compiler-style switch out of a function into a selector and groups of consecutive cases,
 * each group a function small enough for the JIT compiler (see docs/lint.md, "How the parser is
 * built").
 *
 * <p>The switch is a nest of blocks {@code B_0 ⊂ B_1 ⊂ … ⊂ B_top}, each {@code B_k+1} starting with
 * {@code B_k}, the innermost ending in a {@code br_table}; the code after {@code B_k}'s end is case
 * {@code k} (position {@code k}), and a branch to {@code B_k}'s label continues at position {@code k}.
 * Positions past the last case are "out": the code after the nest, or a label around it.
 *
 * <p>After the transform, the {@code br_table}'s index goes to the <em>selector</em>, a new function
 * that only maps it to a state (one constant per label, a lookup that may stay interpreted). A state
 * names a group and a position in it, or a way out of the switch. The <em>driver</em>, which replaces
 * the nest in the function, loops: it calls the state's group, which runs from that position with
 * its own small {@code br_table} and returns the next state (falling off its last case, or a branch
 * to a later case or out of the switch) with every local the cases write; the driver stores them and
 * dispatches again, until the state is a way out: then it branches there, or returns.
 *
 * <p>All groups have one signature: the locals any case reads or writes, then the state; they return
 * the next state, every local any case writes (unchanged when the group does not write it) and, when
 * a case can return, the return values. New functions are appended: no existing index changes.
 */
final class SwitchSplitter {
  /** The smallest switch (cases) worth transforming. */
  private static final int MIN_CASES = 4;
  private static final int SHIFT = 16;
  private static final int MAX_GROUP_CASES = (1 << SHIFT) - 1;

  private final ModuleBinary module;
  private final int groupLimit;
  /** The functions added by the last transform (groups, then the selector). */
  final List<Integer> groups = new ArrayList<>();
  int selector = -1;

  SwitchSplitter(ModuleBinary module, int groupLimit) {
    this.module = module;
    this.groupLimit = groupLimit;
  }

  /** A nest found in a function: where it sits, its blocks (innermost first) and the frames around it. */
  private record Nest(List<Node> parent, int at, List<Struct> blocks, List<List<Byte>> frames) {
    int cases() {
      return blocks.size() - 1;
    }

    /** Case {@code k}'s code: what follows {@code B_k} in {@code B_k+1}. */
    List<Node> caseCode(int k) {
      List<Node> b = blocks.get(k + 1).body;
      return b.subList(1, b.size());
    }

    Struct innermost() {
      return blocks.get(0);
    }

    Instr table() {
      List<Node> b = innermost().body;
      return (Instr) b.get(b.size() - 1);
    }
  }

  /**
   * Transforms the largest switch of {@code body} larger than {@code minSize} bytes; true when it
   * did. {@code type} is the function's type.
   */
  boolean transform(FuncType type, FunctionBody body, int minSize) {
    List<List<Byte>> frames = new ArrayList<>();
    frames.add(type.results());
    Nest[] best = {null};
    find(body.code, frames, minSize, best);
    if (best[0] == null) {
      return false;
    }
    return apply(type, body, best[0]);
  }

  private static void find(List<Node> seq, List<List<Byte>> frames, int minSize, Nest[] best) {
    for (int i = 0; i < seq.size(); i++) {
      if (!(seq.get(i) instanceof Struct s)) {
        continue;
      }
      Nest nest = nestAt(seq, i, frames);
      if (nest != null) {
        if (s.size() > minSize && (best[0] == null || s.size() > best[0].parent.get(best[0].at).size())) {
          best[0] = nest;
        }
        // a switch inside a case moves with its group
        continue;
      }
      frames.add(s.labelTypes());
      find(s.body, frames, minSize, best);
      if (s.elseBody != null) {
        find(s.elseBody, frames, minSize, best);
      }
      frames.remove(frames.size() - 1);
    }
  }

  /** The nest whose outermost block is {@code seq[i]}, or null when it is not one. */
  private static Nest nestAt(List<Node> seq, int i, List<List<Byte>> frames) {
    List<Struct> chain = new ArrayList<>();
    Node n = seq.get(i);
    while (n instanceof Struct s && s.op == Node.OP_BLOCK && s.type.params().isEmpty() && s.type.results().isEmpty()
        && !s.body.isEmpty()) {
      chain.add(s);
      n = s.body.get(0);
    }
    if (chain.size() < MIN_CASES + 1) {
      return null;
    }
    // the innermost: instructions that only compute the index (no branch, no block), then br_table
    for (int k = chain.size() - 1; k >= MIN_CASES; k--) {
      Struct inner = chain.get(k);
      List<Node> b = inner.body;
      if (!(b.get(b.size() - 1) instanceof Instr t) || t.op() != Node.OP_BR_TABLE) {
        continue;
      }
      int height = 0;
      boolean ok = true;
      for (int j = 0; j < b.size() - 1 && ok; j++) {
        if (!(b.get(j) instanceof Instr in) || in.terminal() || in.op() == Node.OP_BR_IF || in.op() == Node.OP_RETURN) {
          ok = false;
        } else {
          height -= in.pops();
          ok = height >= 0;
          height += in.pushes();
        }
      }
      if (!ok || height != 1) {
        continue;
      }
      List<Struct> blocks = new ArrayList<>(chain.subList(0, k + 1));
      Collections.reverse(blocks);
      return new Nest(seq, i, blocks, new ArrayList<>(frames));
    }
    return null;
  }

  /** What the cases of a switch touch. */
  private static final class Usage {
    final BitSet reads = new BitSet();
    final BitSet writes = new BitSet();
    boolean returns;
    boolean unsupported;
  }

  /** How positions and ways out are numbered for one transform. */
  private static final class Plan {
    int cases;
    int[] groupStart;
    int[] groupOf;
    /** Frames around the nest, outermost first; the last one is the function's. */
    List<List<Byte>> frames;
    int maxOut;

    int groups() {
      return groupStart.length - 1;
    }

    boolean isReturn(int position) {
      int u = position - cases;
      return u >= 1 && u - 1 == frames.size() - 1;
    }

    /** The state that continues at {@code position} (past the cases: a way out). */
    int state(int position) {
      if (position < cases) {
        int g = groupOf[position];
        return (g << SHIFT) | (position - groupStart[g]);
      }
      if (isReturn(position)) {
        return groups() << SHIFT;
      }
      return (groups() + 1 + position - cases) << SHIFT;
    }
  }

  private boolean apply(FuncType type, FunctionBody body, Nest nest) {
    int cases = nest.cases();
    Plan plan = new Plan();
    plan.cases = cases;
    plan.frames = nest.frames;
    Usage use = new Usage();
    for (int k = 0; k < cases; k++) {
      // case k's code sits in B_k+1: depth 0 is position k+1
      for (Node n : nest.caseCode(k)) {
        scan(n, 0, k + 1, plan, use);
      }
    }
    for (int l : nest.table().labels()) {
      checkOut(l, plan, use);
    }
    if (use.unsupported || (use.returns && type.results().size() > 1)) {
      return false;
    }
    // groups of consecutive cases, each at most about groupLimit bytes
    List<Integer> starts = new ArrayList<>();
    int acc = 0;
    for (int k = 0; k < cases; k++) {
      int s = Node.sizeOf(nest.caseCode(k)) + 3;
      if (starts.isEmpty() || (acc + s > groupLimit && acc > 0) || k - starts.get(starts.size() - 1) >= MAX_GROUP_CASES) {
        starts.add(k);
        acc = 0;
      }
      acc += s;
    }
    starts.add(cases);
    plan.groupStart = starts.stream().mapToInt(Integer::intValue).toArray();
    plan.groupOf = new int[cases];
    for (int g = 0; g < plan.groups(); g++) {
      for (int k = plan.groupStart[g]; k < plan.groupStart[g + 1]; k++) {
        plan.groupOf[k] = g;
      }
    }

    BitSet carried = (BitSet) use.reads.clone();
    carried.or(use.writes);
    BitSet written = use.writes;
    int params = type.params().size();
    List<Byte> groupParams = new ArrayList<>();
    int[] map = new int[Math.max(carried.length(), 1)];
    for (int l = carried.nextSetBit(0); l >= 0; l = carried.nextSetBit(l + 1)) {
      map[l] = groupParams.size();
      groupParams.add(localType(type, body, l));
    }
    int stParam = groupParams.size();
    groupParams.add((byte) 0x7F);
    List<Byte> groupResults = new ArrayList<>();
    groupResults.add((byte) 0x7F);
    for (int l = written.nextSetBit(0); l >= 0; l = written.nextSetBit(l + 1)) {
      groupResults.add(localType(type, body, l));
    }
    List<Byte> retTypes = type.results();
    if (use.returns) {
      groupResults.addAll(retTypes);
    }
    FuncType groupType = new FuncType(groupParams, groupResults);

    groups.clear();
    for (int g = 0; g < plan.groups(); g++) {
      groups.add(module.addFunction(groupType, groupBody(nest, plan, g, map, stParam, written, use.returns, retTypes)
          .encode()));
    }
    selector = module.addFunction(SELECTOR_TYPE,
        selectorBody(nest.table().labels(), plan).encode());

    // the driver, in place of the nest
    int st = params + body.locals.size();
    body.locals.add((byte) 0x7F);
    int[] ret = new int[use.returns ? retTypes.size() : 0];
    for (int r = 0; r < ret.length; r++) {
      ret[r] = params + body.locals.size();
      body.locals.add(retTypes.get(r));
    }
    nest.parent.set(nest.at, driver(nest, plan, carried, written, st, ret, groupType, use.returns, groups, selector));
    return true;
  }

  private static byte localType(FuncType type, FunctionBody body, int local) {
    int params = type.params().size();
    return local < params ? type.params().get(local) : body.locals.get(local - params);
  }

  /**
   * Records what {@code node} (at {@code nesting} inside the code of a case whose depth 0 is
   * position {@code base}) reads, writes, and where it can go.
   */
  private static void scan(Node node, int nesting, int base, Plan plan, Usage use) {
    if (node instanceof Struct s) {
      for (Node c : s.body) {
        scan(c, nesting + 1, base, plan, use);
      }
      if (s.elseBody != null) {
        for (Node c : s.elseBody) {
          scan(c, nesting + 1, base, plan, use);
        }
      }
      return;
    }
    Instr in = (Instr) node;
    switch (in.op()) {
      case Node.OP_LOCAL_GET -> use.reads.set(in.index());
      case Node.OP_LOCAL_SET, Node.OP_LOCAL_TEE -> use.writes.set(in.index());
      case Node.OP_RETURN -> use.returns = true;
      case Node.OP_BR, Node.OP_BR_IF -> {
        if (in.index() >= nesting) {
          checkOut(base + in.index() - nesting, plan, use);
        }
      }
      case Node.OP_BR_TABLE -> {
        for (int l : in.labels()) {
          if (l >= nesting) {
            checkOut(base + l - nesting, plan, use);
          }
        }
      }
      default -> { }
    }
  }

  /** Notes a branch to {@code position}: a case, the code after the nest, or a label around it. */
  private static void checkOut(int position, Plan plan, Usage use) {
    int u = position - plan.cases;
    if (u < 1) {
      return;
    }
    if (u - 1 > plan.frames.size() - 1) {
      throw new WasmFormatException("branch depth beyond the function");
    }
    plan.maxOut = Math.max(plan.maxOut, u);
    if (plan.isReturn(position)) {
      use.returns = true;
    } else if (!plan.frames.get(plan.frames.size() - u).isEmpty()) {
      use.unsupported = true; // a label that takes values: not a switch this transform handles
    }
  }

  /** One group's function: its part of the nest under a small br_table, and exit blocks. */
  private static FunctionBody groupBody(Nest nest, Plan plan, int g, int[] map, int stParam, BitSet written,
      boolean returns, List<Byte> retTypes) {
    int a = plan.groupStart[g];
    int b = plan.groupStart[g + 1];
    // the group's own nest: B_a holds the dispatch, B_k+1 holds B_k and case k, up to B_b
    int[] labels = new int[b - a + 1];
    for (int k = 0; k < b - a; k++) {
      labels[k] = k;
    }
    labels[b - a] = 0;
    List<Node> dispatch = Node.list(Instr.withIndex(Node.OP_LOCAL_GET, stParam), Instr.i32Const((1 << SHIFT) - 1),
        Instr.simple(0x71, 2, 1), Instr.brTable(labels));
    // the dispatch is the group's own code (it reads the state parameter): it is not rewritten
    Struct inner = Struct.block(new byte[] {0x40}, FuncType.EMPTY, dispatch);
    // exits: one wrapper per state the group can leave with, besides falling off its end
    TreeMap<Integer, Integer> wrapperOf = new TreeMap<>();
    for (int k = a; k < b; k++) {
      for (Node n : nest.caseCode(k)) {
        collectExits(n, 0, k + 1, b, plan, wrapperOf);
      }
    }
    int w = 0;
    for (var e : wrapperOf.entrySet()) {
      e.setValue(w++);
    }
    int nWrappers = wrapperOf.size();
    int retWrapper = nWrappers;
    int common = nWrappers + (returns ? 1 : 0);
    Rewrite rw = new Rewrite(map, plan, b, wrapperOf, retWrapper);
    // B_k+1 = [B_k, case k], rewritten at its nesting: B_b is at nesting 0, case k at nesting b-k
    Struct current = inner;
    for (int k = a; k < b; k++) {
      List<Node> bodyK = new ArrayList<>();
      bodyK.add(current);
      int nesting = b - k;
      for (Node n : nest.caseCode(k)) {
        rw.rewrite(n, nesting, k + 1, bodyK);
      }
      current = Struct.block(new byte[] {0x40}, FuncType.EMPTY, bodyK);
    }
    List<Node> code = new ArrayList<>();
    code.add(current);
    code.add(Instr.i32Const(plan.state(b)));
    code.add(Instr.withIndex(Node.OP_LOCAL_SET, stParam));
    code.add(Instr.withIndex(Node.OP_BR, common));
    int retBase = stParam + 1;
    List<Integer> states = new ArrayList<>(wrapperOf.keySet());
    for (int k = 0; k < common; k++) {
      boolean isRet = returns && k == retWrapper;
      List<Node> next = new ArrayList<>();
      if (isRet) {
        FuncType bt = new FuncType(List.of(), retTypes);
        next.add(Struct.block(blockType(retTypes), bt, code));
        for (int r = retTypes.size() - 1; r >= 0; r--) {
          next.add(Instr.withIndex(Node.OP_LOCAL_SET, retBase + r));
        }
        next.add(Instr.i32Const(plan.groups() << SHIFT));
        next.add(Instr.withIndex(Node.OP_LOCAL_SET, stParam));
      } else {
        next.add(Struct.block(new byte[] {0x40}, FuncType.EMPTY, code));
        next.add(Instr.i32Const(states.get(k)));
        next.add(Instr.withIndex(Node.OP_LOCAL_SET, stParam));
        next.add(Instr.withIndex(Node.OP_BR, common - (k + 1)));
      }
      code = next;
    }
    List<Node> out = new ArrayList<>();
    out.add(Struct.block(new byte[] {0x40}, FuncType.EMPTY, code));
    out.add(Instr.withIndex(Node.OP_LOCAL_GET, stParam));
    for (int l = written.nextSetBit(0); l >= 0; l = written.nextSetBit(l + 1)) {
      out.add(Instr.withIndex(Node.OP_LOCAL_GET, map[l]));
    }
    List<Byte> locals = new ArrayList<>();
    if (returns) {
      for (int r = 0; r < retTypes.size(); r++) {
        out.add(Instr.withIndex(Node.OP_LOCAL_GET, retBase + r));
        locals.add(retTypes.get(r));
      }
    }
    return new FunctionBody(locals, out);
  }

  private static byte[] blockType(List<Byte> results) {
    if (results.isEmpty()) {
      return new byte[] {0x40};
    }
    if (results.size() == 1) {
      return new byte[] {results.get(0)};
    }
    throw new IllegalStateException("multi-value returns are not supported by the switch transform");
  }

  /** Collects the states (other than a return) that code of the group [.., b) can leave with. */
  private static void collectExits(Node node, int nesting, int base, int b, Plan plan, TreeMap<Integer, Integer> out) {
    if (node instanceof Struct s) {
      for (Node c : s.body) {
        collectExits(c, nesting + 1, base, b, plan, out);
      }
      if (s.elseBody != null) {
        for (Node c : s.elseBody) {
          collectExits(c, nesting + 1, base, b, plan, out);
        }
      }
      return;
    }
    Instr in = (Instr) node;
    switch (in.op()) {
      case Node.OP_BR, Node.OP_BR_IF -> exit(base + in.index() - nesting, in.index() >= nesting, b, plan, out);
      case Node.OP_BR_TABLE -> {
        for (int l : in.labels()) {
          exit(base + l - nesting, l >= nesting, b, plan, out);
        }
      }
      default -> { }
    }
  }

  private static void exit(int position, boolean outward, int b, Plan plan, TreeMap<Integer, Integer> out) {
    if (outward && position > b && !plan.isReturn(position)) {
      out.put(plan.state(position), -1);
    }
  }

  /** Copies case code into a group: locals mapped, branches past the group's nest to its exit blocks. */
  private static final class Rewrite {
    final int[] map;
    final Plan plan;
    final int b;
    final TreeMap<Integer, Integer> wrapperOf;
    final int retWrapper;

    Rewrite(int[] map, Plan plan, int b, TreeMap<Integer, Integer> wrapperOf, int retWrapper) {
      this.map = map;
      this.plan = plan;
      this.b = b;
      this.wrapperOf = wrapperOf;
      this.retWrapper = retWrapper;
    }

    /** Case code at {@code caseLevel} blocks inside the level where B_b sits; {@code base}: its depth 0's position. */
    void rewrite(Node node, int caseLevel, int base, List<Node> out) {
      rewriteAt(node, 0, caseLevel, base, out);
    }

    /** {@code inner}: blocks opened inside the case code so far. */
    private void rewriteAt(Node node, int inner, int caseLevel, int base, List<Node> out) {
      if (node instanceof Struct s) {
        List<Node> body = new ArrayList<>(s.body.size());
        for (Node c : s.body) {
          rewriteAt(c, inner + 1, caseLevel, base, body);
        }
        List<Node> elseBody = null;
        if (s.elseBody != null) {
          elseBody = new ArrayList<>(s.elseBody.size());
          for (Node c : s.elseBody) {
            rewriteAt(c, inner + 1, caseLevel, base, elseBody);
          }
        }
        out.add(new Struct(s.op, s.blockType, s.type, body, elseBody));
        return;
      }
      Instr in = (Instr) node;
      switch (in.op()) {
        case Node.OP_LOCAL_GET, Node.OP_LOCAL_SET, Node.OP_LOCAL_TEE -> out.add(Instr.withIndex(in.op(), map[in.index()]));
        case Node.OP_RETURN -> out.add(Instr.withIndex(Node.OP_BR, inner + caseLevel + retWrapper));
        case Node.OP_BR, Node.OP_BR_IF -> out.add(Instr.withIndex(in.op(), map(in.index(), inner, caseLevel, base)));
        case Node.OP_BR_TABLE -> {
          int[] labels = in.labels();
          int[] mapped = new int[labels.length];
          for (int k = 0; k < labels.length; k++) {
            mapped[k] = map(labels[k], inner, caseLevel, base);
          }
          out.add(Instr.brTable(mapped));
        }
        default -> out.add(in);
      }
    }

    /**
     * A branch of depth {@code d} at {@code inner} blocks inside the code of case {@code base - 1},
     * which sits {@code caseLevel} blocks inside the group's outermost level (where B_b sits; the
     * exit blocks wrap that level): within the case or the group's nest it keeps its depth;
     * past B_b it goes to the exit block of its state.
     */
    private int map(int d, int inner, int caseLevel, int base) {
      if (d < inner) {
        return d;
      }
      int position = base + d - inner;
      if (position <= b) {
        return d;
      }
      int w = plan.isReturn(position) ? retWrapper : wrapperOf.get(plan.state(position));
      return inner + caseLevel + w;
    }
  }

  /** The selector: the switch's table, each label a constant state. */
  private static FunctionBody selectorBody(int[] labels, Plan plan) {
    TreeMap<Integer, Integer> slot = new TreeMap<>();
    for (int l : labels) {
      slot.put(l, -1);
    }
    int s = 0;
    for (var e : slot.entrySet()) {
      e.setValue(s++);
    }
    int[] mapped = new int[labels.length];
    for (int k = 0; k < labels.length; k++) {
      mapped[k] = slot.get(labels[k]);
    }
    List<Node> code = Node.list(Instr.withIndex(Node.OP_LOCAL_GET, 0), Instr.brTable(mapped));
    for (int l : slot.keySet()) {
      List<Node> next = new ArrayList<>();
      next.add(Struct.block(new byte[] {0x40}, FuncType.EMPTY, code));
      next.add(Instr.i32Const(plan.state(l)));
      next.add(Instr.simple(Node.OP_RETURN, 0, 0));
      code = next;
    }
    return new FunctionBody(new ArrayList<>(), code);
  }

  /**
   * The driver: the index through the selector, then a loop that calls the state's group, stores
   * what it returns and dispatches again, until the state leaves the switch.
   */
  private static Struct driver(Nest nest, Plan plan, BitSet carried, BitSet written, int st, int[] ret,
      FuncType groupType, boolean returns, List<Integer> groupFns, int selectorFn) {
    // positions are table labels: the prefix computed the index for the original table
    int groups = plan.groups();
    int r = returns ? 1 : 0;
    int[] labels = new int[groups + 1 + plan.maxOut + 1 + 1];
    for (int g = 0; g < groups; g++) {
      labels[g] = g;
    }
    // from the dispatch inside g_0: g_i at i, the return block at G, the loop at G+r, X at G+r+1,
    // and the way out u (0 = after the nest) at G+r+1+u
    labels[groups] = returns ? groups : groups + r + 1;
    for (int u = 0; u <= plan.maxOut; u++) {
      labels[groups + 1 + u] = plan.isReturn(plan.cases + u) ? groups : groups + r + 1 + u;
    }
    labels[labels.length - 1] = groups + r + 1;
    List<Node> code = Node.list(Instr.withIndex(Node.OP_LOCAL_GET, st), Instr.i32Const(SHIFT),
        Instr.simple(0x76, 2, 1), Instr.brTable(labels));
    for (int g = 0; g < groups; g++) {
      List<Node> next = new ArrayList<>();
      next.add(Struct.block(new byte[] {0x40}, FuncType.EMPTY, code));
      for (int l = carried.nextSetBit(0); l >= 0; l = carried.nextSetBit(l + 1)) {
        next.add(Instr.withIndex(Node.OP_LOCAL_GET, l));
      }
      next.add(Instr.withIndex(Node.OP_LOCAL_GET, st));
      next.add(Instr.call(groupFns.get(g), groupType));
      for (int k = ret.length - 1; k >= 0; k--) {
        next.add(Instr.withIndex(Node.OP_LOCAL_SET, ret[k]));
      }
      List<Integer> w = written.stream().boxed().toList();
      for (int k = w.size() - 1; k >= 0; k--) {
        next.add(Instr.withIndex(Node.OP_LOCAL_SET, w.get(k)));
      }
      next.add(Instr.withIndex(Node.OP_LOCAL_SET, st));
      next.add(Instr.withIndex(Node.OP_BR, groups - 1 - g + r));
      code = next;
    }
    if (returns) {
      List<Node> next = new ArrayList<>();
      next.add(Struct.block(new byte[] {0x40}, FuncType.EMPTY, code));
      for (int k : ret) {
        next.add(Instr.withIndex(Node.OP_LOCAL_GET, k));
      }
      next.add(Instr.simple(Node.OP_RETURN, 0, 0));
      code = next;
    }
    Struct loop = new Struct(Node.OP_LOOP, new byte[] {0x40}, FuncType.EMPTY, code, null);
    List<Node> x = new ArrayList<>();
    List<Node> inner = nest.innermost().body;
    x.addAll(inner.subList(0, inner.size() - 1));
    x.add(Instr.call(selectorFn, SELECTOR_TYPE));
    x.add(Instr.withIndex(Node.OP_LOCAL_SET, st));
    x.add(loop);
    return Struct.block(new byte[] {0x40}, FuncType.EMPTY, x);
  }

  private static final FuncType SELECTOR_TYPE = new FuncType(List.of((byte) 0x7F), List.of((byte) 0x7F));
}
