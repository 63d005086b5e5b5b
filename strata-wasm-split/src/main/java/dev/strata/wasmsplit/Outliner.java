package dev.strata.wasmsplit;

import dev.strata.wasmsplit.Node.Instr;
import dev.strata.wasmsplit.Node.Struct;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Moves runs of instructions out of a function that is too large into new functions, until each
 * piece is at most about {@code limit} bytes of code (see docs/lint.md, "How the parser is built").
 *
 * <p>A run is a sequence of whole instructions at one nesting level, starting and ending where the
 * operand stack of that level is empty, with every block it opens closed inside it. The new
 * function takes the locals the run reads or writes as parameters and returns an exit code, then
 * every local the run writes (and, when the run can return, the return values). A branch out of the
 * run leaves the new function through an exit block with its own code; at the call site one block
 * restores the locals and branches on to where the run's branch went. A {@code br_table} whose
 * every label lies outside the run is not unrolled into one exit per label: the new function
 * returns its index, and the call site runs the same table. The locals that only a call site uses
 * (exit code, table index, return values) are not carried in or out of a later run that contains
 * that call site: it has its own.
 *
 * <p>A function larger than the hard limit has its compiler-style switch taken apart first into a
 * selector and groups of cases ({@link SwitchSplitter}); the groups are then split like any function.
 * A switch that transform does not take is cut into pieces of about the hard limit that each carry
 * their part of the dispatch table.
 *
 * <p>Functions are appended at the end of the module, so no existing function index changes.
 */
final class Outliner {
  private static final int MAX_EXITS = 16;
  /** How much smaller than the target a switch's group of cases is made, for its exit blocks. */
  private static final int SWITCH_GROUP_MARGIN = 300;
  private final ModuleBinary module;
  private final int target;
  private final int hardLimit;
  private final int minRun;
  /** The current pass: sequences larger than {@code trigger} are cut into runs of at most {@code limit}. */
  private int trigger;
  private int limit;
  /** A child larger than this never moves. */
  private int maxChild;
  private int maxDeferred;
  /** How much smaller than its run a call site must be: at least by half (true), or by half of the smallest run. */
  private boolean halve;
  int outlined;
  int switchGroups;

  /**
   * An outliner that cuts functions down to about {@code target} bytes, then, for a function still
   * larger than {@code hardLimit} (a switch whose dispatch table alone is larger than the target),
   * cuts it into pieces of about {@code hardLimit} bytes that each carry their part of the switch.
   */
  Outliner(ModuleBinary module, int target, int hardLimit, int minRun) {
    this.module = module;
    this.target = target;
    this.hardLimit = Math.max(hardLimit, target);
    this.minRun = minRun;
  }

  /** How a br_table leaves a run: not at all, through exit blocks, deferred whole or in part to the call site, or not movable. */
  private enum TableKind { INSIDE, EXITS, DEFER_ALL, DEFER_PART, UNMOVABLE }

  /** Splits defined function {@code function} when its body is larger than the limit; true when it changed. */
  boolean split(int function) {
    int slot = function - module.importedFunctions;
    byte[] raw = module.bodies.get(slot);
    if (raw.length <= target) {
      return false;
    }
    FunctionBody body = FunctionBody.decode(raw, module);
    Fn fn = new Fn(module.functionType(function), body);
    List<List<Byte>> frames = new ArrayList<>();
    frames.add(fn.type.results());
    int before = outlined;
    List<Integer> groups = List.of();
    if (raw.length > hardLimit) {
      // a switch too large for one method: a selector and groups of cases, each a function of its
      // own (SwitchSplitter); what stays is the driver that calls them
      SwitchSplitter switches = new SwitchSplitter(module, Math.max(target - SWITCH_GROUP_MARGIN, target / 2));
      if (switches.transform(fn.type, body, hardLimit)) {
        groups = List.copyOf(switches.groups);
        outlined += groups.size() + 1;
        switchGroups += groups.size();
      }
    }
    boolean empty = fn.type.results().isEmpty();
    pass(target, target, 4, false);
    reduce(body.code, frames, fn, false, empty);
    if (Node.sizeOf(body.code) > hardLimit) {
      // a switch too large for the first pass: pieces of about hardLimit bytes, each with its part
      // of the dispatch table (deferred to the call site in part)
      pass(hardLimit, hardLimit, 1024, false);
      reduce(body.code, frames, fn, false, empty);
      // then the whole switch out of the function, where a call site much smaller than the run
      // replaces it: what stays (the parser's loop) is small enough for the JIT compiler
      pass(target, hardLimit, 1024, true);
      reduce(body.code, frames, fn, false, empty);
    }
    if (outlined == before) {
      return false;
    }
    module.bodies.set(slot, body.encode());
    for (int g : groups) {
      split(g); // a group with a large case: its runs too
    }
    return true;
  }

  /** The function being split: its type, its locals, and which of them only call sites use. */
  private static final class Fn {
    final FuncType type;
    final FunctionBody body;
    final BitSet scratch = new BitSet();
    int code = -1;
    int index = -1;
    int[] ret;

    Fn(FuncType type, FunctionBody body) {
      this.type = type;
      this.body = body;
    }

    byte localType(int local) {
      int params = type.params().size();
      return local < params ? type.params().get(local) : body.locals.get(local - params);
    }

    int newScratch(byte t) {
      int local = type.params().size() + body.locals.size();
      body.locals.add(t);
      scratch.set(local);
      return local;
    }

    int codeLocal() {
      if (code < 0) {
        code = newScratch((byte) 0x7F);
      }
      return code;
    }

    int indexLocal() {
      if (index < 0) {
        index = newScratch((byte) 0x7F);
      }
      return index;
    }

    int[] retLocals() {
      if (ret == null) {
        List<Byte> r = type.results();
        ret = new int[r.size()];
        for (int i = 0; i < ret.length; i++) {
          ret[i] = newScratch(r.get(i));
        }
      }
      return ret;
    }
  }

  /** What a run (or one instruction of it) does that the outlining must carry across. */
  private static final class RunInfo {
    final BitSet reads = new BitSet();
    final BitSet writes = new BitSet();
    final TreeSet<Integer> targets = new TreeSet<>();
    int deferred;
    boolean returns;
    /** Branches out with values to a label other than the function's own: never outlined. */
    boolean unmovable;

    void add(RunInfo o) {
      reads.or(o.reads);
      writes.or(o.writes);
      targets.addAll(o.targets);
      deferred += o.deferred;
      returns |= o.returns;
      unmovable |= o.unmovable;
    }
  }

  private void pass(int trigger, int limit, int maxDeferred, boolean halve) {
    this.trigger = trigger;
    this.limit = limit;
    this.maxChild = limit;
    this.maxDeferred = maxDeferred;
    this.halve = halve;
  }

  private void reduce(List<Node> seq, List<List<Byte>> frames, Fn fn, boolean frameHasParams, boolean endsEmpty) {
    for (Node n : seq) {
      if (n instanceof Struct s) {
        frames.add(s.labelTypes());
        boolean params = !s.type.params().isEmpty();
        boolean empty = s.type.results().isEmpty();
        reduce(s.body, frames, fn, params, empty);
        if (s.elseBody != null) {
          reduce(s.elseBody, frames, fn, params, empty);
        }
        frames.remove(frames.size() - 1);
        s.changed();
      }
    }
    if (!frameHasParams && Node.sizeOf(seq) > trigger) {
      pack(seq, frames, fn, endsEmpty);
    }
  }

  private void pack(List<Node> seq, List<List<Byte>> frames, Fn fn, boolean endsEmpty) {
    int n = seq.size();
    boolean[] startOk = new boolean[n + 1];
    boolean[] endOk = new boolean[n + 1];
    boolean[] unreachable = new boolean[n + 1];
    int h = 0;
    boolean unr = false;
    for (int i = 0; ; i++) {
      startOk[i] = !unr && h == 0;
      endOk[i] = h == 0;
      unreachable[i] = unr;
      if (i == n) {
        break;
      }
      Node node = seq.get(i);
      int pops;
      int pushes;
      boolean terminal = false;
      if (node instanceof Instr in) {
        pops = in.pops();
        pushes = in.pushes();
        terminal = in.terminal();
      } else {
        Struct s = (Struct) node;
        pops = s.type.params().size() + (s.op == Node.OP_IF ? 1 : 0);
        pushes = s.type.results().size();
      }
      h -= pops;
      if (h < 0) {
        if (!unr) {
          return; // not a stack shape this splitter understands: leave the sequence as it is
        }
        h = 0;
      }
      h += pushes;
      if (terminal) {
        unr = true;
        h = 0;
      }
    }
    RunInfo[] infos = new RunInfo[n];
    for (int i = 0; i < n; i++) {
      infos[i] = new RunInfo();
      scan(seq.get(i), 0, frames, infos[i]);
      // a child too large for any run, or one that would need many exits (a switch's dispatch table
      // with labels at many depths) stays where it is; runs form around it
      if (seq.get(i).size() > maxChild || infos[i].targets.size() > MAX_EXITS || infos[i].deferred > maxDeferred) {
        infos[i].unmovable = true;
      }
    }
    List<Node> out = new ArrayList<>(n);
    int i = 0;
    boolean changed = false;
    while (i < n) {
      if (!startOk[i] || infos[i].unmovable) {
        out.add(seq.get(i++));
        continue;
      }
      int acc = 0;
      int j = i;
      int end = -1;
      while (j < n && !infos[j].unmovable) {
        int s = seq.get(j).size();
        if (end >= 0 && acc + s > limit) {
          break;
        }
        acc += s;
        j++;
        if (endOk[j]) {
          end = j;
        }
      }
      if (end < 0) {
        out.add(seq.get(i++));
        continue;
      }
      List<Node> run = seq.subList(i, end);
      // after a run that ends unreachable, the call site ends with unreachable too, unless nothing
      // but the end of a frame without results follows
      boolean needsUnreachable = unreachable[end] && !(end == n && endsEmpty);
      List<Node> callSite = Node.sizeOf(run) >= minRun
          ? outline(run, infos, i, frames, fn, unreachable[end], needsUnreachable) : null;
      if (callSite != null) {
        out.addAll(callSite);
        changed = true;
      } else {
        out.addAll(run);
      }
      i = end;
    }
    if (changed) {
      seq.clear();
      seq.addAll(out);
    }
  }

  private static boolean isFunctionFrame(int t, List<List<Byte>> frames) {
    return t == frames.size() - 1;
  }

  private static List<Byte> labelTypes(int t, List<List<Byte>> frames) {
    if (t >= frames.size()) {
      throw new WasmFormatException("branch depth beyond the function");
    }
    return frames.get(frames.size() - 1 - t);
  }

  private static TableKind classify(int[] labels, int nesting, List<List<Byte>> frames) {
    boolean inside = false;
    boolean out = false;
    boolean function = false;
    TreeSet<Integer> targets = new TreeSet<>();
    for (int l : labels) {
      if (l < nesting) {
        inside = true;
        continue;
      }
      out = true;
      int t = l - nesting;
      if (isFunctionFrame(t, frames)) {
        function = true;
      } else if (!labelTypes(t, frames).isEmpty()) {
        return TableKind.UNMOVABLE;
      } else {
        targets.add(t);
      }
    }
    if (!out) {
      return TableKind.INSIDE;
    }
    if (!function && !inside) {
      return TableKind.DEFER_ALL;
    }
    if (targets.size() <= MAX_EXITS) {
      return TableKind.EXITS;
    }
    return function ? TableKind.UNMOVABLE : TableKind.DEFER_PART;
  }

  private static void scan(Node node, int nesting, List<List<Byte>> frames, RunInfo info) {
    if (node instanceof Struct s) {
      for (Node c : s.body) {
        scan(c, nesting + 1, frames, info);
      }
      if (s.elseBody != null) {
        for (Node c : s.elseBody) {
          scan(c, nesting + 1, frames, info);
        }
      }
      return;
    }
    Instr in = (Instr) node;
    switch (in.op()) {
      case Node.OP_LOCAL_GET -> info.reads.set(in.index());
      case Node.OP_LOCAL_SET, Node.OP_LOCAL_TEE -> info.writes.set(in.index());
      case Node.OP_RETURN -> info.returns = true;
      case Node.OP_BR, Node.OP_BR_IF -> outward(in.index(), nesting, frames, info);
      case Node.OP_BR_TABLE -> {
        switch (classify(in.labels(), nesting, frames)) {
          case DEFER_ALL, DEFER_PART -> info.deferred++;
          case EXITS -> {
            for (int l : in.labels()) {
              outward(l, nesting, frames, info);
            }
          }
          case UNMOVABLE -> info.unmovable = true;
          case INSIDE -> { }
        }
      }
      default -> { }
    }
  }

  private static void outward(int depth, int nesting, List<List<Byte>> frames, RunInfo info) {
    if (depth < nesting) {
      return;
    }
    int t = depth - nesting;
    if (isFunctionFrame(t, frames)) {
      info.returns = true;
    } else if (!labelTypes(t, frames).isEmpty()) {
      info.unmovable = true;
    } else {
      info.targets.add(t);
    }
  }

  /** How the run's own branches are rewritten inside the new function. */
  private static final class Exits {
    final List<Integer> targets;
    final int deferred;
    final boolean returns;
    final int wrappers;
    final int[] local;
    final int code;
    final int index;
    final List<int[]> tables = new ArrayList<>();
    final List<List<Byte>> frames;

    Exits(RunInfo info, int[] local, int code, int index, List<List<Byte>> frames) {
      this.targets = new ArrayList<>(info.targets);
      this.deferred = info.deferred;
      this.returns = info.returns;
      this.wrappers = deferred + targets.size() + (returns ? 1 : 0) + 1;
      this.local = local;
      this.code = code;
      this.index = index;
      this.frames = frames;
    }

    int retWrapper() {
      return deferred + targets.size();
    }

    int wrapperOf(int t) {
      return isFunctionFrame(t, frames) ? retWrapper() : deferred + targets.indexOf(t);
    }
  }

  /** Outlines {@code run}; returns the nodes of its call site, or null when that would not make the code smaller. */
  private List<Node> outline(List<Node> run, RunInfo[] infos, int first, List<List<Byte>> frames, Fn fn,
      boolean endsUnreachable, boolean needsUnreachable) {
    RunInfo info = new RunInfo();
    for (int k = 0; k < run.size(); k++) {
      info.add(infos[first + k]);
    }
    if (info.unmovable || info.targets.size() > MAX_EXITS || info.deferred > maxDeferred) {
      return null;
    }
    BitSet used = (BitSet) info.reads.clone();
    used.or(info.writes);
    BitSet carried = (BitSet) used.clone();
    carried.andNot(fn.scratch);
    BitSet written = (BitSet) info.writes.clone();
    written.andNot(fn.scratch);
    BitSet ownScratch = (BitSet) used.clone();
    ownScratch.and(fn.scratch);

    // the new function's locals: the carried ones as parameters, then the call sites' scratch ones, then its own
    int maxLocal = used.length();
    int[] map = new int[Math.max(maxLocal, 1)];
    List<Byte> params = new ArrayList<>();
    List<Byte> locals = new ArrayList<>();
    for (int l = carried.nextSetBit(0); l >= 0; l = carried.nextSetBit(l + 1)) {
      map[l] = params.size();
      params.add(fn.localType(l));
    }
    for (int l = ownScratch.nextSetBit(0); l >= 0; l = ownScratch.nextSetBit(l + 1)) {
      map[l] = params.size() + locals.size();
      locals.add(fn.localType(l));
    }
    int code = params.size() + locals.size();
    locals.add((byte) 0x7F);
    int index = -1;
    if (info.deferred > 0) {
      index = params.size() + locals.size();
      locals.add((byte) 0x7F);
    }
    List<Byte> retTypes = fn.type.results();
    int retBase = params.size() + locals.size();
    if (info.returns) {
      locals.addAll(retTypes);
    }
    List<Byte> results = new ArrayList<>();
    results.add((byte) 0x7F);
    if (info.deferred > 0) {
      results.add((byte) 0x7F);
    }
    for (int l = written.nextSetBit(0); l >= 0; l = written.nextSetBit(l + 1)) {
      results.add(fn.localType(l));
    }
    if (info.returns) {
      results.addAll(retTypes);
    }
    FuncType type = new FuncType(params, results);

    Exits exits = new Exits(info, map, code, index, frames);
    List<Node> inner = new ArrayList<>();
    for (Node node : run) {
      rewrite(node, 0, exits, inner);
    }
    if (exits.tables.size() != exits.deferred) {
      throw new IllegalStateException("deferred tables miscounted");
    }
    int common = exits.wrappers - 1;
    inner.add(Instr.i32Const(0));
    inner.add(Instr.withIndex(Node.OP_LOCAL_SET, code));
    inner.add(Instr.withIndex(Node.OP_BR, common));
    int nTargets = exits.targets.size();
    for (int k = 0; k < exits.wrappers - 1; k++) {
      boolean isRet = exits.returns && k == exits.retWrapper();
      byte[] bt = isRet ? blockType(retTypes) : new byte[] {0x40};
      FuncType btType = isRet ? new FuncType(List.of(), retTypes) : FuncType.EMPTY;
      List<Node> next = new ArrayList<>();
      next.add(Struct.block(bt, btType, inner));
      if (isRet) {
        for (int r = retTypes.size() - 1; r >= 0; r--) {
          next.add(Instr.withIndex(Node.OP_LOCAL_SET, retBase + r));
        }
        next.add(Instr.i32Const(nTargets + exits.deferred + 1));
        next.add(Instr.withIndex(Node.OP_LOCAL_SET, code));
      } else {
        int exitCode = k < exits.deferred ? nTargets + 1 + k : k - exits.deferred + 1;
        next.add(Instr.i32Const(exitCode));
        next.add(Instr.withIndex(Node.OP_LOCAL_SET, code));
        next.add(Instr.withIndex(Node.OP_BR, common - (k + 1)));
      }
      inner = next;
    }
    List<Node> newCode = new ArrayList<>();
    newCode.add(Struct.block(new byte[] {0x40}, FuncType.EMPTY, inner));
    newCode.add(Instr.withIndex(Node.OP_LOCAL_GET, code));
    if (index >= 0) {
      newCode.add(Instr.withIndex(Node.OP_LOCAL_GET, index));
    }
    for (int l = written.nextSetBit(0); l >= 0; l = written.nextSetBit(l + 1)) {
      newCode.add(Instr.withIndex(Node.OP_LOCAL_GET, map[l]));
    }
    if (info.returns) {
      for (int r = 0; r < retTypes.size(); r++) {
        newCode.add(Instr.withIndex(Node.OP_LOCAL_GET, retBase + r));
      }
    }

    // the call site, in the function being split
    int newIndex = module.functionTypes.size();
    List<Node> site = exits.deferred == 0 && !info.returns && nTargets <= 1
        ? shortCallSite(carried, written, newIndex, type, exits, endsUnreachable, needsUnreachable)
        : callSite(carried, written, newIndex, type, exits, fn, needsUnreachable);
    int runSize = Node.sizeOf(run);
    if (halve ? 2 * Node.sizeOf(site) > runSize : Node.sizeOf(site) + minRun / 2 > runSize) {
      return null; // nothing appended to the module; scratch locals just allocated stay unused
    }
    FunctionBody newBody = new FunctionBody(locals, newCode);
    int added = module.addFunction(type, newBody.encode());
    if (added != newIndex) {
      throw new IllegalStateException("function index moved");
    }
    outlined++;
    return site;
  }

  /** The call site in general: a block that restores the locals and dispatches on the exit code. */
  private static List<Node> callSite(BitSet carried, BitSet written, int newIndex, FuncType type, Exits exits, Fn fn,
      boolean needsUnreachable) {
    int nTargets = exits.targets.size();
    List<Node> cs = new ArrayList<>();
    for (int l = carried.nextSetBit(0); l >= 0; l = carried.nextSetBit(l + 1)) {
      cs.add(Instr.withIndex(Node.OP_LOCAL_GET, l));
    }
    cs.add(Instr.call(newIndex, type));
    int cCode = fn.codeLocal();
    int cIndex = exits.deferred > 0 ? fn.indexLocal() : -1;
    int[] cRet = exits.returns ? fn.retLocals() : new int[0];
    for (int r = cRet.length - 1; r >= 0; r--) {
      cs.add(Instr.withIndex(Node.OP_LOCAL_SET, cRet[r]));
    }
    List<Integer> writtenList = written.stream().boxed().toList();
    for (int w = writtenList.size() - 1; w >= 0; w--) {
      cs.add(Instr.withIndex(Node.OP_LOCAL_SET, writtenList.get(w)));
    }
    if (cIndex >= 0) {
      cs.add(Instr.withIndex(Node.OP_LOCAL_SET, cIndex));
    }
    cs.add(Instr.withIndex(Node.OP_LOCAL_SET, cCode));
    for (int s = 0; s < exits.deferred; s++) {
      int[] t = exits.tables.get(s);
      int[] labels = new int[t.length];
      for (int k = 0; k < t.length; k++) {
        labels[k] = t[k] < 0 ? 0 : t[k] + 2;
      }
      cs.add(Instr.withIndex(Node.OP_LOCAL_GET, cCode));
      cs.add(Instr.i32Const(nTargets + 1 + s));
      cs.add(Instr.simple(Node.OP_I32_EQ, 2, 1));
      cs.add(Struct.emptyIf(Node.list(Instr.withIndex(Node.OP_LOCAL_GET, cIndex), Instr.brTable(labels))));
    }
    if (exits.returns) {
      cs.add(Instr.withIndex(Node.OP_LOCAL_GET, cCode));
      cs.add(Instr.i32Const(nTargets + exits.deferred + 1));
      cs.add(Instr.simple(Node.OP_I32_EQ, 2, 1));
      List<Node> ret = new ArrayList<>();
      for (int r : cRet) {
        ret.add(Instr.withIndex(Node.OP_LOCAL_GET, r));
      }
      ret.add(Instr.simple(Node.OP_RETURN, 0, 0));
      cs.add(Struct.emptyIf(ret));
    }
    if (nTargets == 1) {
      cs.add(Instr.withIndex(Node.OP_LOCAL_GET, cCode));
      cs.add(Instr.withIndex(Node.OP_BR_IF, exits.targets.get(0) + 1));
    } else if (nTargets > 1) {
      // codes 1..n: every label of this table lies outside the call site, so a later run that
      // contains this call site defers it instead of unrolling it
      int[] labels = new int[nTargets + 1];
      for (int k = 0; k < nTargets; k++) {
        labels[k] = exits.targets.get(k) + 2;
      }
      labels[nTargets] = labels[nTargets - 1];
      cs.add(Instr.withIndex(Node.OP_LOCAL_GET, cCode));
      cs.add(Struct.emptyIf(Node.list(Instr.withIndex(Node.OP_LOCAL_GET, cCode), Instr.i32Const(1),
          Instr.simple(0x6B, 2, 1), Instr.brTable(labels))));
    }
    List<Node> site = new ArrayList<>();
    site.add(Struct.block(new byte[] {0x40}, FuncType.EMPTY, cs));
    if (needsUnreachable) {
      site.add(Instr.simple(Node.OP_UNREACHABLE, 0, 0));
    }
    return site;
  }

  /**
   * The call site of a run with at most one way out besides falling through, and no return: the
   * exit code stays on the operand stack under the written locals and a br_if (or br, or drop)
   * consumes it. No instruction boundary inside it has an empty stack, so no later run splits it.
   */
  private static List<Node> shortCallSite(BitSet carried, BitSet written, int newIndex, FuncType type, Exits exits,
      boolean endsUnreachable, boolean needsUnreachable) {
    List<Node> cs = new ArrayList<>();
    for (int l = carried.nextSetBit(0); l >= 0; l = carried.nextSetBit(l + 1)) {
      cs.add(Instr.withIndex(Node.OP_LOCAL_GET, l));
    }
    cs.add(Instr.call(newIndex, type));
    List<Integer> writtenList = written.stream().boxed().toList();
    for (int w = writtenList.size() - 1; w >= 0; w--) {
      cs.add(Instr.withIndex(Node.OP_LOCAL_SET, writtenList.get(w)));
    }
    if (exits.targets.isEmpty()) {
      cs.add(Instr.simple(0x1A, 1, 0));
      if (needsUnreachable) {
        cs.add(Instr.simple(Node.OP_UNREACHABLE, 0, 0));
      }
    } else if (endsUnreachable) {
      cs.add(Instr.withIndex(Node.OP_BR, exits.targets.get(0)));
    } else {
      cs.add(Instr.withIndex(Node.OP_BR_IF, exits.targets.get(0)));
    }
    return cs;
  }

  private byte[] blockType(List<Byte> results) {
    if (results.isEmpty()) {
      return new byte[] {0x40};
    }
    if (results.size() == 1) {
      return new byte[] {results.get(0)};
    }
    return new Bytes.Writer().s64(module.typeIndex(new FuncType(List.of(), results))).toByteArray();
  }

  private static void rewrite(Node node, int nesting, Exits x, List<Node> out) {
    if (node instanceof Struct s) {
      List<Node> body = new ArrayList<>(s.body.size());
      for (Node c : s.body) {
        rewrite(c, nesting + 1, x, body);
      }
      List<Node> elseBody = null;
      if (s.elseBody != null) {
        elseBody = new ArrayList<>(s.elseBody.size());
        for (Node c : s.elseBody) {
          rewrite(c, nesting + 1, x, elseBody);
        }
      }
      out.add(new Struct(s.op, s.blockType, s.type, body, elseBody));
      return;
    }
    Instr in = (Instr) node;
    switch (in.op()) {
      case Node.OP_LOCAL_GET, Node.OP_LOCAL_SET, Node.OP_LOCAL_TEE -> out.add(Instr.withIndex(in.op(), x.local[in.index()]));
      case Node.OP_RETURN -> out.add(Instr.withIndex(Node.OP_BR, nesting + x.retWrapper()));
      case Node.OP_BR, Node.OP_BR_IF -> {
        int d = in.index();
        out.add(d < nesting ? in : Instr.withIndex(in.op(), nesting + x.wrapperOf(d - nesting)));
      }
      case Node.OP_BR_TABLE -> {
        int[] labels = in.labels();
        TableKind kind = classify(labels, nesting, x.frames);
        if (kind == TableKind.DEFER_ALL || kind == TableKind.DEFER_PART) {
          // the call site runs the table again on the same index, for the labels outside the run;
          // labels inside the run are never taken there (-1)
          int s = x.tables.size();
          int[] t = new int[labels.length];
          int[] mapped = new int[labels.length];
          for (int k = 0; k < labels.length; k++) {
            t[k] = labels[k] < nesting ? -1 : labels[k] - nesting;
            mapped[k] = labels[k] < nesting ? labels[k] : nesting + s;
          }
          x.tables.add(t);
          if (kind == TableKind.DEFER_ALL) {
            out.add(Instr.withIndex(Node.OP_LOCAL_SET, x.index));
            out.add(Instr.withIndex(Node.OP_BR, nesting + s));
          } else {
            out.add(Instr.withIndex(Node.OP_LOCAL_TEE, x.index));
            out.add(Instr.brTable(mapped));
          }
        } else {
          int[] mapped = new int[labels.length];
          for (int k = 0; k < labels.length; k++) {
            mapped[k] = labels[k] < nesting ? labels[k] : nesting + x.wrapperOf(labels[k] - nesting);
          }
          out.add(Instr.brTable(mapped));
        }
      }
      default -> out.add(in);
    }
  }
}
