package dev.strata.lint.parse;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ImportSection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's own parser, libpg_query 17 (the npm package {@code libpg-query}, built to
 * WebAssembly by emscripten), running on the pure-Java Chicory runtime. The build downloads the
 * pinned package, checks its SHA-256, splits the functions too large for a JVM method
 * (strata-wasm-split) and compiles the module to JVM bytecode ({@code LibPgQueryModule},
 * generated); nothing native is loaded and nothing is interpreted.
 *
 * <p>The module imports fifteen emscripten host functions under minified names. Only three do real
 * work: {@code fd_write} (swallowed), {@code emscripten_resize_heap} (grows the memory) and the
 * {@code invoke_*} trampolines with {@code __emscripten_throw_longjmp}, which emulate the C
 * {@code longjmp} that PostgreSQL's parser uses to report a syntax error: the throw is a Java
 * exception, caught by the nearest {@code invoke_*}, which restores the stack pointer and sets
 * the "threw" flag the way emscripten's JavaScript glue does.
 *
 * <p>One instance is single-threaded; {@link #parse} is synchronized. Creating one costs about
 * a tenth of a second, so callers keep one ({@link #shared()}).
 */
public final class PgQuery {

  /** What the parser made of one SQL text: libpg_query's JSON tree, or PostgreSQL's error. */
  public record Result(String json, String error, int errorPosition) {
    public boolean ok() {
      return error == null;
    }
  }

  /** emscripten's longjmp, thrown through the compiled module up to the nearest invoke_*. */
  private static final class LongJump extends RuntimeException {
    LongJump() {
      super(null, null, false, false);
    }
  }

  private static volatile PgQuery shared;

  private final Instance instance;
  private final Memory memory;
  private final ExportFunction parseRaw;
  private final ExportFunction malloc;
  private final ExportFunction free;
  private final ExportFunction freeParseResult;
  private final ExportFunction setThrew;
  private final ExportFunction stackRestore;
  private final ExportFunction stackCurrent;

  private PgQuery() {
    this(LibPgQueryModule.load(), LibPgQueryModule::create);
  }

  /**
   * A parser over {@code module} (libpg_query's module, split or not) whose functions run on the
   * machines {@code machines} makes, or on Chicory's interpreter when it is null (tests compare
   * the compiled, split module with the original one interpreted).
   */
  PgQuery(WasmModule module, java.util.function.Function<Instance, com.dylibso.chicory.runtime.Machine> machines) {
    Holder self = new Holder();
    ImportValues.Builder imports = ImportValues.builder();
    ImportSection section = module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      if (section.getImport(i) instanceof FunctionImport fi) {
        FunctionType type = module.typeSection().getType(fi.typeIndex());
        imports.addFunction(new HostFunction(fi.module(), fi.name(), type, host(fi.name(), self)));
      }
    }
    Instance.Builder builder = Instance.builder(module).withImportValues(imports.build())
        .withMemoryLimits(initialMemory(module));
    if (machines != null) {
      builder.withMachineFactory(machines);
    }
    this.instance = builder.build();
    self.value = this;
    this.memory = instance.memory();
    this.parseRaw = instance.export("r");
    this.malloc = instance.export("s");
    this.free = instance.export("u");
    this.freeParseResult = instance.export("v");
    this.setThrew = instance.export("x");
    this.stackRestore = instance.export("y");
    this.stackCurrent = instance.export("z");
    instance.export("q").apply(); // __wasm_call_ctors
  }

  /**
   * The memory to start with: the static data and the stack (which ends where the module's first
   * global, the stack pointer, starts) plus 4 MiB of heap, instead of the 128 MiB emscripten
   * declares, which Chicory allocates and zero-fills at every instantiation (~0.3 s). The heap
   * grows on demand through {@code emscripten_resize_heap}, as on the web.
   */
  private static com.dylibso.chicory.wasm.types.MemoryLimits initialMemory(WasmModule module) {
    com.dylibso.chicory.wasm.types.MemoryLimits declared = module.memorySection().orElseThrow().getMemory(0).limits();
    List<com.dylibso.chicory.wasm.types.Instruction> init = module.globalSection().getGlobal(0).initInstructions();
    long stackTop = init.isEmpty() ? Long.MAX_VALUE : init.get(0).operand(0);
    long pages = Math.min(declared.initialPages(), (stackTop + (4L << 20) + 65535) / 65536);
    return new com.dylibso.chicory.wasm.types.MemoryLimits((int) pages, declared.maximumPages());
  }

  private static final class Holder {
    PgQuery value;
  }

  /** The process-wide parser, created on first use. */
  public static PgQuery shared() {
    PgQuery p = shared;
    if (p == null) {
      synchronized (PgQuery.class) {
        p = shared;
        if (p == null) {
          p = new PgQuery();
          shared = p;
        }
      }
    }
    return p;
  }

  /**
   * Parses {@code sql} (one or more statements). The error position is the 1-based character
   * offset PostgreSQL reports, or 0 when it reports none.
   */
  public synchronized Result parse(String sql) {
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    int ptr = (int) malloc.apply(bytes.length + 1)[0];
    int result = 0;
    try {
      memory.write(ptr, bytes);
      memory.writeByte(ptr + bytes.length, (byte) 0);
      result = (int) parseRaw.apply(ptr)[0];
      if (result == 0) {
        return new Result(null, "the parser ran out of memory", 0);
      }
      int tree = memory.readInt(result);
      int error = memory.readInt(result + 8);
      if (error != 0) {
        int messagePtr = memory.readInt(error);
        String message = messagePtr == 0 ? "syntax error" : memory.readCString(messagePtr);
        int cursor = memory.readInt(error + 16);
        return new Result(null, message, charPosition(bytes, cursor));
      }
      return new Result(memory.readCString(tree), null, 0);
    } finally {
      if (result != 0) {
        freeParseResult.apply(result);
      }
      free.apply(ptr);
    }
  }

  /** PostgreSQL's cursor position counts bytes (1-based); turn it into characters. */
  private static int charPosition(byte[] utf8, int bytePos) {
    if (bytePos <= 0) {
      return 0;
    }
    int limit = Math.min(bytePos - 1, utf8.length);
    return new String(utf8, 0, limit, StandardCharsets.UTF_8).length() + 1;
  }

  private static com.dylibso.chicory.runtime.WasmFunctionHandle host(String name, Holder self) {
    return switch (name) {
      // invoke_i, invoke_ii, invoke_iii, invoke_v: call a table entry, catching a longjmp
      case "i", "a", "o", "h" -> (inst, args) -> self.value.invoke(inst, args, !name.equals("h"));
      case "k" -> (inst, args) -> {
        throw new LongJump();
      };
      case "l" -> (inst, args) -> new long[] {resizeHeap(inst.memory(), args[0])};
      case "c" -> (inst, args) -> { // fd_write(fd, iov, iovcnt, pnum): swallow, report all written
        Memory m = inst.memory();
        int iov = (int) args[1];
        long total = 0;
        for (int i = 0; i < args[2]; i++) {
          total += m.readInt(iov + 8 * i + 4) & 0xffffffffL;
        }
        m.writeI32((int) args[3], (int) total);
        return new long[] {0};
      };
      case "m" -> (inst, args) -> { // fd_read: end of file
        inst.memory().writeI32((int) args[3], 0);
        return new long[] {0};
      };
      case "d", "j" -> (inst, args) -> new long[] {0};
      case "n" -> (inst, args) -> new long[] {70}; // fd_seek: ESPIPE
      case "f" -> (inst, args) -> null;
      default -> (inst, args) -> { // abort, exit, proc_exit
        throw new IllegalStateException("libpg_query aborted");
      };
    };
  }

  private long[] invoke(Instance inst, long[] args, boolean returns) {
    long sp = stackCurrent.apply()[0];
    int function = inst.table(0).requiredRef((int) args[0]);
    long[] rest = new long[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    try {
      long[] r = inst.getMachine().call(function, rest);
      return returns ? (r == null || r.length == 0 ? new long[] {0} : r) : null;
    } catch (RuntimeException e) {
      if (!isLongJump(e)) {
        throw e;
      }
      stackRestore.apply(sp);
      setThrew.apply(1, 0);
      return returns ? new long[] {0} : null;
    }
  }

  private static boolean isLongJump(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LongJump) {
        return true;
      }
    }
    return false;
  }

  private static long resizeHeap(Memory m, long requested) {
    long current = (long) m.pages() * 65536L;
    if (requested <= current) {
      return 1;
    }
    long wantedPages = (requested + 65535) / 65536;
    int grow = (int) Math.max(wantedPages - m.pages(), Math.max(16, m.pages() / 4));
    if (m.grow(grow) >= 0) {
      return 1;
    }
    return m.grow((int) (wantedPages - m.pages())) >= 0 ? 1 : 0;
  }

  private static final ThreadLocal<PgQuery> PER_THREAD = ThreadLocal.withInitial(PgQuery::new);

  /** Parses with the calling thread's own instance (created on its first call). */
  public static Result parseWithAny(String sql) {
    return PER_THREAD.get().parse(sql);
  }

  /** The names of the functions the module imports (for tests and diagnostics). */
  static List<String> importNames() {
    WasmModule module = LibPgQueryModule.load();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      names.add(module.importSection().getImport(i).module() + "." + module.importSection().getImport(i).name());
    }
    return names;
  }
}
